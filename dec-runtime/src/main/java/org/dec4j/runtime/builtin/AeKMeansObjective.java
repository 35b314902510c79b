package org.dec4j.runtime.builtin;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;

/**
 * The baseline "k-means on the pretrained embedding" (the DEC paper's AE+k-means row, i.e. DEC
 * without back-propagation). With the {@code identity} encoder and no pretraining it is plain
 * k-means on the raw features.
 */
public final class AeKMeansObjective implements ClusteringObjective {
  /** The id. */
  public static final String ID = "ae-kmeans";

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "k-means on the encoder's embedding, no fine-tuning (baseline)",
          List.of(),
          Dec4jApi.VERSION);

  @Override
  public PluginInfo info() {
    return INFO;
  }

  @Override
  public ClusteringSession start(ClusteringContext context) {
    return new Session(context);
  }

  private static final class Session implements ClusteringSession {
    private final ClusteringContext context;
    private float[][] centroids;
    private NDArray mu;

    Session(ClusteringContext context) {
      this.context = context;
    }

    @Override
    public TrainingPlan plan() {
      return new TrainingPlan(1, 0, 1, OptimizerSpec.sgd(1e-3, 0), false, false, 0);
    }

    @Override
    public int[] initialize(NDArray embeddings) {
      KMeans.Result r = context.kmeans().fit(embeddings, context.clusters(), context.seed());
      centroids = r.centroids();
      mu = context.keep(ClusteringMath.fromRows(context.manager(), centroids));
      return r.labels();
    }

    @Override
    public void restoreCentroids(float[][] saved) {
      centroids = saved.clone();
      mu = context.keep(ClusteringMath.fromRows(context.manager(), centroids));
    }

    @Override
    public boolean saveState(SessionState state) {
      state.putArray("centroids", mu);
      return true;
    }

    @Override
    public void restoreState(SessionState state) {
      state.requireShape("centroids", context.clusters(), context.embeddingDim());
      restoreCentroids(ClusteringMath.toRows(state.getArray("centroids", context.manager())));
    }

    @Override
    public NDArray loss(Batch batch) {
      throw new IllegalStateException("k-means has no training phase");
    }

    @Override
    public int[] refresh(NDArray embeddings, int iteration) {
      return assign(embeddings);
    }

    @Override
    public boolean converged(Progress progress) {
      return true;
    }

    @Override
    public int[] assign(NDArray embeddings) {
      return ClusteringMath.nearest(embeddings, mu);
    }

    @Override
    public float[][] centroids() {
      return centroids.clone();
    }
  }
}
