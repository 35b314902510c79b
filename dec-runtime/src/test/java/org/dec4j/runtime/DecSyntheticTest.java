package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEC end to end on the course-project synthetic set (4 clusters of 2,500 points in R^100):
 * pretraining, k-means initialisation, the clustering phase, evaluation, the result file.
 */
class DecSyntheticTest {

  @TempDir Path temp;

  static RunSpec spec(String method, Map<String, Object> params, long seed, Path cache) {
    return spec(method, params, Map.of(), 15, seed, cache);
  }

  static RunSpec spec(
      String method,
      Map<String, Object> params,
      Map<String, Object> encoder,
      int epochs,
      long seed,
      Path cache) {
    return new RunSpec(
        new RunConfig(
            method,
            params,
            "synthetic",
            Map.of(),
            "mlp",
            encoder,
            new PretrainConfig("end-to-end", epochs, 0, 256, 0.001, 0.2),
            0,
            seed,
            5),
        new RunEnvironment(List.of(), false, cache, null, null, "test"));
  }

  @Test
  void decSeparatesTheSyntheticClustersAndIsDeterministic() throws Exception {
    Runner runner = new Runner(PluginRegistry.discover());
    Path cache = temp.resolve("cache");
    RunResult first =
        runner.run(spec("dec", Map.of("max_iter", 2000), 0, cache), ProgressSink.NONE);

    assertTrue(first.scores().ari() >= 0.9, "DEC ARI on synthetic: " + first.scores());
    assertEquals(4, first.config().clusters());
    assertEquals(10_000, first.assignments().length);
    for (int label : first.assignments()) {
      assertTrue(label >= 0 && label < 4, "label " + label);
    }
    assertTrue(first.timings().pretrain() > 0, "first run pretrains");
    assertTrue(first.trace().size() >= 1 && first.trace().get(0).iteration() == 0);
    assertEquals(64, first.provenance().data().sha256().length());

    RunResult second =
        runner.run(spec("dec", Map.of("max_iter", 2000), 0, cache), ProgressSink.NONE);
    assertEquals(
        0.0, second.timings().pretrain(), "second run takes the autoencoder from the cache");
    assertArrayEquals(
        first.assignments(), second.assignments(), "same seed, same machine, same labels");
    assertEquals(first.scores(), second.scores());

    Path file = temp.resolve("result.json");
    Json.writeAtomically(file, first);
    RunResult back = Json.read(file, RunResult.class);
    assertArrayEquals(first.assignments(), back.assignments());
    assertEquals(first.scores(), back.scores());
    assertEquals(first.config(), back.config());
    assertTrue(Files.readString(file).contains("\"sha256\""));
  }
}
