package org.dec4j.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.result.TraceEntry;

/**
 * What an objective did in one {@link ObjectiveHarness} run, as plain Java values.
 *
 * @param hyperparameters the resolved hyperparameters the session was started with
 * @param plan the session's training plan
 * @param initialLabels the labels {@code initialize} returned
 * @param refreshLabels the labels of every {@code refresh}, in order
 * @param labels the final labels of {@code assign} on all points
 * @param subsetLabels what {@code assign} returned for the first {@link ObjectiveHarness#SUBSET}
 *     points, unchecked, or null when it threw
 * @param subsetProblem what {@code assign} threw on those points, or null
 * @param iterations the gradient steps taken
 * @param converged whether the session's stopping test fired
 * @param losses the value of every batch loss, in order
 * @param trace one entry per refresh, as the runtime records it (no scores), with the session's
 *     diagnostics
 * @param centroids the session's {@code centroids()} at the end
 * @param softAssignment the final soft assignment, n x k, or null for a hard-only method
 * @param restoredLabels the labels {@code assign} gave after {@code restoreCentroids(centroids())}
 *     on a new session, or null when the method does not support restoring
 * @param restoreProblem what went wrong restoring, or null
 * @param parametersWithoutGradient names of session parameters that had no gradient attached
 * @param seconds wall time of the run
 * @param initialCentroids the session's {@code centroids()} right after {@code initialize}
 * @param maxGradients the largest absolute gradient entry each trainable array received over the
 *     run's steps, by a readable name ({@code the encoder}, {@code the decoder}, {@code
 *     parameters() 'centroids'}); NaN when a gradient was not finite
 * @param unchanged the trainable arrays, and {@code centroids()}, whose values did not change over
 *     the run
 * @param strayGradients arrays of the session that received a non-zero gradient in the first step
 *     but are not in {@code parameters()}, so no optimiser updates them
 * @param resumedAt the iteration at which the run continued in a new session restored from {@code
 *     saveState}, or -1 when it did not
 * @param saveStateDeclined whether {@code saveState} returned false when the run asked for it
 * @param edgeProbes the degenerate batches the loss was evaluated on after the run (empty unless
 *     asked)
 * @param edgeProblems what went wrong on them: a non-finite loss or gradient, or an exception
 */
public record HarnessRun(
    Hyperparameters hyperparameters,
    TrainingPlan plan,
    int[] initialLabels,
    List<int[]> refreshLabels,
    int[] labels,
    int[] subsetLabels,
    String subsetProblem,
    int iterations,
    boolean converged,
    double[] losses,
    List<TraceEntry> trace,
    float[][] centroids,
    float[][] softAssignment,
    int[] restoredLabels,
    String restoreProblem,
    List<String> parametersWithoutGradient,
    double seconds,
    float[][] initialCentroids,
    Map<String, Double> maxGradients,
    List<String> unchanged,
    List<String> strayGradients,
    int resumedAt,
    boolean saveStateDeclined,
    List<String> edgeProbes,
    List<String> edgeProblems) {

  /** Copies the lists. */
  public HarnessRun {
    refreshLabels = List.copyOf(refreshLabels);
    trace = List.copyOf(trace);
    parametersWithoutGradient = List.copyOf(parametersWithoutGradient);
    maxGradients =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(maxGradients));
    unchanged = List.copyOf(unchanged);
    strayGradients = List.copyOf(strayGradients);
    edgeProbes = List.copyOf(edgeProbes);
    edgeProblems = List.copyOf(edgeProblems);
  }

  /** {@return the soft assignment, when the method has one} */
  public Optional<float[][]> soft() {
    return Optional.ofNullable(softAssignment);
  }

  /**
   * Scores the final labels against a fixture's truth.
   *
   * @param fixture the fixture the run clustered
   * @return the adjusted Rand index of the final labels
   */
  public double ari(Fixture fixture) {
    return Agreement.adjustedRandIndex(fixture.labels(), labels);
  }

  /**
   * Scores the labels of {@code initialize} (usually k-means on the fixture) against its truth: the
   * start a method has to improve on.
   *
   * @param fixture the fixture the run clustered
   * @return the adjusted Rand index of the initial labels
   */
  public double initialAri(Fixture fixture) {
    return Agreement.adjustedRandIndex(fixture.labels(), initialLabels);
  }
}
