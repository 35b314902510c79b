package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.TraceEntry;
import org.junit.jupiter.api.Test;

/**
 * The clustering phase's trace and progress, on small blobs: the trace ends with the final state
 * (the report's curves end at the result), and the progress bar moves with every batch.
 */
class ClusteringTraceTest {
  private static final PluginRegistry PLUGINS = PluginRegistry.discover();

  static LoadedDataset blobs() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 150;
    int d = 5;
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) ((j % 3 == y[i] ? 2 : 0) + 0.4 * random.nextGaussian());
      }
    }
    FeatureMatrix f = new FeatureMatrix(x, n, d);
    return new LoadedDataset("blobs", f, y, 3, new DataProvenance("test", List.of(),
        LoadedDataset.checksum(f, y), ""));
  }

  /** Records the clustering phase's progress calls. */
  static final class Recorder implements ProgressSink {
    final List<Long> ticks = new ArrayList<>();
    final List<Long> advances = new ArrayList<>();
    final List<String> starts = new ArrayList<>();
    private String phase = "";

    @Override
    public void start(String name, long total) {
      phase = name;
      starts.add(name + " " + total);
    }

    @Override
    public void startAtMost(String name, long atMost) {
      phase = name;
      starts.add(name + " at most " + atMost);
    }

    @Override
    public void advance(long done, String status) {
      if (phase.equals("cluster")) {
        advances.add(done);
      }
    }

    @Override
    public void tick(long done) {
      if (phase.equals("cluster")) {
        ticks.add(done);
      }
    }

    @Override
    public void finish(String summary) {}
  }

  @Test
  void theLastTracePointIsTheFinalResultWhenTheBudgetEndsBetweenRefreshes() {
    Recorder progress = new Recorder();
    // 25 iterations, a refresh every 10: refreshes at 0, 10 and 20, then 5 more iterations whose
    // effect only the final assignment shows.
    RunResult r = DeepClustering.method("dec", PLUGINS).seed(1).dims(8, 3).kmeansRestarts(2)
        .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
        .params(Map.of("max_iter", 25, "update_interval", 10, "batch_size", 32, "tol", 0.0))
        .listener(progress).fit(blobs()).result();
    assertEquals(25, r.iterations());
    List<Integer> iterations = r.trace().stream().map(TraceEntry::iteration).toList();
    assertEquals(List.of(0, 10, 20, 25), iterations, "a point per refresh and one for the final state");
    TraceEntry last = r.trace().get(r.trace().size() - 1);
    assertEquals(r.scores(), last.scores(), "the last point of the curves is the result");
    assertTrue(Double.isFinite(last.loss()), "the last point's loss is the mean since the last refresh");

    assertTrue(progress.starts.contains("cluster at most 25"), "the budget is an upper bound: " + progress.starts);
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 25; i++) {
      expected.add(i);
    }
    assertEquals(expected, progress.ticks, "the bar moves with every batch");
    assertEquals(List.of(0L, 10L, 20L), progress.advances, "the status changes at the refreshes");
  }

  @Test
  void aConvergedRunEndsAtItsLastRefreshWithTheFinalScores() {
    RunResult r = DeepClustering.method("dec", PLUGINS).seed(1).dims(8, 3).kmeansRestarts(2)
        .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
        .params(Map.of("max_iter", 400, "update_interval", 10, "batch_size", 32, "tol", 0.5))
        .fit(blobs()).result();
    assertTrue(r.converged() && r.iterations() < 400, "converged at a refresh: " + r.iterations());
    TraceEntry last = r.trace().get(r.trace().size() - 1);
    assertEquals(r.iterations(), last.iteration());
    assertEquals(r.scores(), last.scores());
    assertEquals(r.trace().stream().map(TraceEntry::iteration).distinct().count(), r.trace().size(),
        "no iteration twice");
  }
}
