package org.dec4j.plugin.dcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;

/**
 * One DCN run (Yang et al., ICML 2017): the network learns with the centroids M and the assignments
 * s fixed, then M and s follow the network by online k-means.
 *
 * <p>What each call does, with the facts from the reference code it follows (boyangumn/DCN and the
 * authors' later release boyangumn/DCN-New, {@code multi_layer_km.py}):
 *
 * <ol>
 *   <li>{@link #initialize}: k-means on the pretrained embedding gives M and every sample's s_i,
 *       and every cluster's count starts at {@code initial_count} (reference: k-means on the
 *       pretrained features, {@code count = 100*numpy.ones(nClass)}, never reset).
 *   <li>{@link #loss}: with the stored assignments of the batch's samples, {@code (1/b) sum_i [
 *       ||x_i - g(f(x_i))||^2 + (lambda/2) ||f(x_i) - m_{s_i}||^2 ]}. Both squared norms are sums
 *       over coordinates and the total is averaged over the batch, as the reference's {@code
 *       T.mean(beta*T.sum((center - z)**2, axis=1) + lbd*T.sum((x - x_hat)**2, axis=1))}; the
 *       reconstruction term is therefore d times Keras' {@code mse}, which keeps lambda's meaning
 *       independent of the input dimension. M is a constant: no gradient reaches it, and {@link
 *       #parameters()} is empty.
 *   <li>{@link #afterStep}: with the embedding recomputed after the network step, every sample of
 *       the batch is assigned to its nearest centroid (all with the centroids as they were before
 *       this batch's updates), then, sample by sample in batch order, {@code c_k += 1} and {@code
 *       m_k <- m_k - (1/c_k)(m_k - f(x_i))} for its cluster k (the paper's centroid update;
 *       reference {@code batch_km}: assignment loop first, then the per-sample update loop). The
 *       new labels replace the stored s_i of those samples.
 *   <li>{@link #refresh}: the nearest-centroid labels of all samples under the current network, for
 *       the label-change measure. Stored assignments are left alone: as in the paper's algorithm
 *       and the reference loop, s_i changes only when sample i is in a batch (with one refresh per
 *       epoch every s_i is at most one epoch old anyway). DCN-New additionally re-runs full k-means
 *       from the current centroids every 10 epochs; the paper does not describe that step and it is
 *       not done here.
 *   <li>converged (the contract's default): fewer than {@code tol} of the labels changed since the
 *       last refresh, never at the first; with DCN's default {@code tol = 0} training runs its full
 *       budget, as the reference runs a fixed number of epochs.
 * </ol>
 *
 * <p>Empty clusters: a cluster that receives no sample keeps its centroid and count. The
 * reference's re-seeding of empty clusters at a random sample exists only as commented-out code.
 *
 * <p>All state (M, the counts, s) lives in Java arrays, so the session keeps no native memory
 * across calls and {@link #close()} has nothing to free.
 */
final class DcnSession implements ClusteringSession {
  static final String CENTROIDS = "centroids";
  static final String COUNTS = "counts";
  static final String ASSIGNMENTS = "assignments";
  private final ClusteringContext context;
  private final TrainingPlan plan;
  private final double lambda;
  private final long initialCount;
  private OnlineKMeans kmeans;
  private int[] assignments;

  /**
   * Creates the session from the context's {@code dcn} hyperparameters.
   *
   * @param context the run context
   */
  DcnSession(ClusteringContext context) {
    Hyperparameters h = context.hyperparameters();
    this.context = context;
    this.plan = plan(h, context.sampleCount());
    this.lambda = h.getDouble(DcnObjective.LAMBDA);
    this.initialCount = h.getInt(DcnObjective.INITIAL_COUNT);
  }

  /**
   * Derives the loop settings: an epoch is {@code ceil(n / batch_size)} iterations, the budget is
   * {@code min(max_iter, epochs * epoch)}, and {@code update_interval = 0} means one epoch (a
   * schedule in epochs, which {@link TrainingPlan#from} does not derive).
   *
   * @param h validated {@code dcn} hyperparameters
   * @param sampleCount n
   * @return the plan
   */
  static TrainingPlan plan(Hyperparameters h, int sampleCount) {
    int batchSize = h.getInt(TrainingPlan.BATCH_SIZE);
    long epoch = Math.max(1, Math.ceilDiv((long) sampleCount, batchSize));
    long budget = Math.min(h.getInt(TrainingPlan.MAX_ITER), h.getInt(DcnObjective.EPOCHS) * epoch);
    int interval = h.getInt(TrainingPlan.UPDATE_INTERVAL);
    int refresh = interval == 0 ? (int) Math.min(epoch, Integer.MAX_VALUE) : interval;
    return new TrainingPlan(
        batchSize,
        (int) budget,
        refresh,
        OptimizerSpec.from(h),
        true,
        h.getBoolean(DcnObjective.SHUFFLE),
        h.getDouble(TrainingPlan.TOL));
  }

  @Override
  public TrainingPlan plan() {
    return plan;
  }

  /**
   * Runs the runtime's k-means on the pretrained embedding: its centroids become M and its labels
   * every sample's assignment s_i.
   *
   * @param embeddings n x m embedding of all samples
   * @return the k-means labels
   */
  @Override
  public int[] initialize(NDArray embeddings) {
    KMeans.Result km = context.kmeans().fit(embeddings, context.clusters(), context.seed());
    long rows = embeddings.getShape().get(0);
    int k = context.clusters();
    if (km.labels().length != rows || km.centroids().length != k) {
      throw new IllegalStateException(
          "k-means returned "
              + km.centroids().length
              + " centroids and "
              + km.labels().length
              + " labels for k = "
              + k
              + " and "
              + rows
              + " samples");
    }
    for (int label : km.labels()) {
      if (label < 0 || label >= k) {
        throw new IllegalStateException(
            "k-means returned label " + label + " outside [0, " + k + ")");
      }
    }
    kmeans = new OnlineKMeans(km.centroids(), initialCount);
    assignments = km.labels().clone();
    return km.labels().clone();
  }

  /**
   * Builds {@code (1/b) sum_i [||x_i - x_hat_i||^2 + (lambda/2) ||z_i - m_{s_i}||^2]} with the
   * stored assignments s_i; gradients reach the encoder and decoder only.
   *
   * @param batch the batch with its embedding and reconstruction
   * @return a scalar
   */
  @Override
  public NDArray loss(Batch batch) {
    requireInitialized();
    NDArray z = batch.embedding();
    int[] indices = batch.indices();
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      labels[i] = assignments[indices[i]];
    }
    NDArray assigned =
        batch.manager().create(kmeans.rowsOf(labels), new Shape(indices.length, kmeans.dim()));
    long b = z.getShape().get(0);
    NDArray reconstruction = batch.input().sub(batch.reconstruction()).square().sum().div(b);
    NDArray clustering = z.sub(assigned).square().sum().div(b);
    return reconstruction.add(clustering.mul(lambda / 2));
  }

  /**
   * Re-assigns the batch's samples to their nearest centroids under the updated network, then moves
   * each one's centroid by the count-based step (see the class description).
   *
   * @param batch the batch just trained on
   */
  @Override
  public void afterStep(Batch batch) {
    requireInitialized();
    int[] indices = batch.indices();
    float[] z = rows(batch.embeddingAfterStep(), indices.length);
    int[] labels = kmeans.assign(z);
    kmeans.update(z, labels);
    for (int i = 0; i < indices.length; i++) {
      assignments[indices[i]] = labels[i];
    }
  }

  /**
   * Returns the nearest-centroid labels of all samples; stored assignments are not changed.
   *
   * @param embeddings n x m embedding of all samples under the current encoder
   * @param iteration the iteration about to be run
   * @return labels in {@code [0, k)}
   */
  @Override
  public int[] refresh(NDArray embeddings, int iteration) {
    return assign(embeddings);
  }

  /**
   * Assigns each embedded sample to its nearest centroid in M.
   *
   * @param embeddings n x m embeddings
   * @return labels in {@code [0, k)}
   */
  @Override
  public int[] assign(NDArray embeddings) {
    requireInitialized();
    return kmeans.assign(rows(embeddings, -1));
  }

  /**
   * Restores M from a saved model, for assigning new data; the counts restart at their initial
   * value and no per-sample assignments are kept (training would need {@link #initialize}).
   *
   * @param saved k x m centroids
   */
  @Override
  public void restoreCentroids(float[][] saved) {
    kmeans = new OnlineKMeans(saved, initialCount);
    assignments = null;
  }

  /**
   * Saves M (in the double precision it is updated in), the per-cluster counts and every sample's
   * stored assignment s_i.
   *
   * @param state where to put them
   * @return true
   */
  @Override
  public boolean saveState(SessionState state) {
    requireInitialized();
    double[][] m = kmeans.exactCentroids();
    double[] flat = new double[m.length * kmeans.dim()];
    for (int j = 0; j < m.length; j++) {
      System.arraycopy(m[j], 0, flat, j * kmeans.dim(), kmeans.dim());
    }
    state.putDoubles(CENTROIDS, flat, m.length, kmeans.dim());
    state.putLongs(COUNTS, kmeans.counts());
    state.putInts(ASSIGNMENTS, assignments);
    return true;
  }

  /**
   * Restores M, the counts and the stored assignments saved by {@link #saveState}.
   *
   * @param state the saved entries
   * @throws org.dec4j.api.DataException when they do not fit this run's k, m and n, or hold a label
   *     outside [0, k)
   */
  @Override
  public void restoreState(SessionState state) {
    int k = context.clusters();
    int m = context.embeddingDim();
    state.requireShape(CENTROIDS, k, m);
    state.requireShape(COUNTS, k);
    state.requireShape(ASSIGNMENTS, context.sampleCount());
    double[] flat = state.getDoubles(CENTROIDS);
    double[][] rows = new double[k][m];
    for (int j = 0; j < k; j++) {
      System.arraycopy(flat, j * m, rows[j], 0, m);
    }
    int[] s = state.getInts(ASSIGNMENTS);
    for (int i = 0; i < s.length; i++) {
      if (s[i] < 0 || s[i] >= k) {
        throw new org.dec4j.api.DataException(
            "dcn state: assignment " + i + " is " + s[i] + ", outside [0, " + k + ")");
      }
    }
    kmeans = new OnlineKMeans(rows, state.getLongs(COUNTS));
    assignments = s;
  }

  /** Returns the centroids M, k x m. */
  @Override
  public float[][] centroids() {
    requireInitialized();
    return kmeans.centroids();
  }

  /** Returns a copy of the per-cluster counts, for tests. */
  long[] counts() {
    requireInitialized();
    return kmeans.counts();
  }

  /** Returns a copy of every sample's stored assignment s_i, for tests. */
  int[] assignments() {
    requireInitialized();
    return assignments.clone();
  }

  /** Copies an n x m array out, checking m (and n when {@code expectedRows >= 0}). */
  private float[] rows(NDArray array, int expectedRows) {
    Shape shape = array.getShape();
    if (shape.dimension() != 2
        || shape.get(1) != kmeans.dim()
        || (expectedRows >= 0 && shape.get(0) != expectedRows)) {
      throw new IllegalArgumentException(
          "embeddings of shape "
              + shape
              + " do not match "
              + (expectedRows >= 0 ? expectedRows : "n")
              + " x "
              + kmeans.dim());
    }
    return array.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private void requireInitialized() {
    if (kmeans == null) {
      throw new IllegalStateException("dcn session used before initialize()");
    }
  }
}
