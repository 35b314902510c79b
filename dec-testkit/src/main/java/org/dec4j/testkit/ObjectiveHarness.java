package org.dec4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringMath;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.result.TraceEntry;

/**
 * Runs a clustering objective on a fixture without the dec4j runtime, the way the runtime's loop
 * drives it: {@code start}, {@code plan}, {@code initialize} on all points, then every
 * {@code refreshInterval} iterations a {@code refresh} and the {@code converged} test, each
 * iteration a recorded {@code loss}, an optimiser step and {@code afterStep}, finally
 * {@code assign}. Every call into the session runs in its own {@link NDScope}, so state a session
 * keeps without {@link ClusteringContext#keep} is freed, as it would be in a real run.
 *
 * <p>The "encoder" is a trainable m x m matrix W starting at the identity (f(x) = xW), and, when the
 * plan asks for reconstruction, the decoder another one (g(z) = zV); both and the session's own
 * parameters are updated by the optimiser the plan names. The fixture's points are thus the
 * initial embedding, which keeps a run to a fraction of a second on a few hundred points.
 */
public final class ObjectiveHarness {
  /** How many points the extra {@code assign} call on a subset sees. */
  public static final int SUBSET = 17;

  private ObjectiveHarness() {}

  /**
   * Runs an objective with the plan's full iteration budget.
   *
   * @param objective the objective
   * @param fixture the points, standing in for the pretrained embedding
   * @param parameters hyperparameter values; the others take their defaults
   * @param seed the run's seed
   * @return what the session did
   * @throws IllegalStateException naming the objective and the call that failed, with the
   *     plugin's exception as the cause
   */
  public static HarnessRun run(ClusteringObjective objective, Fixture fixture, Map<String, ?> parameters, long seed) {
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
   * @throws IllegalStateException naming the objective and the call that failed, with the
   *     plugin's exception as the cause
   */
  public static HarnessRun run(ClusteringObjective objective, Fixture fixture, Map<String, ?> parameters, long seed,
      int maxIterations) {
    PluginInfo info = objective.info();
    Hyperparameters h = info.resolve(parameters);
    return new Run(info.id(), fixture, seed).execute(objective, h, maxIterations);
  }

  /** The state of one run; a new one per run. */
  private static final class Run {
    private final String id;
    private final Fixture fixture;
    private final long seed;
    private String phase = "start()";

    Run(String id, Fixture fixture, long seed) {
      this.id = id;
      this.fixture = fixture;
      this.seed = seed;
    }

    HarnessRun execute(ClusteringObjective objective, Hyperparameters h, int cap) {
      long t0 = System.nanoTime();
      int n = fixture.rows();
      int m = fixture.cols();
      // The runtime seeds the engine per run too; a plugin's random NDArray draws depend on it.
      Engine.getInstance().setRandomSeed((int) seed);
      try (NDManager base = NDManager.newBaseManager()) {
        NDArray x = base.create(fixture.points(), new Shape(n, m));
        NDArray w = base.eye(m);
        w.setRequiresGradient(true);
        NDArray v = base.eye(m);
        try (NDManager sessionManager = base.newSubManager()) {
          Context context = new Context(h, fixture.clusters(), n, m, seed, sessionManager, new SeededKMeans());
          ClusteringSession session = call(() -> objective.start(context));
          try {
            return loop(objective, context, session, h, x, w, v, cap, t0);
          } finally {
            phase = "close()";
            call(() -> {
              session.close();
              return null;
            });
          }
        }
      }
    }

    private HarnessRun loop(ClusteringObjective objective, ClusteringContext context, ClusteringSession session,
        Hyperparameters h, NDArray x, NDArray w, NDArray v, int cap,
        long t0) {
      int n = fixture.rows();
      phase = "plan()";
      TrainingPlan plan = call(session::plan);
      if (plan == null) {
        throw new IllegalStateException("objective '" + id + "': plan() returned null");
      }
      if (plan.needsReconstruction()) {
        v.setRequiresGradient(true);
      }
      phase = "initialize()";
      int[] initial = scoped(() -> labels(session.initialize(x.matMul(w)), n));
      List<String> noGradient = new ArrayList<>();
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      trainable.put("encoder", w);
      if (plan.needsReconstruction()) {
        trainable.put("decoder", v);
      }
      phase = "parameters()";
      Map<String, NDArray> own = call(session::parameters);
      own.forEach((name, array) -> {
        if (!array.hasGradient()) {
          noGradient.add(name);
        } else {
          trainable.put("session:" + name, array);
        }
      });
      try (Updater updater = new Updater(trainable.values(), plan.optimizer())) {
        return iterate(objective, context, session, plan, h, x, w, v, cap, t0, initial, updater, noGradient);
      }
    }

    private HarnessRun iterate(ClusteringObjective objective, ClusteringContext context, ClusteringSession session, TrainingPlan plan, Hyperparameters h, NDArray x, NDArray w,
        NDArray v, int cap, long t0, int[] initial, Updater updater, List<String> noGradient) {
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
          phase = "refresh() at iteration " + it;
          int[] labels = scoped(() -> labels(session.refresh(x.matMul(w), it), n));
          refreshes.add(labels);
          double change = ClusteringMath.labelChange(previous, labels);
          previous = labels;
          trace.add(new TraceEntry(iteration, lossCount == 0 ? Double.NaN : lossSum / lossCount, change, null,
              (System.nanoTime() - t1) / 1e9));
          lossSum = 0;
          lossCount = 0;
          phase = "converged() at iteration " + it;
          Progress progress = new Progress(iteration, refreshes.size(), change);
          if (call(() -> session.converged(progress))) {
            converged = true;
            break;
          }
        }
        phase = "loss() at iteration " + iteration;
        double loss = step(session, plan, x, w, v, updater, sampler.next(), iteration);
        losses.add(loss);
        lossSum += loss;
        lossCount++;
      }
      phase = "assign()";
      int[] labels = scoped(() -> labels(session.assign(x.matMul(w)), n));
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
      float[][] soft = scoped(() -> {
        Optional<NDArray> q = session.softAssign(x.matMul(w));
        return q.map(ClusteringMath::toRows).orElse(null);
      });
      phase = "centroids()";
      float[][] centroids = call(session::centroids);
      phase = "restore() on a new session";
      int[] restored = null;
      String restoreProblem = null;
      try (ClusteringSession fresh = call(() -> objective.start(context))) {
        float[][] saved = centroids;
        scoped(() -> {
          fresh.restore(saved);
          return null;
        });
        phase = "assign() after restore()";
        restored = scoped(() -> labels(fresh.assign(x.matMul(w)), n));
      } catch (IllegalStateException e) {
        restoreProblem = e.getCause() instanceof UnsupportedOperationException ? null : e.getMessage();
      }
      double[] lossArray = losses.stream().mapToDouble(Double::doubleValue).toArray();
      return new HarnessRun(h, plan, initial, refreshes, labels, subsetLabels, subsetProblem, iteration, converged, lossArray, trace,
          centroids, soft, restored, restoreProblem, noGradient, (System.nanoTime() - t0) / 1e9);
    }

    private double step(ClusteringSession session, TrainingPlan plan, NDArray x, NDArray w, NDArray v,
        Updater updater, int[] indices, int iteration) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        StepBatch batch = new StepBatch(iteration, indices, x, w, v, plan.needsReconstruction());
        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          batch.forward();
          loss = call(() -> session.loss(batch));
          if (loss == null) {
            throw new IllegalStateException("objective '" + id + "': loss() returned null at iteration " + iteration);
          }
          if (loss.getShape().size() != 1) {
            throw new IllegalStateException("objective '" + id + "': loss() returned shape " + loss.getShape()
                + " at iteration " + iteration + "; it must be a scalar");
          }
          collector.backward(loss);
        }
        updater.update();
        double value = loss.toType(DataType.FLOAT64, false).getDouble();
        batch.afterStep = true;
        phase = "afterStep() at iteration " + iteration;
        call(() -> {
          session.afterStep(batch);
          return null;
        });
        return value;
      }
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
        throw new IllegalStateException("objective '" + id + "' threw in " + phase + ": " + e, e);
      }
    }

    private int[] labels(int[] labels, int expected) {
      if (labels == null || labels.length != expected) {
        throw new IllegalStateException("objective '" + id + "': " + phase + " returned "
            + (labels == null ? "null" : labels.length + " labels") + " for " + expected + " points");
      }
      return labels.clone();
    }
  }

  /**
   * The optimiser the plan names, with the runtime's (Keras') update rules: Adam with the bias
   * correction folded into the step size, SGD with heavy-ball momentum. Its state is created here,
   * outside every scope, so the per-call scopes cannot free it.
   */
  private static final class Updater implements AutoCloseable {
    private final List<NDArray> weights;
    private final List<NDArray[]> states = new ArrayList<>();
    private final OptimizerSpec spec;
    private int t;

    Updater(java.util.Collection<NDArray> trainable, OptimizerSpec spec) {
      this.weights = List.copyOf(trainable);
      this.spec = spec;
      int slots = spec.kind() == OptimizerSpec.Kind.ADAM ? 2 : spec.momentum() > 0 ? 1 : 0;
      for (NDArray w : weights) {
        NDArray[] s = new NDArray[slots];
        for (int i = 0; i < slots; i++) {
          s[i] = w.zerosLike();
          NDScope.unregister(s[i]);
        }
        states.add(s);
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
          float corrected = (float) (lr * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
          w.getNDArrayInternal().adamUpdate(new NDList(w, g, s[0], s[1]), out, lr, corrected, 0f, 1f, -1f,
              (float) spec.beta1(), (float) spec.beta2(), (float) spec.epsilon(), false, false);
        } else if (s.length == 1) {
          w.getNDArrayInternal().sgdUpdate(new NDList(w, g, s[0]), out, lr, 0f, 1f, -1f, (float) spec.momentum(),
              false);
        } else {
          w.getNDArrayInternal().sgdUpdate(new NDList(w, g), out, lr, 0f, 1f, -1f, 0f, false);
        }
      }
    }

    @Override
    public void close() {
      states.forEach(s -> java.util.Arrays.stream(s).forEach(NDArray::close));
    }
  }

  /** Consecutive slices of a seeded per-epoch permutation (or of the data order), as the runtime draws them. */
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

  /** The batch a session sees; its arrays live in the step's scope. */
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

    StepBatch(int iteration, int[] indices, NDArray x, NDArray w, NDArray v, boolean withReconstruction) {
      this.iteration = iteration;
      this.indices = indices;
      long[] wide = new long[indices.length];
      for (int i = 0; i < wide.length; i++) {
        wide[i] = indices[i];
      }
      this.indexArray = x.getManager().create(wide);
      this.input = x.get(indexArray);
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
  private record Context(Hyperparameters hyperparameters, int clusters, int sampleCount, int embeddingDim, long seed,
      NDManager manager, KMeans kmeans) implements ClusteringContext {}
}
