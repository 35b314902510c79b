package org.dec4j.testkit;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.result.PretrainConfig;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Timings;
import org.junit.jupiter.api.DynamicNode;

/**
 * The contract every clustering objective plugin must pass, as a fluent runner.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *   return ObjectiveTestKit.objective(new MyObjective())
 *       .parameter("max_iter", 200)          // a short run
 *       .parameter("update_interval", 20)
 *       .tests();                            // or .execute().assertNoFailures()
 * }
 * }</pre>
 *
 * <p>The checks, in order: valid and stable metadata; a supported API version; complete
 * hyperparameter declarations; defaults that validate, also in their command-line form; bad values
 * (below the minimum, above the maximum, malformed, unknown names) rejected with a
 * {@link org.dec4j.api.ConfigException} naming the plugin and the field; {@code start} with the
 * defaults giving a valid plan; then two runs on the fixture with the same seed (see
 * {@link ObjectiveHarness}): n labels in [0, k) from {@code initialize}, every {@code refresh} and
 * {@code assign}, also on a subset of the points; finite scalar losses; k x m finite centroids;
 * soft assignments whose rows sum to one; session parameters with gradients; the same labels for
 * the same seed; and a result that survives a JSON round trip with hyperparameters that resolve to
 * the same values.
 *
 * <p>The parameters given here are for the runs only (a short budget on a small fixture); the
 * metadata checks always use the declared defaults.
 */
public final class ObjectiveTestKit {
  static final String STARTS = "start() with the defaults gives a valid training plan";
  static final String LABELS = "initialize(), refresh() and assign() give n labels in [0, k)";
  static final String SUBSET = "assign() labels any number of points, not only the n it was trained on";
  static final String LOSSES = "every batch loss is a finite scalar";
  static final String CENTROIDS = "centroids() are k x m and finite";
  static final String SOFT = "softAssign() rows are probabilities summing to one";
  static final String GRADIENTS = "parameters() carry gradients, so the optimiser can train them";
  static final String RESTORE = "a new session restored from centroids() assigns like the trained one";
  static final String SAME_SEED = "the same seed gives the same labels";
  static final String JSON = "a result survives a JSON round trip, hyperparameters included";

  private final ClusteringObjective objective;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private Fixture fixture = Fixture.small();
  private long seed = 7;
  private int maxIterations = 300;

  private ObjectiveTestKit(ClusteringObjective objective) {
    this.objective = Objects.requireNonNull(objective, "objective");
  }

  /**
   * Starts a contract run for an objective.
   *
   * @param objective a provider instance, constructed as {@link java.util.ServiceLoader} would
   * @return the kit, to configure and run
   */
  public static ObjectiveTestKit objective(ClusteringObjective objective) {
    return new ObjectiveTestKit(objective);
  }

  /**
   * Sets a hyperparameter for the runs, typically a short budget.
   *
   * @param name a declared name
   * @param value its value, as a user would give it
   * @return this kit
   */
  public ObjectiveTestKit parameter(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /**
   * Sets several hyperparameters for the runs.
   *
   * @param values values by declared name
   * @return this kit
   */
  public ObjectiveTestKit parameters(Map<String, ?> values) {
    parameters.putAll(values);
    return this;
  }

  /**
   * Sets the points the runs cluster (default {@link Fixture#small()}).
   *
   * @param fixture the points
   * @return this kit
   */
  public ObjectiveTestKit fixture(Fixture fixture) {
    this.fixture = Objects.requireNonNull(fixture, "fixture");
    return this;
  }

  /**
   * Sets the seed of the runs (default 7).
   *
   * @param seed the seed
   * @return this kit
   */
  public ObjectiveTestKit seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Caps the iterations of each run whatever the plan says (default 300).
   *
   * @param maxIterations the cap, at least 0
   * @return this kit
   */
  public ObjectiveTestKit maxIterations(int maxIterations) {
    if (maxIterations < 0) {
      throw new IllegalArgumentException("maxIterations = " + maxIterations + " must be >= 0");
    }
    this.maxIterations = maxIterations;
    return this;
  }

  /** {@return every check's outcome, after running all of them} */
  public ContractResults execute() {
    return checks().run();
  }

  /** {@return the checks as JUnit dynamic tests, in one container named after the plugin} */
  public Stream<DynamicNode> tests() {
    return checks().dynamicTests();
  }

  private Checks checks() {
    String name = "objective '" + safeId() + "'";
    Checks checks = new Checks(name);
    MetadataChecks.add(checks, objective::info);
    Runs runs = new Runs(objective, fixture, Map.copyOf(parameters), seed, maxIterations);

    checks.add(STARTS, () -> {
      PluginInfo info = objective.info();
      Hyperparameters defaults = info.resolve(Map.of());
      try (NDManager manager = NDManager.newBaseManager()) {
        ClusteringContext context = new StartContext(defaults, fixture.clusters(), fixture.rows(), fixture.cols(),
            seed, manager, new SeededKMeans());
        try (ClusteringSession session = objective.start(context)) {
          TrainingPlan plan = session.plan();
          if (plan == null) {
            return MetadataChecks.fail("plan() returned null");
          }
          return MetadataChecks.pass("batch " + plan.batchSize() + ", " + plan.maxIterations() + " iterations, "
              + plan.optimizer().kind());
        }
      }
    });
    checks.add(LABELS, () -> {
      HarnessRun r = runs.first();
      int k = fixture.clusters();
      String bad = firstOutOfRange("initialize()", r.initialLabels(), k);
      for (int i = 0; bad == null && i < r.refreshLabels().size(); i++) {
        bad = firstOutOfRange("refresh() #" + (i + 1), r.refreshLabels().get(i), k);
      }
      if (bad == null) {
        bad = firstOutOfRange("assign()", r.labels(), k);
      }
      return bad == null ? MetadataChecks.pass(r.iterations() + " iterations, " + r.refreshLabels().size()
          + " refreshes, ARI " + String.format(java.util.Locale.ROOT, "%.3f", r.ari(fixture)))
          : MetadataChecks.fail(bad);
    });
    checks.add(SUBSET, () -> {
      HarnessRun r = runs.first();
      int expected = Math.min(ObjectiveHarness.SUBSET, fixture.rows());
      if (r.subsetProblem() != null) {
        return MetadataChecks.fail(r.subsetProblem());
      }
      if (r.subsetLabels() == null || r.subsetLabels().length != expected) {
        return MetadataChecks.fail("assign() returned " + (r.subsetLabels() == null ? "null"
            : r.subsetLabels().length + " labels") + " for " + expected + " points");
      }
      String bad = firstOutOfRange("assign() on " + expected + " points", r.subsetLabels(), fixture.clusters());
      return bad == null ? MetadataChecks.pass("") : MetadataChecks.fail(bad);
    });
    checks.add(LOSSES, () -> {
      HarnessRun r = runs.first();
      if (r.plan().maxIterations() > 0 && r.losses().length == 0 && !r.converged()) {
        return MetadataChecks.fail("the plan allows " + r.plan().maxIterations() + " iterations but none ran");
      }
      for (int i = 0; i < r.losses().length; i++) {
        if (!Double.isFinite(r.losses()[i])) {
          return MetadataChecks.fail("loss at iteration " + i + " is " + r.losses()[i]);
        }
      }
      if (r.losses().length == 0) {
        return new Outcome.Skipped("no iteration ran (plan budget " + r.plan().maxIterations() + ", converged "
            + r.converged() + ")");
      }
      return MetadataChecks.pass(r.losses().length + " losses, last " + r.losses()[r.losses().length - 1]);
    });
    checks.add(CENTROIDS, () -> {
      float[][] c = runs.first().centroids();
      if (c == null || c.length != fixture.clusters()) {
        return MetadataChecks.fail("centroids() returned " + (c == null ? "null" : c.length + " rows") + " for k = "
            + fixture.clusters());
      }
      for (int j = 0; j < c.length; j++) {
        if (c[j] == null || c[j].length != fixture.cols()) {
          return MetadataChecks.fail("centroid " + j + " has " + (c[j] == null ? "no" : c[j].length)
              + " coordinates for m = " + fixture.cols());
        }
        for (float v : c[j]) {
          if (!Float.isFinite(v)) {
            return MetadataChecks.fail("centroid " + j + " has a non-finite coordinate: " + Arrays.toString(c[j]));
          }
        }
      }
      return MetadataChecks.pass("");
    });
    checks.add(SOFT, () -> {
      HarnessRun r = runs.first();
      if (r.softAssignment() == null) {
        return new Outcome.Skipped("softAssign() is empty: a hard-only method");
      }
      float[][] q = r.softAssignment();
      if (q.length != fixture.rows()) {
        return MetadataChecks.fail("softAssign() has " + q.length + " rows for " + fixture.rows() + " points");
      }
      for (int i = 0; i < q.length; i++) {
        if (q[i].length != fixture.clusters()) {
          return MetadataChecks.fail("softAssign() row " + i + " has " + q[i].length + " entries for k = "
              + fixture.clusters());
        }
        double sum = 0;
        for (float p : q[i]) {
          if (!(p >= 0 && p <= 1.0001f)) {
            return MetadataChecks.fail("softAssign() row " + i + " has entry " + p + " outside [0, 1]");
          }
          sum += p;
        }
        if (Math.abs(sum - 1) > 1e-3) {
          return MetadataChecks.fail("softAssign() row " + i + " sums to " + sum);
        }
      }
      return MetadataChecks.pass("");
    });
    checks.add(GRADIENTS, () -> {
      HarnessRun r = runs.first();
      return r.parametersWithoutGradient().isEmpty() ? MetadataChecks.pass("")
          : MetadataChecks.fail("parameters() " + r.parametersWithoutGradient()
              + " have no gradient attached: call setRequiresGradient(true) on them");
    });
    checks.add(RESTORE, () -> {
      HarnessRun r = runs.first();
      if (r.restoreProblem() != null) {
        return MetadataChecks.fail(r.restoreProblem());
      }
      if (r.restoredLabels() == null) {
        return new Outcome.Skipped("restore() is not supported, so saved models of this method cannot assign new data");
      }
      int d = differing(r.labels(), r.restoredLabels());
      return d == 0 ? MetadataChecks.pass("")
          : MetadataChecks.fail("after restore(centroids()) " + d + " of " + r.labels().length
              + " points get another label than from the trained session");
    });
    checks.add(SAME_SEED, () -> {
      HarnessRun a = runs.first();
      HarnessRun b = runs.second();
      if (!Arrays.equals(a.initialLabels(), b.initialLabels())) {
        return MetadataChecks.fail("initialize() gave different labels in two runs with seed " + seed);
      }
      if (!Arrays.equals(a.labels(), b.labels())) {
        return MetadataChecks.fail("assign() gave different labels in two runs with seed " + seed + " ("
            + differing(a.labels(), b.labels()) + " of " + a.labels().length + " differ)");
      }
      return MetadataChecks.pass("seed " + seed);
    });
    checks.add(JSON, () -> {
      HarnessRun r = runs.first();
      PluginInfo info = objective.info();
      RunResult result = result(info, r);
      RunResult back = JsonRoundTrip.roundTrip(result, RunResult.class);
      List<String> problems = new ArrayList<>();
      if (!Arrays.equals(result.assignments(), back.assignments())) {
        problems.add("assignments differ");
      }
      if (!result.trace().equals(back.trace())) {
        problems.add("trace differs: " + result.trace() + " vs " + back.trace());
      }
      Hyperparameters again = info.resolve(back.config().methodParams());
      if (!again.equals(r.hyperparameters())) {
        problems.add("hyperparameters read back resolve to " + again + ", not " + r.hyperparameters());
      }
      if (!result.provenance().equals(back.provenance())) {
        problems.add("provenance differs");
      }
      return problems.isEmpty() ? MetadataChecks.pass("") : MetadataChecks.fail(String.join("; ", problems));
    });
    return checks;
  }

  private RunResult result(PluginInfo info, HarnessRun r) {
    RunConfig config = new RunConfig(info.id(), r.hyperparameters().asMap(), fixture.name(), Map.of(), "testkit-linear",
        Map.of(), new PretrainConfig("none", 0, 0, 1, 1e-3, 0), fixture.clusters(), seed, 1);
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put(info.id(), info.version());
    Provenance provenance = new Provenance("testkit", plugins, Map.of("java", System.getProperty("java.version")),
        Map.of(), new DataProvenance(fixture.name(), List.of(), "", "generated by the test kit"), "1970-01-01T00:00:00Z",
        "dec-testkit");
    return new RunResult(config, provenance, null, null, r.iterations(), r.converged(), r.trace(),
        new Timings(0, 0, 0, r.seconds(), r.seconds()), r.labels(), null);
  }

  private String safeId() {
    try {
      return objective.info().id();
    } catch (RuntimeException e) {
      return objective.getClass().getName();
    }
  }

  private static String firstOutOfRange(String call, int[] labels, int k) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        return call + " gave label " + labels[i] + " to point " + i + "; labels must be in [0, " + k + ")";
      }
    }
    return null;
  }

  private static int differing(int[] a, int[] b) {
    int d = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        d++;
      }
    }
    return d;
  }

  /** The two same-seed runs, made once and shared by the checks. */
  private static final class Runs {
    private final ClusteringObjective objective;
    private final Fixture fixture;
    private final Map<String, Object> parameters;
    private final long seed;
    private final int cap;
    private HarnessRun first;
    private HarnessRun second;
    private RuntimeException failure;

    Runs(ClusteringObjective objective, Fixture fixture, Map<String, Object> parameters, long seed, int cap) {
      this.objective = objective;
      this.fixture = fixture;
      this.parameters = parameters;
      this.seed = seed;
      this.cap = cap;
    }

    HarnessRun first() {
      if (first == null && failure == null) {
        try {
          first = ObjectiveHarness.run(objective, fixture, parameters, seed, cap);
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return first;
    }

    HarnessRun second() {
      first();
      if (second == null) {
        second = ObjectiveHarness.run(objective, fixture, parameters, seed, cap);
      }
      return second;
    }
  }

  /** The context of the start-only check. */
  private record StartContext(Hyperparameters hyperparameters, int clusters, int sampleCount, int embeddingDim,
      long seed, NDManager manager, KMeans kmeans) implements ClusteringContext {}
}
