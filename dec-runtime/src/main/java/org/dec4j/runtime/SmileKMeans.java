package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Objects;
import org.dec4j.api.objective.KMeans;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;

/**
 * K-means by Smile (k-means++ seeding, then Lloyd iterations), best of several seeded restarts,
 * like scikit-learn's {@code KMeans(n_init=...)} the reference implementations called.
 *
 * <p>In few dimensions (embeddings) the Lloyd steps run on Smile's BBD tree, the filtering
 * algorithm of Kanungo et al. (IEEE TPAMI 24(7), 2002), which prunes most point-centre distances.
 * Above {@value #TREE_MAX_DIMENSION} dimensions (raw pixels) pruning fails and the tree's walk
 * costs several times plain Lloyd (45 s against 9.5 s per restart on MNIST's 10,000 test images),
 * so plain Lloyd steps are taken there. Both compute the same Lloyd iteration. Plain Lloyd is also
 * the fallback when the tree cannot be built (points one float apart make Smile's tree recurse
 * without end).
 */
public final class SmileKMeans implements KMeans {
  /** The largest dimension clustered on the BBD tree. */
  static final int TREE_MAX_DIMENSION = 32;

  private final int restarts;
  private final int maxIter;
  private final double tol;
  private final ProgressSink progress;

  /**
   * Creates the service.
   *
   * @param restarts restarts, the lowest distortion wins (>= 1)
   * @param maxIter Lloyd iterations per restart
   * @param tol relative distortion change that stops a restart
   */
  public SmileKMeans(int restarts, int maxIter, double tol) {
    this(restarts, maxIter, tol, ProgressSink.NONE);
  }

  /**
   * Creates the service with progress: a "k-means" phase counting restarts, each with its
   * distortion and the best so far (20 restarts on 70,000 raw images take 10-20 minutes).
   *
   * @param restarts restarts, the lowest distortion wins (>= 1)
   * @param maxIter Lloyd iterations per restart
   * @param tol relative distortion change that stops a restart
   * @param progress receives the restarts
   */
  public SmileKMeans(int restarts, int maxIter, double tol, ProgressSink progress) {
    this.restarts = Math.max(1, restarts);
    this.maxIter = maxIter;
    this.tol = tol;
    this.progress = Objects.requireNonNull(progress, "progress");
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
    // Java only from here: a stop need not wait for it (20 restarts on raw images take minutes).
    return Stop.outside(() -> fit(rows, k, seed));
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
    boolean tree = rows.length == 0 || rows[0].length <= TREE_MAX_DIMENSION;
    double[][] wide = tree ? null : toDouble(rows);
    Clustering.Options options = new Clustering.Options(k, maxIter, tol, null);
    double bestDistortion = Double.POSITIVE_INFINITY;
    float[][] centers = null;
    int[] labels = null;
    long t0 = System.nanoTime();
    progress.start("k-means", restarts);
    for (int r = 0; r < restarts; r++) {
      // Smile draws its k-means++ seeds from a per-thread generator; seed it for every restart.
      Seeds.of(seed).seedKMeansRestart(r);
      if (tree) {
        CentroidClustering<float[], float[]> c;
        try {
          c = smile.clustering.KMeans.fit(rows, options);
        } catch (StackOverflowError e) {
          // Smile's BBD tree recurses without end when points differ in their last bit only (the
          // midpoint between them rounds onto one of them), as in a collapsed embedding: plain
          // Lloyd
          // steps, the same iteration, for this restart and the rest.
          tree = false;
          wide = toDouble(rows);
          r--;
          continue;
        }
        if (centers == null || c.distortion() < bestDistortion) {
          bestDistortion = c.distortion();
          centers = new float[k][];
          for (int j = 0; j < k; j++) {
            centers[j] = c.centers()[j].clone();
          }
          labels = c.group().clone();
        }
      } else {
        CentroidClustering<double[], double[]> c = smile.clustering.KMeans.lloyd(wide, options);
        if (centers == null || c.distortion() < bestDistortion) {
          bestDistortion = c.distortion();
          centers = new float[k][];
          for (int j = 0; j < k; j++) {
            centers[j] = toFloat(c.centers()[j]);
          }
          labels = c.group().clone();
        }
      }
      progress.advance(r + 1, String.format(Locale.ROOT, "best distortion %.6g", bestDistortion));
    }
    double distortion = bestDistortion;
    if (relocateEmpty(rows, centers, labels) > 0) {
      distortion = 0;
      for (int i = 0; i < rows.length; i++) {
        distortion += squaredDistance(rows[i], centers[labels[i]]);
      }
    }
    NonFiniteException.check(
        distortion, "k-means", "the distortion", "after " + Text.count(restarts, "restart"));
    progress.finish(
        String.format(
            Locale.ROOT,
            "k-means: %s in %.1f s, distortion %.6g",
            Text.count(restarts, "restart"),
            (System.nanoTime() - t0) / 1e9,
            distortion));
    return new Result(centers, labels, distortion);
  }

  /**
   * Gives every empty cluster a point, as scikit-learn's k-means does (the reference code of DEC,
   * IDEC and DCN initialised with it): the point farthest from its own centre, taken from a cluster
   * that keeps at least one other point, becomes the empty cluster's only member and centre, and
   * the cluster it left is re-centred on its remaining points. Smile's Lloyd step leaves an empty
   * cluster's centre where it was, and its final mean of an empty cluster is 0/0; after this, no
   * centre is empty or non-finite.
   *
   * @param rows the points
   * @param centers k centres, updated in place
   * @param labels every point's cluster, updated in place
   * @return the number of clusters relocated
   */
  static int relocateEmpty(float[][] rows, float[][] centers, int[] labels) {
    int k = centers.length;
    int[] counts = new int[k];
    for (int label : labels) {
      counts[label]++;
    }
    for (int j = 0; j < k; j++) {
      if (counts[j] > 0 && !finite(centers[j])) {
        centers[j] = mean(rows, labels, j);
      }
    }
    int relocated = 0;
    for (int j = 0; j < k; j++) {
      if (counts[j] > 0) {
        continue;
      }
      int far = -1;
      double farthest = -1;
      for (int i = 0; i < rows.length; i++) {
        if (counts[labels[i]] > 1) {
          double d = squaredDistance(rows[i], centers[labels[i]]);
          if (d > farthest) {
            farthest = d;
            far = i;
          }
        }
      }
      if (far < 0) {
        // Fewer points than clusters: nothing to move; keep the centre finite at least.
        centers[j] = finite(centers[j]) ? centers[j] : rows[0].clone();
        continue;
      }
      int from = labels[far];
      labels[far] = j;
      counts[from]--;
      counts[j] = 1;
      centers[j] = rows[far].clone();
      centers[from] = mean(rows, labels, from);
      relocated++;
    }
    return relocated;
  }

  private static double[][] toDouble(float[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        out[i][j] = rows[i][j];
      }
    }
    return out;
  }

  private static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = (float) v[j];
    }
    return out;
  }

  private static boolean finite(float[] v) {
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static float[] mean(float[][] rows, int[] labels, int cluster) {
    double[] sum = new double[rows[0].length];
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      if (labels[i] == cluster) {
        n++;
        for (int t = 0; t < sum.length; t++) {
          sum[t] += rows[i][t];
        }
      }
    }
    float[] out = new float[sum.length];
    for (int t = 0; t < sum.length; t++) {
      out[t] = (float) (sum[t] / n);
    }
    return out;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int t = 0; t < a.length; t++) {
      double d = a[t] - (double) b[t];
      s += d * d;
    }
    return s;
  }
}
