package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.dec4j.testkit.ToyObjective.Flaw;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ObjectiveTestKitTest {

  @TestFactory
  Stream<DynamicNode> aCorrectObjectivePassesEveryCheckAsDynamicTests() {
    return ObjectiveTestKit.objective(new ToyObjective()).tests();
  }

  @Test
  void aCorrectObjectivePassesAndClustersTheFixture() {
    ContractResults results = ObjectiveTestKit.objective(new ToyObjective()).execute();
    results.assertNoFailures();
    assertEquals(0, results.skipped(), results.toString());
    HarnessRun run = ObjectiveHarness.run(new ToyObjective(), Fixture.small(), java.util.Map.of(), 3);
    assertTrue(run.ari(Fixture.small()) >= 0.9, "ARI " + run.ari(Fixture.small()));
    assertTrue(run.converged(), "converges on well-separated blobs");
  }

  @Test
  void eachFlawFailsItsOwnCheckAndTheOthersStillRun() {
    expectFailure(Flaw.LABEL_OUT_OF_RANGE, ObjectiveTestKit.LABELS, "labels must be in [0, 3)");
    expectFailure(Flaw.NAN_LOSS, ObjectiveTestKit.LOSSES, "loss at iteration 3 is NaN");
    expectFailure(Flaw.GLOBAL_STATE, ObjectiveTestKit.SAME_SEED, "different labels");
    expectFailure(Flaw.NO_GRADIENT, ObjectiveTestKit.GRADIENTS, "[centroids] have no gradient");
    expectFailure(Flaw.FUTURE_API, MetadataChecks.API, "declares API " + (org.dec4j.api.Dec4jApi.VERSION + 1));
    expectFailure(Flaw.NO_DESCRIPTION, MetadataChecks.INFO, "no description");
    expectFailure(Flaw.RESTORE_REORDERS, ObjectiveTestKit.RESTORE, "get another label");
    expectFailure(Flaw.WRONG_SUBSET_LENGTH, ObjectiveTestKit.SUBSET, "returned 200 labels for 17 points");
  }

  @Test
  void stateKeptWithoutKeepIsFreedAsInTheRuntime() {
    ContractResults r = ObjectiveTestKit.objective(new ToyObjective(Flaw.FORGETS_KEEP)).execute();
    Outcome o = r.check(ObjectiveTestKit.LABELS).outcome();
    Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, o, r.toString());
    assertTrue(f.message().contains("objective 'toy' threw in"), f.message());
    assertInstanceOf(Outcome.Passed.class, r.check(MetadataChecks.DEFAULTS).outcome());
    AssertionError e = assertThrows(AssertionError.class, r::assertNoFailures);
    assertTrue(e.getMessage().contains("objective 'toy' breaks the dec4j plugin contract"), e.getMessage());
  }

  @Test
  void badValuesAreDerivedFromTheDeclarations() {
    var batch = org.dec4j.api.objective.CommonHyperparameters.batchSize(10);
    assertEquals(List.of("0", "1048577", "not-a-number", "1.5"), MetadataChecks.badValues(batch));
    var lr = org.dec4j.api.HyperParameter.ofReal("lr", 0.1, 0, 1, "x");
    assertEquals(List.of("-0.001", "1.5", "not-a-number", "NaN"), MetadataChecks.badValues(lr));
  }

  private static void expectFailure(Flaw flaw, String check, String fragment) {
    ContractResults r = ObjectiveTestKit.objective(new ToyObjective(flaw)).execute();
    Outcome o = r.check(check).outcome();
    Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, o, flaw + ": " + r);
    assertTrue(f.message().contains(fragment), flaw + ": " + f.message());
    assertEquals(1, r.failures().size(), flaw + " should break one check only: " + r);
  }
}
