package org.dec4j.plugin.dec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.support.StudentTSession;
import org.junit.jupiter.api.Test;

/**
 * Checks DEC's loss and its gradients against the closed forms of Xie et al. (ICML 2016), eqs. (4)
 * and (5), for the sum over samples of KL(P_i || Q_i); the plugin averages over the batch, so its
 * autograd gradients times b must match.
 */
class DecGradientTest {
  private static final int B = 7;
  private static final int K = 3;
  private static final int M = 4;

  @Test
  void autogradMatchesThePapersClosedForm() {
    for (double alpha : new double[] {1.0, 2.5}) {
      checkGradients(alpha);
    }
  }

  private void checkGradients(double alpha) {
    Random random = new Random(42);
    float[][] zRows = randomRows(random, B, M, 2.0);
    float[][] muRows = randomRows(random, K, M, 2.0);
    try (NDManager manager = NDManager.newBaseManager()) {
      ClusteringSession session = new DecObjective().start(context(manager, muRows, alpha));
      NDArray z = manager.create(flat(zRows), new Shape(B, M));
      session.initialize(z);
      session.refresh(z, 0);
      double[][] p = targetOf(zRows, muRows, alpha);

      NDArray zVar = z.duplicate();
      zVar.setRequiresGradient(true);
      NDArray mu = session.parameters().get(StudentTSession.CENTROIDS);
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        loss = session.loss(batch(manager, zVar));
        gc.backward(loss);
      }
      double[][] q = softAssignment(zRows, muRows, alpha);
      double expectedLoss = 0;
      for (int i = 0; i < B; i++) {
        for (int j = 0; j < K; j++) {
          expectedLoss += p[i][j] * Math.log(p[i][j] / q[i][j]);
        }
      }
      assertEquals(expectedLoss / B, loss.getFloat(), 1e-5, "mean KL(P||Q) over the batch");

      float[] gz = zVar.getGradient().toFloatArray();
      float[] gmu = mu.getGradient().toFloatArray();
      double c = (alpha + 1) / alpha;
      for (int i = 0; i < B; i++) {
        for (int d = 0; d < M; d++) {
          double expected = 0;
          for (int j = 0; j < K; j++) {
            double w = 1 / (1 + dist2(zRows[i], muRows[j]) / alpha);
            expected += c * w * (p[i][j] - q[i][j]) * (zRows[i][d] - muRows[j][d]);
          }
          assertEquals(
              expected, gz[i * M + d] * B, 1e-4, "dL/dz[" + i + "][" + d + "], alpha " + alpha);
        }
      }
      for (int j = 0; j < K; j++) {
        for (int d = 0; d < M; d++) {
          double expected = 0;
          for (int i = 0; i < B; i++) {
            double w = 1 / (1 + dist2(zRows[i], muRows[j]) / alpha);
            expected -= c * w * (p[i][j] - q[i][j]) * (zRows[i][d] - muRows[j][d]);
          }
          assertEquals(
              expected, gmu[j * M + d] * B, 1e-4, "dL/dmu[" + j + "][" + d + "], alpha " + alpha);
        }
      }
    }
  }

  @Test
  void targetSharpensAndRefreshReturnsArgmaxLabels() {
    Random random = new Random(7);
    float[][] zRows = randomRows(random, 50, M, 3.0);
    float[][] muRows = randomRows(random, K, M, 3.0);
    try (NDManager manager = NDManager.newBaseManager()) {
      ClusteringSession session = new DecObjective().start(context(manager, muRows, 1.0));
      NDArray z = manager.create(flat(zRows), new Shape(50, M));
      session.initialize(z);
      int[] labels = session.refresh(z, 0);
      double[][] q = softAssignment(zRows, muRows, 1.0);
      for (int i = 0; i < labels.length; i++) {
        int best = 0;
        for (int j = 1; j < K; j++) {
          if (q[i][j] > q[i][best]) {
            best = j;
          }
        }
        assertEquals(best, labels[i], "label of sample " + i);
      }
      assertArrayEquals(labels, session.assign(z));
      NDArray soft = session.softAssign(z).orElseThrow();
      float[] rowSums = soft.sum(new int[] {1}).toFloatArray();
      for (float s : rowSums) {
        assertEquals(1.0, s, 1e-5);
      }
    }
  }

  @Test
  void aSessionRestoredFromItsSavedStateHasTheSameCentroidsTargetAndLoss() {
    Random random = new Random(11);
    float[][] zRows = randomRows(random, B, M, 2.0);
    float[][] muRows = randomRows(random, K, M, 2.0);
    try (NDManager manager = NDManager.newBaseManager()) {
      ClusteringSession trained = new DecObjective().start(context(manager, muRows, 1.0));
      NDArray z = manager.create(flat(zRows), new Shape(B, M));
      trained.initialize(z);
      trained.refresh(z, 0);
      SessionState state = new SessionState();
      assertTrue(trained.saveState(state));
      assertArrayEquals(new long[] {K, M}, state.shape(StudentTSession.CENTROIDS));
      assertArrayEquals(new long[] {B, K}, state.shape(StudentTSession.TARGET));

      ClusteringSession resumed = new DecObjective().start(context(manager, new float[K][M], 1.0));
      resumed.restoreState(state);
      NDArray mu = resumed.parameters().get(StudentTSession.CENTROIDS);
      assertTrue(mu.hasGradient(), "restored centroids are trainable");
      assertArrayEquals(flat(muRows), mu.toFloatArray());
      assertEquals(
          trained.loss(batch(manager, z)).getFloat(),
          resumed.loss(batch(manager, z)).getFloat(),
          "the same target P and centroids give the same loss, bit for bit");
      assertArrayEquals(trained.assign(z), resumed.assign(z));

      SessionState other =
          new SessionState().putFloats(StudentTSession.CENTROIDS, new float[M], 1, M);
      org.dec4j.api.DataException e =
          assertThrows(
              org.dec4j.api.DataException.class,
              () -> new DecObjective().start(context(manager, muRows, 1.0)).restoreState(other));
      assertTrue(e.getMessage().contains("centroids"), e.getMessage());
    }
  }

  @Test
  void stopsOnlyAfterTheFirstRefreshWhenFewLabelsChange() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ClusteringSession session =
          new DecObjective().start(context(manager, new float[][] {{0}, {1}}, 1.0));
      assertTrue(!session.converged(new Progress(0, 1, 0.0)), "never at iteration 0");
      assertTrue(session.converged(new Progress(140, 2, 0.0005)));
      assertTrue(!session.converged(new Progress(140, 2, 0.002)));
    }
  }

  @Test
  void invalidHyperparametersNameTheField() {
    var info = new DecObjective().info();
    ConfigException e = assertThrows(ConfigException.class, () -> info.resolve(Map.of("tol", 1.5)));
    assertTrue(e.getMessage().contains("dec") && e.getMessage().contains("tol"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> info.resolve(Map.of("update_interval", "0")));
    assertTrue(e.getMessage().contains("update_interval"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> info.resolve(Map.of("lernrate", "0.1")));
    assertTrue(
        e.getMessage().contains("lernrate") && e.getMessage().contains("lr"), e.getMessage());
    Hyperparameters defaults = info.resolve(Map.of());
    assertEquals(140, defaults.getInt("update_interval"));
    assertEquals(0.001, defaults.getDouble("tol"));
    assertEquals(256, defaults.getInt("batch_size"));
    assertEquals("sgd", defaults.getString("optimizer"));
  }

  private static ClusteringContext context(NDManager manager, float[][] centroids, double alpha) {
    Hyperparameters h = new DecObjective().info().resolve(Map.of("alpha", alpha));
    KMeans fixed =
        (points, k, seed) ->
            new KMeans.Result(centroids, new int[(int) points.getShape().get(0)], 0);
    return new ClusteringContext() {
      @Override
      public Hyperparameters hyperparameters() {
        return h;
      }

      @Override
      public int clusters() {
        return centroids.length;
      }

      @Override
      public int sampleCount() {
        return B;
      }

      @Override
      public int embeddingDim() {
        return centroids[0].length;
      }

      @Override
      public long seed() {
        return 0;
      }

      @Override
      public NDManager manager() {
        return manager;
      }

      @Override
      public KMeans kmeans() {
        return fixed;
      }
    };
  }

  private static Batch batch(NDManager manager, NDArray z) {
    int b = (int) z.getShape().get(0);
    long[] idx = new long[b];
    int[] ints = new int[b];
    for (int i = 0; i < b; i++) {
      idx[i] = i;
      ints[i] = i;
    }
    NDArray indexArray = manager.create(idx);
    return new Batch() {
      @Override
      public int iteration() {
        return 0;
      }

      @Override
      public int[] indices() {
        return ints;
      }

      @Override
      public NDArray indexArray() {
        return indexArray;
      }

      @Override
      public NDArray input() {
        return z;
      }

      @Override
      public NDArray embedding() {
        return z;
      }

      @Override
      public NDArray reconstruction() {
        throw new IllegalStateException();
      }

      @Override
      public NDArray embeddingAfterStep() {
        throw new IllegalStateException();
      }

      @Override
      public NDManager manager() {
        return manager;
      }
    };
  }

  private static double[][] softAssignment(float[][] z, float[][] mu, double alpha) {
    double[][] q = new double[z.length][mu.length];
    for (int i = 0; i < z.length; i++) {
      double sum = 0;
      for (int j = 0; j < mu.length; j++) {
        q[i][j] = Math.pow(1 + dist2(z[i], mu[j]) / alpha, -(alpha + 1) / 2);
        sum += q[i][j];
      }
      for (int j = 0; j < mu.length; j++) {
        q[i][j] /= sum;
      }
    }
    return q;
  }

  private static double[][] targetOf(float[][] z, float[][] mu, double alpha) {
    double[][] q = softAssignment(z, mu, alpha);
    double[] f = new double[mu.length];
    for (double[] row : q) {
      for (int j = 0; j < mu.length; j++) {
        f[j] += row[j];
      }
    }
    double[][] p = new double[z.length][mu.length];
    for (int i = 0; i < z.length; i++) {
      double sum = 0;
      for (int j = 0; j < mu.length; j++) {
        p[i][j] = q[i][j] * q[i][j] / f[j];
        sum += p[i][j];
      }
      for (int j = 0; j < mu.length; j++) {
        p[i][j] /= sum;
      }
    }
    return p;
  }

  private static double dist2(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += (a[d] - b[d]) * (double) (a[d] - b[d]);
    }
    return s;
  }

  private static float[][] randomRows(Random random, int n, int m, double scale) {
    float[][] out = new float[n][m];
    for (float[] row : out) {
      for (int d = 0; d < m; d++) {
        row[d] = (float) (random.nextGaussian() * scale);
      }
    }
    return out;
  }

  private static float[] flat(float[][] rows) {
    float[] out = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
    }
    return out;
  }
}
