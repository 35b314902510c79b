package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.runtime.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training that stops producing finite numbers is stopped with a message naming the phase, the
 * quantity and when, instead of running on to a result of garbage ({@code dec-cli}'s BadInputTest
 * runs the whole command on inputs around 1e30).
 */
class NonFiniteTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e18f, -3e30f})
  void anEmbeddingWithANonFiniteOrSaturatingValueIsRefused(float bad) {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] values = {0.5f, -2f, 3f, 1e10f, 7f, bad};
      NDArray z = manager.create(values, new Shape(3, 2));
      NonFiniteException e =
          assertThrows(
              NonFiniteException.class,
              () -> NonFiniteException.check(z, "cluster", "the embedding", "at iteration 140"));
      assertTrue(
          e.getMessage().startsWith("cluster: the embedding ")
              && e.getMessage().contains("at iteration 140")
              && e.getMessage().contains("no result is written"),
          e.getMessage());
      NDArray fine =
          manager.create(new float[] {0.5f, -2f, 3f, 1e10f, 7f, -1e16f}, new Shape(3, 2));
      NonFiniteException.check(fine, "cluster", "the embedding", "at iteration 140");
    }
  }

  @Test
  void aNonFiniteScalarIsRefused() {
    NonFiniteException.check(1e300, "pretrain", "the loss", "in epoch 1 of 2");
    NonFiniteException e =
        assertThrows(
            NonFiniteException.class,
            () ->
                NonFiniteException.check(
                    Double.NaN, "pretrain", "the mean reconstruction loss", "in epoch 1 of 2"));
    assertTrue(
        e.getMessage().startsWith("pretrain: the mean reconstruction loss is NaN in epoch 1 of 2"),
        e.getMessage());
    assertTrue(
        e.because("the inputs' scale").getMessage().endsWith("; likely cause: the inputs' scale"));
  }

  /**
   * A session whose loss turns NaN from iteration 25 on: the refresh at 30 stops the loop, naming
   * the loss.
   */
  @Test
  void aNaNClusteringLossStopsTheLoopAtTheNextRefresh() {
    var encoder = PluginRegistry.discover().encoder("mlp");
    var params = encoder.info().resolve(Map.of("dims", "4,2"));
    float[] x = new float[60 * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 37 % 11) / 11f + (i / 5 % 2) * 3;
    }
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(encoder.create(new EncoderSpec(5, params)), 5, manager, 3)) {
      NDArray data = manager.create(x, new Shape(60, 5));
      ClusteringLoop loop = new ClusteringLoop(network, data, null, 0, ProgressSink.NONE);
      NonFiniteException e =
          assertThrows(NonFiniteException.class, () -> loop.run(new PoisonedSession(), new int[0]));
      assertTrue(
          e.getMessage()
              .startsWith("cluster: the mean clustering loss is NaN over iterations 20-29"),
          e.getMessage());
    }
  }

  private static final class PoisonedSession implements ClusteringSession {
    private NDArray mu;

    @Override
    public TrainingPlan plan() {
      return new TrainingPlan(16, 100, 10, OptimizerSpec.sgd(0.01, 0), false, false, 0);
    }

    @Override
    public int[] initialize(NDArray z) {
      mu = z.get("0:2").duplicate();
      ai.djl.ndarray.NDScope.unregister(mu);
      return assign(z);
    }

    @Override
    public NDArray loss(Batch batch) {
      NDArray loss = batch.embedding().square().mean();
      return batch.iteration() >= 25 ? loss.mul(Float.NaN) : loss;
    }

    @Override
    public int[] refresh(NDArray z, int iteration) {
      return assign(z);
    }

    @Override
    public boolean converged(Progress progress) {
      return false;
    }

    @Override
    public int[] assign(NDArray z) {
      return ClusteringMath.nearest(z, mu);
    }

    @Override
    public float[][] centroids() {
      return ClusteringMath.toRows(mu);
    }

    @Override
    public void close() {
      mu.close();
    }
  }
}
