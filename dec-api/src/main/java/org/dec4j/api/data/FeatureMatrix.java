package org.dec4j.api.data;

import org.dec4j.api.DataException;

/**
 * A dense n x d matrix of float features, row-major in one array so it can be copied to native
 * memory in one go.
 *
 * @param values row-major values, length {@code rows * cols}
 * @param rows number of samples
 * @param cols number of features
 */
public record FeatureMatrix(float[] values, int rows, int cols) {

  /** Checks the shape and that every value is finite. */
  public FeatureMatrix {
    if (rows < 0 || cols <= 0 || (long) rows * cols != values.length) {
      throw new DataException(
          "feature matrix shape "
              + rows
              + " x "
              + cols
              + " does not match "
              + values.length
              + " values");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new DataException(
            "feature matrix has a non-finite value ("
                + values[i]
                + ") at row "
                + (i / cols)
                + ", column "
                + (i % cols));
      }
    }
  }

  /**
   * Returns a copy of one row.
   *
   * @param i row index
   * @return the row's features
   */
  public float[] row(int i) {
    float[] r = new float[cols];
    System.arraycopy(values, i * cols, r, 0, cols);
    return r;
  }

  /**
   * Returns the value at a position.
   *
   * @param i row
   * @param j column
   * @return the value
   */
  public float get(int i, int j) {
    return values[i * cols + j];
  }

  /** {@return the rows as a double matrix, for classical algorithms} */
  public double[][] toDoubleRows() {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = values[i * cols + j];
      }
    }
    return out;
  }

  /**
   * Returns the given rows, in the given order.
   *
   * @param index row indices
   * @return a new matrix
   */
  public FeatureMatrix select(int[] index) {
    float[] out = new float[index.length * cols];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(values, index[i] * cols, out, i * cols, cols);
    }
    return new FeatureMatrix(out, index.length, cols);
  }
}
