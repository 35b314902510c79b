package org.dec4j.api.data;

import java.util.Arrays;
import java.util.Locale;
import org.dec4j.api.DataException;

/**
 * A per-feature affine scaling, {@code x'_j = (x_j - offset_j) / divisor_j}, fitted on training
 * data and kept so that new rows get exactly the same transform (scikit-learn's {@code
 * StandardScaler} / {@code MinMaxScaler} split into {@code fit} and {@code transform}).
 *
 * <p>A data set that scales its features reports the scaling it applied in {@link
 * LoadedDataset#scaling()}; a saved model stores it, and when the model predicts it hands it back
 * in {@link DatasetRequest#scaling()} so that the data set applies these statistics instead of
 * fitting new ones on the rows being predicted (a single row would otherwise be standardised by its
 * own mean). The arithmetic is done in {@code double} and rounded to {@code float} once, the same
 * way whoever applies it; a feature whose divisor is 0 (a constant column) becomes 0.
 *
 * @param option the data set option the scaling was chosen with, e.g. {@code scale}
 * @param method that option's value, e.g. {@code standard}, {@code minmax}, {@code range}
 * @param offset subtracted from each feature (the mean, the minimum, or 0)
 * @param divisor each feature is divided by this (the standard deviation, the range, a documented
 *     maximum); 0 maps the feature to 0
 */
public record FeatureScaling(String option, String method, double[] offset, double[] divisor) {

  /** Checks the names, that both arrays cover the same features, and that every value is finite. */
  public FeatureScaling {
    if (option == null || option.isBlank() || method == null || method.isBlank()) {
      throw new DataException("feature scaling needs the option and the method it was chosen with");
    }
    if (offset == null
        || divisor == null
        || offset.length == 0
        || offset.length != divisor.length) {
      throw new DataException(
          "feature scaling '"
              + method
              + "' has "
              + (offset == null ? 0 : offset.length)
              + " offsets and "
              + (divisor == null ? 0 : divisor.length)
              + " divisors; both need one per feature");
    }
    offset = offset.clone();
    divisor = divisor.clone();
    for (int j = 0; j < offset.length; j++) {
      if (!Double.isFinite(offset[j]) || !Double.isFinite(divisor[j]) || divisor[j] < 0) {
        throw new DataException(
            "feature scaling '"
                + method
                + "', feature "
                + j
                + ": offset "
                + offset[j]
                + " and divisor "
                + divisor[j]
                + " must be finite, the divisor >= 0");
      }
    }
  }

  /**
   * Fits a standardisation: per feature, the mean and the population standard deviation.
   *
   * @param option the data set option it was chosen with
   * @param method that option's value
   * @param values row-major values
   * @param rows the number of rows
   * @param cols the number of features
   * @return the scaling, not yet applied
   */
  public static FeatureScaling standard(
      String option, String method, float[] values, int rows, int cols) {
    double[] mean = new double[cols];
    double[] sq = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        mean[j] += values[i * cols + j];
      }
    }
    for (int j = 0; j < cols; j++) {
      mean[j] /= Math.max(1, rows);
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double d = values[i * cols + j] - mean[j];
        sq[j] += d * d;
      }
    }
    double[] sd = new double[cols];
    for (int j = 0; j < cols; j++) {
      sd[j] = Math.sqrt(sq[j] / Math.max(1, rows));
    }
    return new FeatureScaling(option, method, mean, sd);
  }

  /**
   * Fits a min-max scaling into [0, 1]: per feature, the minimum and the range (computed in {@code
   * float}, as the values are stored).
   *
   * @param option the data set option it was chosen with
   * @param method that option's value
   * @param values row-major values
   * @param rows the number of rows
   * @param cols the number of features
   * @return the scaling, not yet applied
   */
  public static FeatureScaling minMax(
      String option, String method, float[] values, int rows, int cols) {
    float[] min = new float[cols];
    float[] max = new float[cols];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        float x = values[i * cols + j];
        min[j] = Math.min(min[j], x);
        max[j] = Math.max(max[j], x);
      }
    }
    double[] offset = new double[cols];
    double[] divisor = new double[cols];
    for (int j = 0; j < cols; j++) {
      offset[j] = rows == 0 ? 0 : min[j];
      divisor[j] = rows == 0 ? 0 : Math.max(0f, max[j] - min[j]);
    }
    return new FeatureScaling(option, method, offset, divisor);
  }

  /**
   * A fixed division of every feature, fitted on nothing (e.g. by a format's documented maximum).
   *
   * @param option the data set option it was chosen with
   * @param method that option's value
   * @param cols the number of features
   * @param divisor the divisor, > 0
   * @return the scaling
   */
  public static FeatureScaling dividing(String option, String method, int cols, double divisor) {
    double[] d = new double[cols];
    Arrays.fill(d, divisor);
    return new FeatureScaling(option, method, new double[cols], d);
  }

  /** {@return the number of features this scaling is for} */
  public int features() {
    return offset.length;
  }

  /** {@return a copy of the offsets, one per feature} */
  @Override
  public double[] offset() {
    return offset.clone();
  }

  /** {@return a copy of the divisors, one per feature} */
  @Override
  public double[] divisor() {
    return divisor.clone();
  }

  /**
   * Scales a row-major matrix in place.
   *
   * @param values the values
   * @param rows the number of rows
   * @param cols the number of features, which must be {@link #features()}
   * @throws DataException when the column count differs
   */
  public void applyInPlace(float[] values, int rows, int cols) {
    if (cols != offset.length) {
      throw new DataException(
          "feature scaling '" + method + "' is for " + offset.length + " features, not " + cols);
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int at = i * cols + j;
        values[at] = divisor[j] > 0 ? (float) ((values[at] - offset[j]) / divisor[j]) : 0f;
      }
    }
  }

  /**
   * Returns a scaled copy.
   *
   * @param x the rows, with {@link #features()} columns
   * @return the scaled rows
   * @throws DataException when the column count differs, or a scaled value is not finite
   */
  public FeatureMatrix apply(FeatureMatrix x) {
    float[] v = x.values().clone();
    applyInPlace(v, x.rows(), x.cols());
    return new FeatureMatrix(v, x.rows(), x.cols());
  }

  /** {@return the option as a user writes it, e.g. {@code scale=standard}} */
  public String setting() {
    return option + "=" + method;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureScaling s
        && option.equals(s.option)
        && method.equals(s.method)
        && Arrays.equals(offset, s.offset)
        && Arrays.equals(divisor, s.divisor);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * setting().hashCode() + Arrays.hashCode(offset)) + Arrays.hashCode(divisor);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s over %d features", setting(), offset.length);
  }
}
