package org.dec4j.api.result;

import java.util.List;

/**
 * The outcome of one successful run, as written to its JSON result file.
 *
 * @param config the configuration
 * @param provenance versions, machine, data checksum
 * @param scores final metrics, or null without ground truth
 * @param initialScores metrics of the initialisation (k-means on the pretrained embedding)
 * @param iterations clustering iterations run
 * @param converged whether the method's stopping test fired before the budget ran out
 * @param trace per-refresh trace
 * @param timings wall-clock seconds per phase
 * @param assignments final cluster of every sample
 * @param sample the final embedding of a sample of the data, for plots (may be null)
 * @param snapshots the same sample's embedding at the start and the middle of the clustering phase
 *     (empty or null when not recorded; since API level 2)
 * @param gallery each cluster's most confident samples as images, for image data (may be null;
 *     since API level 2)
 * @param perClass the recall of every true class under the matching behind ACC, by label, or null
 *     without ground truth (and in results written before API level 2)
 */
public record RunResult(
    RunConfig config,
    Provenance provenance,
    Scores scores,
    Scores initialScores,
    int iterations,
    boolean converged,
    List<TraceEntry> trace,
    Timings timings,
    int[] assignments,
    EmbeddingSample sample,
    List<EmbeddingSnapshot> snapshots,
    Gallery gallery,
    List<ClassRecall> perClass) {

  /**
   * A result without snapshots, gallery and per-class figures (API level 1's constructor).
   *
   * @param config the configuration
   * @param provenance versions, machine, data checksum
   * @param scores final metrics, or null
   * @param initialScores metrics of the initialisation
   * @param iterations clustering iterations run
   * @param converged whether the stopping test fired
   * @param trace per-refresh trace
   * @param timings wall-clock seconds per phase
   * @param assignments final cluster of every sample
   * @param sample the final embedding of a sample, or null
   */
  public RunResult(
      RunConfig config,
      Provenance provenance,
      Scores scores,
      Scores initialScores,
      int iterations,
      boolean converged,
      List<TraceEntry> trace,
      Timings timings,
      int[] assignments,
      EmbeddingSample sample) {
    this(
        config,
        provenance,
        scores,
        initialScores,
        iterations,
        converged,
        trace,
        timings,
        assignments,
        sample,
        null,
        null,
        null);
  }

  /** Copies the per-class list. */
  public RunResult {
    perClass = perClass == null ? null : List.copyOf(perClass);
  }
}
