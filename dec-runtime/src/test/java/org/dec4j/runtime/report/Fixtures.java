package org.dec4j.runtime.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.result.EmbeddingSample;
import org.dec4j.api.result.PretrainConfig;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Timings;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.metrics.ClusteringMetrics;

/**
 * Made-up results with the shape of real ones (no network is trained): a data set of k
 * well-separated classes, methods that recover them with some label noise, traces that improve
 * over iterations, embedding samples with centroids.
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
  RunResult result(String dataset, String method, String encoder, Map<String, Object> params, long seed,
      double noise, int iterations) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + method.hashCode());
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextDouble() < noise ? rng.nextInt(k) : (truth[i] + 1) % k;
    }
    List<TraceEntry> trace = new ArrayList<>();
    // A point every 10 iterations, and the final state at the last one (as the clustering loop's trace).
    for (int it = 0; it <= iterations; it = it < iterations && it + 10 > iterations ? iterations : it + 10) {
      double progress = iterations == 0 ? 1 : (double) it / iterations;
      int[] partial = labels.clone();
      for (int i = 0; i < n; i++) {
        if (rng.nextDouble() < (1 - progress) * 0.5) {
          partial[i] = rng.nextInt(k);
        }
      }
      trace.add(new TraceEntry(it, it == 0 ? Double.NaN : 1.0 / (1 + it), 0.01,
          ClusteringMetrics.scores(truth, it == iterations ? labels : partial), it * 0.01));
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
    RunConfig config = new RunConfig(method, new LinkedHashMap<>(params), dataset, Map.of("split", "test"), encoder,
        Map.of("dims", List.of(16, 4)), new PretrainConfig("end-to-end", 3, 0, 64, 0.001, 0.2), k, seed, 5);
    Provenance provenance = new Provenance("0.1.0-test", Map.of(method, "0.1.0"), Map.of("java", "25"),
        Map.of("cores", "2"), new DataProvenance("made up", List.of(), SHA, "split=test"), "2025-01-01T00:00:00Z",
        "test");
    return new RunResult(config, provenance, ClusteringMetrics.scores(truth, labels), trace.get(0).scores(),
        iterations, true, trace, new Timings(0.1, 1, 0.2, 0.5, 1.8), labels,
        new EmbeddingSample(idx, points, centroids));
  }

  /** Writes results into a result folder as a suite would, with the ground truth. */
  static void write(Path folder, String dataset, Map<String, RunResult> byName, GroundTruth truth) {
    byName.forEach((name, r) -> Json.writeAtomically(folder.resolve(ResultFolder.RUNS).resolve(dataset)
        .resolve(name + ".json"), r));
    Json.writeAtomically(folder.resolve(ResultFolder.DATA).resolve(dataset + ".json"), truth);
  }
}
