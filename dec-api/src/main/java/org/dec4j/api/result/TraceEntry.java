package org.dec4j.api.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a run's per-iteration trace, taken at each refresh.
 *
 * @param iteration the iteration
 * @param loss mean batch loss since the previous entry (NaN at iteration 0)
 * @param labelChange fraction of labels changed since the previous entry
 * @param scores metrics at this point, or null without ground truth
 * @param seconds wall time since the clustering phase started
 * @param diagnostics the method's own measurements at this refresh, by name (e.g. the fraction of
 *     confident samples), as {@link org.dec4j.api.objective.ClusteringSession#diagnostics()}
 *     returned them; empty when the method reports none (and in results written before they
 *     existed)
 */
public record TraceEntry(
    int iteration,
    double loss,
    double labelChange,
    Scores scores,
    double seconds,
    Map<String, Double> diagnostics) {

  /** Copies the diagnostics, keeping their order; null means none. */
  public TraceEntry {
    diagnostics =
        diagnostics == null || diagnostics.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
  }

  /**
   * A trace point without diagnostics.
   *
   * @param iteration the iteration
   * @param loss mean batch loss since the previous entry (NaN at iteration 0)
   * @param labelChange fraction of labels changed since the previous entry
   * @param scores metrics at this point, or null without ground truth
   * @param seconds wall time since the clustering phase started
   */
  public TraceEntry(int iteration, double loss, double labelChange, Scores scores, double seconds) {
    this(iteration, loss, labelChange, scores, seconds, Map.of());
  }
}
