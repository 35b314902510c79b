package org.dec4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.dec4j.api.objective.KMeans;

/**
 * A small k-means for tests: k-means++ seeding and Lloyd iterations, several restarts, the lowest
 * distortion kept, everything drawn from the given seed (Arthur and Vassilvitskii, "k-means++: The
 * Advantages of Careful Seeding", SODA 2007).
 *
 * <p>It stands in for the runtime's Smile-based service so a plugin's tests need no runtime; it is
 * meant for the few hundred points of a test fixture.
 */
public final class SeededKMeans implements KMeans {
  private final int restarts;
  private final int maxIterations;

  /**
   * Creates the service.
   *
   * @param restarts seeded restarts, at least 1
   * @param maxIterations Lloyd iterations per restart, at least 1
   */
  public SeededKMeans(int restarts, int maxIterations) {
    if (restarts < 1 || maxIterations < 1) {
      throw new IllegalArgumentException(
          "restarts = "
              + restarts
              + " and maxIterations = "
              + maxIterations
              + " must both be >= 1");
    }
    this.restarts = restarts;
    this.maxIterations = maxIterations;
  }

  /** Creates the service with 5 restarts of at most 100 iterations. */
  public SeededKMeans() {
    this(5, 100);
  }

  @Override
  public Result fit(NDArray points, int k, long seed) {
    long[] shape = points.getShape().getShape();
    int n = (int) shape[0];
    int m = (int) shape[1];
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " must be in [1, " + n + "]");
    }
    float[] x = points.toType(DataType.FLOAT32, false).toFloatArray();
    return fit(x, n, m, k, seed);
  }

  /**
   * Clusters row-major points.
   *
   * @param x the points, {@code n * m} values
   * @param n the number of points
   * @param m the dimension
   * @param k the number of clusters
   * @param seed the seed for the restarts
   * @return the best restart
   */
  public Result fit(float[] x, int n, int m, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Result best = null;
    for (int r = 0; r < restarts; r++) {
      Result res = lloyd(x, n, m, k, seedPlusPlus(x, n, m, k, rng.split()));
      if (best == null || res.distortion() < best.distortion()) {
        best = res;
      }
    }
    return best;
  }

  private static float[][] seedPlusPlus(float[] x, int n, int m, int k, SplittableRandom rng) {
    float[][] c = new float[k][];
    c[0] = row(x, rng.nextInt(n), m);
    double[] d2 = new double[n];
    for (int i = 0; i < n; i++) {
      d2[i] = dist(x, i, c[0], m);
    }
    for (int j = 1; j < k; j++) {
      double total = 0;
      for (double v : d2) {
        total += v;
      }
      int pick = rng.nextInt(n);
      if (total > 0) {
        double u = rng.nextDouble() * total;
        for (int i = 0; i < n; i++) {
          u -= d2[i];
          if (u <= 0) {
            pick = i;
            break;
          }
        }
      }
      c[j] = row(x, pick, m);
      for (int i = 0; i < n; i++) {
        d2[i] = Math.min(d2[i], dist(x, i, c[j], m));
      }
    }
    return c;
  }

  private Result lloyd(float[] x, int n, int m, int k, float[][] c) {
    int[] labels = new int[n];
    double distortion = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIterations; it++) {
      boolean changed = it == 0;
      distortion = 0;
      for (int i = 0; i < n; i++) {
        int arg = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double d = dist(x, i, c[j], m);
          if (d < min) {
            min = d;
            arg = j;
          }
        }
        changed |= labels[i] != arg;
        labels[i] = arg;
        distortion += min;
      }
      if (!changed) {
        break;
      }
      double[][] sum = new double[k][m];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        count[labels[i]]++;
        for (int a = 0; a < m; a++) {
          sum[labels[i]][a] += x[i * m + a];
        }
      }
      for (int j = 0; j < k; j++) {
        if (count[j] == 0) {
          continue; // an empty cluster keeps its centre
        }
        for (int a = 0; a < m; a++) {
          c[j][a] = (float) (sum[j][a] / count[j]);
        }
      }
    }
    return new Result(c, labels, distortion);
  }

  private static float[] row(float[] x, int i, int m) {
    float[] r = new float[m];
    System.arraycopy(x, i * m, r, 0, m);
    return r;
  }

  private static double dist(float[] x, int i, float[] c, int m) {
    double s = 0;
    for (int a = 0; a < m; a++) {
      double t = x[i * m + a] - c[a];
      s += t * t;
    }
    return s;
  }
}
