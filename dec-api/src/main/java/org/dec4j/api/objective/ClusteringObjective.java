package org.dec4j.api.objective;

import org.dec4j.api.PluginInfo;

/**
 * Service-provider interface for a deep clustering method (DEC, IDEC, DCN, or a third party's).
 *
 * <p>The provider is cheap and stateless: {@link #info()} declares the method's id and
 * hyperparameters, and {@link #start(ClusteringContext)} creates a {@link ClusteringSession} that
 * holds the state of one run. The runtime owns the network, the data, the optimiser and the loop;
 * the session tells it what to optimise and when to stop:
 *
 * <ol>
 *   <li>{@link ClusteringSession#plan()} gives batch size, iteration budget, refresh interval and
 *       optimiser;
 *   <li>{@link ClusteringSession#initialize} sees the pretrained embedding of all data (usually
 *       runs k-means through {@link ClusteringContext#kmeans()});
 *   <li>every {@code refreshInterval} iterations, {@link ClusteringSession#refresh} sees the
 *       embedding of all data (DEC recomputes its target distribution) and returns hard labels; the
 *       runtime measures the fraction of changed labels and asks {@link
 *       ClusteringSession#converged};
 *   <li>each iteration, {@link ClusteringSession#loss} builds the batch loss (gradients flow into
 *       the encoder, the decoder when used, and the session's own {@link
 *       ClusteringSession#parameters()}), the runtime takes an optimiser step, then calls {@link
 *       ClusteringSession#afterStep} for any non-gradient update (DCN's assignments and centroids);
 *   <li>{@link ClusteringSession#assign} gives the final hard assignment.
 * </ol>
 *
 * <p>Long runs are checkpointed at refresh boundaries: a session that implements {@link
 * ClusteringSession#saveState} and {@link ClusteringSession#restoreState} lets a killed run resume
 * there and finish exactly as it would have (the runtime saves the network, the optimiser and the
 * batch order itself). Both are optional; without them the clustering phase simply restarts.
 *
 * <p>A module providing a method declares {@code provides
 * org.dec4j.api.objective.ClusteringObjective with ...} and requires only {@code org.dec4j.api}.
 */
public interface ClusteringObjective {

  /** {@return the method's id, version, description and hyperparameters} */
  PluginInfo info();

  /**
   * Starts one run.
   *
   * @param context hyperparameters, k, seed, sizes, a memory scope and runtime services
   * @return the run's session; closed by the runtime when the run ends
   */
  ClusteringSession start(ClusteringContext context);
}
