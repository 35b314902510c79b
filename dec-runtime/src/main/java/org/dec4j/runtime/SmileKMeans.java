package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dec4j.api.objective.KMeans;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.math.MathEx;

/**
 * K-means by Smile (k-means++ seeding, Lloyd iterations on a kd-tree), best of several seeded
 * restarts, like scikit-learn's {@code KMeans(n_init=...)} the reference implementations called.
 */
public final class SmileKMeans implements KMeans {
  private final int restarts;
  private final int maxIter;
  private final double tol;

  /**
   * Creates the service.
   *
   * @param restarts restarts, the lowest distortion wins (>= 1)
   * @param maxIter Lloyd iterations per restart
   * @param tol relative distortion change that stops a restart
   */
  public SmileKMeans(int restarts, int maxIter, double tol) {
    this.restarts = Math.max(1, restarts);
    this.maxIter = maxIter;
    this.tol = tol;
  }

  @Override
  public Result fit(NDArray points, int k, long seed) {
    long[] shape = points.getShape().getShape();
    int n = (int) shape[0];
    int m = (int) shape[1];
    float[] flat = points.toType(DataType.FLOAT32, false).toFloatArray();
    float[][] rows = new float[n][m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * m, rows[i], 0, m);
    }
    return fit(rows, k, seed);
  }

  /**
   * Clusters Java rows.
   *
   * @param rows n x m points
   * @param k clusters
   * @param seed seed of the restarts
   * @return the best restart
   */
  public Result fit(float[][] rows, int k, long seed) {
    CentroidClustering<float[], float[]> best = null;
    for (int r = 0; r < restarts; r++) {
      // Smile draws its k-means++ seeds from a per-thread generator; seed it for every restart.
      MathEx.setSeed(seed * 1_000_003L + r);
      CentroidClustering<float[], float[]> c = smile.clustering.KMeans.fit(rows,
          new Clustering.Options(k, maxIter, tol, null));
      if (best == null || c.distortion() < best.distortion()) {
        best = c;
      }
    }
    float[][] centers = best.centers().clone();
    return new Result(centers, best.group().clone(), best.distortion());
  }
}
