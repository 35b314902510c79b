package org.dec4j.plugin.dcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The incremental k-means step of DCN in plain Java. */
class OnlineKMeansTest {

  @Test
  void assignsToTheNearestCentroidAndBreaksTiesTowardsTheLowerIndex() {
    OnlineKMeans km = new OnlineKMeans(new float[][] {{0, 0}, {2, 0}, {0, 3}}, 100);
    // (1, 0) is equidistant from centroids 0 and 1.
    int[] labels = km.assign(new float[] {0.9f, 0, 1, 0, 1.1f, 0, 0, 2, -5, -5});
    assertArrayEquals(new int[] {0, 0, 1, 2, 0}, labels);
  }

  @Test
  void movesEachCentroidByOneOverItsCountPerSampleInOrder() {
    OnlineKMeans km = new OnlineKMeans(new float[][] {{0, 0}, {10, 10}}, 100);
    float[] z = {1, 1, 9, 11, 2, 0};
    km.update(z, new int[] {0, 1, 0});
    // cluster 0: count 101, step 1/101 towards (1, 1); then count 102, step 1/102 towards (2, 0).
    double a = 1.0 / 101;
    double x0 = a + (2 - a) / 102;
    double y0 = a + (0 - a) / 102;
    // cluster 1: count 101, step 1/101 from (10, 10) towards (9, 11).
    double x1 = 10 + (9 - 10) / 101.0;
    double y1 = 10 + (11 - 10) / 101.0;
    assertArrayEquals(new float[] {(float) x0, (float) y0}, km.centroids()[0], 1e-7f);
    assertArrayEquals(new float[] {(float) x1, (float) y1}, km.centroids()[1], 1e-7f);
    assertArrayEquals(new long[] {102, 101}, km.counts());
  }

  @Test
  void withZeroInitialCountTheFirstSampleBecomesTheCentroid() {
    OnlineKMeans km = new OnlineKMeans(new float[][] {{0, 0}, {10, 10}}, 0);
    km.update(new float[] {3, 4, 5, 6}, new int[] {0, 0});
    // count 1: m = (3, 4); count 2: m = (3, 4) + ((5, 6) - (3, 4)) / 2 = (4, 5), the running mean.
    assertArrayEquals(new float[] {4, 5}, km.centroids()[0], 1e-7f);
  }

  @Test
  void aClusterWithoutSamplesKeepsItsCentroidAndCount() {
    OnlineKMeans km = new OnlineKMeans(new float[][] {{0, 0}, {10, 10}, {-7, 3}}, 100);
    km.update(new float[] {1, 1, 2, 2}, new int[] {0, 0});
    assertArrayEquals(new float[] {10, 10}, km.centroids()[1]);
    assertArrayEquals(new float[] {-7, 3}, km.centroids()[2]);
    assertArrayEquals(new long[] {102, 100, 100}, km.counts());
  }

  @Test
  void gathersTheCentroidOfEveryLabel() {
    OnlineKMeans km = new OnlineKMeans(new float[][] {{1, 2}, {3, 4}}, 100);
    assertArrayEquals(new float[] {3, 4, 1, 2, 3, 4}, km.rowsOf(new int[] {1, 0, 1}));
  }

  @Test
  void rejectsRaggedInput() {
    assertThrows(
        IllegalArgumentException.class, () -> new OnlineKMeans(new float[][] {{1, 2}, {3}}, 1));
    OnlineKMeans km = new OnlineKMeans(new float[][] {{1, 2}, {3, 4}}, 100);
    assertThrows(IllegalArgumentException.class, () -> km.assign(new float[] {1, 2, 3}));
    assertThrows(
        IllegalArgumentException.class, () -> km.update(new float[] {1, 2, 3, 4}, new int[] {0}));
  }
}
