package org.example.dkm;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;

/** One deep k-means run: trainable centroids, an annealed soft assignment, nearest-centroid labels. */
final class DeepKMeansSession implements ClusteringSession {
  private final ClusteringContext context;
  private final TrainingPlan plan;
  private final double lambda;
  private final double alphaGrowth;
  private final double alphaMax;
  private double alpha;
  private int refreshes;
  private NDArray centroids;

  DeepKMeansSession(ClusteringContext context, TrainingPlan plan, double lambda, double alpha, double alphaGrowth,
      double alphaMax) {
    this.context = context;
    this.plan = plan;
    this.lambda = lambda;
    this.alpha = Math.min(alpha, alphaMax);
    this.alphaGrowth = alphaGrowth;
    this.alphaMax = alphaMax;
  }

  @Override
  public TrainingPlan plan() {
    return plan;
  }

  @Override
  public int[] initialize(NDArray embeddings) {
    KMeans.Result km = context.kmeans().fit(embeddings, context.clusters(), context.seed());
    if (centroids != null) {
      centroids.close();
    }
    // Kept beyond this call (the runtime frees everything else created here) and trained with the network.
    centroids = context.keep(ClusteringMath.fromRows(context.manager(), km.centroids()));
    centroids.setRequiresGradient(true);
    return km.labels();
  }

  @Override
  public void restoreCentroids(float[][] saved) {
    // A saved model assigns new data with the centroids alone (nearest centroid); alpha only shapes training.
    if (centroids != null) {
      centroids.close();
    }
    centroids = context.keep(ClusteringMath.fromRows(context.manager(), saved));
    centroids.setRequiresGradient(true);
  }

  @Override
  public boolean saveState(SessionState state) {
    // Everything training depends on besides the network: the centroids and the annealing schedule.
    state.putArray("centroids", requireCentroids());
    state.putDoubles("alpha", new double[] {alpha});
    state.putInts("refreshes", new int[] {refreshes});
    return true;
  }

  @Override
  public void restoreState(SessionState state) {
    state.requireShape("centroids", context.clusters(), context.embeddingDim());
    if (centroids != null) {
      centroids.close();
    }
    centroids = context.keep(state.getArray("centroids", context.manager()));
    centroids.setRequiresGradient(true);
    alpha = state.getDoubles("alpha")[0];
    refreshes = state.getInts("refreshes")[0];
  }

  @Override
  public Map<String, NDArray> parameters() {
    return Map.of("centroids", requireCentroids());
  }

  @Override
  public NDArray loss(Batch batch) {
    NDArray d = ClusteringMath.squaredDistances(batch.embedding(), requireCentroids());
    NDArray g = d.mul(-alpha).softmax(1);
    NDArray kmeans = g.mul(d).sum(new int[] {1}).mean();
    NDArray reconstruction = ClusteringMath.meanSquaredError(batch.input(), batch.reconstruction());
    return reconstruction.add(kmeans.mul(lambda));
  }

  @Override
  public int[] refresh(NDArray embeddings, int iteration) {
    if (refreshes++ > 0) {
      alpha = Math.min(alphaMax, alpha * alphaGrowth);
    }
    return assign(embeddings);
  }


  @Override
  public int[] assign(NDArray embeddings) {
    return ClusteringMath.nearest(embeddings, requireCentroids());
  }

  @Override
  public Optional<NDArray> softAssign(NDArray embeddings) {
    return Optional.of(ClusteringMath.squaredDistances(embeddings, requireCentroids()).mul(-alpha).softmax(1));
  }

  @Override
  public float[][] centroids() {
    return ClusteringMath.toRows(requireCentroids());
  }

  private NDArray requireCentroids() {
    if (centroids == null) {
      throw new IllegalStateException("dkm: session used before initialize()");
    }
    return centroids;
  }
}
