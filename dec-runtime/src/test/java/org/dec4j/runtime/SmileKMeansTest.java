package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dec4j.api.objective.KMeans;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.junit.jupiter.api.Test;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.math.MathEx;

/** k-means in many dimensions (plain Lloyd) gives what the BBD tree gives, and recovers blobs. */
class SmileKMeansTest {
  /** n points in R^d around k centres far apart. */
  private static float[][] blobs(int n, int d, int k, int[] truth, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] centres = new float[k][d];
    for (float[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) (rng.nextGaussian() * 4);
      }
    }
    float[][] x = new float[n][d];
    for (int i = 0; i < n; i++) {
      truth[i] = i % k;
      for (int j = 0; j < d; j++) {
        x[i][j] = centres[truth[i]][j] + (float) rng.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void manyDimensionsGiveTheTreesClusteringAndRecoverBlobs() {
    int n = 600;
    int d = SmileKMeans.TREE_MAX_DIMENSION + 8;
    int[] truth = new int[n];
    float[][] x = blobs(n, d, 5, truth, 3);
    KMeans.Result lloyd = new SmileKMeans(3, 100, 1e-4).fit(x, 5, 11);
    assertEquals(1.0, ClusteringMetrics.ari(truth, lloyd.labels()), 1e-12);

    CentroidClustering<float[], float[]> best = null;
    for (int r = 0; r < 3; r++) {
      MathEx.setSeed(11 * 1_000_003L + r);
      CentroidClustering<float[], float[]> c =
          smile.clustering.KMeans.fit(x, new Clustering.Options(5, 100, 1e-4, null));
      best = best == null || c.distortion() < best.distortion() ? c : best;
    }
    assertArrayEquals(best.group(), lloyd.labels(), "the same Lloyd iteration from the same seeds");
    assertEquals(best.distortion(), lloyd.distortion(), 1e-6 * best.distortion());
    assertArrayEquals(
        lloyd.labels(), new SmileKMeans(3, 100, 1e-4).fit(x, 5, 11).labels(), "seeded");
  }

  /**
   * Points one float apart (a collapsed embedding, where all but one ReLU died, is full of them)
   * are clustered, not a StackOverflowError: the midpoint of Smile's BBD tree rounds onto one of
   * them and the tree recursed without end. Plain Lloyd steps take over.
   */
  @Test
  void pointsOneFloatApartAreClustered() {
    float[][] x = new float[300][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = i % 3 == 0 ? 0.3f : i % 3 == 1 ? Math.nextUp(0.3f) : 0.9f;
      x[i][1] = 0.7f;
    }
    KMeans.Result result = new SmileKMeans(2, 100, 1e-4).fit(x, 2, 0);
    int[] truth = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      truth[i] = i % 3 == 2 ? 1 : 0;
    }
    assertEquals(1.0, ClusteringMetrics.ari(truth, result.labels()), 1e-12);
  }

  @Test
  void reportsEveryRestartAndTheBestDistortion() {
    int[] truth = new int[300];
    float[][] x = blobs(300, SmileKMeans.TREE_MAX_DIMENSION + 8, 4, truth, 5);
    List<String> events = new ArrayList<>();
    ProgressSink sink =
        new ProgressSink() {
          @Override
          public void start(String phase, long total) {
            events.add("start " + phase + " " + total);
          }

          @Override
          public void advance(long done, String status) {
            events.add("advance " + done);
          }

          @Override
          public void finish(String summary) {
            events.add("finish " + summary);
          }
        };
    KMeans.Result result = new SmileKMeans(3, 300, 1e-4, sink).fit(x, 4, 11);

    assertEquals(
        List.of("start k-means 3", "advance 1", "advance 2", "advance 3"), events.subList(0, 4));
    assertEquals(5, events.size(), events.toString());
    String finish = events.get(4);
    assertTrue(finish.startsWith("finish k-means: 3 restarts in "), finish);
    assertTrue(
        finish.endsWith(String.format(Locale.ROOT, "distortion %.6g", result.distortion())),
        finish);
  }
}
