package org.dec4j.testkit;

/** Points the kit builds its degenerate probe batches from. */
final class Probes {
  private Probes() {}

  /** {@return the mean of the rows} */
  static float[] mean(float[][] rows) {
    int m = rows[0].length;
    double[] s = new double[m];
    for (float[] r : rows) {
      for (int a = 0; a < m; a++) {
        s[a] += r[a];
      }
    }
    float[] out = new float[m];
    for (int a = 0; a < m; a++) {
      out[a] = (float) (s[a] / rows.length);
    }
    return out;
  }

  /**
   * The point of the centroids' affine hull at the same distance from every centroid (their
   * circumcentre), where any distance-based assignment is uniform: no cluster prefers it. Falls
   * back to the centroids' mean when they are degenerate (repeated, or more than m + 1 of them).
   *
   * @param c k x m centroids
   * @return m coordinates
   */
  static float[] equidistant(float[][] c) {
    int k = c.length;
    int m = c[0].length;
    if (k == 1) {
      return c[0].clone();
    }
    int d = k - 1;
    double[][] a = new double[d][m];
    for (int j = 0; j < d; j++) {
      for (int t = 0; t < m; t++) {
        a[j][t] = (double) c[j + 1][t] - c[0][t];
      }
    }
    // 2 G t = diag(G), G the Gram matrix of the centroids' offsets from the first one.
    double[][] g = new double[d][d + 1];
    double scale = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double dot = 0;
        for (int t = 0; t < m; t++) {
          dot += a[i][t] * a[j][t];
        }
        g[i][j] = 2 * dot;
        if (i == j) {
          g[i][d] = dot;
          scale = Math.max(scale, dot);
        }
      }
    }
    for (int col = 0; col < d; col++) {
      int pivot = col;
      for (int r = col + 1; r < d; r++) {
        if (Math.abs(g[r][col]) > Math.abs(g[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(g[pivot][col]) <= 1e-9 * Math.max(scale, 1e-30)) {
        return mean(c);
      }
      double[] tmp = g[col];
      g[col] = g[pivot];
      g[pivot] = tmp;
      for (int r = 0; r < d; r++) {
        if (r != col) {
          double f = g[r][col] / g[col][col];
          for (int cc = col; cc <= d; cc++) {
            g[r][cc] -= f * g[col][cc];
          }
        }
      }
    }
    float[] out = new float[m];
    for (int t = 0; t < m; t++) {
      double v = c[0][t];
      for (int j = 0; j < d; j++) {
        v += g[j][d] / g[j][j] * a[j][t];
      }
      out[t] = (float) v;
    }
    return out;
  }
}
