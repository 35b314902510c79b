package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringMath;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.result.EmbeddingSample;
import org.dec4j.api.result.Scores;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.nn.BatchSampler;
import org.dec4j.runtime.nn.GradientStep;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.ProgressSink;

/**
 * The clustering phase, the same for every method: the session says what to optimise, this loop
 * does the batching, the gradient steps, the periodic full-data refreshes and the bookkeeping.
 */
final class ClusteringLoop {

  /**
   * What the loop produced.
   *
   * @param initialLabels labels after initialisation
   * @param labels final labels
   * @param iterations iterations run
   * @param converged whether the session's stopping test fired
   * @param trace one entry per refresh
   * @param initializeSeconds seconds spent embedding and initialising
   * @param clusterSeconds seconds spent in the loop
   * @param sample the final embedding of the sampled rows
   */
  record Outcome(int[] initialLabels, int[] labels, int iterations, boolean converged, List<TraceEntry> trace,
      double initializeSeconds, double clusterSeconds, EmbeddingSample sample) {}

  private final Network network;
  private final NDArray data;
  private final int[] truth;
  private final long seed;
  private final ProgressSink progress;

  ClusteringLoop(Network network, NDArray data, int[] truth, long seed, ProgressSink progress) {
    this.network = network;
    this.data = data;
    this.truth = truth;
    this.seed = seed;
    this.progress = progress;
  }

  /**
   * Runs the clustering phase.
   *
   * @param session the method's session
   * @param sampleIndices rows whose final embedding is kept for plots
   * @return the outcome
   */
  Outcome run(ClusteringSession session, int[] sampleIndices) {
    TrainingPlan plan = session.plan();
    long t0 = System.nanoTime();
    int[] initial;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      initial = checked(session.initialize(network.embedAll(data, data.getManager())), "initialize");
    }
    double initSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, NDArray> trainable = new LinkedHashMap<>();
    for (Parameter p : network.parameters(plan.needsReconstruction())) {
      trainable.put(p.getId(), p.getArray());
    }
    session.parameters().forEach((name, array) -> trainable.put("session:" + name, array));
    int n = (int) data.getShape().get(0);
    BatchSampler sampler = new BatchSampler(n, plan.batchSize(), plan.shuffle(), seed);

    List<TraceEntry> trace = new ArrayList<>();
    int[] previous = initial;
    int refreshes = 0;
    boolean converged = false;
    long t1 = System.nanoTime();
    int iteration = 0;
    progress.start("cluster", plan.maxIterations());
    try (NDManager loopManager = data.getManager().newSubManager();
        GradientStep step = new GradientStep(trainable, plan.optimizer())) {
      NDArray lossSum = loopManager.zeros(new ai.djl.ndarray.types.Shape());
      int lossCount = 0;
      for (; iteration < plan.maxIterations(); iteration++) {
        if (iteration % plan.refreshInterval() == 0) {
          int[] labels;
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            labels = checked(session.refresh(network.embedAll(data, loopManager), iteration), "refresh");
          }
          refreshes++;
          double change = ClusteringMath.labelChange(previous, labels);
          previous = labels;
          double loss = lossCount == 0 ? Double.NaN : lossSum.getFloat() / lossCount;
          lossSum.muli(0);
          lossCount = 0;
          Scores scores = truth == null ? null : ClusteringMetrics.scores(truth, labels);
          trace.add(new TraceEntry(iteration, loss, change, scores, (System.nanoTime() - t1) / 1e9));
          progress.advance(iteration, status(loss, change, scores));
          if (session.converged(new Progress(iteration, refreshes, change))) {
            converged = true;
            break;
          }
        }
        int[] idx = sampler.next();
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          StepBatch batch = new StepBatch(iteration, idx, plan.needsReconstruction());
          NDArray loss = step.run(() -> {
            batch.forward();
            return session.loss(batch);
          });
          lossSum.addi(loss);
          lossCount++;
          batch.afterStep = true;
          session.afterStep(batch);
        }
      }
    }
    int[] labels;
    EmbeddingSample sample;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray z = network.embedAll(data, data.getManager());
      labels = checked(session.assign(z), "assign");
      long[] rows = new long[sampleIndices.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = sampleIndices[i];
      }
      float[][] points = rows.length == 0 ? new float[0][]
          : ClusteringMath.toRows(z.get(data.getManager().create(rows)));
      sample = new EmbeddingSample(sampleIndices.clone(), points, session.centroids());
    }
    double seconds = (System.nanoTime() - t1) / 1e9;
    Scores last = truth == null ? null : ClusteringMetrics.scores(truth, labels);
    progress.finish(String.format(Locale.ROOT, "cluster: %d iterations%s in %.1f s%s", iteration,
        converged ? " (converged)" : "", seconds, last == null ? "" : ", " + last));
    return new Outcome(initial, labels, iteration, converged, trace, initSeconds, seconds, sample);
  }

  private static String status(double loss, double change, Scores scores) {
    String s = String.format(Locale.ROOT, "loss %.5f  changed %.4f", loss, change);
    return scores == null ? s : s + "  " + scores;
  }

  private int[] checked(int[] labels, String call) {
    int n = (int) data.getShape().get(0);
    if (labels == null || labels.length != n) {
      throw new Dec4jException("clustering session returned " + (labels == null ? "null" : labels.length
          + " labels") + " from " + call + "() for " + n + " samples");
    }
    return labels;
  }

  /** The batch handed to the session; arrays live in the step's scope. */
  private final class StepBatch implements Batch {
    private final int iteration;
    private final int[] indices;
    private final boolean withReconstruction;
    private final NDManager manager;
    private NDArray indexArray;
    private NDArray input;
    private NDArray embedding;
    private NDArray reconstruction;
    private NDArray after;
    private boolean afterStep;

    StepBatch(int iteration, int[] indices, boolean withReconstruction) {
      this.iteration = iteration;
      this.indices = indices;
      this.withReconstruction = withReconstruction;
      this.manager = data.getManager();
      long[] wide = new long[indices.length];
      for (int i = 0; i < wide.length; i++) {
        wide[i] = indices[i];
      }
      this.indexArray = manager.create(wide);
      this.input = data.get(indexArray);
    }

    void forward() {
      embedding = network.encode(input, true);
      if (withReconstruction) {
        reconstruction = network.decode(embedding, true);
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
        after = network.encode(input, false);
      }
      return after;
    }

    @Override
    public NDManager manager() {
      return manager;
    }
  }
}
