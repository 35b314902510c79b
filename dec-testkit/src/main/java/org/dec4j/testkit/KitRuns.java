package org.dec4j.testkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dec4j.api.objective.ClusteringObjective;

/**
 * The harness runs the behavioural checks share, each made at most once: two plain runs with the
 * kit's seed, a resumed one, short runs with one hyperparameter changed, and a run on the quality
 * fixture.
 */
final class KitRuns {
  /** Iterations of the runs with one hyperparameter changed (and of their baseline). */
  static final int SWEEP_ITERATIONS = 60;

  /**
   * A run, or what it threw.
   *
   * @param run the run, or null when it threw
   * @param error what it threw, or null
   */
  record Attempt(HarnessRun run, RuntimeException error) {
    HarnessRun get() {
      if (error != null) {
        throw error;
      }
      return run;
    }
  }

  final ClusteringObjective objective;
  final Fixture fixture;
  final Fixture qualityFixture;
  final Map<String, Object> parameters;
  final long seed;
  final int cap;
  private Attempt first;
  private Attempt second;
  private Attempt quality;
  private Attempt continued;
  private final Map<Integer, Attempt> resumed = new HashMap<>();
  private final Map<Map<String, Object>, Attempt> sweeps = new HashMap<>();

  KitRuns(
      ClusteringObjective objective,
      Fixture fixture,
      Fixture qualityFixture,
      Map<String, Object> parameters,
      long seed,
      int cap) {
    this.objective = objective;
    this.fixture = fixture;
    this.qualityFixture = qualityFixture;
    this.parameters = parameters;
    this.seed = seed;
    this.cap = cap;
  }

  /** {@return the reference run, degenerate batches probed at its end} */
  HarnessRun first() {
    if (first == null) {
      first = attempt(fixture, parameters, cap, new ObjectiveHarness.Options(0, true, false));
    }
    return first.get();
  }

  /** {@return a second run with the same seed and settings} */
  HarnessRun second() {
    first();
    if (second == null) {
      second = attempt(fixture, parameters, cap, ObjectiveHarness.Options.PLAIN);
    }
    return second.get();
  }

  /**
   * {@return a run like the first that goes on past convergence, the reference of the resumed ones}
   */
  HarnessRun continued() {
    if (continued == null) {
      continued = attempt(fixture, parameters, cap, new ObjectiveHarness.Options(0, false, true));
    }
    return continued.get();
  }

  /**
   * A run like {@link #continued()} that saves the session's state after a refresh and continues in
   * a new session restored from it.
   *
   * @param refresh which refresh (1 = the first)
   * @return the run
   */
  HarnessRun resumed(int refresh) {
    return resumed
        .computeIfAbsent(
            refresh,
            r -> attempt(fixture, parameters, cap, new ObjectiveHarness.Options(r, false, true)))
        .get();
  }

  /** {@return the iteration budget of the sweep runs} */
  int sweepIterations() {
    return Math.min(cap, SWEEP_ITERATIONS);
  }

  /**
   * A short run with some hyperparameters set on top of the kit's.
   *
   * @param overrides the values that differ from the kit's parameters (empty: the baseline)
   * @return the run or what it threw
   */
  Attempt sweep(Map<String, Object> overrides) {
    Map<String, Object> key = new TreeMap<>(overrides);
    return sweeps.computeIfAbsent(
        key,
        k -> {
          Map<String, Object> p = new LinkedHashMap<>(parameters);
          p.putAll(k);
          return attempt(fixture, p, sweepIterations(), ObjectiveHarness.Options.PLAIN);
        });
  }

  /** {@return the run on the quality fixture} */
  HarnessRun quality() {
    if (quality == null) {
      quality = attempt(qualityFixture, parameters, cap, ObjectiveHarness.Options.PLAIN);
    }
    return quality.get();
  }

  private Attempt attempt(
      Fixture f, Map<String, Object> p, int iterations, ObjectiveHarness.Options options) {
    try {
      return new Attempt(ObjectiveHarness.run(objective, f, p, seed, iterations, options), null);
    } catch (RuntimeException e) {
      return new Attempt(null, e);
    }
  }
}
