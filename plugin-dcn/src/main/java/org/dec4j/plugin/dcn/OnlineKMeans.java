package org.dec4j.plugin.dcn;

import java.util.Arrays;

/**
 * The k-means half of DCN: hard assignment to the nearest centroid and the incremental centroid
 * update whose step is one over a per-cluster count (Yang et al., ICML 2017, the assignment and
 * centroid-update steps of the alternating algorithm).
 *
 * <p>Plain Java on purpose: the update is sequential over the samples of a batch (each step changes
 * the centroid the next sample moves), the sizes are tiny (k x m, m = 10 by default), and keeping
 * the state off the native heap means nothing has to survive the runtime's per-call scopes.
 * Centroids are held in double precision, as the reference's numpy update computes them.
 */
final class OnlineKMeans {
  private final double[][] centroids;
  private final long[] counts;

  /**
   * Starts from given centroids with every count at {@code initialCount}.
   *
   * @param centroids k x m initial centroids, e.g. from k-means on the pretrained embedding
   * @param initialCount the count every cluster starts with; its inverse bounds the first steps
   */
  OnlineKMeans(float[][] centroids, long initialCount) {
    if (centroids.length == 0 || centroids[0].length == 0) {
      throw new IllegalArgumentException("k-means returned no centroids");
    }
    int m = centroids[0].length;
    this.centroids = new double[centroids.length][m];
    for (int j = 0; j < centroids.length; j++) {
      if (centroids[j].length != m) {
        throw new IllegalArgumentException(
            "centroid " + j + " has " + centroids[j].length + " coordinates, expected " + m);
      }
      for (int t = 0; t < m; t++) {
        this.centroids[j][t] = centroids[j][t];
      }
    }
    this.counts = new long[centroids.length];
    Arrays.fill(counts, initialCount);
  }

  /**
   * Restores a state saved with {@link #exactCentroids()} and {@link #counts()}.
   *
   * @param centroids k x m centroids in double precision
   * @param counts the k per-cluster counts
   */
  OnlineKMeans(double[][] centroids, long[] counts) {
    if (centroids.length == 0 || centroids.length != counts.length) {
      throw new IllegalArgumentException(
          centroids.length + " centroids and " + counts.length + " counts");
    }
    this.centroids = new double[centroids.length][];
    for (int j = 0; j < centroids.length; j++) {
      this.centroids[j] = centroids[j].clone();
    }
    this.counts = counts.clone();
  }

  /** Returns a copy of the centroids in the double precision they are updated in. */
  double[][] exactCentroids() {
    double[][] out = new double[centroids.length][];
    for (int j = 0; j < centroids.length; j++) {
      out[j] = centroids[j].clone();
    }
    return out;
  }

  /** Returns the number of clusters k. */
  int clusters() {
    return centroids.length;
  }

  /** Returns the embedding dimension m. */
  int dim() {
    return centroids[0].length;
  }

  /**
   * Assigns every row to its nearest centroid in squared Euclidean distance; ties go to the lower
   * index (as the reference's strict {@code <} scan over {@code j = 0..K-1}).
   *
   * @param rows n x m points, row-major
   * @return n labels in {@code [0, k)}
   */
  int[] assign(float[] rows) {
    int m = dim();
    if (rows.length % m != 0) {
      throw new IllegalArgumentException(rows.length + " values are not rows of width " + m);
    }
    int[] labels = new int[rows.length / m];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = nearest(rows, i * m);
    }
    return labels;
  }

  /**
   * Moves the centroids towards the given points, one point at a time in order: for point i with
   * label c, {@code c_c += 1} and then {@code m_c <- m_c - (1 / c_c) (m_c - z_i)}. A cluster that
   * receives no point keeps its centroid and count.
   *
   * @param rows b x m points, row-major
   * @param labels their labels, computed before any of these updates
   */
  void update(float[] rows, int[] labels) {
    int m = dim();
    if (rows.length != labels.length * m) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + rows.length + " values of width " + m);
    }
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      counts[c]++;
      double eta = 1.0 / counts[c];
      double[] centroid = centroids[c];
      for (int t = 0; t < m; t++) {
        centroid[t] -= eta * (centroid[t] - rows[i * m + t]);
      }
    }
  }

  /**
   * Returns the centroids of the given labels, one row per label, for the clustering term M s_i.
   *
   * @param labels cluster indices
   * @return labels.length x m values, row-major, in single precision
   */
  float[] rowsOf(int[] labels) {
    int m = dim();
    float[] out = new float[labels.length * m];
    for (int i = 0; i < labels.length; i++) {
      double[] centroid = centroids[labels[i]];
      for (int t = 0; t < m; t++) {
        out[i * m + t] = (float) centroid[t];
      }
    }
    return out;
  }

  /** Returns a single-precision copy of the k x m centroids. */
  float[][] centroids() {
    float[][] out = new float[centroids.length][dim()];
    for (int j = 0; j < centroids.length; j++) {
      for (int t = 0; t < dim(); t++) {
        out[j][t] = (float) centroids[j][t];
      }
    }
    return out;
  }

  /** Returns a copy of the per-cluster counts. */
  long[] counts() {
    return counts.clone();
  }

  private int nearest(float[] rows, int offset) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < centroids.length; j++) {
      double[] centroid = centroids[j];
      double distance = 0;
      for (int t = 0; t < centroid.length; t++) {
        double d = rows[offset + t] - centroid[t];
        distance += d * d;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    return best;
  }
}
