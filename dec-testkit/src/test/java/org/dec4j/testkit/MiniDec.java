package org.dec4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.objective.support.CommonHyperparameters;

/**
 * DEC written out in full on {@link ClusteringMath}, as a plugin author following the guide would
 * write it (trainable centroids, a target P recomputed at every refresh, KL(P || Q), checkpoints, a
 * diagnostic), with one optional planted bug: the bug classes an outside author's plugin slipped
 * past the first version of the kit (issue 23), each of which leaves every returned value
 * well-formed but changes the results.
 */
final class MiniDec implements ClusteringObjective {
  enum Flaw {
    NONE,
    /** The centroids enter the loss through stopGradient(), so they never train. */
    STOPPED_GRADIENT,
    /** parameters() leaves the trainable centroids out, so no optimiser updates them. */
    CENTROIDS_NOT_IN_PARAMETERS,
    /** refresh() jitters the target with an unseeded java.util.Random. */
    UNSEEDED_RANDOM_IN_REFRESH,
    /** The loss averages over confident samples only, dividing by their count even when it is 0. */
    NAN_WITHOUT_CONTRIBUTING_SAMPLE,
    /** alpha is declared and read, but the kernel uses 1. */
    IGNORED_HYPERPARAMETER,
    /** loss() returns -KL: the optimiser pushes Q away from the target. */
    FLIPPED_SIGN,
    /** saveState() stores the centroids but not the target P, so a resumed run has no target. */
    STATE_WITHOUT_TARGET,
    /** alpha is declared with an upper bound of +infinity. */
    INFINITE_BOUND,
    /** The diagnostic is NaN when no sample is confident (and at every refresh here). */
    NAN_DIAGNOSTIC
  }

  static final String ALPHA = "alpha";

  private final Flaw flaw;
  private final PluginInfo info;

  MiniDec(Flaw flaw) {
    this.flaw = flaw;
    List<HyperparameterSpec> h = new ArrayList<>();
    h.add(CommonHyperparameters.batchSize(64));
    h.add(CommonHyperparameters.maxIter(150));
    h.add(
        CommonHyperparameters.updateInterval(
            30, "iterations between recomputations of the target P"));
    h.add(CommonHyperparameters.tol(0.001));
    h.add(
        HyperparameterSpec.ofChoice(
            OptimizerSpec.OPTIMIZER, "sgd", List.of("sgd", "adam"), "optimiser"));
    h.add(HyperparameterSpec.ofReal(OptimizerSpec.LR, 0.01, 1e-6, 0.1, "learning rate"));
    h.add(HyperparameterSpec.ofReal(OptimizerSpec.MOMENTUM, 0.9, 0, 0.99, "momentum (sgd only)"));
    h.add(
        HyperparameterSpec.ofReal(
            ALPHA,
            1.0,
            0.1,
            flaw == Flaw.INFINITE_BOUND ? Double.POSITIVE_INFINITY : 100,
            "degrees of freedom of the Student's t kernel"));
    h.add(CommonHyperparameters.shuffle(true));
    this.info =
        new PluginInfo(
            "mini-dec", "1.0", "DEC written out for the kit's tests", h, Dec4jApi.VERSION);
  }

  MiniDec() {
    this(Flaw.NONE);
  }

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public ClusteringSession start(ClusteringContext context) {
    return new Session(context, flaw);
  }

  private static final class Session implements ClusteringSession {
    private final ClusteringContext context;
    private final Flaw flaw;
    private final TrainingPlan plan;
    private final double alpha;
    private NDArray mu;
    private NDArray target;
    private double confident;

    Session(ClusteringContext context, Flaw flaw) {
      this.context = context;
      this.flaw = flaw;
      Hyperparameters h = context.hyperparameters();
      this.plan = TrainingPlan.from(h, false);
      this.alpha = h.getDouble(ALPHA);
    }

    /** The kernel's alpha as the (possibly flawed) session uses it. */
    private double kernelAlpha() {
      return flaw == Flaw.IGNORED_HYPERPARAMETER ? 1.0 : alpha;
    }

    @Override
    public TrainingPlan plan() {
      return plan;
    }

    @Override
    public int[] initialize(NDArray embeddings) {
      KMeans.Result km = context.kmeans().fit(embeddings, context.clusters(), context.seed());
      setCentroids(km.centroids());
      return km.labels();
    }

    private void setCentroids(float[][] rows) {
      if (mu != null) {
        mu.close();
      }
      mu = context.keep(ClusteringMath.fromRows(context.manager(), rows));
      mu.setRequiresGradient(true);
    }

    @Override
    public Map<String, NDArray> parameters() {
      return flaw == Flaw.CENTROIDS_NOT_IN_PARAMETERS ? Map.of() : Map.of("centroids", mu);
    }

    @Override
    public NDArray loss(Batch batch) {
      if (target == null) {
        throw new IllegalStateException("loss() called before the first refresh()");
      }
      NDArray centroids = flaw == Flaw.STOPPED_GRADIENT ? mu.stopGradient() : mu;
      NDArray logQ = ClusteringMath.logSoftAssignment(batch.embedding(), centroids, kernelAlpha());
      NDArray p = target.get(batch.indexArray());
      if (flaw == Flaw.NAN_WITHOUT_CONTRIBUTING_SAMPLE) {
        // Self-paced: only samples the model is confident about train; 0 / 0 when there is none.
        NDArray perSample = p.mul(p.maximum(1e-10f).log().sub(logQ)).sum(new int[] {1});
        NDArray mask = logQ.exp().max(new int[] {1}).gt(0.5).toType(DataType.FLOAT32, false);
        return perSample.mul(mask).sum().div(mask.sum());
      }
      NDArray kl = ClusteringMath.klDivergence(p, logQ);
      return flaw == Flaw.FLIPPED_SIGN ? kl.neg() : kl;
    }

    @Override
    public int[] refresh(NDArray embeddings, int iteration) {
      NDArray q = ClusteringMath.softAssignment(embeddings, mu, kernelAlpha());
      NDArray p = ClusteringMath.targetDistribution(q);
      if (flaw == Flaw.UNSEEDED_RANDOM_IN_REFRESH) {
        java.util.Random random = new java.util.Random();
        float[] jitter = new float[(int) p.size()];
        for (int i = 0; i < jitter.length; i++) {
          jitter[i] = 1 + 1e-3f * random.nextFloat();
        }
        p = p.mul(p.getManager().create(jitter, p.getShape()));
      }
      if (target != null) {
        target.close();
      }
      target = context.keep(p);
      confident = q.max(new int[] {1}).gt(0.9).toType(DataType.FLOAT32, false).mean().getFloat();
      return ClusteringMath.argMax(q);
    }

    @Override
    public Map<String, Double> diagnostics() {
      return Map.of("confident_fraction", flaw == Flaw.NAN_DIAGNOSTIC ? Double.NaN : confident);
    }

    @Override
    public int[] assign(NDArray embeddings) {
      return ClusteringMath.argMax(ClusteringMath.softAssignment(embeddings, mu, kernelAlpha()));
    }

    @Override
    public Optional<NDArray> softAssign(NDArray embeddings) {
      return Optional.of(ClusteringMath.softAssignment(embeddings, mu, kernelAlpha()));
    }

    @Override
    public float[][] centroids() {
      return ClusteringMath.toRows(mu);
    }

    @Override
    public void restoreCentroids(float[][] centroids) {
      setCentroids(centroids);
    }

    @Override
    public boolean saveState(SessionState state) {
      state.putArray("centroids", mu);
      if (flaw != Flaw.STATE_WITHOUT_TARGET) {
        state.putArray("target", target);
      }
      state.putDoubles("confident", new double[] {confident});
      return true;
    }

    @Override
    public void restoreState(SessionState state) {
      state.requireShape("centroids", context.clusters(), context.embeddingDim());
      setCentroids(ClusteringMath.toRows(state.getArray("centroids", context.manager())));
      if (state.contains("target")) {
        target = context.keep(state.getArray("target", context.manager()));
      }
      confident = state.getDoubles("confident")[0];
    }
  }
}
