package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;

/**
 * Shared machinery of the methods that cluster with DEC's Student's t soft assignment and its
 * sharpened target distribution (DEC, IDEC, and third-party variants).
 *
 * <p>It keeps the centroids as a trainable parameter, initialises them with the runtime's k-means,
 * recomputes the target P on the full data at every refresh, and stops when fewer than {@code tol}
 * of the labels changed between refreshes (Xie et al., ICML 2016, section 3.1.3). Subclasses only
 * say how the batch loss is built from the clustering term, via {@link #loss(Batch)} and
 * {@link #clusteringLoss(Batch)}.
 */
public abstract class StudentTSession implements ClusteringSession {
  /** The name of the centroid parameter in {@link #parameters()}. */
  public static final String CENTROIDS = "centroids";
  /** The name of the target distribution P in a saved {@link SessionState}. */
  public static final String TARGET = "target";

  private final ClusteringContext context;
  private final TrainingPlan plan;
  private final double alpha;
  private final double tol;
  private NDArray centroids;
  private NDArray target;

  /**
   * Creates the session.
   *
   * @param context the run context
   * @param plan the loop settings
   * @param alpha degrees of freedom of the Student's t kernel (1 in DEC and IDEC)
   * @param tol stopping threshold on the fraction of changed labels
   */
  protected StudentTSession(ClusteringContext context, TrainingPlan plan, double alpha, double tol) {
    this.context = context;
    this.plan = plan;
    this.alpha = alpha;
    this.tol = tol;
  }

  @Override
  public TrainingPlan plan() {
    return plan;
  }

  /** {@return the run context} */
  protected ClusteringContext context() {
    return context;
  }

  @Override
  public int[] initialize(NDArray embeddings) {
    KMeans.Result km = context.kmeans().fit(embeddings, context.clusters(), context.seed());
    if (centroids != null) {
      centroids.close();
    }
    centroids = context.keep(ClusteringMath.fromRows(context.manager(), km.centroids()));
    centroids.setRequiresGradient(true);
    return km.labels();
  }

  @Override
  public void restore(float[][] saved) {
    if (centroids != null) {
      centroids.close();
    }
    centroids = context.keep(ClusteringMath.fromRows(context.manager(), saved));
    centroids.setRequiresGradient(true);
  }

  /**
   * Saves the centroids and the current target distribution P (both bit for bit).
   *
   * @param state where to put them
   * @return true
   */
  @Override
  public boolean saveState(SessionState state) {
    state.putArray(CENTROIDS, requireCentroids());
    if (target != null) {
      state.putArray(TARGET, target);
    }
    return true;
  }

  /**
   * Restores the centroids (as a trainable parameter) and the target distribution P.
   *
   * @param state what {@link #saveState} wrote
   * @throws org.dec4j.api.DataException when the shapes do not fit this run's k, m and n
   */
  @Override
  public void restoreState(SessionState state) {
    state.requireShape(CENTROIDS, context.clusters(), context.embeddingDim());
    NDArray mu = context.keep(state.getArray(CENTROIDS, context.manager()));
    NDArray p = null;
    if (state.contains(TARGET)) {
      state.requireShape(TARGET, context.sampleCount(), context.clusters());
      p = context.keep(state.getArray(TARGET, context.manager()));
    }
    if (centroids != null) {
      centroids.close();
    }
    if (target != null) {
      target.close();
    }
    centroids = mu;
    centroids.setRequiresGradient(true);
    target = p;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return Map.of(CENTROIDS, requireCentroids());
  }

  /**
   * The clustering term of the loss: KL(P || Q) of the batch, averaged over its samples.
   *
   * @param batch the batch
   * @return a scalar
   */
  protected NDArray clusteringLoss(Batch batch) {
    if (target == null) {
      throw new IllegalStateException("loss() called before the first refresh()");
    }
    NDArray p = target.get(batch.indexArray());
    NDArray logQ = ClusteringMath.logSoftAssignment(batch.embedding(), requireCentroids(), alpha);
    return ClusteringMath.klDivergence(p, logQ);
  }

  @Override
  public int[] refresh(NDArray embeddings, int iteration) {
    NDArray q = softAssignmentOf(embeddings);
    NDArray p = context.keep(ClusteringMath.targetDistribution(q));
    if (target != null) {
      target.close();
    }
    target = p;
    return ClusteringMath.argMax(q);
  }

  @Override
  public boolean converged(Progress progress) {
    return progress.iteration() > 0 && progress.labelChange() < tol;
  }

  @Override
  public int[] assign(NDArray embeddings) {
    return ClusteringMath.argMax(softAssignmentOf(embeddings));
  }

  @Override
  public Optional<NDArray> softAssign(NDArray embeddings) {
    return Optional.of(softAssignmentOf(embeddings));
  }

  @Override
  public float[][] centroids() {
    return ClusteringMath.toRows(requireCentroids());
  }

  private NDArray softAssignmentOf(NDArray embeddings) {
    return ClusteringMath.softAssignment(embeddings, requireCentroids(), alpha);
  }

  private NDArray requireCentroids() {
    if (centroids == null) {
      throw new IllegalStateException("session used before initialize()");
    }
    return centroids;
  }
}
