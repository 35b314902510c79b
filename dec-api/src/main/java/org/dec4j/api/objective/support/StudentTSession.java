package org.dec4j.api.objective.support;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;

/**
 * Shared machinery of the methods that cluster with DEC's Student's t soft assignment and its
 * sharpened target distribution (DEC, IDEC, and third-party variants).
 *
 * <p>It keeps the centroids as a trainable parameter, initialises them with the runtime's k-means,
 * recomputes the target P on the full data at every refresh, and stops when fewer than the plan's
 * {@code tol} of the labels changed between refreshes (Xie et al., ICML 2016, section 3.1.3; the
 * default {@link ClusteringSession#converged}). Subclasses only say how the batch loss is built
 * from the clustering term, via {@link #loss(Batch)} and {@link #clusteringLoss(Batch)}.
 *
 * <p>A DEC variant changes one piece and inherits the rest (checkpoints included):
 *
 * <ul>
 *   <li>{@link #targetDistribution(NDArray)} builds P from the soft assignment Q of all data at
 *       every refresh; DEC's sharpened {@code q^2 / f} by default. Override it for another target
 *       (a hardened one, a confidence-filtered one, ...);
 *   <li>{@link #centroidArray()}, {@link #target()} and {@link #softAssignmentOf(NDArray)} give the
 *       live centroids, the current P and Q, for a loss or a diagnostic of your own;
 *   <li>{@link #diagnostics()} (from {@link ClusteringSession}) adds named values to the trace at
 *       every refresh, e.g. the share of confident samples computed in an overridden {@link
 *       #targetDistribution(NDArray)}.
 * </ul>
 *
 * <p>With none of them overridden the session computes exactly what DEC does, bit for bit.
 */
public abstract class StudentTSession implements ClusteringSession {
  /** The name of the centroid parameter in {@link #parameters()}. */
  public static final String CENTROIDS = "centroids";

  /** The name of the target distribution P in a saved {@link SessionState}. */
  public static final String TARGET = "target";

  private final ClusteringContext context;
  private final TrainingPlan plan;
  private final double alpha;
  private NDArray centroids;
  private NDArray target;

  /**
   * Creates the session.
   *
   * @param context the run context
   * @param plan the loop settings, with the stopping threshold {@link TrainingPlan#tol()}
   * @param alpha degrees of freedom of the Student's t kernel (1 in DEC and IDEC)
   */
  protected StudentTSession(ClusteringContext context, TrainingPlan plan, double alpha) {
    this.context = context;
    this.plan = plan;
    this.alpha = alpha;
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
  public void restoreCentroids(float[][] saved) {
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

  /**
   * Builds the target distribution P from the soft assignment Q of all data, at every refresh.
   * DEC's target by default: {@code p_ij = (q_ij^2 / f_j)} normalised per sample, with {@code f_j =
   * sum_i q_ij} ({@link ClusteringMath#targetDistribution}).
   *
   * <p>Override it for a DEC variant with another target. It runs inside {@link #refresh}'s scope:
   * return a new n x k array (the session keeps it; do not pass it to {@link
   * ClusteringContext#keep} yourself) whose rows are distributions over the k clusters; it is saved
   * in checkpoints with the centroids. State you derive from Q here (say, a confidence threshold's
   * hit rate for {@link #diagnostics()}) is yours to keep in plain Java fields.
   *
   * @param q n x k soft assignment of all samples under the current encoder and centroids
   * @return the n x k target P, constant until the next refresh
   */
  protected NDArray targetDistribution(NDArray q) {
    return ClusteringMath.targetDistribution(q);
  }

  /**
   * The trainable k x m centroids, as the optimiser updates them (the array {@link #parameters()}
   * returns). Read it, or use it in a loss; do not close, replace or keep it.
   *
   * @return the live centroid array
   * @throws IllegalStateException before {@link #initialize}, {@link #restoreCentroids} or {@link
   *     #restoreState}
   */
  protected NDArray centroidArray() {
    return requireCentroids();
  }

  /**
   * The target distribution P of the last refresh (n x k), as {@link #clusteringLoss} uses it.
   *
   * @return the current target, or empty before the first refresh
   */
  protected Optional<NDArray> target() {
    return Optional.ofNullable(target);
  }

  /** {@return the degrees of freedom of the Student's t kernel} */
  protected double alpha() {
    return alpha;
  }

  @Override
  public int[] refresh(NDArray embeddings, int iteration) {
    NDArray q = softAssignmentOf(embeddings);
    NDArray p = context.keep(targetDistribution(q));
    if (target != null) {
      target.close();
    }
    target = p;
    return ClusteringMath.argMax(q);
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

  /**
   * The Student's t soft assignment Q of embedded samples to the current centroids.
   *
   * @param embeddings b x m embeddings
   * @return b x k rows summing to one
   */
  protected NDArray softAssignmentOf(NDArray embeddings) {
    return ClusteringMath.softAssignment(embeddings, requireCentroids(), alpha);
  }

  private NDArray requireCentroids() {
    if (centroids == null) {
      throw new IllegalStateException("session used before initialize()");
    }
    return centroids;
  }
}
