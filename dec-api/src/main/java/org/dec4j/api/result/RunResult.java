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
 * @param perClass the recall of every true class under the matching behind ACC, by label, or null
 *     without ground truth (and in results written before API level 3)
 */
public record RunResult(
    RunConfig config, Provenance provenance, Scores scores, Scores initialScores, int iterations,
    boolean converged, List<TraceEntry> trace, Timings timings, int[] assignments, EmbeddingSample sample,
    List<ClassRecall> perClass) {

  /**
   * A result without per-class figures (API level 2's constructor).
   *
   * @param config the configuration
   * @param provenance versions, machine, data checksum
   * @param scores final metrics, or null
   * @param initialScores metrics of the initialisation, or null
   * @param iterations clustering iterations run
   * @param converged whether the stopping test fired
   * @param trace per-refresh trace
   * @param timings seconds per phase
   * @param assignments final cluster of every sample
   * @param sample a sample's final embedding, or null
   */
  public RunResult(RunConfig config, Provenance provenance, Scores scores, Scores initialScores, int iterations,
      boolean converged, List<TraceEntry> trace, Timings timings, int[] assignments, EmbeddingSample sample) {
    this(config, provenance, scores, initialScores, iterations, converged, trace, timings, assignments, sample, null);
  }

  /** Copies the per-class list. */
  public RunResult {
    perClass = perClass == null ? null : List.copyOf(perClass);
  }
}
