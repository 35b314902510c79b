package org.dec4j.plugin.datasets;

import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureScaling;

/**
 * Feature scaling applied after loading, column by column, chosen with the {@code scale} option.
 *
 * <p>The DEC/IDEC code scales pen and optical digits to [0, 1]; {@link #RANGE} does that with the
 * format's documented value range (a fixed divisor, so the train and test parts get the same
 * transform whether loaded together or apart), {@link #MINMAX} with the observed per-column range
 * (scikit-learn's {@code MinMaxScaler}). The statistics are fitted on the rows loaded, unless the
 * request carries those of a saved model's training data ({@link DatasetRequest#scaling()}), which
 * are then applied instead; either way the load reports them, as a {@link FeatureScaling}.
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

  /** The data set option that chooses the scaling. */
  static final String OPTION = "scale";

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
   * Scales a row-major matrix in place: with the statistics the request carries, else with those
   * fitted on these values.
   *
   * @param owner the data set id, for messages
   * @param request the request (its fitted scaling, if any)
   * @param v the values
   * @param rows the number of rows
   * @param cols the number of columns
   * @param rangeMax the documented maximum for {@link #RANGE}
   * @return the scaling applied, or null for {@link #NONE} (and when the request's scaling is for
   *     another number of features, which leaves the values as they are)
   * @throws ConfigException when the request's scaling is another method than this one
   */
  FeatureScaling apply(
      String owner, DatasetRequest request, float[] v, int rows, int cols, float rangeMax) {
    FeatureScaling given = request.scaling();
    if (given != null && given.option().equals(OPTION)) {
      if (!given.method().equals(id())) {
        throw new ConfigException(
            owner
                + ": "
                + OPTION
                + "="
                + id()
                + " conflicts with the fitted scaling "
                + given.setting()
                + " given to apply");
      }
      if (given.features() != cols) {
        // Left unscaled: the caller refuses data of another width, naming the model's columns.
        return null;
      }
      given.applyInPlace(v, rows, cols);
      return given;
    }
    FeatureScaling fitted =
        switch (this) {
          case NONE -> null;
          case RANGE -> FeatureScaling.dividing(OPTION, id(), cols, rangeMax);
          case MINMAX -> FeatureScaling.minMax(OPTION, id(), v, rows, cols);
          case STANDARD -> FeatureScaling.standard(OPTION, id(), v, rows, cols);
        };
    if (fitted != null) {
      fitted.applyInPlace(v, rows, cols);
    }
    return fitted;
  }
}
