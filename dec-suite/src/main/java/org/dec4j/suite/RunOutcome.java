package org.dec4j.suite;

import java.nio.file.Path;
import org.dec4j.api.result.Scores;

/** What became of one planned run of a suite: finished now, finished before, or failed. */
public sealed interface RunOutcome {
  /** {@return the run} */
  SuitePlan.PlannedRun run();

  /** {@return the resolved data set id} */
  String dataset();

  /**
   * {@return its result file, relative to the output folder; null when its data set could not be
   * resolved}
   */
  Path file();

  /**
   * The run was done now and its result written.
   *
   * @param run the run
   * @param dataset the data set
   * @param file the result file
   * @param scores its final scores (null without ground truth)
   * @param seconds its wall time
   */
  record Finished(
      SuitePlan.PlannedRun run, String dataset, Path file, Scores scores, double seconds)
      implements RunOutcome {}

  /**
   * The run had been done before (its result file exists with the same settings); not redone.
   *
   * @param run the run
   * @param dataset the data set
   * @param file the result file
   * @param scores its final scores (null without ground truth)
   */
  record Skipped(SuitePlan.PlannedRun run, String dataset, Path file, Scores scores)
      implements RunOutcome {}

  /**
   * The run failed; no result was written, so a rerun of the suite tries it again.
   *
   * @param run the run
   * @param dataset the data set
   * @param file the result file it would have written
   * @param error what went wrong
   */
  record Failed(SuitePlan.PlannedRun run, String dataset, Path file, String error)
      implements RunOutcome {}
}
