package org.example.dkm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.dec4j.testkit.Fixture;
import org.dec4j.testkit.HarnessRun;
import org.dec4j.testkit.ObjectiveHarness;
import org.dec4j.testkit.ObjectiveTestKit;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dec4j plugin contract, and what the method is for: it recovers well-separated clusters, and
 * where k-means alone is imperfect it does not make k-means' clustering worse.
 */
class DeepKMeansContractTest {
  /** A short run: the contract checks behaviour, not convergence on real data. */
  private static final Map<String, Object> SHORT = Map.of("max_iter", 150, "update_interval", 30, "batch_size", 64);

  @TestFactory
  Stream<DynamicNode> dkmPassesThePluginContract() {
    return ObjectiveTestKit.objective(new DeepKMeansObjective()).parameters(SHORT).tests();
  }

  @Test
  void keepsOrImprovesTheKMeansStartWhereKMeansAloneIsImperfect() {
    Fixture overlapping = Fixture.overlapping();
    HarnessRun run = ObjectiveHarness.run(new DeepKMeansObjective(), overlapping, SHORT, 0);
    assertTrue(run.initialAri(overlapping) < 0.9, "k-means alone is imperfect here");
    assertTrue(run.ari(overlapping) >= run.initialAri(overlapping) - 0.02, "ARI " + run.ari(overlapping));
  }

  @Test
  void recoversWellSeparatedBlobs() {
    Fixture blobs = Fixture.blobs(300, 5, 4, 11);
    HarnessRun run = ObjectiveHarness.run(new DeepKMeansObjective(), blobs, SHORT, 0);
    assertTrue(run.ari(blobs) >= 0.9, "ARI " + run.ari(blobs));
  }
}
