package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.testkit.MiniDec.Flaw;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ObjectiveTestKitTest {

  /**
   * A bug planted in a small objective, the check that must catch it with a message saying what to
   * fix, and the other checks the same bug may also fail (its consequences), no more.
   */
  private record Planted(
      String bug,
      ClusteringObjective objective,
      String check,
      String fragment,
      Set<String> alsoFails) {}

  private static final String LEARNS = BehaviourChecks.LEARNS;
  private static final String MOVES = BehaviourChecks.TRAINING_MOVES;

  private static List<Planted> planted() {
    return List.of(
        // The bug classes an outside author's plugin slipped past the first kit (issue 23).
        new Planted(
            "gradients stopped at the centroids",
            new MiniDec(Flaw.STOPPED_GRADIENT),
            BehaviourChecks.GRADIENT_FLOW,
            "parameters() 'centroids' never received a non-zero gradient",
            Set.of(MOVES, LEARNS)),
        new Planted(
            "the centroids not returned by parameters()",
            new MiniDec(Flaw.CENTROIDS_NOT_IN_PARAMETERS),
            BehaviourChecks.GRADIENT_FLOW,
            "receives a gradient but is not in parameters()",
            Set.of(MOVES, LEARNS)),
        new Planted(
            "an unseeded Random inside refresh()",
            new MiniDec(Flaw.UNSEEDED_RANDOM_IN_REFRESH),
            ObjectiveTestKit.SAME_SEED,
            "two runs with seed 7 differ: the loss at iteration",
            Set.of(BehaviourChecks.RESUME)),
        new Planted(
            "a NaN loss in a batch with no contributing sample",
            new MiniDec(Flaw.NAN_WITHOUT_CONTRIBUTING_SAMPLE),
            BehaviourChecks.EDGES,
            "equidistant from all centroids (no cluster prefers them): the loss is NaN",
            Set.of()),
        new Planted(
            "a hyperparameter ignored",
            new MiniDec(Flaw.IGNORED_HYPERPARAMETER),
            BehaviourChecks.USED,
            "changing alpha (1.0 -> 0.1 and 100.0) changed nothing",
            Set.of()),
        new Planted(
            "the loss's sign flipped",
            new MiniDec(Flaw.FLIPPED_SIGN),
            LEARNS,
            "training made the clustering worse than its k-means start",
            Set.of()),
        new Planted(
            "saveState() leaving out the target",
            new MiniDec(Flaw.STATE_WITHOUT_TARGET),
            BehaviourChecks.RESUME,
            "threw in loss() at iteration 90 (after saveState() at iteration 90 and"
                + " restoreState() in a new session): java.lang.IllegalStateException: loss() called before the first"
                + " refresh()",
            Set.of()),
        new Planted(
            "a hyperparameter declared with an infinite bound",
            new MiniDec(Flaw.INFINITE_BOUND),
            MetadataChecks.BOUNDS,
            "alpha is declared with bounds [0.1, Infinity]: give finite ones",
            Set.of()),
        new Planted(
            "a NaN diagnostic",
            new MiniDec(Flaw.NAN_DIAGNOSTIC),
            BehaviourChecks.DIAGNOSTICS,
            "diagnostic 'confident_fraction' is NaN at iteration 0",
            Set.of()),
        new Planted(
            "a learning-rate range that includes diverging values",
            new ToyObjective(ToyObjective.Flaw.LR_RANGE_TOO_WIDE),
            BehaviourChecks.EXTREMES,
            "lr = 1.0 (its declared max): the loss at iteration",
            Set.of()),
        new Planted(
            "centroids() returning a copy taken at initialize()",
            new ToyObjective(ToyObjective.Flaw.STALE_CENTROIDS),
            MOVES,
            "centroids() did not change over",
            Set.of(ObjectiveTestKit.RESTORE, BehaviourChecks.RESUME)),
        // The shape checks of the first kit.
        new Planted(
            "a label out of range",
            new ToyObjective(ToyObjective.Flaw.LABEL_OUT_OF_RANGE),
            ObjectiveTestKit.LABELS,
            "labels must be in [0, 3)",
            Set.of(BehaviourChecks.EXTREMES)),
        new Planted(
            "a NaN loss",
            new ToyObjective(ToyObjective.Flaw.NAN_LOSS),
            ObjectiveTestKit.LOSSES,
            "loss at iteration 3 is NaN",
            Set.of(BehaviourChecks.EXTREMES, LEARNS)),
        new Planted(
            "cluster numbers from global state",
            new ToyObjective(ToyObjective.Flaw.GLOBAL_STATE),
            ObjectiveTestKit.SAME_SEED,
            "two runs with seed 7 differ: refresh() #1 gave different labels",
            Set.of(BehaviourChecks.RESUME)),
        new Planted(
            "centroids without a gradient",
            new ToyObjective(ToyObjective.Flaw.NO_GRADIENT),
            ObjectiveTestKit.GRADIENTS,
            "[centroids] have no gradient",
            Set.of(MOVES, BehaviourChecks.RESUME)),
        new Planted(
            "a future API level",
            new ToyObjective(ToyObjective.Flaw.FUTURE_API),
            MetadataChecks.API,
            "declares API " + (org.dec4j.api.Dec4jApi.VERSION + 1),
            Set.of()),
        new Planted(
            "no description",
            new ToyObjective(ToyObjective.Flaw.NO_DESCRIPTION),
            MetadataChecks.INFO,
            "no description",
            Set.of()),
        new Planted(
            "restoreCentroids() reordering the centroids",
            new ToyObjective(ToyObjective.Flaw.RESTORE_REORDERS),
            ObjectiveTestKit.RESTORE,
            "get another label",
            Set.of()),
        new Planted(
            "assign() ignoring its input's size",
            new ToyObjective(ToyObjective.Flaw.WRONG_SUBSET_LENGTH),
            ObjectiveTestKit.SUBSET,
            "returned 200 labels for 17 points",
            Set.of()),
        new Planted(
            "state kept without context.keep()",
            new ToyObjective(ToyObjective.Flaw.FORGETS_KEEP),
            ObjectiveTestKit.LABELS,
            "used a released array in centroids() after initialize()",
            Set.of(
                // every check that needs a run fails alike
                ObjectiveTestKit.SUBSET,
                ObjectiveTestKit.LOSSES,
                ObjectiveTestKit.CENTROIDS,
                ObjectiveTestKit.SOFT,
                ObjectiveTestKit.GRADIENTS,
                ObjectiveTestKit.RESTORE,
                ObjectiveTestKit.SAME_SEED,
                ObjectiveTestKit.JSON,
                BehaviourChecks.GRADIENT_FLOW,
                MOVES,
                LEARNS,
                BehaviourChecks.EDGES,
                BehaviourChecks.RESUME,
                BehaviourChecks.EXTREMES,
                BehaviourChecks.USED,
                BehaviourChecks.DIAGNOSTICS)));
  }

  @TestFactory
  Stream<DynamicNode> aCorrectObjectivePassesEveryCheckAsDynamicTests() {
    return ObjectiveTestKit.objective(new ToyObjective()).tests();
  }

  @Test
  void correctObjectivesPassEveryCheckWithoutSkipping() {
    for (ClusteringObjective o : List.of(new ToyObjective(), new MiniDec())) {
      ContractResults results = ObjectiveTestKit.objective(o).execute();
      results.assertNoFailures();
      assertEquals(0, results.skipped(), results.toString());
    }
    HarnessRun run = ObjectiveHarness.run(new ToyObjective(), Fixture.small(), Map.of(), 3);
    assertTrue(run.ari(Fixture.small()) >= 0.9, "ARI " + run.ari(Fixture.small()));
    assertTrue(run.converged(), "converges on well-separated blobs");
  }

  @TestFactory
  Stream<DynamicTest> everyPlantedBugIsCaughtByItsCheck() {
    return planted().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.bug() + " -> " + p.check(),
                    () -> {
                      ContractResults r = ObjectiveTestKit.objective(p.objective()).execute();
                      Outcome.Failed f =
                          assertInstanceOf(
                              Outcome.Failed.class,
                              r.check(p.check()).outcome(),
                              p.bug() + ": " + r);
                      assertTrue(f.message().contains(p.fragment()), p.bug() + ": " + f.message());
                      Set<String> others =
                          r.failures().stream()
                              .map(Check::name)
                              .filter(n -> !n.equals(p.check()))
                              .collect(Collectors.toSet());
                      others.removeAll(p.alsoFails());
                      assertTrue(
                          others.isEmpty(), p.bug() + " should not break " + others + ":\n" + r);
                    }));
  }

  @Test
  void aFailedContractSaysWhichPluginBrokeIt() {
    ContractResults r =
        ObjectiveTestKit.objective(new ToyObjective(ToyObjective.Flaw.FORGETS_KEEP)).execute();
    assertInstanceOf(Outcome.Passed.class, r.check(MetadataChecks.DEFAULTS).outcome());
    AssertionError e = assertThrows(AssertionError.class, r::assertNoFailures);
    assertTrue(
        e.getMessage().contains("objective 'toy' breaks the dec4j plugin contract"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("keep an array the session uses in later calls with context.keep(...)"),
        e.getMessage());
  }

  @Test
  void theCorrectMiniDecReportsItsDiagnosticAndResumesExactly() {
    ContractResults r = ObjectiveTestKit.objective(new MiniDec()).execute();
    Outcome.Passed diagnostics =
        assertInstanceOf(Outcome.Passed.class, r.check(BehaviourChecks.DIAGNOSTICS).outcome());
    assertEquals("confident_fraction", diagnostics.detail());
    Outcome.Passed resume =
        assertInstanceOf(Outcome.Passed.class, r.check(BehaviourChecks.RESUME).outcome());
    assertTrue(resume.detail().startsWith("resumed at iteration"), resume.detail());
  }

  @Test
  void aHyperparameterThatOnlyMattersUnderAnotherChoiceIsNotCalledIgnored() {
    // momentum changes nothing under adam; the check must try it under sgd before calling it
    // ignored.
    ContractResults r =
        ObjectiveTestKit.objective(new MiniDec()).parameter("optimizer", "adam").execute();
    assertInstanceOf(Outcome.Passed.class, r.check(BehaviourChecks.USED).outcome(), r.toString());
  }

  @Test
  void aCheckCanBeDeclaredNotToApplyWithAReason() {
    ContractResults r =
        ObjectiveTestKit.objective(new MiniDec(Flaw.FLIPPED_SIGN))
            .skipCheck(LEARNS, "this method maximises its objective on purpose")
            .execute();
    Outcome.Skipped s = assertInstanceOf(Outcome.Skipped.class, r.check(LEARNS).outcome());
    assertEquals("this method maximises its objective on purpose", s.reason());
    assertThrows(
        IllegalArgumentException.class,
        () -> ObjectiveTestKit.objective(new MiniDec()).skipCheck("no such check", "x").execute());
  }

  @Test
  void badValuesAreDerivedFromTheDeclarations() {
    var batch = org.dec4j.api.objective.support.CommonHyperparameters.batchSize(10);
    assertEquals(List.of("0", "1048577", "not-a-number", "1.5"), MetadataChecks.badValues(batch));
    var lr = org.dec4j.api.HyperparameterSpec.ofReal("lr", 0.1, 0, 1, "x");
    assertEquals(List.of("-0.001", "1.5", "not-a-number", "NaN"), MetadataChecks.badValues(lr));
  }

  @Test
  void boundsMustBeFiniteSensibleAndLeaveAChoice() {
    assertTrue(
        MetadataChecks.boundsProblem(
                org.dec4j.api.HyperparameterSpec.ofReal("a", 1, 0, Double.POSITIVE_INFINITY, "x"))
            .contains("give finite ones"));
    assertTrue(
        MetadataChecks.boundsProblem(
                org.dec4j.api.HyperparameterSpec.ofReal("a", 1, -1e300, 1, "x"))
            .contains("float32"));
    assertTrue(
        MetadataChecks.boundsProblem(org.dec4j.api.HyperparameterSpec.ofReal("a", 1, 1, 1, "x"))
            .contains("no choice"));
    assertEquals(
        null,
        MetadataChecks.boundsProblem(org.dec4j.api.HyperparameterSpec.ofReal("a", 1, 0, 1e9, "x")));
    // A 64-bit integer (a seed) may span its whole range.
    assertEquals(
        null,
        MetadataChecks.boundsProblem(org.dec4j.api.HyperparameterSpec.ofLong("seed", 1, "x")));
  }

  @Test
  void alternativesAreTheBoundsOrTheOtherChoices() {
    var lr = org.dec4j.api.HyperparameterSpec.ofReal("lr", 0.1, 0.001, 1, "x");
    assertEquals(List.of(0.001, 1.0), BehaviourChecks.alternatives(lr, 0.1));
    assertEquals(List.of(1.0), BehaviourChecks.alternatives(lr, 0.001));
    var opt =
        org.dec4j.api.HyperparameterSpec.ofChoice(
            "optimizer", "sgd", List.of("sgd", "adam", "rmsprop"), "x");
    assertEquals(List.of("adam", "rmsprop"), BehaviourChecks.alternatives(opt, "sgd"));
    assertEquals(
        List.of(false),
        BehaviourChecks.alternatives(
            org.dec4j.api.HyperparameterSpec.ofBoolean("shuffle", true, "x"), true));
  }

  @Test
  void theLossMustFallWithinRefreshIntervalsOrElseOverTheRun() {
    // DEC-like: falls within every interval and jumps up at each refresh, when the target is
    // recomputed.
    double[] sawtooth = new double[30];
    double[] rising = new double[30];
    for (int i = 0; i < 30; i++) {
      sawtooth[i] = 1.0 - 0.02 * (i % 10) + 0.01 * (i / 10);
      rising[i] = 1.0 + 0.02 * (i % 10) - 0.05 * (i / 10);
    }
    assertTrue(!BehaviourChecks.lossDecrease(run(sawtooth, 0, 10, 20)).startsWith("!"));
    assertTrue(
        BehaviourChecks.lossDecrease(run(rising, 0, 10, 20)).startsWith("!"),
        "rising within every interval fails, although the run's last steps are lower than its first");
    // Intervals shorter than 8 steps (DCN's epoch on the fixture): the run's first and last
    // quarters.
    double[] falling = new double[40];
    double[] growing = new double[40];
    for (int i = 0; i < 40; i++) {
      falling[i] = 2.0 - 0.01 * i + 0.05 * (i % 2);
      growing[i] = 1.0 + 0.01 * i;
    }
    assertTrue(
        !BehaviourChecks.lossDecrease(run(falling, 0, 5, 10, 15, 20, 25, 30, 35)).startsWith("!"));
    assertTrue(
        BehaviourChecks.lossDecrease(run(growing, 0, 5, 10, 15, 20, 25, 30, 35)).startsWith("!"));
  }

  /** A run with only losses and refresh iterations, for the loss-decrease rule. */
  private static HarnessRun run(double[] losses, int... refreshes) {
    List<org.dec4j.api.result.TraceEntry> trace =
        java.util.Arrays.stream(refreshes)
            .mapToObj(it -> new org.dec4j.api.result.TraceEntry(it, Double.NaN, 0, null, 0))
            .toList();
    return new HarnessRun(
        null,
        null,
        new int[0],
        List.of(),
        new int[0],
        null,
        null,
        losses.length,
        false,
        losses,
        trace,
        null,
        null,
        null,
        null,
        List.of(),
        0,
        null,
        Map.of(),
        List.of(),
        List.of(),
        -1,
        false,
        List.of(),
        List.of());
  }

  @Test
  void theEquidistantProbeIsAtTheSameDistanceFromEveryCentroid() {
    float[][] c = {{0, 0, 0, 1}, {4, 1, 0, -2}, {-1, 3, 2, 0}};
    float[] p = Probes.equidistant(c);
    double d0 = distance(p, c[0]);
    for (float[] mu : c) {
      assertEquals(d0, distance(p, mu), 1e-4 * d0);
    }
    // Repeated centroids have no such point; the probe falls back to their mean.
    float[][] same = {{1, 1}, {1, 1}, {3, 3}};
    assertEquals(
        List.of(5f / 3, 5f / 3), List.of(Probes.equidistant(same)[0], Probes.equidistant(same)[1]));
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
