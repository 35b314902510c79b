package org.dec4j.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.dec4j.api.result.Scores;
import org.junit.jupiter.api.Test;

/** Properties of the metrics that hold for any labeling, plus input validation. */
class ClusteringMetricsTest {
  private static final int OUTLIER = Integer.MAX_VALUE; // Smile's noise label

  @Test
  void metricsAreInvariantUnderRelabellingClustersAndClasses() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(400);
      int[] truth = randomLabels(random, n, 1 + random.nextInt(12));
      int[] predicted = randomLabels(random, n, 1 + random.nextInt(15));
      int[] renamedPredicted = rename(random, predicted);
      int[] renamedTruth = rename(random, truth);
      Scores base = ClusteringMetrics.scores(truth, predicted);
      assertEquals(base.acc(), ClusteringMetrics.accuracy(truth, renamedPredicted));
      assertEquals(base.acc(), ClusteringMetrics.accuracy(renamedTruth, predicted));
      assertEquals(base.nmi(), ClusteringMetrics.nmi(renamedTruth, renamedPredicted), 1e-12);
      assertEquals(base.ari(), ClusteringMetrics.ari(renamedTruth, renamedPredicted));
    }
  }

  @Test
  void permutedIdenticalLabellingScoresOne() {
    Random random = new Random(11);
    for (int k : new int[] {1, 2, 10, 57}) {
      int[] truth = randomLabels(random, 2000, k);
      int[] predicted = rename(random, truth);
      Scores s = ClusteringMetrics.scores(truth, predicted);
      assertEquals(1.0, s.acc());
      assertEquals(1.0, s.nmi(), 1e-12); // I and the entropies are summed separately
      assertEquals(1.0, s.ari());
    }
  }

  @Test
  void metricsAreSymmetricInTheirArguments() {
    Random random = new Random(13);
    for (int trial = 0; trial < 30; trial++) {
      int n = 1 + random.nextInt(300);
      int[] a = randomLabels(random, n, 1 + random.nextInt(8));
      int[] b = randomLabels(random, n, 1 + random.nextInt(8));
      assertEquals(ClusteringMetrics.accuracy(a, b), ClusteringMetrics.accuracy(b, a));
      assertEquals(ClusteringMetrics.nmi(a, b), ClusteringMetrics.nmi(b, a), 1e-12);
      assertEquals(ClusteringMetrics.ari(a, b), ClusteringMetrics.ari(b, a));
    }
  }

  @Test
  void scoresStayInTheirRanges() {
    Random random = new Random(17);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(200);
      int[] truth = randomLabels(random, n, 1 + random.nextInt(10));
      int[] predicted =
          trial % 3 == 0
              ? noisy(random, truth, 0.2 * (trial % 5), 10)
              : randomLabels(random, n, 1 + random.nextInt(20));
      Scores s = ClusteringMetrics.scores(truth, predicted);
      assertAll(
          () -> assertTrue(s.acc() > 0 && s.acc() <= 1, "acc " + s),
          () -> assertTrue(s.nmi() >= 0 && s.nmi() <= 1, "nmi " + s),
          () -> assertTrue(s.ari() <= 1 && s.ari() >= -0.5, "ari " + s));
    }
  }

  @Test
  void accuracyEqualsBruteForceOverAllClusterToClassMaps() {
    Random random = new Random(19);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(40);
      int[] truth = randomLabels(random, n, 1 + random.nextInt(6));
      int[] predicted = randomLabels(random, n, 1 + random.nextInt(6));
      int[][] table = ClusteringMetrics.contingency(truth, predicted);
      long best = bestInjectiveMap(table, 0, new boolean[table.length]);
      assertEquals((double) best / n, ClusteringMetrics.accuracy(truth, predicted));
    }
  }

  @Test
  void rectangularAccuracyCountsUnmatchedClustersAsWrong() {
    // Three clusters, two classes: cluster 9 cannot be matched, its samples are errors.
    int[] truth = {0, 0, 0, 1, 1, 1};
    int[] predicted = {7, 7, 9, 8, 8, 9};
    assertEquals(4.0 / 6, ClusteringMetrics.accuracy(truth, predicted));
    assertArrayEquals(new int[] {0, 1, -1}, ClusteringMetrics.matching(truth, predicted));
    // One cluster, three classes: the largest class wins.
    assertEquals(3.0 / 6, ClusteringMetrics.accuracy(new int[] {0, 1, 1, 2, 2, 2}, new int[6]));
  }

  @Test
  void contingencyAndMatchingUseAscendingLabelOrder() {
    int[] truth = {OUTLIER, -5, -5, 3, 3, 3, OUTLIER};
    int[] predicted = {-1, 2, 2, 0, 0, -1, -1};
    assertArrayEquals(new int[] {-5, 3, OUTLIER}, ClusteringMetrics.labels(truth));
    assertArrayEquals(new int[] {-1, 0, 2}, ClusteringMetrics.labels(predicted));
    int[][] expected = {{0, 0, 2}, {1, 2, 0}, {2, 0, 0}};
    assertArrayEquals(expected, ClusteringMetrics.contingency(truth, predicted));
    // cluster -1 -> class OUTLIER, cluster 0 -> class 3, cluster 2 -> class -5
    assertArrayEquals(new int[] {2, 1, 0}, ClusteringMetrics.matching(truth, predicted));
    assertEquals(6.0 / 7, ClusteringMetrics.accuracy(truth, predicted));
  }

  @Test
  void matchingAgreesWithAccuracyAndIsOneToOne() {
    Random random = new Random(23);
    for (int trial = 0; trial < 100; trial++) {
      int n = 1 + random.nextInt(500);
      int[] truth = randomLabels(random, n, 1 + random.nextInt(15));
      int[] predicted = noisy(random, truth, random.nextDouble(), 1 + random.nextInt(20));
      int[][] table = ClusteringMetrics.contingency(truth, predicted);
      int[] match = ClusteringMetrics.matching(truth, predicted);
      int classes = table.length;
      int clusters = table[0].length;
      assertEquals(clusters, match.length);
      boolean[] taken = new boolean[classes];
      long matched = 0;
      int unmatched = 0;
      for (int j = 0; j < clusters; j++) {
        if (match[j] < 0) {
          unmatched++;
          continue;
        }
        assertTrue(!taken[match[j]], "class matched twice");
        taken[match[j]] = true;
        matched += table[match[j]][j];
      }
      assertEquals(Math.max(0, clusters - classes), unmatched);
      assertEquals((double) matched / n, ClusteringMetrics.accuracy(truth, predicted));
      assertEquals(n, Arrays.stream(table).flatMapToInt(Arrays::stream).sum());
    }
  }

  @Test
  void singleClusterEdgeCasesFollowSklearn() {
    assertEquals(new Scores(1, 1, 1), ClusteringMetrics.scores(new int[] {4}, new int[] {-2}));
    assertEquals(
        new Scores(1, 1, 1), ClusteringMetrics.scores(new int[] {3, 3, 3}, new int[] {0, 0, 0}));
    Scores oneSided = ClusteringMetrics.scores(new int[] {0, 1, 2, 3}, new int[] {5, 5, 5, 5});
    assertEquals(new Scores(0.25, 0.0, 0.0), oneSided);
  }

  @Test
  void ariIsExactForLargeNWherePairProductsExceedALong() {
    // n = 200,000: pair counts reach 4e10 and their products 1e21, beyond Long.MAX_VALUE.
    Random random = new Random(29);
    int n = 200_000;
    int[] truth = randomLabels(random, n, 10);
    int[] predicted = noisy(random, truth, 0.5, 10);
    assertEquals(hubertArabie(truth, predicted), ClusteringMetrics.ari(truth, predicted), 1e-12);
    assertEquals(1.0, ClusteringMetrics.ari(truth, truth));
    int[] twoBlocks = new int[n];
    Arrays.fill(twoBlocks, n / 2, n, 1);
    // A nested pair of partitions (each half split in two) of the same large n.
    int[] quarters = new int[n];
    for (int i = 0; i < n; i++) {
      quarters[i] = i / (n / 4);
    }
    assertEquals(
        hubertArabie(twoBlocks, quarters), ClusteringMetrics.ari(twoBlocks, quarters), 1e-12);
  }

  @Test
  void largeAssignmentProblemsComplete() {
    // Not timed: a 1000 x 1000 matching must simply finish within the test run.
    Random random = new Random(31);
    int[] truth = randomLabels(random, 30_000, 1000);
    int[] predicted = rename(random, noisy(random, truth, 0.3, 1000));
    double acc = ClusteringMetrics.accuracy(truth, predicted);
    assertTrue(acc >= 0.69 && acc <= 0.8, "acc " + acc);
    int[] allDistinct = new int[30_000];
    Arrays.setAll(allDistinct, i -> i);
    // 30,000 singleton clusters: NMI and ARI use a sparse table and need no k x k memory.
    assertEquals(0.0, ClusteringMetrics.ari(truth, allDistinct));
    assertTrue(ClusteringMetrics.nmi(truth, allDistinct) > 0.5);
  }

  @Test
  void invalidInputIsRejectedWithBothLengths() {
    IllegalArgumentException mismatch =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusteringMetrics.accuracy(new int[3], new int[5]));
    assertTrue(
        mismatch.getMessage().contains("3") && mismatch.getMessage().contains("5"),
        mismatch.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class, () -> ClusteringMetrics.nmi(new int[0], new int[0]));
    assertTrue(empty.getMessage().contains("0 and 0"), empty.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ClusteringMetrics.ari(new int[1], new int[0]));
    assertThrows(
        IllegalArgumentException.class, () -> ClusteringMetrics.scores(new int[0], new int[1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClusteringMetrics.contingency(new int[0], new int[0]));
    assertThrows(
        IllegalArgumentException.class, () -> ClusteringMetrics.matching(new int[2], new int[1]));
    assertThrows(NullPointerException.class, () -> ClusteringMetrics.accuracy(null, new int[1]));
    assertThrows(NullPointerException.class, () -> ClusteringMetrics.ari(new int[1], null));
  }

  private static int[] randomLabels(Random random, int n, int k) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(k);
    }
    return labels;
  }

  private static int[] noisy(Random random, int[] labels, double rate, int k) {
    int[] out = labels.clone();
    for (int i = 0; i < out.length; i++) {
      if (random.nextDouble() < rate) {
        out[i] = random.nextInt(k);
      }
    }
    return out;
  }

  /** A random bijection onto arbitrary ints, negatives and Smile's OUTLIER included. */
  private static int[] rename(Random random, int[] labels) {
    Map<Integer, Integer> to = new HashMap<>();
    java.util.Set<Integer> used = new java.util.HashSet<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] =
          to.computeIfAbsent(
              labels[i],
              key -> {
                int fresh;
                do {
                  fresh = used.isEmpty() ? OUTLIER : random.nextInt(2001) - 1000;
                } while (!used.add(fresh));
                return fresh;
              });
    }
    return out;
  }

  private static long bestInjectiveMap(int[][] table, int cluster, boolean[] classTaken) {
    int clusters = table[0].length;
    if (cluster == clusters) {
      return 0;
    }
    long best = bestInjectiveMap(table, cluster + 1, classTaken); // leave this cluster unmatched
    for (int c = 0; c < table.length; c++) {
      if (!classTaken[c]) {
        classTaken[c] = true;
        best = Math.max(best, table[c][cluster] + bestInjectiveMap(table, cluster + 1, classTaken));
        classTaken[c] = false;
      }
    }
    return best;
  }

  /** The textbook adjusted Rand index from unordered pair counts, in doubles, as a cross-check. */
  private static double hubertArabie(int[] truth, int[] predicted) {
    int[][] table = ClusteringMetrics.contingency(truth, predicted);
    double index = 0;
    double[] rows = new double[table.length];
    double[] cols = new double[table[0].length];
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[0].length; j++) {
        index += pairs(table[i][j]);
        rows[i] += table[i][j];
        cols[j] += table[i][j];
      }
    }
    double a = Arrays.stream(rows).map(ClusteringMetricsTest::pairs).sum();
    double b = Arrays.stream(cols).map(ClusteringMetricsTest::pairs).sum();
    double expected = a * b / pairs(truth.length);
    return (index - expected) / ((a + b) / 2 - expected);
  }

  private static double pairs(double m) {
    return m * (m - 1) / 2;
  }
}
