package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;

/**
 * K-means as a runtime service, so objective plugins need no clustering library of their own.
 *
 * <p>The runtime's implementation runs k-means++ seeded restarts and keeps the best (lowest
 * distortion) solution; the number of restarts is a run setting.
 */
public interface KMeans {

  /**
   * Clusters the rows of a matrix.
   *
   * @param points n x m points
   * @param k number of clusters
   * @param seed seed for the restarts
   * @return centroids, labels and distortion of the best restart
   */
  Result fit(NDArray points, int k, long seed);

  /**
   * A k-means solution.
   *
   * @param centroids k x m centroids, row-major
   * @param labels the centroid index of every point
   * @param distortion the sum of squared distances to the assigned centroids
   */
  record Result(float[][] centroids, int[] labels, double distortion) {}
}
