package org.dec4j.plugin.dec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.StudentTSession;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.testkit.Fixture;
import org.dec4j.testkit.HarnessRun;
import org.dec4j.testkit.ObjectiveHarness;
import org.dec4j.testkit.ObjectiveTestKit;
import org.junit.jupiter.api.Test;

/**
 * A DEC variant written on {@link StudentTSession}'s extension points: it supplies its own target
 * distribution, reads the centroids, and reports the fraction of confident samples as a diagnostic.
 * With the default target it is DEC, bit for bit.
 */
class DecVariantTest {
  private static final Map<String, Object> SHORT =
      Map.of("max_iter", 120, "update_interval", 30, "batch_size", 64);
  private static final Fixture FIXTURE = Fixture.overlapping();

  /**
   * DEC with an optional hardened target (one-hot on the most likely cluster), and a diagnostic.
   */
  private static final class Variant implements ClusteringObjective {
    private final boolean hardTarget;
    private final PluginInfo info;

    /** Calls in which centroidArray() was the trained parameter and target() was present. */
    final AtomicInteger hooksSeen = new AtomicInteger();

    Variant(boolean hardTarget) {
      this.hardTarget = hardTarget;
      this.info =
          new PluginInfo(
              hardTarget ? "dec-hard" : "dec-again",
              "0.1.0",
              "DEC through StudentTSession's hooks",
              new DecObjective().info().hyperparameters(),
              Dec4jApi.VERSION);
    }

    @Override
    public PluginInfo info() {
      return info;
    }

    @Override
    public ClusteringSession start(ClusteringContext context) {
      Hyperparameters h = context.hyperparameters();
      return new StudentTSession(
          context, TrainingPlan.from(h, false), h.getDouble(DecObjective.ALPHA)) {
        private double confident;

        @Override
        protected NDArray targetDistribution(NDArray q) {
          confident =
              q.max(new int[] {1}).gt(0.9).toType(DataType.FLOAT32, false).mean().getFloat();
          if (!hardTarget) {
            return super.targetDistribution(q);
          }
          NDArray top = q.eq(q.max(new int[] {1}, true)).toType(DataType.FLOAT32, false);
          return top.div(top.sum(new int[] {1}, true));
        }

        @Override
        public NDArray loss(Batch batch) {
          if (centroidArray() == parameters().get(CENTROIDS) && target().isPresent()) {
            hooksSeen.incrementAndGet();
          }
          return clusteringLoss(batch);
        }

        @Override
        public Map<String, Double> diagnostics() {
          return Map.of("confident_fraction", confident);
        }
      };
    }
  }

  @Test
  void withTheDefaultTargetTheVariantIsDecBitForBit() {
    HarnessRun dec = ObjectiveHarness.run(new DecObjective(), FIXTURE, SHORT, 3);
    Variant same = new Variant(false);
    HarnessRun variant = ObjectiveHarness.run(same, FIXTURE, SHORT, 3);
    assertTrue(dec.losses().length > 30, "a run with several refreshes: " + dec.losses().length);
    assertArrayEquals(dec.losses(), variant.losses());
    assertArrayEquals(dec.labels(), variant.labels());
    assertTrue(Arrays.deepEquals(dec.centroids(), variant.centroids()));
    assertEquals(
        variant.losses().length,
        same.hooksSeen.get(),
        "centroidArray() and target() in every loss()");
    for (TraceEntry e : variant.trace()) {
      Double f = e.diagnostics().get("confident_fraction");
      assertNotNull(f, "the diagnostic at every refresh: " + e);
      assertTrue(f >= 0 && f <= 1, e.toString());
    }
    assertTrue(dec.trace().stream().allMatch(e -> e.diagnostics().isEmpty()), "DEC reports none");
  }

  @Test
  void anotherTargetChangesTheRunAndTheVariantPassesTheContract() {
    HarnessRun dec = ObjectiveHarness.run(new DecObjective(), FIXTURE, SHORT, 3);
    HarnessRun hard = ObjectiveHarness.run(new Variant(true), FIXTURE, SHORT, 3);
    assertFalse(Arrays.equals(dec.losses(), hard.losses()), "a hardened target trains differently");
    ObjectiveTestKit.objective(new Variant(true)).parameters(SHORT).execute().assertNoFailures();
  }
}
