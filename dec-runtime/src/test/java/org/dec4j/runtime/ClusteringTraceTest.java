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
    return new LoadedDataset(
        "blobs", f, y, 3, new DataProvenance("test", List.of(), LoadedDataset.checksum(f, y), ""));
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
    RunResult r =
        DeepClustering.method("dec", PLUGINS)
            .seed(1)
            .dims(8, 3)
            .kmeansRestarts(2)
            .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
            .params(Map.of("max_iter", 25, "update_interval", 10, "batch_size", 32, "tol", 0.0))
            .listener(progress)
            .fit(blobs())
            .result();
    assertEquals(25, r.iterations());
    List<Integer> iterations = r.trace().stream().map(TraceEntry::iteration).toList();
    assertEquals(
        List.of(0, 10, 20, 25), iterations, "a point per refresh and one for the final state");
    TraceEntry last = r.trace().get(r.trace().size() - 1);
    assertEquals(r.scores(), last.scores(), "the last point of the curves is the result");
    assertTrue(
        Double.isFinite(last.loss()), "the last point's loss is the mean since the last refresh");

    assertTrue(
        progress.starts.contains("cluster at most 25"),
        "the budget is an upper bound: " + progress.starts);
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 25; i++) {
      expected.add(i);
    }
    assertEquals(expected, progress.ticks, "the bar moves with every batch");
    assertEquals(List.of(0L, 10L, 20L), progress.advances, "the status changes at the refreshes");
  }

  @Test
  void aConvergedRunEndsAtItsLastRefreshWithTheFinalScores() {
    RunResult r =
        DeepClustering.method("dec", PLUGINS)
            .seed(1)
            .dims(8, 3)
            .kmeansRestarts(2)
            .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
            .params(Map.of("max_iter", 400, "update_interval", 10, "batch_size", 32, "tol", 0.5))
            .fit(blobs())
            .result();
    assertTrue(r.converged() && r.iterations() < 400, "converged at a refresh: " + r.iterations());
    TraceEntry last = r.trace().get(r.trace().size() - 1);
    assertEquals(r.iterations(), last.iteration());
    assertEquals(r.scores(), last.scores());
    assertEquals(
        r.trace().stream().map(TraceEntry::iteration).distinct().count(),
        r.trace().size(),
        "no iteration twice");
  }

  @Test
  void imageDataGetAGalleryOfEachClustersMostConfidentSamplesAndSnapshots() {
    LoadedDataset images = blobs().withImage(org.dec4j.api.data.ImageShape.gray(1, 5));
    RunResult r =
        DeepClustering.method("dec", PLUGINS)
            .seed(1)
            .dims(8, 3)
            .kmeansRestarts(2)
            .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
            .params(Map.of("max_iter", 60, "update_interval", 10, "batch_size", 32, "tol", 0.0))
            .fit(images)
            .result();
    org.dec4j.api.result.Gallery g = r.gallery();
    assertTrue(g != null, "a gallery for image data");
    assertEquals("q", g.measure(), "DEC has a soft assignment");
    assertEquals(org.dec4j.api.data.ImageShape.gray(1, 5), g.shape());
    int total = 0;
    for (org.dec4j.api.result.Gallery.Exemplars e : g.clusters()) {
      total += e.size();
      assertTrue(e.rows().length == Math.min(10, e.size()), "10 per cluster: " + e.rows().length);
      assertEquals(e.rows().length * 5, e.pixels().length);
      for (int i = 0; i < e.rows().length; i++) {
        assertEquals(e.cluster(), r.assignments()[e.rows()[i]], "a cluster's own samples");
        if (i > 0) {
          assertTrue(e.confidence()[i - 1] >= e.confidence()[i], "most confident first");
        }
      }
    }
    assertEquals(150, total, "every sample in one cluster");
    // the start (iteration 0) and the refresh nearest the middle (iteration 30) of 60 iterations
    assertEquals(List.of(0, 30), r.snapshots().stream().map(s -> s.iteration()).toList());
    assertEquals(r.sample().indices().length, r.snapshots().get(1).points().length);

    RunResult plain =
        DeepClustering.method("dcn", PLUGINS)
            .seed(1)
            .dims(8, 3)
            .kmeansRestarts(2)
            .pretrain(Pretraining.endToEnd().epochs(5).batchSize(32))
            .params(Map.of("epochs", 2, "batch_size", 32))
            .fit(blobs())
            .result();
    assertEquals(null, plain.gallery(), "no gallery for data that are not images");
  }

  @Test
  void aLongRunKeepsFewSnapshotsOneNearItsMiddleAndTheyResume() {
    assertEquals(List.of(), new Snapshots(new int[0]).startAndMiddle(100), "no rows, no snapshots");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      ai.djl.ndarray.NDArray z =
          m.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(3, 2));
      Snapshots s = new Snapshots(new int[] {0, 2});
      org.dec4j.runtime.nn.TensorFile checkpoint = null;
      for (int refresh = 0; refresh < 143; refresh++) {
        s.offer(refresh, refresh * 140, z, new float[][] {{0, 0}}, new int[] {0, 1, refresh % 2});
        if (refresh == 70) {
          checkpoint = new org.dec4j.runtime.nn.TensorFile();
          s.save(checkpoint);
        }
      }
      List<org.dec4j.api.result.EmbeddingSnapshot> kept = s.startAndMiddle(20_000);
      assertEquals(0, kept.get(0).iteration());
      assertTrue(
          Math.abs(kept.get(1).iteration() - 10_000) <= 20_000 / 16,
          "near the middle: " + kept.get(1).iteration());
      assertEquals(
          List.of(5f, 6f),
          List.of(kept.get(1).points()[1][0], kept.get(1).points()[1][1]),
          "row 2");

      Snapshots resumed = new Snapshots(new int[] {0, 2});
      resumed.restore(checkpoint);
      for (int refresh = 71; refresh < 143; refresh++) {
        resumed.offer(
            refresh, refresh * 140, z, new float[][] {{0, 0}}, new int[] {0, 1, refresh % 2});
      }
      List<org.dec4j.api.result.EmbeddingSnapshot> again = resumed.startAndMiddle(20_000);
      assertEquals(
          kept.stream().map(x -> x.iteration()).toList(),
          again.stream().map(x -> x.iteration()).toList(),
          "a resumed run keeps the snapshots of an uninterrupted one");
      assertEquals(kept.get(1).labels()[1], again.get(1).labels()[1]);
    }
  }
}
