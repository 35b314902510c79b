package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IDEC, DCN and the AE+k-means baseline on the synthetic set, all fine-tuning one autoencoder that
 * is pretrained once and then taken from the cache. A smaller 100-256-64-10 autoencoder keeps the
 * test quick; DecSyntheticTest runs the default architecture.
 */
class MethodsSyntheticTest {
  @TempDir static Path cache;

  private static final Runner RUNNER = new Runner(PluginRegistry.discover());

  private static RunResult run(String method, Map<String, Object> params, long seed) {
    return RUNNER.run(
        DecSyntheticTest.spec(method, params, Map.of("dims", "256,64,10"), 10, seed, cache),
        ProgressSink.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"idec, 0.9", "dcn, 0.9", "ae-kmeans, 0.9"})
  void separatesTheClustersDeterministically(String method, double minAri) {
    Map<String, Object> params =
        method.equals("ae-kmeans")
            ? Map.of()
            : method.equals("dcn") ? Map.of("epochs", 3) : Map.of("max_iter", 500);
    RunResult first = run(method, params, 0);
    assertTrue(first.scores().ari() >= minAri, method + " on synthetic: " + first.scores());
    for (int label : first.assignments()) {
      assertTrue(label >= 0 && label < 4, method + " label " + label);
    }
    RunResult again = run(method, params, 0);
    assertArrayEquals(
        first.assignments(), again.assignments(), method + ": same seed, same labels");
    assertEquals(0.0, again.timings().pretrain(), method + " reuses the cached autoencoder");
  }

  @Test
  void theSecondMethodTakesTheFirstMethodsAutoencoderFromTheCache() {
    RunResult a = run("ae-kmeans", Map.of(), 7);
    RunResult b = run("dcn", Map.of("epochs", 1), 7);
    assertTrue(a.timings().pretrain() > 0, "the first run of seed 7 pretrains");
    assertEquals(
        0.0,
        b.timings().pretrain(),
        "the second method of seed 7 starts from the cached autoencoder");
    assertEquals(
        a.initialScores(),
        b.initialScores(),
        "same autoencoder and k-means start, same initial scores");
  }

  @Test
  void settingsTheModeDoesNotUseShareTheCachedAutoencoder() {
    RunSpec plain =
        DecSyntheticTest.spec("ae-kmeans", Map.of(), Map.of("dims", "256,64,10"), 10, 9, cache);
    RunResult a = RUNNER.run(plain, ProgressSink.NONE);
    // The same end-to-end pretraining, with layer epochs and dropout (used by stacked pretraining
    // only)
    // set otherwise: the cached autoencoder is taken.
    RunResult b =
        RUNNER.run(
            plain.withPretrain(new PretrainConfig("end-to-end", 10, 40, 256, 0.001, 0.5)),
            ProgressSink.NONE);
    assertTrue(a.timings().pretrain() > 0);
    assertEquals(0.0, b.timings().pretrain(), "unused settings share the autoencoder");
    assertEquals(a.initialScores(), b.initialScores());
    // Other epochs are another autoencoder.
    RunResult c =
        RUNNER.run(
            plain.withPretrain(new PretrainConfig("end-to-end", 11, 0, 256, 0.001, 0.2)),
            ProgressSink.NONE);
    assertTrue(c.timings().pretrain() > 0, "another epoch count pretrains");
    assertEquals(
        new PretrainConfig("stacked", 10, 40, 256, 0.001, 0.5),
        Runner.effective(new PretrainConfig("stacked", 10, 40, 256, 0.001, 0.5)),
        "stacked uses every setting");
    assertEquals(
        Runner.effective(new PretrainConfig("none", 1, 2, 3, 0.5, 0.1)),
        Runner.effective(new PretrainConfig("none", 7, 0, 64, 0.01, 0.3)),
        "none uses none of them");
  }

  @Test
  void sgdPretrainingIsItsOwnAutoencoder() {
    RunSpec adam =
        DecSyntheticTest.spec("ae-kmeans", Map.of(), Map.of("dims", "256,64,10"), 10, 11, cache)
            .withPretrain(new PretrainConfig("end-to-end", 10, 0, 256, 0.05, 0.2));
    RunResult a = RUNNER.run(adam, ProgressSink.NONE);
    RunResult s =
        RUNNER.run(
            adam.withPretrain(new PretrainConfig("end-to-end", 10, 0, 256, 0.05, 0.2, "sgd", 0.9)),
            ProgressSink.NONE);
    assertTrue(
        a.timings().pretrain() > 0 && s.timings().pretrain() > 0,
        "SGD does not take Adam's autoencoder");
    assertEquals("sgd", s.config().pretrain().optimizer());
    assertTrue(
        !java.util.Arrays.deepEquals(a.sample().points(), s.sample().points()),
        "another optimiser, another embedding");
    RunResult again =
        RUNNER.run(
            adam.withPretrain(new PretrainConfig("end-to-end", 10, 0, 256, 0.05, 0.2, "sgd", 0.9)),
            ProgressSink.NONE);
    assertEquals(
        0.0, again.timings().pretrain(), "the same SGD settings take the cached autoencoder");
    assertArrayEquals(s.sample().points(), again.sample().points());
  }

  @Test
  void theInitialisationReachesTheNetwork() {
    // Mode none: the embedding is the initial network's, so the initialisation alone tells them
    // apart.
    RunSpec glorot =
        DecSyntheticTest.spec("ae-kmeans", Map.of(), Map.of("dims", "256,64,10"), 10, 11, cache)
            .withPretrain(new PretrainConfig("none", 0, 0, 256, 0.001, 0.2));
    RunResult g = RUNNER.run(glorot, ProgressSink.NONE);
    RunResult f =
        RUNNER.run(
            glorot.withPretrain(glorot.run().pretrain().withInit("fan-in-uniform")),
            ProgressSink.NONE);
    assertEquals("glorot-uniform", g.config().pretrain().init());
    assertEquals("fan-in-uniform", f.config().pretrain().init());
    assertTrue(
        !java.util.Arrays.deepEquals(g.sample().points(), f.sample().points()),
        "another initialisation, another embedding");
  }

  @Test
  void cacheKeysDependOnTheSettingsThatDetermineTheWeightsOnly() {
    // MNIST-70k (its real checksum), d-500-500-2000-10, 50 Adam epochs, seed 1.
    LoadedDataset mnist =
        new LoadedDataset(
            "mnist",
            new FeatureMatrix(new float[4], 1, 4),
            null,
            0,
            new DataProvenance(
                "MNIST",
                List.of(),
                "7986bf6c3f55b8aaa817c09f54dcc68f6d86bd8f69b434b1cfbf799ae8bb9639",
                ""));
    List<Integer> dims = List.of(500, 500, 2000, 10);
    Hyperparameters encoder = RUNNER.registry().encoder("mlp").info().resolve(Map.of("dims", dims));
    RunSpec spec =
        new RunSpec(
            new RunConfig(
                "dec",
                Map.of(),
                "mnist",
                Map.of(),
                "mlp",
                Map.of("dims", dims),
                new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2),
                10,
                1,
                20),
            new RunEnvironment(List.of(), false, cache, null, null, "test"));
    String adam = Runner.cacheId(spec.run(), mnist, encoder).key();
    assertTrue(adam.matches("[0-9a-f]{16}"), adam);
    assertEquals(
        adam,
        Runner.cacheId(
                spec.withPretrain(
                        new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2, "adam", 0.5))
                    .run(),
                mnist,
                encoder)
            .key(),
        "Adam does not use a momentum");
    String sgd =
        Runner.cacheId(
                spec.withPretrain(
                        new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2, "sgd", 0.9))
                    .run(),
                mnist,
                encoder)
            .key();
    assertNotEquals(adam, sgd);
    assertNotEquals(
        sgd,
        Runner.cacheId(
                spec.withPretrain(
                        new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2, "sgd", 0.5))
                    .run(),
                mnist,
                encoder)
            .key(),
        "SGD's momentum counts");
    assertNotEquals(
        adam,
        Runner.cacheId(
                spec.withPretrain(
                        new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2)
                            .withInit("fan-in-uniform"))
                    .run(),
                mnist,
                encoder)
            .key(),
        "the initialisation counts");
    RunSpec seed2 =
        new RunSpec(
            new RunConfig(
                "dec",
                Map.of(),
                "mnist",
                Map.of(),
                "mlp",
                Map.of("dims", dims),
                new PretrainConfig("end-to-end", 50, 0, 256, 0.001, 0.2),
                10,
                2,
                20),
            new RunEnvironment(List.of(), false, cache, null, null, "test"));
    assertNotEquals(adam, Runner.cacheId(seed2.run(), mnist, encoder).key(), "the seed counts");
  }
}
