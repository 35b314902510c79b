package org.dec4j.plugin.idec;

import ai.djl.ndarray.NDManager;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.KMeans;

/** A runtime-free context for unit tests: fixed sizes, a given manager and a k-means stub. */
record TestContext(Hyperparameters hyperparameters, int clusters, int sampleCount, int embeddingDim,
    long seed, NDManager manager, KMeans kmeans) implements ClusteringContext {

  /** A k-means stub that ignores the points and returns a fixed solution. */
  static KMeans fixedKMeans(float[][] centroids, int[] labels) {
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
