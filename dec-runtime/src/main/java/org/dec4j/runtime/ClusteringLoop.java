package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.result.EmbeddingSample;
import org.dec4j.api.result.EmbeddingSnapshot;
import org.dec4j.api.result.Gallery;
import org.dec4j.api.result.Scores;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.nn.BatchSampler;
import org.dec4j.runtime.nn.Checkpointer;
import org.dec4j.runtime.nn.GradientStep;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.ResumeException;
import org.dec4j.runtime.nn.TensorFile;

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
   * @param soft the final soft assignments (n x k), or null when the method has none
   * @param snapshots the sampled rows' embedding at the start and the middle of the phase
   * @param exemplars each cluster's most confident rows (without pixels)
   * @param measure what their confidence is: {@code q} or {@code distance}
   */
  record Outcome(
      int[] initialLabels,
      int[] labels,
      int iterations,
      boolean converged,
      List<TraceEntry> trace,
      double initializeSeconds,
      double clusterSeconds,
      EmbeddingSample sample,
      float[][] soft,
      List<EmbeddingSnapshot> snapshots,
      List<Gallery.Exemplars> exemplars,
      String measure) {}

  /** The samples per cluster a gallery shows, as the DEC paper's Figure 2. */
  static final int EXEMPLARS = 10;

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
    return run(session, sampleIndices, Checkpointer.NONE, null);
  }

  /**
   * Runs the clustering phase, resuming from a checkpoint when given one and writing checkpoints
   * just after refreshes.
   *
   * <p>A checkpoint holds everything the rest of the run depends on: the network's weights, the
   * optimiser's state, the batch order, the iteration and refresh counters, the labels of the last
   * refresh, the trace, and the session's own state ({@link ClusteringSession#saveState}). It is
   * taken after a refresh whose convergence test said continue, where the running loss has just
   * been reset, so the resumed loop runs the same batches on the same state.
   *
   * @param session the method's session
   * @param sampleIndices rows whose final embedding is kept for plots
   * @param checkpoints the phase's checkpointer
   * @param resume the checkpoint to resume from ({@code checkpoints.latest()}), or null to start
   * @return the outcome
   * @throws ResumeException when the checkpoint does not fit this run
   */
  Outcome run(
      ClusteringSession session, int[] sampleIndices, Checkpointer checkpoints, TensorFile resume) {
    TrainingPlan plan = session.plan();
    int n = (int) data.getShape().get(0);
    ClusteringCheckpoint saved;
    try {
      saved = resume == null ? null : ClusteringCheckpoint.readFrom(resume, checkpoints.file(), n);
    } catch (org.dec4j.api.DataException e) {
      throw new ResumeException(checkpoints.file(), e);
    }
    long t0 = System.nanoTime();
    int[] initial;
    double initSeconds;
    if (resume == null) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray z = network.embedAll(data, data.getManager());
        NonFiniteException.check(
            z, "cluster", "the embedding", "before the k-means initialisation");
        initial = checked(session.initialize(z), "initialize");
      }
      initSeconds = (System.nanoTime() - t0) / 1e9;
    } else {
      try {
        network.load(resume, checkpoints.file());
      } catch (org.dec4j.api.DataException e) {
        throw new ResumeException(checkpoints.file(), e);
      }
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        session.restoreState(saved.session());
      } catch (org.dec4j.api.DataException
          | UnsupportedOperationException
          | IllegalArgumentException e) {
        throw new ResumeException(
            checkpoints.file(),
            new org.dec4j.api.DataException(
                "cannot restore the " + "session: " + e.getMessage(), e));
      }
      initial = saved.initialLabels();
      initSeconds = saved.initSeconds();
    }
    Map<String, NDArray> trainable =
        GradientStep.trainable(network.parameters(plan.needsReconstruction()));
    session.parameters().forEach((name, array) -> trainable.put("session:" + name, array));
    BatchSampler sampler =
        new BatchSampler(n, plan.batchSize(), plan.shuffle(), Seeds.of(seed).batchOrder());
    Snapshots snapshots = new Snapshots(sampleIndices);

    List<TraceEntry> trace = new ArrayList<>();
    int[] previous = initial;
    int refreshes = 0;
    boolean converged = false;
    long t1 = System.nanoTime();
    double secondsBefore = 0;
    int iteration = 0;
    if (saved != null) {
      iteration = saved.iteration();
      refreshes = saved.refreshes();
      secondsBefore = saved.clusterSeconds();
      previous = saved.labels();
      trace.addAll(saved.trace());
      try {
        sampler.restore(saved.samplerEpochs(), saved.samplerPosition());
        snapshots.restore(resume);
        if (iteration < 0
            || iteration > plan.maxIterations()
            || iteration % plan.refreshInterval() != 0) {
          throw new org.dec4j.api.DataException(
              "iteration " + iteration + " is not a refresh of this plan");
        }
      } catch (org.dec4j.api.DataException | IllegalArgumentException e) {
        throw new ResumeException(checkpoints.file(), e);
      }
      progress.info(
          String.format(
              Locale.ROOT,
              "resuming the clustering phase from %s (iteration %d of %d)",
              checkpoints.file(),
              iteration,
              plan.maxIterations()));
    }
    boolean checkpointing = checkpoints.enabled();
    int sinceCheckpoint = 0;
    double tailLoss;
    // The budget is an upper bound: the session's convergence test may end the phase sooner.
    progress.startAtMost("cluster", plan.maxIterations());
    try (NDManager loopManager = data.getManager().newSubManager();
        GradientStep step = new GradientStep(trainable, plan.optimizer())) {
      if (resume != null) {
        try {
          step.restore(resume, "opt.");
        } catch (org.dec4j.api.DataException e) {
          throw new ResumeException(checkpoints.file(), e);
        }
        progress.resumed(iteration, "resumed");
      }
      NDArray lossSum = loopManager.zeros(new ai.djl.ndarray.types.Shape());
      int lossCount = 0;
      boolean resumedHere = resume != null;
      for (; iteration < plan.maxIterations(); iteration++) {
        if (iteration % plan.refreshInterval() == 0 && !resumedHere) {
          // The loss first: it is the cause, a non-finite embedding its consequence.
          double loss = lossCount == 0 ? Double.NaN : lossSum.getFloat() / lossCount;
          if (lossCount > 0) {
            NonFiniteException.check(
                loss,
                "cluster",
                "the mean clustering loss",
                String.format(
                    Locale.ROOT, "over iterations %d-%d", iteration - lossCount, iteration - 1));
          }
          int[] labels;
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray z = network.embedAll(data, loopManager);
            NonFiniteException.check(z, "cluster", "the embedding", "at iteration " + iteration);
            labels = checked(session.refresh(z, iteration), "refresh");
            snapshots.offer(refreshes, iteration, z, session.centroids(), labels);
          }
          refreshes++;
          double change = ClusteringMath.labelChange(previous, labels);
          previous = labels;
          lossSum.muli(0);
          lossCount = 0;
          Scores scores = truth == null ? null : ClusteringMetrics.scores(truth, labels);
          trace.add(
              new TraceEntry(
                  iteration,
                  loss,
                  change,
                  scores,
                  secondsBefore + (System.nanoTime() - t1) / 1e9,
                  session.diagnostics()));
          progress.advance(iteration, status(loss, change, scores));
          if (session.converged(new Progress(iteration, refreshes, change))) {
            converged = true;
            break;
          }
          sinceCheckpoint++;
          boolean stop = Stop.atSavePoint();
          if (checkpointing && (checkpoints.due(sinceCheckpoint) || stop)) {
            TensorFile out = new TensorFile();
            SessionState state = new SessionState();
            boolean complete;
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              complete = session.saveState(state);
            }
            if (complete) {
              new ClusteringCheckpoint(
                      iteration,
                      refreshes,
                      initSeconds,
                      secondsBefore + (System.nanoTime() - t1) / 1e9,
                      initial,
                      previous,
                      trace,
                      sampler.epochsStarted(),
                      sampler.position(),
                      state)
                  .writeTo(out);
              network.weights(out);
              step.save(out, "opt.");
              snapshots.save(out);
              checkpoints.save(out);
              sinceCheckpoint = 0;
            } else {
              progress.info(
                  "this method does not support checkpoints; its clustering phase is not checkpointed");
              checkpointing = false;
            }
          }
          if (stop) {
            throw Stop.stopped(
                String.format(
                    Locale.ROOT,
                    "in the clustering phase at iteration %d%s",
                    iteration,
                    checkpointing ? ", with a checkpoint of it" : ""));
          }
        }
        resumedHere = false;
        int at = iteration;
        Stop.atBatch(
            checkpointing,
            () ->
                String.format(
                    Locale.ROOT,
                    "in the clustering phase at iteration %d; its last checkpoint is kept",
                    at));
        int[] idx = sampler.next();
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          StepBatch batch = new StepBatch(iteration, idx, plan.needsReconstruction());
          NDArray loss =
              step.run(
                  () -> {
                    batch.forward();
                    return session.loss(batch);
                  });
          lossSum.addi(loss);
          lossCount++;
          batch.afterStep = true;
          session.afterStep(batch);
        }
        progress.tick(iteration + 1);
      }
      tailLoss = lossCount == 0 ? Double.NaN : lossSum.getFloat() / lossCount;
    }
    int[] labels;
    EmbeddingSample sample;
    float[][] soft;
    List<Gallery.Exemplars> exemplars;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray z = network.embedAll(data, data.getManager());
      NonFiniteException.check(z, "cluster", "the final embedding", "after iteration " + iteration);
      labels = checked(session.assign(z), "assign");
      soft = session.softAssign(z).map(ClusteringMath::toRows).orElse(null);
      exemplars = exemplars(z, labels, soft, session.centroids(), EXEMPLARS);
      long[] rows = new long[sampleIndices.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = sampleIndices[i];
      }
      float[][] points =
          rows.length == 0
              ? new float[0][]
              : ClusteringMath.toRows(z.get(data.getManager().create(rows)));
      sample = new EmbeddingSample(sampleIndices.clone(), points, session.centroids());
    }
    double seconds = secondsBefore + (System.nanoTime() - t1) / 1e9;
    Scores last = truth == null ? null : ClusteringMetrics.scores(truth, labels);
    closeTrace(
        trace, iteration, tailLoss, ClusteringMath.labelChange(previous, labels), last, seconds);
    progress.finish(
        String.format(
            Locale.ROOT,
            "cluster: %d iterations%s in %.1f s%s",
            iteration,
            converged ? " (converged)" : "",
            seconds,
            last == null ? "" : ", " + last));
    return new Outcome(
        initial,
        labels,
        iteration,
        converged,
        trace,
        initSeconds,
        seconds,
        sample,
        soft,
        snapshots.startAndMiddle(iteration),
        exemplars,
        soft != null ? "q" : "distance");
  }

  /**
   * Each cluster's most confident rows: those with the largest soft assignment q to it when the
   * method has one (DEC's Figure 2), else those whose embedding is nearest its centre.
   *
   * @param z the final embeddings (n x m)
   * @param labels the final clusters
   * @param soft the final soft assignments, or null
   * @param centroids the cluster centres (k x m)
   * @param top rows per cluster
   * @return one entry per non-empty cluster, by cluster, without pixels; empty when neither a soft
   *     assignment nor centres of the embedding's width are at hand
   */
  static List<Gallery.Exemplars> exemplars(
      NDArray z, int[] labels, float[][] soft, float[][] centroids, int top) {
    int n = labels.length;
    float[] confidence = new float[n];
    if (soft != null) {
      for (int i = 0; i < n; i++) {
        confidence[i] = soft[i][labels[i]];
      }
    } else {
      long width = z.getShape().get(1);
      if (centroids == null || centroids.length == 0 || centroids[0].length != width) {
        return List.of();
      }
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray mu = ClusteringMath.fromRows(z.getManager(), centroids);
        // in blocks: the raw-feature baseline's embedding is the data itself
        for (int start = 0; start < n; start += 4096) {
          int end = Math.min(n, start + 4096);
          long[] own = new long[end - start];
          for (int i = start; i < end; i++) {
            own[i - start] = labels[i];
          }
          float[] d2 =
              z.get(new ai.djl.ndarray.index.NDIndex("{}:{}", start, end))
                  .sub(mu.get(z.getManager().create(own)))
                  .square()
                  .sum(new int[] {1})
                  .toFloatArray();
          for (int i = start; i < end; i++) {
            confidence[i] = (float) -Math.sqrt(Math.max(0, d2[i - start]));
          }
        }
      }
    }
    Map<Integer, List<Integer>> byCluster = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      byCluster.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
    }
    List<Gallery.Exemplars> out = new ArrayList<>();
    for (var e : byCluster.entrySet()) {
      List<Integer> rows = new ArrayList<>(e.getValue());
      rows.sort(
          (a, b) ->
              confidence[a] != confidence[b]
                  ? Float.compare(confidence[b], confidence[a])
                  : Integer.compare(a, b));
      int m = Math.min(top, rows.size());
      int[] picked = new int[m];
      float[] conf = new float[m];
      for (int i = 0; i < m; i++) {
        picked[i] = rows.get(i);
        conf[i] = confidence[picked[i]];
      }
      out.add(new Gallery.Exemplars(e.getKey(), e.getValue().size(), picked, conf, null));
    }
    return out;
  }

  /**
   * Makes the trace end with the final state: the refreshes record the state before the iterations
   * that follow them, so a run that stops at its iteration budget (not at a refresh) has iterations
   * after its last entry, whose effect only the final assignment shows. That state is appended as
   * an entry at the last iteration (its loss: the mean since the last refresh). A run that stopped
   * at a refresh (converged) already ends there; should the final assignment differ from that
   * refresh's labels, the entry takes the final scores, so the last point of every curve is the
   * result's.
   *
   * @param trace the trace so far
   * @param iteration the iterations run
   * @param loss the mean loss since the last refresh, NaN when no step was taken since
   * @param change the share of labels that changed from the last refresh to the final assignment
   * @param scores the final scores, or null without ground truth
   * @param seconds the clustering phase's seconds
   */
  static void closeTrace(
      List<TraceEntry> trace,
      int iteration,
      double loss,
      double change,
      Scores scores,
      double seconds) {
    TraceEntry lastEntry = trace.isEmpty() ? null : trace.get(trace.size() - 1);
    if (lastEntry == null || lastEntry.iteration() < iteration) {
      trace.add(new TraceEntry(iteration, loss, change, scores, seconds));
    } else if (!java.util.Objects.equals(lastEntry.scores(), scores)) {
      trace.set(
          trace.size() - 1,
          new TraceEntry(
              lastEntry.iteration(),
              lastEntry.loss(),
              lastEntry.labelChange(),
              scores,
              lastEntry.seconds()));
    }
  }

  /**
   * The progress line's status at a target refresh. Before the first gradient step there is no loss
   * yet (the trace records NaN), which the line shows as "loss -" rather than "loss NaN".
   */
  static String status(double loss, double change, Scores scores) {
    String s =
        String.format(
            Locale.ROOT,
            "loss %s  changed %.4f",
            Double.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.5f", loss),
            change);
    return scores == null ? s : s + "  " + scores;
  }

  private int[] checked(int[] labels, String call) {
    int n = (int) data.getShape().get(0);
    if (labels == null || labels.length != n) {
      throw new Dec4jException(
          "clustering session returned "
              + (labels == null ? "null" : labels.length + " labels")
              + " from "
              + call
              + "() for "
              + n
              + " samples");
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
