package org.dec4j.plugin.datasets;

import java.util.List;

/**
 * Feature scaling applied after loading, column by column.
 *
 * <p>The DEC/IDEC code scales pen and optical digits to [0, 1]; {@link #RANGE} does that with the
 * format's documented value range (a fixed divisor, so the train and test parts get the same
 * transform whether loaded together or apart), {@link #MINMAX} with the observed per-column range
 * (scikit-learn's {@code MinMaxScaler}).
 */
enum Scaling {
  /** Values as stored. */
  NONE,
  /** Divide by the format's documented maximum value (e.g. 16 for optdigits, 100 for pendigits). */
  RANGE,
  /** Per column: {@code (x - min) / (max - min)}; a constant column becomes 0. */
  MINMAX,
  /** Per column: {@code (x - mean) / std} (population std); a constant column becomes 0. */
  STANDARD;

  /** Returns the option value, as users write it. */
  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses an option value.
   *
   * @param s the value, already validated against the declared choices
   * @return the scaling
   */
  static Scaling of(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Returns the option ids of some scalings.
   *
   * @param values the scalings
   * @return their ids
   */
  static List<String> ids(Scaling... values) {
    return java.util.Arrays.stream(values).map(Scaling::id).toList();
  }

  /**
   * Scales a row-major matrix in place.
   *
   * @param v the values
   * @param rows the number of rows
   * @param cols the number of columns
   * @param rangeMax the documented maximum for {@link #RANGE}
   */
  void apply(float[] v, int rows, int cols, float rangeMax) {
    switch (this) {
      case NONE -> { }
      case RANGE -> {
        for (int i = 0; i < v.length; i++) {
          v[i] /= rangeMax;
        }
      }
      case MINMAX -> {
        float[] min = new float[cols];
        float[] max = new float[cols];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            float x = v[i * cols + j];
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
          }
        }
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            float span = max[j] - min[j];
            v[i * cols + j] = span > 0 ? (v[i * cols + j] - min[j]) / span : 0f;
          }
        }
      }
      case STANDARD -> {
        double[] mean = new double[cols];
        double[] sq = new double[cols];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            mean[j] += v[i * cols + j];
          }
        }
        for (int j = 0; j < cols; j++) {
          mean[j] /= Math.max(1, rows);
        }
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            double d = v[i * cols + j] - mean[j];
            sq[j] += d * d;
          }
        }
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            double sd = Math.sqrt(sq[j] / Math.max(1, rows));
            v[i * cols + j] = sd > 0 ? (float) ((v[i * cols + j] - mean[j]) / sd) : 0f;
          }
        }
      }
      default -> throw new IllegalStateException(name());
    }
  }
}
