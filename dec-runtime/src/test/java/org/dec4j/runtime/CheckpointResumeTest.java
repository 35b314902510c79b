package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.TraceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run that stops in the middle of pretraining or of the clustering phase (simulated here by a
 * progress sink that throws; {@code dec-cli}'s KillResumeTest kills a real process) resumes from
 * its last checkpoint and ends with exactly the result of a run that never stopped: the same
 * assignments, scores, trace and embedding.
 */
class CheckpointResumeTest {
  @TempDir Path temp;

  private final Runner runner = new Runner(PluginRegistry.discover());

  static RunSpec spec(String method, String pretrainMode, Map<String, Object> params) {
    return new RunSpec(
        new RunConfig(
            method,
            params,
            "blobs",
            Map.of("n", 300, "d", 8, "k", 3, "spread", 2.5),
            "mlp",
            Map.of("dims", "16,4"),
            new PretrainConfig(pretrainMode, 8, 5, 64, 0.003, 0.1),
            0,
            3,
            2),
        new RunEnvironment(List.of(), false, null, null, null, "test"));
  }

  private Checkpointing everyBoundary() {
    return new Checkpointing(temp.resolve("checkpoints"), 1, 1, 0);
  }

  @ParameterizedTest(name = "{0}, {1} pretraining, stopped in {2} at {3}")
  @CsvSource({
    "dec,  end-to-end, pretrain,  5",
    "dec,  end-to-end, cluster,   100",
    "idec, stacked,    layer 2/2, 3",
    "idec, stacked,    finetune,  4",
    "idec, stacked,    cluster,   80",
    "dcn,  end-to-end, cluster,   95",
  })
  void resumesToTheUninterruptedResult(String method, String pretrain, String phase, int at)
      throws IOException {
    Map<String, Object> params =
        switch (method) {
          case "dcn" -> Map.of("epochs", 30, "batch_size", 64, "update_interval", 15, "tol", 0.0);
          default -> Map.of("max_iter", 150, "batch_size", 64, "update_interval", 15, "tol", 0.0);
        };
    RunSpec plain = spec(method, pretrain, params);
    RunResult expected = runner.run(plain, ProgressSink.NONE);

    RunSpec checkpointed = plain.withCheckpoints(everyBoundary());
    assertThrows(
        CrashingProgress.Crashed.class,
        () -> runner.run(checkpointed, new CrashingProgress(phase, at)));
    Path folder = onlyRunFolder();
    assertTrue(
        Files.exists(folder.resolve(phase.equals("cluster") ? "cluster.ckpt" : "pretrain.ckpt")),
        "a checkpoint was written before the stop: " + list(folder));

    CrashingProgress watcher = CrashingProgress.listening();
    RunResult resumed = runner.run(checkpointed, watcher);
    assertTrue(
        watcher.infos().stream().anyMatch(m -> m.startsWith("resuming")),
        "says it resumes: " + watcher.infos());
    assertSameOutcome(expected, resumed);

    runner.discardCheckpoints(checkpointed.environment(), resumed);
    assertFalse(Files.exists(folder), "the checkpoints are deleted once the result is written");
  }

  @Test
  void pluginDirectoryJarsEnterTheKeyAndRunsOfBundledPluginsKeepTheirKeys() {
    org.dec4j.api.result.RunConfig config =
        new org.dec4j.api.result.RunConfig(
            "dec",
            Map.of("max_iter", 100),
            "blobs",
            Map.of("n", 300),
            "mlp",
            Map.of("dims", List.of(16, 4)),
            new PretrainConfig("end-to-end", 8, 5, 64, 0.003, 0.1),
            3,
            0,
            2);
    String sha = "ab".repeat(32);
    // The key this configuration had before plugin jars were part of it: checkpoints of running
    // jobs stay valid.
    assertEquals(
        "fb58e94b6c21eae5", Checkpoints.key(Checkpoints.description(config, sha, Map.of())));
    String a =
        Checkpoints.key(
            Checkpoints.description(config, sha, Map.of("objective:dkm", "1".repeat(64))));
    String b =
        Checkpoints.key(
            Checkpoints.description(config, sha, Map.of("objective:dkm", "2".repeat(64))));
    assertFalse(a.equals(b), "two builds of a plugin jar, two keys");
  }

  @Test
  void anUnusableCheckpointIsDiscardedAndTheRunStartsOver() throws IOException {
    RunSpec plain =
        spec(
            "dec",
            "end-to-end",
            Map.of("max_iter", 120, "batch_size", 64, "update_interval", 15, "tol", 0.0));
    RunResult expected = runner.run(plain, ProgressSink.NONE);
    RunSpec checkpointed = plain.withCheckpoints(everyBoundary());
    assertThrows(
        CrashingProgress.Crashed.class,
        () -> runner.run(checkpointed, new CrashingProgress("cluster", 70)));
    Path file = onlyRunFolder().resolve("cluster.ckpt");

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    CrashingProgress corrupt = CrashingProgress.listening();
    assertSameOutcome(expected, runner.run(checkpointed, corrupt));
    assertTrue(
        corrupt.infos().stream()
            .anyMatch(
                m -> m.contains("ignoring an unreadable checkpoint") && m.contains("checksum")),
        corrupt.infos().toString());

    // A checkpoint of another problem size (here: DCN's, under this DEC run's name) cannot be
    // restored.
    RunSpec dcn =
        spec("dcn", "end-to-end", Map.of("epochs", 20, "batch_size", 64, "update_interval", 15))
            .withCheckpoints(new Checkpointing(temp.resolve("other"), 1, 1, 0));
    assertThrows(
        CrashingProgress.Crashed.class, () -> runner.run(dcn, new CrashingProgress("cluster", 40)));
    Path dcnFile = only(temp.resolve("other")).resolve("cluster.ckpt");
    assertThrows(
        CrashingProgress.Crashed.class,
        () -> runner.run(checkpointed, new CrashingProgress("cluster", 70)));
    Files.copy(
        dcnFile,
        onlyRunFolder().resolve("cluster.ckpt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CrashingProgress mismatch = CrashingProgress.listening();
    assertSameOutcome(expected, runner.run(checkpointed, mismatch));
    assertTrue(
        mismatch.infos().stream()
            .anyMatch(m -> m.startsWith("cannot resume") && m.contains("starting the run over")),
        mismatch.infos().toString());
  }

  @Test
  void aSecondRunOfTheSameConfigurationIsRefusedWhileTheFirstRuns() {
    RunSpec checkpointed =
        spec(
                "dec",
                "end-to-end",
                Map.of("max_iter", 60, "batch_size", 64, "update_interval", 15, "tol", 0.0))
            .withCheckpoints(everyBoundary());
    List<RuntimeException> second = new ArrayList<>();
    // While the first run is in its clustering phase, the same configuration is started again (as a
    // second terminal or a suite started twice would).
    ProgressSink first =
        new ProgressSink() {
          @Override
          public void start(String phase, long total) {}

          @Override
          public void finish(String summary) {}

          @Override
          public void advance(long done, String status) {
            if (done == 30 && second.isEmpty()) {
              try {
                runner.run(checkpointed, ProgressSink.NONE);
                second.add(new IllegalStateException("the second run was not refused"));
              } catch (ConfigException e) {
                second.add(e);
              }
            }
          }
        };
    RunResult result = runner.run(checkpointed, first);
    assertEquals(1, second.size());
    String message = second.get(0).getMessage();
    assertTrue(second.get(0) instanceof ConfigException, message);
    assertTrue(
        message.startsWith(
                "this configuration is already running in process " + ProcessHandle.current().pid())
            && message.contains(temp.resolve("checkpoints").toString())
            && message.contains("--no-checkpoint"),
        message);
    assertEquals(60, result.iterations(), "the first run went on undisturbed");

    // Once the first run is over, its folder is free: the same configuration runs (and resumes).
    assertSameOutcome(result, runner.run(checkpointed, ProgressSink.NONE));
  }

  @Test
  void noCheckpointsAreWrittenWhenDisabled() {
    RunSpec plain =
        spec(
            "dec",
            "end-to-end",
            Map.of("max_iter", 60, "batch_size", 64, "update_interval", 20, "tol", 0.0));
    assertThrows(
        CrashingProgress.Crashed.class,
        () -> runner.run(plain, new CrashingProgress("cluster", 40)));
    assertFalse(Files.exists(temp.resolve("checkpoints")));
  }

  static void assertSameOutcome(RunResult expected, RunResult actual) {
    assertArrayEquals(expected.assignments(), actual.assignments(), "assignments");
    assertEquals(expected.scores(), actual.scores(), "scores");
    assertEquals(expected.initialScores(), actual.initialScores(), "k-means scores");
    assertEquals(expected.iterations(), actual.iterations(), "iterations");
    assertEquals(expected.converged(), actual.converged(), "converged");
    assertEquals(expected.trace().size(), actual.trace().size(), "trace length");
    for (int i = 0; i < expected.trace().size(); i++) {
      TraceEntry a = expected.trace().get(i);
      TraceEntry b = actual.trace().get(i);
      assertEquals(a.iteration(), b.iteration(), "trace " + i);
      assertEquals(a.loss(), b.loss(), "trace " + i + " loss");
      assertEquals(a.labelChange(), b.labelChange(), "trace " + i + " label change");
      assertEquals(a.scores(), b.scores(), "trace " + i + " scores");
    }
    assertArrayEquals(expected.sample().centroids(), actual.sample().centroids(), "centroids");
    assertArrayEquals(expected.sample().points(), actual.sample().points(), "final embedding");
    assertEquals(expected.config(), actual.config(), "configuration");
  }

  private Path onlyRunFolder() throws IOException {
    return only(temp.resolve("checkpoints"));
  }

  private static Path only(Path dir) throws IOException {
    try (Stream<Path> runs = Files.list(dir)) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size(), "one run folder: " + all);
      return all.getFirst();
    }
  }

  private static String list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList().toString();
    }
  }
}
