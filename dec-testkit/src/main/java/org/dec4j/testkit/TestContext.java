package org.dec4j.testkit;

import ai.djl.ndarray.NDManager;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.KMeans;

/**
 * A runtime-free {@link ClusteringContext} for an objective's unit tests: fixed sizes, the test's
 * own {@link NDManager}, and a k-means of the test's choosing (often {@link #fixedKMeans}).
 *
 * <p>Use it to call {@code ClusteringObjective.start} directly and check a session's steps against
 * hand-computed values, without the runtime or Smile:
 *
 * <pre>{@code
 * try (NDManager memory = NDManager.newBaseManager()) {
 *   var context = new TestContext(objective.info().resolve(Map.of()), 2, z.length, 2, 7L, memory,
 *       TestContext.fixedKMeans(centroids, labels));
 *   var session = objective.start(context);
 *   ...
 * }
 * }</pre>
 *
 * @param hyperparameters the resolved hyperparameters the session reads
 * @param clusters the number of clusters
 * @param sampleCount the number of samples
 * @param embeddingDim the embedding width
 * @param seed the run's seed
 * @param manager the manager the session keeps its state in; the test owns and closes it
 * @param kmeans the k-means the session calls for its initial centroids
 */
public record TestContext(
    Hyperparameters hyperparameters,
    int clusters,
    int sampleCount,
    int embeddingDim,
    long seed,
    NDManager manager,
    KMeans kmeans)
    implements ClusteringContext {

  /**
   * A k-means stub that ignores the points, k and seed and returns a fixed solution (fresh copies
   * of the given arrays, as they are at the call, with distortion 0), so a test controls the
   * initial centroids.
   *
   * @param centroids the centroids to return, one row per cluster
   * @param labels the label of each sample to return
   * @return the stub
   */
  public static KMeans fixedKMeans(float[][] centroids, int[] labels) {
    return (points, k, seed) -> new KMeans.Result(copy(centroids), labels.clone(), 0);
  }

  private static float[][] copy(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }
}
