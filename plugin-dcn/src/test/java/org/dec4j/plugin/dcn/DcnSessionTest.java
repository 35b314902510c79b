package org.dec4j.plugin.dcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.support.ClusteringMath;
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
 * Runs the DCN session on small hand-made arrays with the MXNet engine: the loss against a
 * plain-Java computation, the exact centroid steps, the re-assignment and the memory discipline.
 * Each session call runs in its own {@link NDScope}, as the runtime runs it (hence the unreferenced
 * try-with-resources variables).
 */
@SuppressWarnings("try")
class DcnSessionTest {
  /** Embeddings of all six samples; two groups around (0.5, 0) and (4, 4). */
  private static final float[][] Z = {{0, 0}, {1, 0.5f}, {4, 4}, {5, 3.5f}, {0.5f, -1}, {3, 5}};

  private static final float[][] MU = {{0.5f, 0}, {4, 4}};

  /** The k-means stub's labels; sample 5 is deliberately not at its nearest centroid. */
  private static final int[] LABELS = {0, 0, 1, 1, 0, 0};

  private static final int[] BATCH = {1, 3, 5};
  private static final float[][] X = {{0.1f, 0.9f, 0.3f}, {0.5f, 0.2f, 0.8f}, {1f, 0f, 0.4f}};
  private static final float[][] R = {{0.2f, 0.7f, 0.3f}, {0.4f, 0.4f, 0.5f}, {0.9f, 0.1f, 0f}};

  /** The batch's embedding after the network step. */
  private static final float[][] AFTER = {{0.6f, 0.1f}, {4.5f, 4f}, {3.5f, 4.5f}};

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
  void initializeTakesCentroidsAndEveryAssignmentFromKMeans() {
    DcnSession session = start(Map.of());
    int[] labels;
    try (NDScope ignored = new NDScope()) {
      labels = session.initialize(matrix(Z));
    }
    assertArrayEquals(LABELS, labels);
    assertArrayEquals(LABELS, session.assignments());
    assertArrayEquals(MU, session.centroids());
    assertArrayEquals(new long[] {100, 100}, session.counts());
    assertTrue(session.parameters().isEmpty(), "centroids are not trained by gradient");
    assertTrue(session.softAssign(matrix(Z)).isEmpty(), "DCN has no soft assignment");
  }

  @ParameterizedTest
  @CsvSource({"2.0", "0.7", "0"})
  void lossIsSquaredErrorPlusHalfLambdaSquaredDistanceToTheStoredCentroid(double lambda) {
    DcnSession session = start(Map.of("lambda", lambda));
    float actual;
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(Z));
      NDArray loss = session.loss(batch(matrix(rows(Z, BATCH)), matrix(R)));
      assertEquals(new Shape(), loss.getShape());
      actual = loss.getFloat();
    }
    // Sample 5 is stored in cluster 0 although (3, 5) is nearer to (4, 4): the loss must use s.
    double expected = expectedLoss(lambda, rows(Z, BATCH), new int[] {0, 1, 0}, MU);
    assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void gradientReachesTheNetworkOutputsWithTheReferenceScaling() {
    double lambda = 0.7;
    DcnSession session = start(Map.of("lambda", lambda));
    session.initialize(matrix(Z));
    NDArray z = matrix(rows(Z, BATCH));
    NDArray r = matrix(R);
    z.setRequiresGradient(true);
    r.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
      collector.backward(session.loss(batch(z, r)));
    }
    int b = BATCH.length;
    int[] s = {0, 1, 0};
    float[] expectedZ = new float[b * 2];
    float[] expectedR = new float[b * 3];
    for (int i = 0; i < b; i++) {
      for (int t = 0; t < 2; t++) {
        expectedZ[i * 2 + t] = (float) (lambda / b * (Z[BATCH[i]][t] - MU[s[i]][t]));
      }
      for (int t = 0; t < 3; t++) {
        expectedR[i * 3 + t] = -2f / b * (X[i][t] - R[i][t]);
      }
    }
    assertArrayEquals(expectedZ, z.getGradient().toFloatArray(), 1e-6f);
    assertArrayEquals(expectedR, r.getGradient().toFloatArray(), 1e-6f);
    assertTrue(session.parameters().isEmpty());
  }

  @Test
  void afterStepReassignsTheBatchThenMovesCentroidsByTheCountStep() {
    DcnSession session = start(Map.of());
    FixedBatch batch =
        new FixedBatch(data, 0, BATCH, matrix(X), matrix(rows(Z, BATCH)), matrix(R), matrix(AFTER));
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(Z));
      session.afterStep(batch);
    }
    // All three are assigned before any centroid moves: 0.6,0.1 -> 0; 4.5,4 -> 1; 3.5,4.5 -> 1.
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 1}, session.assignments());
    assertArrayEquals(new long[] {101, 102}, session.counts());
    double m0x = 0.5 + (0.6 - 0.5) / 101;
    double m0y = 0 + (0.1 - 0) / 101;
    double m1x = 4 + (4.5 - 4) / 101;
    double m1y = 4 + (4.0 - 4) / 101;
    m1x += (3.5 - m1x) / 102;
    m1y += (4.5 - m1y) / 102;
    float[][] expectedCentroids = {{(float) m0x, (float) m0y}, {(float) m1x, (float) m1y}};
    float[][] centroids = session.centroids();
    assertArrayEquals(expectedCentroids[0], centroids[0], 1e-6f);
    assertArrayEquals(expectedCentroids[1], centroids[1], 1e-6f);

    // The next loss uses the new assignments and centroids.
    float next;
    try (NDScope ignored = new NDScope()) {
      next = session.loss(batch).getFloat();
    }
    double expected = expectedLoss(2.0, rows(Z, BATCH), new int[] {0, 1, 1}, expectedCentroids);
    assertEquals(expected, next, 1e-5 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void aSessionRestoredFromItsSavedStateContinuesExactly() {
    DcnSession trained = start(Map.of());
    FixedBatch batch =
        new FixedBatch(data, 0, BATCH, matrix(X), matrix(rows(Z, BATCH)), matrix(R), matrix(AFTER));
    SessionState state = new SessionState();
    try (NDScope ignored = new NDScope()) {
      trained.initialize(matrix(Z));
      trained.afterStep(batch);
      assertTrue(trained.saveState(state));
    }
    assertEquals(java.util.Set.of("centroids", "counts", "assignments"), state.names());
    DcnSession resumed = start(Map.of());
    try (NDScope ignored = new NDScope()) {
      resumed.restoreState(state);
    }
    assertArrayEquals(trained.assignments(), resumed.assignments());
    assertArrayEquals(trained.counts(), resumed.counts());
    assertArrayEquals(trained.centroids(), resumed.centroids());
    // Both continue identically: the same loss, then the same centroid steps (in double precision).
    try (NDScope ignored = new NDScope()) {
      assertEquals(trained.loss(batch).getFloat(), resumed.loss(batch).getFloat());
      trained.afterStep(batch);
      resumed.afterStep(batch);
    }
    SessionState a = new SessionState();
    SessionState b = new SessionState();
    trained.saveState(a);
    resumed.saveState(b);
    assertArrayEquals(a.getDoubles("centroids"), b.getDoubles("centroids"));
    assertArrayEquals(a.getLongs("counts"), b.getLongs("counts"));

    SessionState wrongSize =
        new SessionState()
            .putDoubles("centroids", new double[6], 3, 2)
            .putLongs("counts", new long[3])
            .putInts("assignments", new int[6]);
    org.dec4j.api.DataException e =
        assertThrows(
            org.dec4j.api.DataException.class, () -> start(Map.of()).restoreState(wrongSize));
    assertTrue(
        e.getMessage().contains("centroids") && e.getMessage().contains("[3, 2]"), e.getMessage());
  }

  @Test
  void assignsTheWholeBatchBeforeMovingAnyCentroid() {
    // With initial_count 0 the first sample moves its centroid onto itself: (10, 0) -> (6, 0).
    // Assigned one by one, (4.5, 0) would then follow it into cluster 1; DCN assigns it with the
    // centroids as they were before the batch, to cluster 0.
    float[][] centroids = {{0, 0}, {10, 0}};
    DcnObjective objective = new DcnObjective();
    DcnSession session =
        (DcnSession)
            objective.start(
                new TestContext(
                    objective.info().resolve(Map.of("initial_count", 0)),
                    2,
                    2,
                    2,
                    7L,
                    sessionMemory,
                    TestContext.fixedKMeans(centroids, new int[] {0, 0})));
    float[][] after = {{6, 0}, {4.5f, 0}};
    int[] indices = {1, 0};
    FixedBatch batch =
        new FixedBatch(data, 0, indices, matrix(X), matrix(after), matrix(R), matrix(after));
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(after));
      session.afterStep(batch);
    }
    assertArrayEquals(new int[] {0, 1}, session.assignments());
    assertArrayEquals(new float[] {4.5f, 0}, session.centroids()[0]);
    assertArrayEquals(new float[] {6, 0}, session.centroids()[1]);
    assertArrayEquals(new long[] {1, 1}, session.counts());
  }

  @Test
  void refreshReturnsNearestLabelsAndLeavesStoredAssignmentsAlone() {
    DcnSession session = start(Map.of());
    int[] refreshed;
    int[] assigned;
    try (NDScope ignored = new NDScope()) {
      session.initialize(matrix(Z));
      refreshed = session.refresh(matrix(Z), 3);
      assigned = session.assign(matrix(Z));
    }
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 1}, refreshed);
    assertArrayEquals(refreshed, assigned);
    assertArrayEquals(
        LABELS, session.assignments(), "s_i changes only when sample i is in a batch");
    for (int label : refreshed) {
      assertTrue(label >= 0 && label < 2, "label " + label);
    }
  }

  @Test
  void runsItsFullBudgetByDefaultAndStopsOnTolWhenGiven() {
    DcnSession byDefault = start(Map.of());
    assertFalse(byDefault.converged(new Progress(500, 3, 0.0)));
    DcnSession withTol = start(Map.of("tol", 0.01));
    assertFalse(withTol.converged(new Progress(0, 1, 0.0)), "never at the first refresh");
    assertTrue(withTol.converged(new Progress(274, 2, 0.005)));
    assertFalse(withTol.converged(new Progress(274, 2, 0.02)));
  }

  @Test
  void keepsNoNativeMemoryAcrossCalls() {
    DcnSession session = start(Map.of());
    NDArray all = matrix(Z);
    FixedBatch batch =
        new FixedBatch(data, 0, BATCH, matrix(X), matrix(rows(Z, BATCH)), matrix(R), matrix(AFTER));
    int before = root.getManagedArrays().size();
    try (NDScope ignored = new NDScope()) {
      session.initialize(all);
    }
    for (int step = 0; step < 3; step++) {
      try (NDScope ignored = new NDScope()) {
        session.loss(batch).getFloat();
        session.afterStep(batch);
      }
    }
    try (NDScope ignored = new NDScope()) {
      session.refresh(all, 3);
      session.assign(all);
    }
    assertEquals(0, sessionMemory.getManagedArrays().size(), "the session keeps its state in Java");
    assertEquals(before, root.getManagedArrays().size(), "arrays leaked across calls");
    session.close();
  }

  @Test
  void rejectsMisuse() {
    DcnSession session = start(Map.of());
    assertThrows(
        IllegalStateException.class, () -> session.loss(batch(matrix(rows(Z, BATCH)), matrix(R))));
    session.initialize(matrix(Z));
    NDArray wrongWidth = data.zeros(new Shape(6, 3));
    assertThrows(IllegalArgumentException.class, () -> session.assign(wrongWidth));
    FixedBatch wrongRows =
        new FixedBatch(data, 0, BATCH, matrix(X), matrix(rows(Z, BATCH)), matrix(R), matrix(Z));
    assertThrows(IllegalArgumentException.class, () -> session.afterStep(wrongRows));
  }

  private DcnSession start(Map<String, Object> given) {
    DcnObjective objective = new DcnObjective();
    return (DcnSession)
        objective.start(
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
    return new FixedBatch(data, 0, BATCH, matrix(X), embedding, reconstruction, null);
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

  /** (1/b) sum_i [ ||x_i - r_i||^2 + lambda/2 ||z_i - mu_{s_i}||^2 ], in double precision. */
  private static double expectedLoss(double lambda, float[][] z, int[] s, float[][] mu) {
    double reconstruction = 0;
    double clustering = 0;
    for (int i = 0; i < z.length; i++) {
      for (int t = 0; t < X[i].length; t++) {
        double d = X[i][t] - R[i][t];
        reconstruction += d * d;
      }
      for (int t = 0; t < z[i].length; t++) {
        double d = z[i][t] - mu[s[i]][t];
        clustering += d * d;
      }
    }
    return (reconstruction + lambda / 2 * clustering) / z.length;
  }
}
