package org.dec4j.runtime;

import java.util.HashSet;
import java.util.Set;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;

/**
 * Checks that data can be clustered into k groups before any time is spent on it. Non-finite values
 * are already refused by {@link FeatureMatrix}; constant columns are normal (MNIST's border pixels)
 * and only counted.
 */
final class DataChecks {
  private DataChecks() {}

  /**
   * Checks the data against k.
   *
   * @param data the data
   * @param k the number of clusters
   * @return the number of constant columns, for a note in the log
   * @throws ConfigException when k exceeds the number of samples
   * @throws DataException when there are fewer distinct samples than k
   */
  static int check(LoadedDataset data, int k) {
    FeatureMatrix x = data.features();
    if (k > x.rows()) {
      throw new ConfigException(
          "k = " + k + " exceeds the number of samples (" + x.rows() + ") of '" + data.id() + "'");
    }
    int distinct = distinctRows(x, k);
    if (distinct < k) {
      throw new DataException(
          "data set '"
              + data.id()
              + "' has only "
              + distinct
              + " distinct sample"
              + (distinct == 1 ? " (all rows are identical)" : "s")
              + ", fewer than k = "
              + k
              + " clusters");
    }
    return constantColumns(x);
  }

  /**
   * Magnitudes from which inputs are worth a warning: a network's weighted sums and squared
   * reconstruction errors overflow float32 near 1e19 and lose all precision well before.
   */
  static final float LARGE = 1e6f;

  /**
   * The largest absolute value of the features.
   *
   * @param x the features (all finite: {@link FeatureMatrix} refuses others)
   * @return max |x|
   */
  static float largestMagnitude(FeatureMatrix x) {
    float max = 0;
    for (float v : x.values()) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** Counts distinct rows, stopping once {@code enough} are found. */
  static int distinctRows(FeatureMatrix x, int enough) {
    Set<Row> seen = new HashSet<>();
    for (int i = 0; i < x.rows() && seen.size() < enough; i++) {
      seen.add(new Row(x, i));
    }
    return seen.size();
  }

  static int constantColumns(FeatureMatrix x) {
    float[] v = x.values();
    int cols = x.cols();
    int constant = 0;
    for (int j = 0; j < cols; j++) {
      float first = v[j];
      boolean same = true;
      for (int i = 1; i < x.rows() && same; i++) {
        same = v[i * cols + j] == first;
      }
      if (same) {
        constant++;
      }
    }
    return constant;
  }

  private static final class Row {
    private final FeatureMatrix x;
    private final int index;
    private final int hash;

    Row(FeatureMatrix x, int index) {
      this.x = x;
      this.index = index;
      int h = 1;
      int from = index * x.cols();
      for (int j = 0; j < x.cols(); j++) {
        h = 31 * h + Float.floatToIntBits(x.values()[from + j]);
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Row r)) {
        return false;
      }
      int a = index * x.cols();
      int b = r.index * x.cols();
      return java.util.Arrays.equals(x.values(), a, a + x.cols(), r.x.values(), b, b + x.cols());
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
