package org.dec4j.plugin.idec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.objective.support.StudentTSession;
import org.dec4j.testkit.FixedBatch;
import org.dec4j.testkit.TestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the IDEC session on small hand-made arrays with the MXNet engine, checking the loss against
 * a plain-Java computation of {@code mse + gamma * KL(P || Q)}. Each session call runs in its own
 * {@link NDScope}, as the runtime runs it (hence the unreferenced try-with-resources variables).
 */
@SuppressWarnings("try")
class IdecSessionTest {
  /** Embeddings of all six samples; two groups around (0.5, 0) and (4, 4). */
  private static final float[][] Z = {{0, 0}, {1, 0.5f}, {4, 4}, {5, 3.5f}, {0.5f, -1}, {3, 5}};

  private static final float[][] MU = {{0.5f, 0}, {4, 4}};
  private static final int[] LABELS = {0, 0, 1, 1, 0, 1};
  private static final int[] BATCH = {1, 3, 4};
  private static final float[][] X = {{0.1f, 0.9f, 0.3f}, {0.5f, 0.2f, 0.8f}, {1f, 0f, 0.4f}};
  private static final float[][] R = {{0.2f, 0.7f, 0.3f}, {0.4f, 0.4f, 0.5f}, {0.9f, 0.1f, 0f}};

  private static NDManager root;
  private NDManager data;
  private NDManager sessionMemory;

  @BeforeAll
  static void startEngine() {
    root = NDManager.newBaseManager("MXNet");
  }

  @AfterAll
  static void stopEngine() {
    root.close();
  }

  @BeforeEach
  void newManagers() {
    data = root.newSubManager();
    sessionMemory = root.newSubManager();
  }

  @AfterEach
  void closeManagers() {
    sessionMemory.close();
    data.close();
  }

  @Test
  void initializeTakesCentroidsAndLabelsFromKMeans() {
    ClusteringSession session = start(Map.of());
    int[] labels;
    try (NDScope ignored = new NDScope()) {
      labels = session.initialize(matrix(Z));
    }
    assertArrayEquals(LABELS, labels);
    assertArrayEquals(MU, session.centroids());
    NDArray centroids = session.parameters().get(StudentTSession.CENTROIDS);
    assertTrue(centroids.hasGradient(), "centroids must be trainable");
    assertTrue(session.plan().needsReconstruction());
  }

  @ParameterizedTest
  @CsvSource({"0.1, 1.0", "0.5, 2.0", "0, 1.0"})
  void lossIsMsePlusGammaTimesKlComputedByHand(double gamma, double alpha) {
    ClusteringSession session = start(Map.of("gamma", gamma, "alpha", alpha));
    float actual;
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(Z));
      session.refresh(matrix(Z), 0);
      NDArray loss = session.loss(batch(matrix(rows(Z, BATCH)), matrix(R)));
      assertEquals(new Shape(), loss.getShape());
      actual = loss.getFloat();
    }
    double[][] p = target(softAssignment(Z, MU, alpha));
    double[][] qBatch = softAssignment(rows(Z, BATCH), MU, alpha);
    double kl = 0;
    for (int i = 0; i < BATCH.length; i++) {
      for (int j = 0; j < MU.length; j++) {
        double pij = p[BATCH[i]][j];
        kl += pij * (Math.log(pij) - Math.log(qBatch[i][j]));
      }
    }
    kl /= BATCH.length;
    double expected = mse(X, R) + gamma * kl;
    assertTrue(kl > 1e-3, "the example must exercise the clustering term, kl = " + kl);
    assertEquals(expected, actual, 1e-5);
  }

  @Test
  void gradientsReachDecoderThroughMseAndCentroidsThroughKl() {
    ClusteringSession session = start(Map.of());
    session.initialize(matrix(Z));
    session.refresh(matrix(Z), 0);
    NDArray z = matrix(rows(Z, BATCH));
    NDArray r = matrix(R);
    z.setRequiresGradient(true);
    r.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
      collector.backward(session.loss(batch(z, r)));
    }
    // d mse / d r = -2 (x - r) / (b d): the reconstruction term is not weighted by gamma.
    float[] expected = new float[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        expected[i * 3 + j] = -2f * (X[i][j] - R[i][j]) / 9f;
      }
    }
    assertArrayEquals(expected, r.getGradient().toFloatArray(), 1e-6f);
    float centroidGrad =
        session.parameters().get(StudentTSession.CENTROIDS).getGradient().abs().sum().getFloat();
    float embeddingGrad = z.getGradient().abs().sum().getFloat();
    assertTrue(centroidGrad > 1e-4, "centroid gradient " + centroidGrad);
    assertTrue(embeddingGrad > 1e-4, "embedding gradient " + embeddingGrad);
  }

  @Test
  void withoutTheClusteringTermCentroidsGetNoGradient() {
    ClusteringSession session = start(Map.of("gamma", 0.0));
    session.initialize(matrix(Z));
    session.refresh(matrix(Z), 0);
    try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
      collector.backward(session.loss(batch(matrix(rows(Z, BATCH)), matrix(R))));
    }
    assertEquals(
        0f,
        session.parameters().get(StudentTSession.CENTROIDS).getGradient().abs().sum().getFloat());
  }

  @Test
  void refreshAndAssignReturnTheMostLikelyCluster() {
    ClusteringSession session = start(Map.of());
    float[][] moved = {{3.8f, 4.1f}, {1, 0.5f}, {0, 0.2f}, {5, 3.5f}, {0.5f, -1}, {2.5f, 2.5f}};
    int[] refreshed;
    int[] assigned;
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(Z));
      refreshed = session.refresh(matrix(moved), 140);
      assigned = session.assign(matrix(moved));
    }
    double[][] q = softAssignment(moved, MU, 1.0);
    int[] expected = new int[moved.length];
    for (int i = 0; i < moved.length; i++) {
      expected[i] = q[i][1] > q[i][0] ? 1 : 0;
    }
    assertArrayEquals(expected, refreshed);
    assertArrayEquals(expected, assigned);
    assertArrayEquals(new int[] {1, 0, 0, 1, 0, 1}, expected);
  }

  @Test
  void stopsWhenFewerThanTolOfTheLabelsChangeAfterTheFirstRefresh() {
    ClusteringSession session = start(Map.of());
    assertFalse(session.converged(new Progress(0, 1, 0.0)), "never at the first refresh");
    assertTrue(session.converged(new Progress(140, 2, 0.0009)));
    assertFalse(session.converged(new Progress(140, 2, 0.001)));
    assertFalse(session.converged(new Progress(280, 3, 0.2)));
  }

  @Test
  void keepsOnlyCentroidsAndTargetAcrossCalls() {
    ClusteringSession session = start(Map.of());
    NDArray all = matrix(Z);
    FixedBatch batch = batch(matrix(rows(Z, BATCH)), matrix(R));
    try (NDScope ignored = new NDScope()) {
      session.initialize(all);
    }
    assertEquals(1, sessionMemory.getManagedArrays().size(), "centroids");
    try (NDScope ignored = new NDScope()) {
      session.refresh(all, 0);
    }
    assertEquals(2, sessionMemory.getManagedArrays().size(), "centroids and P");
    int before = root.getManagedArrays().size();
    for (int step = 0; step < 3; step++) {
      try (NDScope ignored = new NDScope()) {
        session.loss(batch).getFloat();
        session.afterStep(batch);
      }
    }
    try (NDScope ignored = new NDScope()) {
      session.refresh(all, 140);
      session.assign(all);
    }
    assertEquals(2, sessionMemory.getManagedArrays().size(), "the old P must be freed");
    assertEquals(before, root.getManagedArrays().size(), "arrays leaked across calls");
  }

  private ClusteringSession start(Map<String, Object> given) {
    IdecObjective objective = new IdecObjective();
    return objective.start(
        new TestContext(
            objective.info().resolve(given),
            2,
            Z.length,
            2,
            7L,
            sessionMemory,
            TestContext.fixedKMeans(MU, LABELS)));
  }

  private FixedBatch batch(NDArray embedding, NDArray reconstruction) {
    return new FixedBatch(data, 0, BATCH, matrix(X), embedding, reconstruction, embedding);
  }

  private NDArray matrix(float[][] rows) {
    return ClusteringMath.fromRows(data, rows);
  }

  private static float[][] rows(float[][] all, int[] indices) {
    float[][] out = new float[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      out[i] = all[indices[i]];
    }
    return out;
  }

  private static double mse(float[][] x, float[][] r) {
    double sum = 0;
    int count = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        double d = x[i][j] - r[i][j];
        sum += d * d;
        count++;
      }
    }
    return sum / count;
  }

  /** DEC's q_ij, eq. (1) of Xie et al. 2016, normalised over j. */
  private static double[][] softAssignment(float[][] z, float[][] mu, double alpha) {
    double[][] q = new double[z.length][mu.length];
    for (int i = 0; i < z.length; i++) {
      double total = 0;
      for (int j = 0; j < mu.length; j++) {
        double d2 = 0;
        for (int t = 0; t < mu[j].length; t++) {
          double d = z[i][t] - mu[j][t];
          d2 += d * d;
        }
        q[i][j] = Math.pow(1 + d2 / alpha, -(alpha + 1) / 2);
        total += q[i][j];
      }
      for (int j = 0; j < mu.length; j++) {
        q[i][j] /= total;
      }
    }
    return q;
  }

  /** DEC's p_ij, eq. (3) of Xie et al. 2016. */
  private static double[][] target(double[][] q) {
    int k = q[0].length;
    double[] f = new double[k];
    for (double[] row : q) {
      for (int j = 0; j < k; j++) {
        f[j] += row[j];
      }
    }
    double[][] p = new double[q.length][k];
    for (int i = 0; i < q.length; i++) {
      double total = 0;
      for (int j = 0; j < k; j++) {
        p[i][j] = q[i][j] * q[i][j] / f[j];
        total += p[i][j];
      }
      for (int j = 0; j < k; j++) {
        p[i][j] /= total;
      }
    }
    return p;
  }
}
