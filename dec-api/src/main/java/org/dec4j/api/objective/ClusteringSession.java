package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one clustering run, driven by the runtime's training loop.
 *
 * <p>See {@link ClusteringObjective} for the order of calls. All arrays passed in belong to the
 * runtime. Every call runs inside a scope that frees the arrays created during it; arrays the
 * session keeps across calls must go through {@link ClusteringContext#keep} (or be updated in
 * place).
 */
public interface ClusteringSession extends AutoCloseable {

  /** {@return the loop settings derived from the hyperparameters} */
  TrainingPlan plan();

  /**
   * Initialises the method from the embedding of all data by the pretrained encoder.
   *
   * @param embeddings n x m embedding of all samples
   * @return the initial hard labels in {@code [0, k)}
   */
  int[] initialize(NDArray embeddings);

  /**
   * Returns trainable arrays besides the network (e.g. DEC's centroids), by a name unique within
   * the session. They must have gradients attached; the runtime's optimiser updates them with the
   * network's weights.
   *
   * @return the session's trainable arrays by name; empty by default
   */
  default Map<String, NDArray> parameters() {
    return Map.of();
  }

  /**
   * Builds the scalar loss of one batch. Called while gradients are recorded.
   *
   * @param batch the batch, its embedding and (when the plan asks) its reconstruction
   * @return a scalar NDArray
   */
  NDArray loss(Batch batch);

  /**
   * Non-gradient updates after the optimiser step, e.g. DCN's hard assignment and centroid update.
   *
   * @param batch the same batch, with {@link Batch#embeddingAfterStep()} available
   */
  default void afterStep(Batch batch) {}

  /**
   * Full-data refresh, every {@link TrainingPlan#refreshInterval()} iterations starting at 0: DEC
   * recomputes its target distribution here.
   *
   * @param embeddings n x m embedding of all samples under the current encoder
   * @param iteration the iteration about to be run
   * @return the current hard labels in {@code [0, k)}
   */
  int[] refresh(NDArray embeddings, int iteration);

  /**
   * The method's own measurements at the refresh that just happened, for the run's trace: the
   * runtime calls this right after every {@link #refresh} and records the values, by name, in that
   * refresh's {@link org.dec4j.api.result.TraceEntry#diagnostics()}, so they appear in result files
   * and as charts in reports (e.g. {@code confident_fraction}, the share of samples whose largest
   * soft assignment exceeds a threshold). Compute them in {@code refresh} and return plain numbers
   * here; this call must not change the session.
   *
   * <p>Names are snake_case, the same at every refresh; values are finite. The test kit checks
   * both.
   *
   * @return name to value, in a stable order; empty (the default) when the method reports none
   */
  default Map<String, Double> diagnostics() {
    return Map.of();
  }

  /**
   * Decides whether to stop, after a refresh. By default a run stops after any refresh but the
   * first at which fewer than the plan's {@link TrainingPlan#tol()} of the labels changed (DEC's
   * criterion, Xie et al. 2016, section 3.1.3); with {@code tol = 0} it runs its whole budget.
   *
   * @param progress the iteration and the fraction of labels changed since the previous refresh
   * @return true to stop training
   */
  default boolean converged(Progress progress) {
    return progress.iteration() > 0 && progress.labelChange() < plan().tol();
  }

  /**
   * Hard assignment of embedded samples to clusters.
   *
   * @param embeddings n x m embeddings
   * @return labels in {@code [0, k)}
   */
  int[] assign(NDArray embeddings);

  /**
   * Soft assignment of embedded samples, when the method has one.
   *
   * @param embeddings n x m embeddings
   * @return n x k rows summing to one, or empty for hard-only methods
   */
  default Optional<NDArray> softAssign(NDArray embeddings) {
    return Optional.empty();
  }

  /**
   * Returns the cluster centres in the embedding space, k x m, for saving and plotting.
   *
   * @return a k x m array
   */
  float[][] centroids();

  /**
   * Restores a trained session from saved centroids, instead of {@link #initialize}, so that a
   * saved model can assign new data with {@link #assign} and {@link #softAssign}. (A checkpoint,
   * which continues training, uses {@link #restoreState} instead.)
   *
   * @param centroids k x m centroids, as {@link #centroids()} returned them
   * @throws UnsupportedOperationException when the method cannot be restored from centroids alone
   */
  default void restoreCentroids(float[][] centroids) {
    throw new UnsupportedOperationException("this method cannot be restored from saved centroids");
  }

  /**
   * Saves everything this session needs to continue training exactly where it is, for a checkpoint:
   * a run killed later resumes from it with {@link #restoreState} and must then reach the same
   * result as if it had never stopped.
   *
   * <p>The runtime calls this only at a refresh boundary: after {@link #refresh} and a {@link
   * #converged} that returned false, before the next batch. Include the arrays of {@link
   * #parameters()} (the runtime saves the optimiser's state for them, not their values) and
   * whatever {@link #refresh} computed (DEC's target distribution), bit for bit.
   *
   * @param state where to put the session's entries
   * @return true when the state is complete; false (the default) when the method does not support
   *     checkpoints, in which case the runtime does not checkpoint its clustering phase
   */
  default boolean saveState(SessionState state) {
    return false;
  }

  /**
   * Restores a state written by {@link #saveState}, instead of {@link #initialize}, when a run
   * resumes from a checkpoint. Afterwards {@link #parameters()} must return the restored arrays,
   * and the next call is {@link #loss} of the batch that follows the checkpointed refresh.
   *
   * @param state the entries {@link #saveState} wrote
   * @throws UnsupportedOperationException when the method does not support checkpoints (the
   *     default)
   * @throws org.dec4j.api.DataException when the state does not fit this run (missing entry, wrong
   *     shape)
   */
  default void restoreState(SessionState state) {
    throw new UnsupportedOperationException("this method cannot resume from a checkpoint");
  }

  /** Releases anything not attached to the context's manager. */
  @Override
  default void close() {}
}
