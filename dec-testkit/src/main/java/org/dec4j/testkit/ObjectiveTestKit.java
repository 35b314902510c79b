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
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.TrainingPlan;
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
 * <p>The checks, in order. Shape: valid and stable metadata; a supported API version; complete
 * hyperparameter declarations with finite, sensible bounds; defaults that validate, also in their
 * command-line form; bad values (below the minimum, above the maximum, malformed, unknown names)
 * rejected with a {@link org.dec4j.api.ConfigException} naming the plugin and the field; {@code
 * start} with the defaults giving a valid plan; then, on runs of the fixture (see {@link
 * ObjectiveHarness}): n labels in [0, k) from {@code initialize}, every {@code refresh} and {@code
 * assign}, also on a subset of the points; finite scalar losses; k x m finite centroids; soft
 * assignments whose rows sum to one; session parameters with gradients; {@code restore} assigning
 * like the trained session.
 *
 * <p>Behaviour, the bugs that leave every value well-formed but change the results: a non-zero
 * gradient reaches the encoder and every array of {@code parameters()}, and no other array of the
 * session receives one; the encoder, the parameters and {@code centroids()} change over the run; on
 * the quality fixture ({@link Fixture#overlapping()}, where k-means alone is imperfect) the loss
 * falls and the clustering ends no worse than its k-means start (a flipped sign fails here);
 * degenerate batches (one sample, one cluster, points on the centroids, equidistant from all of
 * them, far from all of them) give a finite loss and gradients; the same seed gives the same
 * losses, labels and centroids; {@code saveState}, {@code restoreState} into a new session and
 * going on gives exactly the uninterrupted run; every numeric hyperparameter at its declared
 * minimum and maximum gives finite losses and valid labels; changing any hyperparameter changes the
 * run (the plan, a loss, a label, the centroids or a diagnostic), also tried under the other values
 * of choices such as {@code optimizer}; {@code diagnostics()} are snake_case names with finite
 * values; and a result survives a JSON round trip with hyperparameters that resolve to the same
 * values.
 *
 * <p>Every failure says what to fix. The parameters given here are for the runs only (a short
 * budget on a small fixture); the metadata checks always use the declared defaults. A check that
 * does not apply to a method by design can be declared so, with the reason ({@link
 * #skipCheck(String, String)}).
 */
public final class ObjectiveTestKit {
  static final String STARTS = "start() with the defaults gives a valid training plan";
  static final String LABELS = "initialize(), refresh() and assign() give n labels in [0, k)";
  static final String SUBSET =
      "assign() labels any number of points, not only the n it was trained on";
  static final String LOSSES = "every batch loss is a finite scalar";
  static final String CENTROIDS = "centroids() are k x m and finite";
  static final String SOFT = "softAssign() rows are probabilities summing to one";
  static final String GRADIENTS = "parameters() carry gradients, so the optimiser can train them";
  static final String RESTORE =
      "a new session restored from centroids() assigns like the trained one";
  static final String SAME_SEED = "the same seed gives the same losses, labels and centroids";
  static final String JSON = "a result survives a JSON round trip, hyperparameters included";

  private final ClusteringObjective objective;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private Fixture fixture = Fixture.small();
  private Fixture qualityFixture = Fixture.overlapping();
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
   * Sets the points of the quality check (default {@link Fixture#overlapping()}), on which k-means
   * alone must not already be perfect: training must lower the loss there without making the
   * clustering worse than its k-means start.
   *
   * @param fixture the points
   * @return this kit
   */
  public ObjectiveTestKit qualityFixture(Fixture fixture) {
    this.qualityFixture = Objects.requireNonNull(fixture, "fixture");
    return this;
  }

  /**
   * Declares that a check does not apply to this method, with the reason; it is reported as skipped
   * with that reason. For methods that differ by design (say, centroids that are fixed on purpose),
   * not for bugs.
   *
   * @param check the check's name, as reported
   * @param reason why it does not apply
   * @return this kit
   * @throws IllegalArgumentException when no check has this name (when the checks are built)
   */
  public ObjectiveTestKit skipCheck(String check, String reason) {
    skipped.put(Objects.requireNonNull(check, "check"), Objects.requireNonNull(reason, "reason"));
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
    KitRuns runs =
        new KitRuns(
            objective, fixture, qualityFixture, Map.copyOf(parameters), seed, maxIterations);

    checks.add(
        STARTS,
        () -> {
          PluginInfo info = objective.info();
          Hyperparameters defaults = info.resolve(Map.of());
          try (NDManager manager = NDManager.newBaseManager()) {
            ClusteringContext context =
                new StartContext(
                    defaults,
                    fixture.clusters(),
                    fixture.rows(),
                    fixture.cols(),
                    seed,
                    manager,
                    new SeededKMeans());
            try (ClusteringSession session = objective.start(context)) {
              TrainingPlan plan = session.plan();
              if (plan == null) {
                return MetadataChecks.fail("plan() returned null");
              }
              return MetadataChecks.pass(
                  "batch "
                      + plan.batchSize()
                      + ", "
                      + plan.maxIterations()
                      + " iterations, "
                      + plan.optimizer().kind());
            }
          }
        });
    checks.add(
        LABELS,
        () -> {
          HarnessRun r = runs.first();
          int k = fixture.clusters();
          String bad = firstOutOfRange("initialize()", r.initialLabels(), k);
          for (int i = 0; bad == null && i < r.refreshLabels().size(); i++) {
            bad = firstOutOfRange("refresh() #" + (i + 1), r.refreshLabels().get(i), k);
          }
          if (bad == null) {
            bad = firstOutOfRange("assign()", r.labels(), k);
          }
          return bad == null
              ? MetadataChecks.pass(
                  r.iterations()
                      + " iterations, "
                      + r.refreshLabels().size()
                      + " refreshes, ARI "
                      + String.format(java.util.Locale.ROOT, "%.3f", r.ari(fixture)))
              : MetadataChecks.fail(bad);
        });
    checks.add(
        SUBSET,
        () -> {
          HarnessRun r = runs.first();
          int expected = Math.min(ObjectiveHarness.SUBSET, fixture.rows());
          if (r.subsetProblem() != null) {
            return MetadataChecks.fail(r.subsetProblem());
          }
          if (r.subsetLabels() == null || r.subsetLabels().length != expected) {
            return MetadataChecks.fail(
                "assign() returned "
                    + (r.subsetLabels() == null ? "null" : r.subsetLabels().length + " labels")
                    + " for "
                    + expected
                    + " points");
          }
          String bad =
              firstOutOfRange(
                  "assign() on " + expected + " points", r.subsetLabels(), fixture.clusters());
          return bad == null ? MetadataChecks.pass("") : MetadataChecks.fail(bad);
        });
    checks.add(
        LOSSES,
        () -> {
          HarnessRun r = runs.first();
          if (r.plan().maxIterations() > 0 && r.losses().length == 0 && !r.converged()) {
            return MetadataChecks.fail(
                "the plan allows " + r.plan().maxIterations() + " iterations but none ran");
          }
          for (int i = 0; i < r.losses().length; i++) {
            if (!Double.isFinite(r.losses()[i])) {
              return MetadataChecks.fail("loss at iteration " + i + " is " + r.losses()[i]);
            }
          }
          if (r.losses().length == 0) {
            return new Outcome.Skipped(
                "no iteration ran (plan budget "
                    + r.plan().maxIterations()
                    + ", converged "
                    + r.converged()
                    + ")");
          }
          return MetadataChecks.pass(
              r.losses().length + " losses, last " + r.losses()[r.losses().length - 1]);
        });
    checks.add(
        CENTROIDS,
        () -> {
          float[][] c = runs.first().centroids();
          if (c == null || c.length != fixture.clusters()) {
            return MetadataChecks.fail(
                "centroids() returned "
                    + (c == null ? "null" : c.length + " rows")
                    + " for k = "
                    + fixture.clusters());
          }
          for (int j = 0; j < c.length; j++) {
            if (c[j] == null || c[j].length != fixture.cols()) {
              return MetadataChecks.fail(
                  "centroid "
                      + j
                      + " has "
                      + (c[j] == null ? "no" : c[j].length)
                      + " coordinates for m = "
                      + fixture.cols());
            }
            for (float v : c[j]) {
              if (!Float.isFinite(v)) {
                return MetadataChecks.fail(
                    "centroid " + j + " has a non-finite coordinate: " + Arrays.toString(c[j]));
              }
            }
          }
          return MetadataChecks.pass("");
        });
    checks.add(
        SOFT,
        () -> {
          HarnessRun r = runs.first();
          if (r.softAssignment() == null) {
            return new Outcome.Skipped("softAssign() is empty: a hard-only method");
          }
          float[][] q = r.softAssignment();
          if (q.length != fixture.rows()) {
            return MetadataChecks.fail(
                "softAssign() has " + q.length + " rows for " + fixture.rows() + " points");
          }
          for (int i = 0; i < q.length; i++) {
            if (q[i].length != fixture.clusters()) {
              return MetadataChecks.fail(
                  "softAssign() row "
                      + i
                      + " has "
                      + q[i].length
                      + " entries for k = "
                      + fixture.clusters());
            }
            double sum = 0;
            for (float p : q[i]) {
              if (!(p >= 0 && p <= 1.0001f)) {
                return MetadataChecks.fail(
                    "softAssign() row " + i + " has entry " + p + " outside [0, 1]");
              }
              sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
              return MetadataChecks.fail("softAssign() row " + i + " sums to " + sum);
            }
          }
          return MetadataChecks.pass("");
        });
    checks.add(
        GRADIENTS,
        () -> {
          HarnessRun r = runs.first();
          return r.parametersWithoutGradient().isEmpty()
              ? MetadataChecks.pass("")
              : MetadataChecks.fail(
                  "parameters() "
                      + r.parametersWithoutGradient()
                      + " have no gradient attached: call setRequiresGradient(true) on them");
        });
    checks.add(
        RESTORE,
        () -> {
          HarnessRun r = runs.first();
          if (r.restoreProblem() != null) {
            return MetadataChecks.fail(r.restoreProblem());
          }
          if (r.restoredLabels() == null) {
            return new Outcome.Skipped(
                "restoreCentroids() is not supported, so saved models of this method cannot assign new data");
          }
          int d = differing(r.labels(), r.restoredLabels());
          return d == 0
              ? MetadataChecks.pass("")
              : MetadataChecks.fail(
                  "after restoreCentroids(centroids()) "
                      + d
                      + " of "
                      + r.labels().length
                      + " points get another label than from the trained session");
        });
    checks.add(BehaviourChecks.GRADIENT_FLOW, () -> BehaviourChecks.gradientFlow(runs));
    checks.add(BehaviourChecks.TRAINING_MOVES, () -> BehaviourChecks.trainingMoves(runs));
    checks.add(BehaviourChecks.LEARNS, () -> BehaviourChecks.learns(runs));
    checks.add(BehaviourChecks.EDGES, () -> BehaviourChecks.edges(runs));
    checks.add(
        SAME_SEED,
        () -> {
          HarnessRun a = runs.first();
          HarnessRun b = runs.second();
          String diff = BehaviourChecks.difference(a, b);
          return diff == null
              ? MetadataChecks.pass("seed " + seed + ", " + a.losses().length + " losses")
              : MetadataChecks.fail(
                  "two runs with seed "
                      + seed
                      + " differ: "
                      + diff
                      + ". Draw every random number from"
                      + " context.seed() (new SplittableRandom(context.seed()), context.kmeans()), never from new Random(),"
                      + " Math.random(), static state or the clock");
        });
    checks.add(BehaviourChecks.RESUME, () -> BehaviourChecks.resume(runs));
    checks.add(BehaviourChecks.EXTREMES, () -> BehaviourChecks.extremes(runs, objective.info()));
    checks.add(BehaviourChecks.USED, () -> BehaviourChecks.used(runs, objective.info()));
    checks.add(BehaviourChecks.DIAGNOSTICS, () -> BehaviourChecks.diagnostics(runs));
    checks.add(
        JSON,
        () -> {
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
            problems.add(
                "hyperparameters read back resolve to " + again + ", not " + r.hyperparameters());
          }
          if (!result.provenance().equals(back.provenance())) {
            problems.add("provenance differs");
          }
          return problems.isEmpty()
              ? MetadataChecks.pass("")
              : MetadataChecks.fail(String.join("; ", problems));
        });
    skipped.forEach(checks::skip);
    return checks;
  }

  private RunResult result(PluginInfo info, HarnessRun r) {
    RunConfig config =
        new RunConfig(
            info.id(),
            r.hyperparameters().asMap(),
            fixture.name(),
            Map.of(),
            "testkit-linear",
            Map.of(),
            new PretrainConfig("none", 0, 0, 1, 1e-3, 0),
            fixture.clusters(),
            seed,
            1);
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put(info.id(), info.version());
    Provenance provenance =
        new Provenance(
            "testkit",
            plugins,
            Map.of("java", System.getProperty("java.version")),
            Map.of(),
            new DataProvenance(fixture.name(), List.of(), "", "generated by the test kit"),
            "1970-01-01T00:00:00Z",
            "dec-testkit");
    return new RunResult(
        config,
        provenance,
        null,
        null,
        r.iterations(),
        r.converged(),
        r.trace(),
        new Timings(0, 0, 0, r.seconds(), r.seconds()),
        r.labels(),
        null);
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
        return call
            + " gave label "
            + labels[i]
            + " to point "
            + i
            + "; labels must be in [0, "
            + k
            + ")";
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

  /** The context of the start-only check. */
  private record StartContext(
      Hyperparameters hyperparameters,
      int clusters,
      int sampleCount,
      int embeddingDim,
      long seed,
      NDManager manager,
      KMeans kmeans)
      implements ClusteringContext {}
}
