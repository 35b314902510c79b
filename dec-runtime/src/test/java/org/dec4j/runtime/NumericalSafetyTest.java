package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.support.ClusteringMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DEC's q, p and KL(P||Q), and their gradients, stay finite for points far from every centroid and
 * for an empty cluster (a centroid no point is near); k-means never returns an empty or non-finite
 * cluster.
 */
class NumericalSafetyTest {

  /**
   * Points around +-scale on every axis, and three centroids: two near the points, one at the far
   * corner no point is near (an empty cluster).
   */
  @ParameterizedTest(name = "embeddings at {0}")
  @ValueSource(floats = {1e4f, 1e8f, 1e19f})
  void farPointsAndAnEmptyClusterStayFinite(float scale) {
    int b = 6;
    int m = 10;
    float[] z = new float[b * m];
    for (int i = 0; i < b; i++) {
      for (int d = 0; d < m; d++) {
        z[i * m + d] = (i % 2 == 0 ? scale : -scale) + i * 0.25f * scale / 1e4f + d;
      }
    }
    float[] mu = new float[3 * m];
    for (int d = 0; d < m; d++) {
      mu[d] = scale;
      mu[m + d] = -scale;
      mu[2 * m + d] = d % 2 == 0 ? 3 * scale : -3 * scale;
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray zArray = manager.create(z, new Shape(b, m));
      NDArray muArray = manager.create(mu, new Shape(3, m));
      zArray.setRequiresGradient(true);
      muArray.setRequiresGradient(true);
      NDArray q = ClusteringMath.softAssignment(zArray, muArray, 1.0);
      NDArray p = ClusteringMath.targetDistribution(q);
      finite("q", q.toFloatArray());
      finite("p", p.toFloatArray());
      for (float s : q.sum(new int[] {1}).toFloatArray()) {
        assertEquals(1.0, s, 1e-5, "rows of q sum to one");
      }
      for (float s : p.sum(new int[] {1}).toFloatArray()) {
        assertEquals(1.0, s, 1e-5, "rows of p sum to one");
      }
      float[] emptyColumn = q.get(":, 2").toFloatArray();
      for (float v : emptyColumn) {
        assertTrue(
            v < 1e-3, "no point is near the third centroid: " + Arrays.toString(emptyColumn));
      }
      NDArray loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        loss =
            ClusteringMath.klDivergence(p, ClusteringMath.logSoftAssignment(zArray, muArray, 1.0));
        collector.backward(loss);
      }
      float kl = loss.getFloat();
      assertTrue(
          Float.isFinite(kl) && kl >= -1e-5f,
          "KL(P||Q) = " + kl + " (non-negative up to rounding)");
      finite("dL/dz", zArray.getGradient().toFloatArray());
      finite("dL/dmu", muArray.getGradient().toFloatArray());
    }
  }

  @Test
  void anEmptyClusterInTheTargetDistributionIsFlooredNotDividedByZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // cluster 2 has no mass at all: f_2 = 0
      NDArray q = manager.create(new float[] {0.9f, 0.1f, 0, 0.2f, 0.8f, 0}, new Shape(2, 3));
      float[] p = ClusteringMath.targetDistribution(q).toFloatArray();
      finite("p", p);
      assertEquals(0f, p[2]);
      assertEquals(0f, p[5]);
      NDArray logQ = q.maximum(0).log();
      float kl = ClusteringMath.klDivergence(manager.create(p, new Shape(2, 3)), logQ).getFloat();
      assertTrue(
          Float.isFinite(kl), "terms with p = 0 contribute 0 even where log q = -inf: " + kl);
    }
  }

  private static void finite(String what, float[] values) {
    for (int i = 0; i < values.length; i++) {
      assertTrue(Float.isFinite(values[i]), what + "[" + i + "] = " + values[i]);
    }
  }

  @Test
  void kmeansRelocatesAnEmptyClusterToTheFarthestPoint() {
    float[][] rows = {{0, 0}, {0, 1}, {10, 0}, {10, 1}, {50, 50}};
    // cluster 2's centre is far from everything: no point is assigned to it.
    float[][] centers = {{0, 0.5f}, {10, 0.5f}, {Float.NaN, Float.NaN}};
    int[] labels = {0, 0, 1, 1, 1};
    int relocated = SmileKMeans.relocateEmpty(rows, centers, labels);
    assertEquals(1, relocated);
    assertEquals(2, labels[4], "the point farthest from its centre founds the empty cluster");
    assertEquals(50f, centers[2][0]);
    assertEquals(10f, centers[1][0], 1e-6f, "the cluster that lost it is recentred");
    assertEquals(0.5f, centers[1][1], 1e-6f);
    KMeans.Result fit = new SmileKMeans(3, 300, 1e-4).fit(rows, 3, 0);
    int[] counts = new int[3];
    for (int label : fit.labels()) {
      counts[label]++;
    }
    for (int j = 0; j < 3; j++) {
      assertTrue(counts[j] > 0, "cluster " + j + " is not empty: " + Arrays.toString(fit.labels()));
      finite("centre " + j, fit.centroids()[j]);
    }
  }

  @Test
  void kmeansOnFewerDistinctPointsThanClustersStaysFinite() {
    float[][] rows = {{1, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 2}};
    KMeans.Result fit = new SmileKMeans(2, 300, 1e-4).fit(rows, 3, 0);
    for (float[] c : fit.centroids()) {
      finite("centre", c);
    }
    for (int label : fit.labels()) {
      assertTrue(label >= 0 && label < 3);
    }
  }
}
