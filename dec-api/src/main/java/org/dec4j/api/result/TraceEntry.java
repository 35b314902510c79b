package org.dec4j.api.result;

/**
 * One point of a run's per-iteration trace, taken at each refresh.
 *
 * @param iteration the iteration
 * @param loss mean batch loss since the previous entry (NaN at iteration 0)
 * @param labelChange fraction of labels changed since the previous entry
 * @param scores metrics at this point, or null without ground truth
 * @param seconds wall time since the clustering phase started
 */
public record TraceEntry(int iteration, double loss, double labelChange, Scores scores, double seconds) {}
