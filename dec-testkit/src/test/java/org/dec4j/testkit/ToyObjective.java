package org.dec4j.testkit;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.objective.support.CommonHyperparameters;

/**
 * Soft k-means with trainable centroids, small enough to read in one go, with one optional flaw
 * each test of the kit switches on to see that the matching check, and only it, fails.
 */
final class ToyObjective implements ClusteringObjective {
  enum Flaw {
    NONE,
    LABEL_OUT_OF_RANGE,
    NAN_LOSS,
    FORGETS_KEEP,
    GLOBAL_STATE,
    NO_GRADIENT,
    FUTURE_API,
    NO_DESCRIPTION,
    WRONG_SUBSET_LENGTH,
    RESTORE_REORDERS,
    /** lr may be up to 1, where plain SGD on this loss diverges. */
    LR_RANGE_TOO_WIDE,
    /** centroids() returns the rows initialize() started from, not the trained ones. */
    STALE_CENTROIDS
  }

  private static final java.util.concurrent.atomic.AtomicInteger RUNS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Flaw flaw;
  private final PluginInfo info;

  ToyObjective(Flaw flaw) {
    this.flaw = flaw;
    List<HyperparameterSpec> h =
        List.of(
            CommonHyperparameters.batchSize(50),
            CommonHyperparameters.maxIter(100),
            CommonHyperparameters.updateInterval(10, "iterations between label refreshes"),
            CommonHyperparameters.tol(0.001),
            HyperparameterSpec.ofReal(
                "lr", 0.01, 1e-6, flaw == Flaw.LR_RANGE_TOO_WIDE ? 1 : 0.1, "learning rate"),
            HyperparameterSpec.ofChoice(
                "kernel", "softmax", List.of("softmax", "hard"), "assignment kernel"));
    this.info =
        new PluginInfo(
            "toy",
            "1.0",
            flaw == Flaw.NO_DESCRIPTION ? "" : "soft k-means for the kit's tests",
            h,
            flaw == Flaw.FUTURE_API ? Dec4jApi.VERSION + 1 : Dec4jApi.VERSION);
  }

  ToyObjective() {
    this(Flaw.NONE);
  }

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public ClusteringSession start(ClusteringContext context) {
    return new Session(context, flaw);
  }

  private static final class Session implements ClusteringSession {
    private final ClusteringContext context;
    private final Flaw flaw;
    private final TrainingPlan plan;
    private NDArray mu;
    private float[][] start;

    Session(ClusteringContext context, Flaw flaw) {
      this.context = context;
      this.flaw = flaw;
      Hyperparameters h = context.hyperparameters();
      this.plan =
          new TrainingPlan(
              h.getInt("batch_size"),
              h.getInt("max_iter"),
              h.getInt("update_interval"),
              OptimizerSpec.sgd(h.getDouble("lr"), 0),
              false,
              true,
              h.getDouble("tol"));
    }

    @Override
    public TrainingPlan plan() {
      return plan;
    }

    @Override
    public int[] initialize(NDArray embeddings) {
      KMeans.Result r = context.kmeans().fit(embeddings, context.clusters(), context.seed());
      float[][] rows = r.centroids();
      start = rows.clone();
      if (flaw == Flaw.GLOBAL_STATE) {
        // Numbers the clusters from global state: the same partition, different labels in
        // consecutive runs.
        java.util.Collections.rotate(java.util.Arrays.asList(rows), RUNS.incrementAndGet());
      }
      NDArray c = ClusteringMath.fromRows(context.manager(), rows);
      mu = flaw == Flaw.FORGETS_KEEP ? c : context.keep(c);
      if (flaw != Flaw.NO_GRADIENT) {
        mu.setRequiresGradient(true);
      }
      return r.labels();
    }

    @Override
    public void restoreCentroids(float[][] saved) {
      float[][] rows = saved.clone();
      if (flaw == Flaw.RESTORE_REORDERS) {
        java.util.Collections.reverse(java.util.Arrays.asList(rows));
      }
      mu = context.keep(ClusteringMath.fromRows(context.manager(), rows));
    }

    @Override
    public Map<String, NDArray> parameters() {
      return Map.of("centroids", mu);
    }

    @Override
    public NDArray loss(Batch batch) {
      NDArray d = ClusteringMath.squaredDistances(batch.embedding(), mu);
      NDArray weights =
          "hard".equals(context.hyperparameters().getString("kernel"))
              ? ClusteringMath.fromRows(
                  batch.manager(), oneHot(ClusteringMath.nearest(batch.embedding(), mu)))
              : d.neg().softmax(1);
      NDArray loss = weights.mul(d).sum(new int[] {1}).mean();
      // A NaN added as a constant leaves the gradients finite, so only the loss check should
      // notice.
      return flaw == Flaw.NAN_LOSS && batch.iteration() == 3
          ? loss.add(batch.manager().create(Float.NaN))
          : loss;
    }

    private float[][] oneHot(int[] labels) {
      float[][] rows = new float[labels.length][context.clusters()];
      for (int i = 0; i < labels.length; i++) {
        rows[i][labels[i]] = 1;
      }
      return rows;
    }

    @Override
    public int[] refresh(NDArray embeddings, int iteration) {
      return assign(embeddings);
    }

    @Override
    public int[] assign(NDArray embeddings) {
      int[] labels = ClusteringMath.nearest(embeddings, mu);
      if (flaw == Flaw.LABEL_OUT_OF_RANGE && labels.length == context.sampleCount()) {
        labels[labels.length - 1] = context.clusters();
      }
      if (flaw == Flaw.WRONG_SUBSET_LENGTH && labels.length != context.sampleCount()) {
        return new int[context.sampleCount()];
      }
      return labels;
    }

    @Override
    public Optional<NDArray> softAssign(NDArray embeddings) {
      return Optional.of(ClusteringMath.squaredDistances(embeddings, mu).neg().softmax(1));
    }

    @Override
    public float[][] centroids() {
      return flaw == Flaw.STALE_CENTROIDS ? start.clone() : ClusteringMath.toRows(mu);
    }

    @Override
    public boolean saveState(org.dec4j.api.objective.SessionState state) {
      state.putArray("centroids", mu);
      return true;
    }

    @Override
    public void restoreState(org.dec4j.api.objective.SessionState state) {
      mu = context.keep(state.getArray("centroids", context.manager()));
      mu.setRequiresGradient(true);
    }
  }
}
