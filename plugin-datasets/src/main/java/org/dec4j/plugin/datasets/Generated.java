package org.dec4j.plugin.datasets;

import java.util.SplittableRandom;

/** Helpers for generated data sets. */
final class Generated {
  private Generated() {}

  /**
   * Shuffles rows and their labels together (Fisher-Yates), so generated clusters are not in
   * blocks.
   *
   * @param values row-major values
   * @param labels one label per row
   * @param cols the row length
   * @param rng the generator
   */
  static void shuffle(float[] values, int[] labels, int cols, SplittableRandom rng) {
    float[] tmp = new float[cols];
    for (int i = labels.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      if (i == j) {
        continue;
      }
      int l = labels[i];
      labels[i] = labels[j];
      labels[j] = l;
      System.arraycopy(values, i * cols, tmp, 0, cols);
      System.arraycopy(values, j * cols, values, i * cols, cols);
      System.arraycopy(tmp, 0, values, j * cols, cols);
    }
  }
}
