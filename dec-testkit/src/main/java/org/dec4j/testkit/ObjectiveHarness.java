package org.dec4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.result.TraceEntry;

/**
 * Runs a clustering objective on a fixture without the dec4j runtime, the way the runtime's loop
 * drives it: {@code start}, {@code plan}, {@code initialize} on all points, then every {@code
 * refreshInterval} iterations a {@code refresh}, {@code diagnostics} and the {@code converged}
 * test, each iteration a recorded {@code loss}, an optimiser step and {@code afterStep}, finally
 * {@code assign}. Every call into the session runs in its own {@link NDScope}, so state a session
 * keeps without {@link ClusteringContext#keep} is freed, as it would be in a real run.
 *
 * <p>The "encoder" is a trainable m x m matrix W starting at the identity (f(x) = xW), and, when
 * the plan asks for reconstruction, the decoder another one (g(z) = zV); both and the session's own
 * parameters are updated by the optimiser the plan names. The fixture's points are thus the initial
 * embedding, which keeps a run to a fraction of a second on a few hundred points.
 *
 * <p>Besides what the session returned, a run records what the contract checks need: the largest
 * gradient each trainable array received, whether it moved, arrays the session trains without
 * declaring them, and (for the test kit) a resume from {@code saveState} into a new session and the
 * loss on degenerate batches.
 */
public final class ObjectiveHarness {
  /** How many points the extra {@code assign} call on a subset sees. */
  public static final int SUBSET = 17;

  /** How far from every centroid the "far" probe batch lies. */
  static final double FAR = 1e4;

  private ObjectiveHarness() {}

  /**
   * What a kit run does beyond a plain one.
   *
   * @param resumeAtRefresh after this refresh (1 = the first, at iteration 0), save the session's
   *     state, close it, and continue in a new session restored from that state, as a run killed
   *     and started again does; 0 for no resume
   * @param probeEdges after the run, evaluate the loss on degenerate batches ({@link
   *     HarnessRun#edgeProblems()})
   * @param pastConvergence go on to the end of the budget when {@code converged} says stop (it is
   *     still asked), so that a resume can be tried after several refreshes
   */
  record Options(int resumeAtRefresh, boolean probeEdges, boolean pastConvergence) {
    static final Options PLAIN = new Options(0, false, false);
  }

  /**
   * Runs an objective with the plan's full iteration budget.
   *
   * @param objective the objective
   * @param fixture the points, standing in for the pretrained embedding
   * @param parameters hyperparameter values; the others take their defaults
   * @param seed the run's seed
   * @return what the session did
   * @throws IllegalStateException naming the objective and the call that failed, with the plugin's
   *     exception as the cause
   */
  public static HarnessRun run(
      ClusteringObjective objective, Fixture fixture, Map<String, ?> parameters, long seed) {
    return run(objective, fixture, parameters, seed, Integer.MAX_VALUE);
  }

  /**
   * Runs an objective with at most a given number of iterations.
   *
   * @param objective the objective
   * @param fixture the points, standing in for the pretrained embedding
   * @param parameters hyperparameter values; the others take their defaults
   * @param seed the run's seed
   * @param maxIterations a cap on the plan's iteration budget
   * @return what the session did
   * @throws IllegalStateException naming the objective and the call that failed, with the plugin's
   *     exception as the cause
   */
  public static HarnessRun run(
      ClusteringObjective objective,
      Fixture fixture,
      Map<String, ?> parameters,
      long seed,
      int maxIterations) {
    return run(objective, fixture, parameters, seed, maxIterations, Options.PLAIN);
  }

  static HarnessRun run(
      ClusteringObjective objective,
      Fixture fixture,
      Map<String, ?> parameters,
      long seed,
      int maxIterations,
      Options options) {
    PluginInfo info = objective.info();
    Hyperparameters h = info.resolve(parameters);
    return new Run(objective, info.id(), fixture, seed, h, maxIterations, options).execute();
  }

  /** The state of one run; a new one per run. */
  private static final class Run {
    private final ClusteringObjective objective;
    private final String id;
    private final Fixture fixture;
    private final long seed;
    private final Hyperparameters h;
    private final int cap;
    private final Options options;
    private String phase = "start()";
    private String resumeNote = "";
    private NDManager base;
    private NDArray x;
    private NDArray w;
    private NDArray v;
    private NDManager sessionManager;
    private Context context;
    private ClusteringSession session;
    private TrainingPlan plan;
    private Updater updater;
    private final Map<String, Double> maxGradients = new LinkedHashMap<>();
    private final List<String> strayGradients = new ArrayList<>();
    private boolean strayChecked;
    private int resumedAt = -1;
    private boolean saveStateDeclined;

    Run(
        ClusteringObjective objective,
        String id,
        Fixture fixture,
        long seed,
        Hyperparameters h,
        int cap,
        Options options) {
      this.objective = objective;
      this.id = id;
      this.fixture = fixture;
      this.seed = seed;
      this.h = h;
      this.cap = cap;
      this.options = options;
    }

    HarnessRun execute() {
      long t0 = System.nanoTime();
      int n = fixture.rows();
      int m = fixture.cols();
      // The runtime seeds the engine per run too; a plugin's random NDArray draws depend on it.
      Engine.getInstance().setRandomSeed((int) seed);
      try (NDManager manager = NDManager.newBaseManager()) {
        base = manager;
        x = base.create(fixture.points(), new Shape(n, m));
        w = base.eye(m);
        w.setRequiresGradient(true);
        v = base.eye(m);
        openSession();
        try {
          return loop(t0);
        } finally {
          closeSession();
        }
      }
    }

    private void openSession() {
      sessionManager = base.newSubManager();
      context =
          new Context(
              h,
              fixture.clusters(),
              fixture.rows(),
              fixture.cols(),
              seed,
              sessionManager,
              new SeededKMeans());
      phase = "start()";
      session = call(() -> objective.start(context));
      if (session == null) {
        sessionManager.close();
        throw new IllegalStateException("objective '" + id + "': start() returned null");
      }
    }

    private void closeSession() {
      phase = "close()";
      try {
        call(
            () -> {
              session.close();
              return null;
            });
      } finally {
        sessionManager.close();
      }
    }

    private HarnessRun loop(long t0) {
      int n = fixture.rows();
      phase = "plan()";
      plan = call(session::plan);
      if (plan == null) {
        throw new IllegalStateException("objective '" + id + "': plan() returned null");
      }
      if (plan.needsReconstruction()) {
        v.setRequiresGradient(true);
      }
      phase = "initialize()";
      int[] initial = scoped(() -> labels(session.initialize(x.matMul(w)), n));
      phase = "centroids() after initialize()";
      float[][] startCentroids = call(session::centroids);
      Map<String, NDArray> own = sessionParameters("initialize()");
      List<String> noGradient = new ArrayList<>();
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      trainable.put(ENCODER, w);
      if (plan.needsReconstruction()) {
        trainable.put(DECODER, v);
      }
      own.forEach(
          (name, array) -> {
            if (!array.hasGradient()) {
              noGradient.add(name);
            } else {
              trainable.put(SESSION + name, array);
            }
          });
      Map<String, float[]> startValues = values(trainable);
      try (Updater u = new Updater(base, trainable, plan.optimizer())) {
        updater = u;
        return iterate(t0, initial, startCentroids, startValues, noGradient);
      }
    }

    private HarnessRun iterate(
        long t0,
        int[] initial,
        float[][] startCentroids,
        Map<String, float[]> startValues,
        List<String> noGradient) {
      int n = fixture.rows();
      int budget = Math.min(plan.maxIterations(), cap);
      Sampler sampler = new Sampler(n, plan.batchSize(), plan.shuffle(), seed);
      List<int[]> refreshes = new ArrayList<>();
      List<Double> losses = new ArrayList<>();
      List<TraceEntry> trace = new ArrayList<>();
      int[] previous = initial;
      boolean converged = false;
      double lossSum = 0;
      int lossCount = 0;
      long t1 = System.nanoTime();
      int iteration = 0;
      for (; iteration < budget; iteration++) {
        if (iteration % plan.refreshInterval() == 0) {
          final int it = iteration;
          phase = "refresh() at iteration " + it + resumeNote;
          int[] labels = scoped(() -> labels(session.refresh(x.matMul(w), it), n));
          refreshes.add(labels);
          double change = ClusteringMath.labelChange(previous, labels);
          previous = labels;
          phase = "diagnostics() at iteration " + it + resumeNote;
          Map<String, Double> diagnostics = call(session::diagnostics);
          if (diagnostics == null) {
            throw new IllegalStateException(
                "objective '"
                    + id
                    + "': diagnostics() returned null at iteration "
                    + it
                    + "; return Map.of() when there is nothing to report");
          }
          trace.add(
              new TraceEntry(
                  iteration,
                  lossCount == 0 ? Double.NaN : lossSum / lossCount,
                  change,
                  null,
                  (System.nanoTime() - t1) / 1e9,
                  diagnostics));
          lossSum = 0;
          lossCount = 0;
          phase = "converged() at iteration " + it + resumeNote;
          Progress progress = new Progress(iteration, refreshes.size(), change);
          if (call(() -> session.converged(progress))) {
            converged = true;
            if (!options.pastConvergence()) {
              break;
            }
          }
          if (options.resumeAtRefresh() == refreshes.size()) {
            checkpointAndResume(iteration);
          }
        }
        phase = "loss() at iteration " + iteration + resumeNote;
        double loss = step(sampler.next(), iteration);
        losses.add(loss);
        lossSum += loss;
        lossCount++;
      }
      phase = "assign()";
      NDArray z = x.matMul(w);
      int[] labels = scoped(() -> labels(session.assign(z), n));
      int subset = Math.min(SUBSET, n);
      phase = "assign() on " + subset + " points";
      int[] subsetLabels = null;
      String subsetProblem = null;
      try {
        subsetLabels = scoped(() -> session.assign(x.get("0:" + subset).matMul(w)));
      } catch (IllegalStateException e) {
        subsetProblem = e.getMessage();
      }
      phase = "softAssign()";
      float[][] soft =
          scoped(
              () -> {
                Optional<NDArray> q = session.softAssign(z);
                return q.map(ClusteringMath::toRows).orElse(null);
              });
      phase = "centroids()";
      float[][] centroids = call(session::centroids);
      Map<String, float[]> endValues = values(updater.named());
      List<String> unchanged = new ArrayList<>();
      startValues.forEach(
          (name, before) -> {
            float[] after = endValues.get(name);
            if (after != null && Arrays.equals(before, after)) {
              unchanged.add(display(name));
            }
          });
      if (startCentroids != null
          && centroids != null
          && Arrays.deepEquals(startCentroids, centroids)) {
        unchanged.add("centroids()");
      }
      float[] embedded = z.toType(DataType.FLOAT32, false).toFloatArray();
      phase = "restoreCentroids() on a new session";
      int[] restored = null;
      String restoreProblem = null;
      try (ClusteringSession fresh = call(() -> objective.start(context))) {
        float[][] saved = centroids;
        scoped(
            () -> {
              fresh.restoreCentroids(saved);
              return null;
            });
        phase = "assign() after restoreCentroids()";
        restored = scoped(() -> labels(fresh.assign(x.matMul(w)), n));
      } catch (IllegalStateException e) {
        restoreProblem =
            e.getCause() instanceof UnsupportedOperationException ? null : e.getMessage();
      }
      List<String> edgeProblems = new ArrayList<>();
      List<String> edgeProbes = new ArrayList<>();
      if (options.probeEdges()) {
        probeEdges(embedded, labels, centroids, iteration, edgeProbes, edgeProblems);
      }
      double[] lossArray = losses.stream().mapToDouble(Double::doubleValue).toArray();
      Map<String, Double> gradients = new LinkedHashMap<>();
      maxGradients.forEach((name, g) -> gradients.put(display(name), g));
      List<String> missing = new ArrayList<>();
      for (String name : startValues.keySet()) {
        if (!maxGradients.containsKey(name) && !losses.isEmpty()) {
          missing.add(display(name));
        }
      }
      missing.forEach(name -> gradients.put(name, 0.0));
      return new HarnessRun(
          h,
          plan,
          initial,
          refreshes,
          labels,
          subsetLabels,
          subsetProblem,
          iteration,
          converged,
          lossArray,
          trace,
          centroids,
          soft,
          restored,
          restoreProblem,
          noGradient,
          (System.nanoTime() - t0) / 1e9,
          startCentroids,
          gradients,
          unchanged,
          strayGradients,
          resumedAt,
          saveStateDeclined,
          edgeProbes,
          edgeProblems);
    }

    /**
     * Saves the session's state, closes the session and its memory, and continues in a new session
     * restored from a copy of the state, keeping the network, the optimiser and the batch order, as
     * the runtime does when a killed run is started again.
     */
    private void checkpointAndResume(int iteration) {
      phase = "saveState() at iteration " + iteration;
      SessionState state = new SessionState();
      boolean complete = scoped(() -> session.saveState(state));
      if (!complete) {
        saveStateDeclined = true;
        return;
      }
      SessionState copy = new SessionState();
      for (String name : state.names()) {
        copy.put(name, state.entry(name));
      }
      closeSession();
      openSession();
      resumeNote =
          " (after saveState() at iteration " + iteration + " and restoreState() in a new session)";
      phase = "restoreState() at iteration " + iteration + " in a new session";
      scoped(
          () -> {
            session.restoreState(copy);
            return null;
          });
      Map<String, NDArray> own = sessionParameters("restoreState()");
      updater.rebind(own, id);
      resumedAt = iteration;
    }

    private Map<String, NDArray> sessionParameters(String after) {
      phase = "parameters() after " + after;
      Map<String, NDArray> own = call(session::parameters);
      if (own == null) {
        throw new IllegalStateException(
            "objective '"
                + id
                + "': parameters() returned null after "
                + after
                + "; return Map.of() when the session trains nothing of its own");
      }
      own.forEach(
          (name, array) -> {
            if (array == null) {
              throw new IllegalStateException(
                  "objective '" + id + "': parameters() maps '" + name + "' to null");
            }
            if (array.isReleased()) {
              throw new IllegalStateException(
                  "objective '"
                      + id
                      + "': parameters() returned '"
                      + name
                      + "', an array already freed when "
                      + after
                      + " returned (every call runs in a scope that frees the"
                      + " arrays made during it): keep it with context.keep(...)");
            }
          });
      return own;
    }

    private double step(int[] indices, int iteration) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        StepBatch batch =
            new StepBatch(
                iteration,
                indices,
                base.create(wide(indices)),
                null,
                x,
                w,
                v,
                plan.needsReconstruction());
        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          batch.forward();
          loss = call(() -> session.loss(batch));
          requireScalar(loss, iteration);
          collector.backward(loss);
        }
        recordGradients();
        updater.update();
        double value = loss.toType(DataType.FLOAT64, false).getDouble();
        batch.afterStep = true;
        phase = "afterStep() at iteration " + iteration + resumeNote;
        call(
            () -> {
              session.afterStep(batch);
              return null;
            });
        return value;
      }
    }

    private void requireScalar(NDArray loss, int iteration) {
      if (loss == null) {
        throw new IllegalStateException(
            "objective '" + id + "': loss() returned null at iteration " + iteration);
      }
      if (loss.getShape().size() != 1) {
        throw new IllegalStateException(
            "objective '"
                + id
                + "': loss() returned shape "
                + loss.getShape()
                + " at iteration "
                + iteration
                + "; it must be a scalar");
      }
    }

    /**
     * Keeps the largest gradient entry of every trainable array, and, after the first step, looks
     * for arrays of the session that received a gradient but are not in {@code parameters()}.
     */
    private void recordGradients() {
      updater
          .named()
          .forEach(
              (name, array) -> {
                double g =
                    array.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble();
                maxGradients.merge(
                    name,
                    g,
                    (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b));
              });
      if (strayChecked) {
        return;
      }
      strayChecked = true;
      Set<String> declared = new HashSet<>();
      updater.named().values().forEach(a -> declared.add(a.getUid()));
      for (NDArray a : sessionManager.getManagedArrays()) {
        if (a.isReleased() || declared.contains(a.getUid()) || !a.hasGradient()) {
          continue;
        }
        double g = a.getGradient().abs().max().toType(DataType.FLOAT64, false).getDouble();
        if (g != 0) {
          strayGradients.add(
              "an array of shape "
                  + a.getShape()
                  + (a.getName() == null ? "" : " named '" + a.getName() + "'"));
        }
      }
    }

    /**
     * Evaluates the loss, its gradients and {@code afterStep} on degenerate batches, after the run,
     * with a fresh identity encoder (and decoder), so that the batch's embedding is exactly the
     * probe's points.
     */
    private void probeEdges(
        float[] z,
        int[] labels,
        float[][] centroids,
        int iteration,
        List<String> probes,
        List<String> problems) {
      int n = fixture.rows();
      int m = fixture.cols();
      int b = Math.min(n, Math.max(1, plan.batchSize()));
      Map<String, float[][]> batches = new LinkedHashMap<>();
      batches.put("one sample", new float[][] {row(z, 0, m)});
      List<float[]> sameCluster = new ArrayList<>();
      for (int i = 0; i < n && sameCluster.size() < b; i++) {
        if (labels[i] == labels[0]) {
          sameCluster.add(row(z, i, m));
        }
      }
      batches.put("samples of one cluster only", sameCluster.toArray(float[][]::new));
      float[][] same = new float[Math.min(n, 8)][];
      Arrays.fill(same, row(z, 0, m));
      batches.put("identical samples", same);
      if (centroids != null && centroids.length > 0 && centroids.length <= n) {
        batches.put("samples exactly on the centroids", centroids);
        float[] centre = Probes.equidistant(centroids);
        float[][] equal = new float[Math.min(n, 4)][];
        Arrays.fill(equal, centre);
        batches.put("samples equidistant from all centroids (no cluster prefers them)", equal);
        float[][] far = new float[Math.min(n, 4)][];
        float[] mean = Probes.mean(centroids);
        for (int i = 0; i < far.length; i++) {
          far[i] = mean.clone();
          far[i][i % m] += (float) FAR;
        }
        batches.put("samples " + (long) FAR + " away from every centroid", far);
      }
      batches.forEach(
          (name, points) -> {
            probes.add(name);
            try {
              String problem = probe(name, points, iteration);
              if (problem != null) {
                problems.add(name + ": " + problem);
              }
            } catch (IllegalStateException e) {
              problems.add(name + ": " + e.getMessage());
            }
          });
    }

    private String probe(String name, float[][] points, int iteration) {
      int m = fixture.cols();
      int count = points.length;
      float[] flat = new float[count * m];
      for (int i = 0; i < count; i++) {
        System.arraycopy(points[i], 0, flat, i * m, m);
      }
      int[] indices = new int[count];
      Arrays.setAll(indices, i -> i);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray input = base.create(flat, new Shape(count, m));
        NDArray wl = base.eye(m);
        wl.setRequiresGradient(true);
        NDArray vl = base.eye(m);
        if (plan.needsReconstruction()) {
          vl.setRequiresGradient(true);
        }
        StepBatch batch =
            new StepBatch(
                iteration,
                indices,
                base.create(wide(indices)),
                input,
                null,
                wl,
                vl,
                plan.needsReconstruction());
        phase = "loss() on a batch of " + name;
        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          batch.forward();
          loss = call(() -> session.loss(batch));
          requireScalar(loss, iteration);
          collector.backward(loss);
        }
        double value = loss.toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(value)) {
          return "the loss is " + value;
        }
        Map<String, NDArray> grads = new LinkedHashMap<>();
        grads.put("the encoder", wl);
        if (plan.needsReconstruction()) {
          grads.put("the decoder", vl);
        }
        call(session::parameters)
            .forEach(
                (p, a) -> {
                  if (a.hasGradient()) {
                    grads.put("parameters() '" + p + "'", a);
                  }
                });
        for (var e : grads.entrySet()) {
          float[] g = e.getValue().getGradient().toType(DataType.FLOAT32, false).toFloatArray();
          for (float f : g) {
            if (!Float.isFinite(f)) {
              return "the loss is finite ("
                  + value
                  + ") but the gradient of "
                  + e.getKey()
                  + " has "
                  + f;
            }
          }
        }
        batch.afterStep = true;
        phase = "afterStep() on a batch of " + name;
        call(
            () -> {
              session.afterStep(batch);
              return null;
            });
        phase = "centroids() after afterStep() on a batch of " + name;
        float[][] c = call(session::centroids);
        if (c != null) {
          for (float[] r : c) {
            for (float f : r) {
              if (!Float.isFinite(f)) {
                return "afterStep() left a centroid with " + f;
              }
            }
          }
        }
        return null;
      }
    }

    private Map<String, float[]> values(Map<String, NDArray> arrays) {
      Map<String, float[]> out = new LinkedHashMap<>();
      arrays.forEach((name, a) -> out.put(name, a.toType(DataType.FLOAT32, false).toFloatArray()));
      return out;
    }

    private <T> T scoped(Supplier<T> body) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        return call(body);
      }
    }

    private <T> T call(Supplier<T> body) {
      try {
        return body.get();
      } catch (RuntimeException | LinkageError e) {
        if (released(e)) {
          throw new IllegalStateException(
              "objective '"
                  + id
                  + "' used a released array in "
                  + phase
                  + " ("
                  + e
                  + "): every call runs in a scope that frees the arrays made during it, so keep an array the session"
                  + " uses in later calls with context.keep(...), or update it in place",
              e);
        }
        throw new IllegalStateException("objective '" + id + "' threw in " + phase + ": " + e, e);
      }
    }

    private int[] labels(int[] labels, int expected) {
      if (labels == null || labels.length != expected) {
        throw new IllegalStateException(
            "objective '"
                + id
                + "': "
                + phase
                + " returned "
                + (labels == null ? "null" : labels.length + " labels")
                + " for "
                + expected
                + " points");
      }
      return labels.clone();
    }
  }

  /** Names of the trainable arrays, as the updater keys them. */
  private static final String ENCODER = "encoder";

  private static final String DECODER = "decoder";
  private static final String SESSION = "session:";

  private static String display(String name) {
    return switch (name) {
      case ENCODER -> "the encoder";
      case DECODER -> "the decoder";
      default -> "parameters() '" + name.substring(SESSION.length()) + "'";
    };
  }

  /** Whether an exception comes from using a native array after its scope freed it. */
  private static boolean released(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String msg = String.valueOf(t.getMessage());
      if (msg.contains("has been release")
          || msg.contains("already closed")
          || msg.contains("already been closed")) {
        return true;
      }
    }
    return false;
  }

  private static long[] wide(int[] indices) {
    long[] out = new long[indices.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = indices[i];
    }
    return out;
  }

  private static float[] row(float[] z, int i, int m) {
    return Arrays.copyOfRange(z, i * m, (i + 1) * m);
  }

  /**
   * The optimiser the plan names, with the runtime's (Keras') update rules: Adam with the bias
   * correction folded into the step size, SGD with heavy-ball momentum. Its state lives in the
   * run's base manager, outside every scope and every session, so neither the per-call scopes nor
   * closing a session on resume can free it.
   */
  private static final class Updater implements AutoCloseable {
    private final List<String> names;
    private final List<NDArray> weights;
    private final List<NDArray[]> states = new ArrayList<>();
    private final OptimizerSpec spec;
    private int t;

    Updater(NDManager stateManager, Map<String, NDArray> trainable, OptimizerSpec spec) {
      this.names = new ArrayList<>(trainable.keySet());
      this.weights = new ArrayList<>(trainable.values());
      this.spec = spec;
      int slots = spec.kind() == OptimizerSpec.Kind.ADAM ? 2 : spec.momentum() > 0 ? 1 : 0;
      for (NDArray w : weights) {
        NDArray[] s = new NDArray[slots];
        for (int i = 0; i < slots; i++) {
          s[i] = stateManager.zeros(w.getShape(), w.getDataType());
          NDScope.unregister(s[i]);
        }
        states.add(s);
      }
    }

    /** {@return the trainable arrays by name, in order} */
    Map<String, NDArray> named() {
      Map<String, NDArray> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), weights.get(i));
      }
      return out;
    }

    /** Swaps in the session parameters of a restored session, keeping the optimiser's state. */
    void rebind(Map<String, NDArray> own, String id) {
      List<String> before =
          names.stream()
              .filter(n -> n.startsWith(SESSION))
              .map(n -> n.substring(SESSION.length()))
              .sorted()
              .toList();
      List<String> after =
          own.entrySet().stream()
              .filter(e -> e.getValue().hasGradient())
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      if (!before.equals(after)) {
        throw new IllegalStateException(
            "objective '"
                + id
                + "': after restoreState() parameters() returns "
                + after
                + " with gradients, but the session trained "
                + before
                + " before saveState(); restoreState() must"
                + " recreate them (with setRequiresGradient(true))");
      }
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).startsWith(SESSION)) {
          NDArray replacement = own.get(names.get(i).substring(SESSION.length()));
          if (!replacement.getShape().equals(weights.get(i).getShape())) {
            throw new IllegalStateException(
                "objective '"
                    + id
                    + "': after restoreState() parameters() '"
                    + names.get(i).substring(SESSION.length())
                    + "' has shape "
                    + replacement.getShape()
                    + ", not "
                    + weights.get(i).getShape());
          }
          weights.set(i, replacement);
        }
      }
    }

    void update() {
      t++;
      float lr = (float) spec.learningRate();
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        NDArray g = w.getGradient();
        NDArray[] s = states.get(i);
        NDList out = new NDList(w);
        if (spec.kind() == OptimizerSpec.Kind.ADAM) {
          float corrected =
              (float)
                  (lr * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
          w.getNDArrayInternal()
              .adamUpdate(
                  new NDList(w, g, s[0], s[1]),
                  out,
                  lr,
                  corrected,
                  0f,
                  1f,
                  -1f,
                  (float) spec.beta1(),
                  (float) spec.beta2(),
                  (float) spec.epsilon(),
                  false,
                  false);
        } else if (s.length == 1) {
          w.getNDArrayInternal()
              .sgdUpdate(
                  new NDList(w, g, s[0]), out, lr, 0f, 1f, -1f, (float) spec.momentum(), false);
        } else {
          w.getNDArrayInternal().sgdUpdate(new NDList(w, g), out, lr, 0f, 1f, -1f, 0f, false);
        }
      }
    }

    @Override
    public void close() {
      states.forEach(s -> Arrays.stream(s).forEach(NDArray::close));
    }
  }

  /**
   * Consecutive slices of a seeded per-epoch permutation (or of the data order), as the runtime
   * draws them.
   */
  private static final class Sampler {
    private final int[] order;
    private final int batchSize;
    private final boolean shuffle;
    private final SplittableRandom random;
    private int position;

    Sampler(int n, int batchSize, boolean shuffle, long seed) {
      this.order = new int[n];
      Arrays.setAll(order, i -> i);
      this.batchSize = Math.min(batchSize, n);
      this.shuffle = shuffle;
      this.random = new SplittableRandom(seed);
      this.position = n;
    }

    int[] next() {
      if (position >= order.length) {
        if (shuffle) {
          for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
        }
        position = 0;
      }
      int end = Math.min(order.length, position + batchSize);
      int[] batch = Arrays.copyOfRange(order, position, end);
      position = end;
      return batch;
    }
  }

  /**
   * The batch a session sees; its arrays live in the step's scope. Its input is either rows of the
   * data (a training step) or given points (a probe).
   */
  private static final class StepBatch implements Batch {
    private final int iteration;
    private final int[] indices;
    private final NDArray indexArray;
    private final NDArray input;
    private final NDArray w;
    private final NDArray v;
    private final boolean withReconstruction;
    private NDArray embedding;
    private NDArray reconstruction;
    private NDArray after;
    private boolean afterStep;

    StepBatch(
        int iteration,
        int[] indices,
        NDArray indexArray,
        NDArray points,
        NDArray data,
        NDArray w,
        NDArray v,
        boolean withReconstruction) {
      this.iteration = iteration;
      this.indices = indices;
      this.indexArray = indexArray;
      this.input = points != null ? points : data.get(indexArray);
      this.w = w;
      this.v = v;
      this.withReconstruction = withReconstruction;
    }

    void forward() {
      embedding = input.matMul(w);
      if (withReconstruction) {
        reconstruction = embedding.matMul(v);
      }
    }

    @Override
    public int iteration() {
      return iteration;
    }

    @Override
    public int[] indices() {
      return indices.clone();
    }

    @Override
    public NDArray indexArray() {
      return indexArray;
    }

    @Override
    public NDArray input() {
      return input;
    }

    @Override
    public NDArray embedding() {
      return embedding;
    }

    @Override
    public NDArray reconstruction() {
      if (!withReconstruction) {
        throw new IllegalStateException("the training plan did not ask for reconstruction");
      }
      return reconstruction;
    }

    @Override
    public NDArray embeddingAfterStep() {
      if (!afterStep) {
        throw new IllegalStateException("embeddingAfterStep() is only available in afterStep()");
      }
      if (after == null) {
        after = input.matMul(w);
      }
      return after;
    }

    @Override
    public NDManager manager() {
      return input.getManager();
    }
  }

  /** The context a session sees in the harness. */
  private record Context(
      Hyperparameters hyperparameters,
      int clusters,
      int sampleCount,
      int embeddingDim,
      long seed,
      NDManager manager,
      KMeans kmeans)
      implements ClusteringContext {}
}
