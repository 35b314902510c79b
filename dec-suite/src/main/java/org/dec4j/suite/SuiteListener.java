package org.dec4j.suite;

/**
 * Follows a suite run by run, e.g. to draw "run 3/12, ETA 14m" around the per-phase progress
 * (pretraining epochs, clustering iterations) that the runs report to their {@link
 * org.dec4j.runtime.ProgressSink}. Every method has an empty default.
 */
public interface SuiteListener {
  /** A listener that ignores everything. */
  SuiteListener NONE = new SuiteListener() {};

  /**
   * The suite is about to start.
   *
   * @param plan the whole plan
   * @param shard the shard being run
   * @param mine the runs of this shard
   */
  default void started(SuitePlan plan, Shard shard, int mine) {}

  /**
   * A run is about to start (not called for runs finished before).
   *
   * @param position 1-based position among this shard's runs
   * @param total this shard's runs
   * @param run the run
   * @param dataset the resolved data set id
   * @param etaSeconds estimated seconds left in this shard, NaN before any run finished
   */
  default void runStarting(
      int position, int total, SuitePlan.PlannedRun run, String dataset, double etaSeconds) {}

  /**
   * A run ended, or was found finished before.
   *
   * @param position 1-based position among this shard's runs
   * @param total this shard's runs
   * @param outcome what became of it
   */
  default void runEnded(int position, int total, RunOutcome outcome) {}
}
