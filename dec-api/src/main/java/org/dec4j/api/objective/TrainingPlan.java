package org.dec4j.api.objective;

import org.dec4j.api.ConfigException;

/**
 * How the runtime should drive a {@link ClusteringSession}.
 *
 * @param batchSize samples per iteration
 * @param maxIterations iteration budget
 * @param refreshInterval iterations between full-data refreshes (DEC's {@code update_interval})
 * @param optimizer optimiser for the network and the session's parameters
 * @param needsReconstruction whether batches carry the decoder's reconstruction
 * @param shuffle whether batches are drawn from a seeded permutation each epoch (otherwise in order)
 */
public record TrainingPlan(
    int batchSize, int maxIterations, int refreshInterval, OptimizerSpec optimizer,
    boolean needsReconstruction, boolean shuffle) {

  /** Checks the values. */
  public TrainingPlan {
    if (batchSize < 1) {
      throw new ConfigException("batch_size = " + batchSize + " must be >= 1");
    }
    if (maxIterations < 0) {
      throw new ConfigException("max_iter = " + maxIterations + " must be >= 0");
    }
    if (refreshInterval < 1) {
      throw new ConfigException("update_interval = " + refreshInterval + " must be >= 1");
    }
    if (optimizer == null) {
      throw new ConfigException("optimizer must be given");
    }
  }
}
