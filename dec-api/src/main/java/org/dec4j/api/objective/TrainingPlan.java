package org.dec4j.api.objective;

import org.dec4j.api.ConfigException;
import org.dec4j.api.Hyperparameters;

/**
 * How the runtime should drive a {@link ClusteringSession}.
 *
 * <p>Most methods build their plan with {@link #from(Hyperparameters, boolean)} from the
 * hyperparameters every method spells the same way (the names below; declarations with ranges and
 * descriptions are in {@link org.dec4j.api.objective.support.CommonHyperparameters}).
 *
 * @param batchSize samples per iteration
 * @param maxIterations iteration budget
 * @param refreshInterval iterations between full-data refreshes (DEC's {@code update_interval})
 * @param optimizer optimiser for the network and the session's parameters
 * @param needsReconstruction whether batches carry the decoder's reconstruction
 * @param shuffle whether batches are drawn from a seeded permutation each epoch (otherwise in
 *     order)
 * @param tol the default {@link ClusteringSession#converged} stops after a refresh (not the first)
 *     at which fewer than this fraction of the labels changed; 0 runs the whole budget
 */
public record TrainingPlan(
    int batchSize,
    int maxIterations,
    int refreshInterval,
    OptimizerSpec optimizer,
    boolean needsReconstruction,
    boolean shuffle,
    double tol) {
  /** Samples per iteration ({@link #batchSize()}). */
  public static final String BATCH_SIZE = "batch_size";

  /** Iteration budget of the clustering phase ({@link #maxIterations()}). */
  public static final String MAX_ITER = "max_iter";

  /** Iterations between full-data refreshes ({@link #refreshInterval()}). */
  public static final String UPDATE_INTERVAL = "update_interval";

  /** The label-change threshold of convergence ({@link #tol()}). */
  public static final String TOL = "tol";

  /** Whether batches come from a fresh seeded permutation each epoch ({@link #shuffle()}). */
  public static final String SHUFFLE = "shuffle";

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
    if (!(tol >= 0 && tol <= 1)) {
      throw new ConfigException("tol = " + tol + " must be in [0, 1]");
    }
  }

  /**
   * The plan the common hyperparameters describe: {@value #BATCH_SIZE}, {@value #MAX_ITER}, {@value
   * #UPDATE_INTERVAL} and the optimiser ({@link OptimizerSpec#from}) must be declared; {@value
   * #TOL} (0 when undeclared: run the whole budget) and {@value #SHUFFLE} (false when undeclared:
   * batches in data order) may be.
   *
   * @param h the method's validated hyperparameters
   * @param needsReconstruction whether the method's loss needs the decoder's reconstruction
   * @return the plan
   * @throws ConfigException naming the method when a required name is not declared
   */
  public static TrainingPlan from(Hyperparameters h, boolean needsReconstruction) {
    return new TrainingPlan(
        h.getInt(BATCH_SIZE),
        h.getInt(MAX_ITER),
        h.getInt(UPDATE_INTERVAL),
        OptimizerSpec.from(h),
        needsReconstruction,
        h.asMap().containsKey(SHUFFLE) && h.getBoolean(SHUFFLE),
        h.asMap().containsKey(TOL) ? h.getDouble(TOL) : 0);
  }

  /**
   * A copy with another schedule, for a method whose budget or refresh interval is derived (DCN
   * counts both in epochs of the data set).
   *
   * @param maxIterations iteration budget
   * @param refreshInterval iterations between refreshes
   * @return the copy
   */
  public TrainingPlan withSchedule(int maxIterations, int refreshInterval) {
    return new TrainingPlan(
        batchSize, maxIterations, refreshInterval, optimizer, needsReconstruction, shuffle, tol);
  }
}
