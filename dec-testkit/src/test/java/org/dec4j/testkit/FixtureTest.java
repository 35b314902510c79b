package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixtureTest {

  @Test
  void blobsAreSeededBalancedAndRecoveredByKMeans() {
    Fixture a = Fixture.blobs(200, 5, 3, 1);
    Fixture b = Fixture.blobs(200, 5, 3, 1);
    assertArrayEquals(a.points(), b.points());
    assertArrayEquals(a.labels(), b.labels());
    int[] sizes = new int[3];
    for (int l : a.labels()) {
      sizes[l]++;
    }
    assertTrue(
        sizes[0] >= 66 && sizes[1] >= 66 && sizes[2] >= 66, java.util.Arrays.toString(sizes));
    var km = new SeededKMeans().fit(a.points(), 200, 5, 3, 0);
    assertEquals(1.0, Agreement.adjustedRandIndex(a.labels(), km.labels()), 1e-9);
  }

  @Test
  void kMeansAloneIsImperfectOnTheQualityFixture() {
    Fixture f = Fixture.overlapping();
    assertEquals(300, f.rows());
    var km = new SeededKMeans().fit(f.points(), f.rows(), f.cols(), f.clusters(), 7);
    double ari = Agreement.adjustedRandIndex(f.labels(), km.labels());
    // Room to get worse and to get better: not perfect as on well-separated blobs, far from chance.
    assertTrue(ari > 0.7 && ari < 0.9, "k-means ARI " + ari);
    assertArrayEquals(f.points(), Fixture.overlapping().points());
  }

  @Test
  void adjustedRandIndexIgnoresNamesAndIsNearZeroForUnrelatedLabels() {
    assertEquals(
        1.0,
        Agreement.adjustedRandIndex(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}),
        1e-12);
    // scikit-learn: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
    assertEquals(
        -0.5, Agreement.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> Agreement.adjustedRandIndex(new int[2], new int[3]));
  }

  @Test
  void invalidFixturesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Fixture("x", new float[4], 2, 2, new int[] {0, 2}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Fixture("x", new float[3], 2, 2, new int[] {0, 1}, 2));
  }
}
