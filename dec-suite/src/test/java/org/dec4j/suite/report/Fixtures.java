package org.dec4j.suite.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.EmbeddingSample;
import org.dec4j.api.result.EmbeddingSnapshot;
import org.dec4j.api.result.Gallery;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Timings;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.metrics.ClusteringMetrics;

/**
 * Made-up results with the shape of real ones (no network is trained): a data set of k
 * well-separated classes, methods that recover them with some label noise, traces that improve over
 * iterations, embedding samples with centroids.
 */
final class Fixtures {
  static final String SHA = "ab".repeat(32);

  final int n;
  final int k;
  final int[] truth;

  Fixtures(int n, int k) {
    this.n = n;
    this.k = k;
    this.truth = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = i % k;
    }
  }

  GroundTruth groundTruth(String dataset) {
    return new GroundTruth(dataset, dataset, SHA, k, truth);
  }

  /**
   * A result whose assignments are the truth with a fraction of labels replaced at random.
   *
   * @param method the method id ({@code ae-kmeans} with {@code identity} encoder reads as kmeans)
   * @param encoder the encoder id
   * @param params method hyperparameters
   * @param seed the seed
   * @param noise the fraction of labels drawn at random
   * @param iterations clustering iterations (a trace entry every 10)
   */
  RunResult result(
      String dataset,
      String method,
      String encoder,
      Map<String, Object> params,
      long seed,
      double noise,
      int iterations) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + method.hashCode());
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextDouble() < noise ? rng.nextInt(k) : (truth[i] + 1) % k;
    }
    List<TraceEntry> trace = new ArrayList<>();
    // A point every 10 iterations, and the final state at the last one (as the clustering loop's
    // trace).
    for (int it = 0;
        it <= iterations;
        it = it < iterations && it + 10 > iterations ? iterations : it + 10) {
      double progress = iterations == 0 ? 1 : (double) it / iterations;
      int[] partial = labels.clone();
      for (int i = 0; i < n; i++) {
        if (rng.nextDouble() < (1 - progress) * 0.5) {
          partial[i] = rng.nextInt(k);
        }
      }
      trace.add(
          new TraceEntry(
              it,
              it == 0 ? Double.NaN : 1.0 / (1 + it),
              0.01,
              ClusteringMetrics.scores(truth, it == iterations ? labels : partial),
              it * 0.01));
      if (it == iterations) {
        break;
      }
    }
    int dim = 6;
    int[] idx = new int[Math.min(n, 200)];
    float[][] points = new float[idx.length][dim];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = j;
      for (int d = 0; d < dim; d++) {
        points[j][d] = (float) ((labels[idx[j]] == d % k ? 4 : 0) + rng.nextGaussian() * 0.3);
      }
    }
    float[][] centroids = new float[k][dim];
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < dim; d++) {
        centroids[c][d] = c == d % k ? 4 : 0;
      }
    }
    RunConfig config =
        new RunConfig(
            method,
            new LinkedHashMap<>(params),
            dataset,
            Map.of("split", "test"),
            encoder,
            Map.of("dims", List.of(16, 4)),
            new PretrainConfig("end-to-end", 3, 0, 64, 0.001, 0.2),
            k,
            seed,
            5);
    Provenance provenance =
        new Provenance(
            "0.1.0-test",
            Map.of(method, "0.1.0"),
            Map.of("java", "25"),
            Map.of("cores", "2"),
            new DataProvenance("made up", List.of(), SHA, "split=test"),
            "2025-01-01T00:00:00Z",
            "test");
    return new RunResult(
        config,
        provenance,
        ClusteringMetrics.scores(truth, labels),
        trace.get(0).scores(),
        iterations,
        true,
        trace,
        new Timings(0.1, 1, 0.2, 0.5, 1.8),
        labels,
        new EmbeddingSample(idx, points, centroids));
  }

  /**
   * The same result with the figures of image data: snapshots of its embedding sample at the start
   * and the middle (the final one blurred; none without iterations), and a gallery of 4x4 pictures
   * (a bright square at a class's corner) of the 10 rows of each cluster nearest the truth.
   */
  RunResult withFigures(RunResult r) {
    SplittableRandom rng = new SplittableRandom(r.config().seed());
    List<EmbeddingSnapshot> snapshots = new ArrayList<>();
    EmbeddingSample sample = r.sample();
    // a run without clustering iterations (the k-means baselines) has no refresh to take them at
    for (int it : r.iterations() == 0 ? new int[0] : new int[] {0, r.iterations() / 2}) {
      double blur = it == 0 ? 3 : 1.5;
      float[][] points = new float[sample.points().length][];
      int[] labels = new int[points.length];
      for (int i = 0; i < points.length; i++) {
        points[i] = sample.points()[i].clone();
        for (int d = 0; d < points[i].length; d++) {
          points[i][d] += (float) (rng.nextGaussian() * blur);
        }
        labels[i] = rng.nextDouble() < 0.3 ? rng.nextInt(k) : r.assignments()[sample.indices()[i]];
      }
      snapshots.add(new EmbeddingSnapshot(it, points, sample.centroids(), labels));
    }
    List<Gallery.Exemplars> clusters = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      List<Integer> rows = new ArrayList<>();
      int size = 0;
      for (int i = 0; i < n; i++) {
        if (r.assignments()[i] == c) {
          size++;
          if (rows.size() < 10) {
            rows.add(i);
          }
        }
      }
      byte[] pixels = new byte[rows.size() * 16];
      float[] confidence = new float[rows.size()];
      for (int j = 0; j < rows.size(); j++) {
        int cls = truth[rows.get(j)];
        for (int p = 0; p < 16; p++) {
          int y = p / 4;
          int x = p % 4;
          boolean on = (y < 2) == (cls % 2 == 0) && (x < 2) == (cls / 2 % 2 == 0);
          pixels[j * 16 + p] = (byte) (on ? 230 : 20);
        }
        confidence[j] = 0.99f - 0.01f * j;
      }
      if (!rows.isEmpty()) {
        clusters.add(
            new Gallery.Exemplars(
                c, size, rows.stream().mapToInt(Integer::intValue).toArray(), confidence, pixels));
      }
    }
    return new RunResult(
        r.config(),
        r.provenance(),
        r.scores(),
        r.initialScores(),
        r.iterations(),
        r.converged(),
        r.trace(),
        r.timings(),
        r.assignments(),
        r.sample(),
        snapshots,
        new Gallery(ImageShape.gray(4, 4), "q", clusters),
        r.perClass());
  }

  /** Writes results into a result folder as a suite would, with the ground truth. */
  static void write(Path folder, String dataset, Map<String, RunResult> byName, GroundTruth truth) {
    byName.forEach(
        (name, r) ->
            Json.writeAtomically(
                folder.resolve(ResultFolder.RUNS).resolve(dataset).resolve(name + ".json"), r));
    Json.writeAtomically(folder.resolve(ResultFolder.DATA).resolve(dataset + ".json"), truth);
  }
}
