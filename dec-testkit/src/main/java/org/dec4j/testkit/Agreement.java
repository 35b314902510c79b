package org.dec4j.testkit;

/**
 * How well a clustering matches the truth, for plugin authors' own quality tests (for instance "ARI
 * at least 0.9 on well-separated blobs").
 */
public final class Agreement {
  private Agreement() {}

  /**
   * The adjusted Rand index (Hubert and Arabie, 1985): 1 for identical partitions up to renaming,
   * about 0 for independent ones.
   *
   * @param truth reference labels, non-negative
   * @param labels predicted labels, non-negative, same length
   * @return the index, at most 1
   */
  public static double adjustedRandIndex(int[] truth, int[] labels) {
    if (truth.length != labels.length) {
      throw new IllegalArgumentException(
          truth.length + " reference labels but " + labels.length + " predicted");
    }
    int n = truth.length;
    int a = max(truth) + 1;
    int b = max(labels) + 1;
    long[][] table = new long[a][b];
    for (int i = 0; i < n; i++) {
      table[truth[i]][labels[i]]++;
    }
    double index = 0;
    double rows = 0;
    double cols = 0;
    for (int i = 0; i < a; i++) {
      long r = 0;
      for (int j = 0; j < b; j++) {
        index += pairs(table[i][j]);
        r += table[i][j];
      }
      rows += pairs(r);
    }
    for (int j = 0; j < b; j++) {
      long c = 0;
      for (int i = 0; i < a; i++) {
        c += table[i][j];
      }
      cols += pairs(c);
    }
    double expected = rows * cols / pairs(n);
    double maximum = (rows + cols) / 2;
    return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
  }

  private static double pairs(long x) {
    return x * (x - 1) / 2.0;
  }

  private static int max(int[] v) {
    int m = -1;
    for (int x : v) {
      if (x < 0) {
        throw new IllegalArgumentException("negative label " + x);
      }
      m = Math.max(m, x);
    }
    return m;
  }
}
