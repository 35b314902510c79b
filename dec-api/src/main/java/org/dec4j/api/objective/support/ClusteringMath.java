package org.dec4j.api.objective.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Building blocks shared by embedding-clustering objectives, computed in ways that stay finite.
 *
 * <p>The Student's t kernel and target distribution follow Xie, Girshick and Farhadi, "Unsupervised
 * Deep Embedding for Clustering Analysis", ICML 2016, eqs. (1)-(3).
 */
public final class ClusteringMath {
  /** Floor for probabilities inside logarithms and divisions. */
  public static final float EPS = 1e-10f;

  /**
   * A large finite float where values that would overflow saturate (a scalar the engine parses back
   * exactly, unlike {@link Float#MAX_VALUE}, which its string round trip turns into infinity).
   */
  public static final float HUGE = 1e38f;

  private ClusteringMath() {}

  /**
   * Squared Euclidean distances between rows of {@code z} (b x m) and rows of {@code mu} (k x m),
   * by broadcasting (no cancellation error for nearby points). Each squared coordinate difference
   * saturates at {@code HUGE / m}, so points more than about 1e19 apart give a large finite
   * distance: an infinite term would turn the engine's compensated sum into NaN.
   *
   * @param z b x m
   * @param mu k x m
   * @return b x k, non-negative and finite
   */
  public static NDArray squaredDistances(NDArray z, NDArray mu) {
    long m = Math.max(1, mu.getShape().get(mu.getShape().dimension() - 1));
    return z.expandDims(1).sub(mu.expandDims(0)).square().minimum(HUGE / m).sum(new int[] {2});
  }

  /**
   * Log of DEC's soft assignment: q_ij proportional to (1 + ||z_i - mu_j||^2 /
   * alpha)^(-(alpha+1)/2), normalised over j in the log domain so far points cannot underflow to
   * 0/0. Distances saturate (see {@link #squaredDistances}) and so does their ratio to alpha, at
   * {@link #HUGE}, so even points about 1e19 apart give a finite q (uniform over the saturated
   * centroids), never NaN.
   *
   * @param z b x m embeddings
   * @param mu k x m centroids
   * @param alpha degrees of freedom of the Student's t kernel (DEC uses 1)
   * @return b x k log q, finite
   */
  public static NDArray logSoftAssignment(NDArray z, NDArray mu, double alpha) {
    NDArray logKernel =
        squaredDistances(z, mu).div(alpha).minimum(HUGE).add(1).log().mul(-(alpha + 1) / 2);
    return logKernel.logSoftmax(1);
  }

  /**
   * DEC's soft assignment q (rows sum to one).
   *
   * @param z b x m embeddings
   * @param mu k x m centroids
   * @param alpha degrees of freedom (DEC uses 1)
   * @return b x k q
   */
  public static NDArray softAssignment(NDArray z, NDArray mu, double alpha) {
    return logSoftAssignment(z, mu, alpha).exp();
  }

  /**
   * DEC's auxiliary target p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j'), with f_j = sum_i q_ij
   * the soft cluster frequency (floored so an empty cluster cannot divide by zero).
   *
   * @param q n x k soft assignment of all samples
   * @return n x k target distribution
   */
  public static NDArray targetDistribution(NDArray q) {
    NDArray weight = q.square().div(q.sum(new int[] {0}).maximum(EPS));
    return weight.div(weight.sum(new int[] {1}, true).maximum(EPS));
  }

  /**
   * KL(P || Q) per sample, averaged over the batch (as Keras' {@code kld} loss the DEC and IDEC
   * reference code used): mean_i sum_j p_ij (log p_ij - log q_ij). Terms with p_ij = 0 contribute
   * 0, even where q_ij is 0 too (log q_ij is floored at {@code -HUGE}, so 0 * infinity cannot make
   * the loss NaN).
   *
   * @param p b x k target (constant)
   * @param logQ b x k log soft assignment
   * @return a scalar
   */
  public static NDArray klDivergence(NDArray p, NDArray logQ) {
    NDArray logP = p.maximum(EPS).log();
    return p.mul(logP.sub(logQ.maximum(-HUGE))).sum(new int[] {1}).mean();
  }

  /**
   * Mean squared reconstruction error, averaged over samples and features (Keras' {@code mse}).
   *
   * @param x b x d inputs
   * @param reconstruction b x d reconstructions
   * @return a scalar
   */
  public static NDArray meanSquaredError(NDArray x, NDArray reconstruction) {
    return x.sub(reconstruction).square().mean();
  }

  /**
   * Row-wise argmax as Java ints.
   *
   * @param scores n x k
   * @return n indices in [0, k)
   */
  public static int[] argMax(NDArray scores) {
    return scores.argMax(1).toType(DataType.INT32, false).toIntArray();
  }

  /**
   * Index of the nearest row of {@code mu} for every row of {@code z}.
   *
   * @param z n x m
   * @param mu k x m
   * @return n indices in [0, k)
   */
  public static int[] nearest(NDArray z, NDArray mu) {
    return argMax(squaredDistances(z, mu).neg());
  }

  /**
   * Fraction of positions where two label vectors differ.
   *
   * @param a labels
   * @param b labels of the same length
   * @return a value in [0, 1]
   */
  public static double labelChange(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "label vectors differ in length: " + a.length + " vs " + b.length);
    }
    int changed = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        changed++;
      }
    }
    return a.length == 0 ? 0 : changed / (double) a.length;
  }

  /**
   * Copies a k x m Java matrix into a new array.
   *
   * @param manager where the array lives
   * @param rows the rows, all of the same length
   * @return a float32 k x m array
   */
  public static NDArray fromRows(NDManager manager, float[][] rows) {
    int m = rows[0].length;
    float[] flat = new float[rows.length * m];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * m, m);
    }
    return manager.create(flat, new Shape(rows.length, m));
  }

  /**
   * Copies a k x m array into a Java matrix.
   *
   * @param array a 2-D array
   * @return its rows as floats
   */
  public static float[][] toRows(NDArray array) {
    long[] shape = array.getShape().getShape();
    int k = (int) shape[0];
    int m = (int) shape[1];
    float[] flat = array.toType(DataType.FLOAT32, false).toFloatArray();
    float[][] out = new float[k][m];
    for (int i = 0; i < k; i++) {
      System.arraycopy(flat, i * m, out[i], 0, m);
    }
    return out;
  }
}
