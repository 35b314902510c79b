package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code dec4j run} in a child JVM is killed with SIGKILL ({@link Process#destroyForcibly})
 * during pretraining, started again and killed during the clustering phase, then run to the end:
 * each restart resumes from the last checkpoint, and the result equals that of a run that was never
 * interrupted (assignments, metrics, iterations, trace), after which the checkpoints are gone.
 */
class KillResumeTest {
  @TempDir Path temp;

  private static final String[] RUN = {
    "run",
    "-m",
    "dec",
    "-d",
    "blobs",
    "-D",
    "n=1000",
    "-D",
    "d=20",
    "-D",
    "k=4",
    "-D",
    "spread=3",
    "--dims",
    "32,8",
    "--pretrain-epochs",
    "20",
    "--pretrain-batch",
    "64",
    "--kmeans-restarts",
    "2",
    "-P",
    "max_iter=300",
    "-P",
    "update_interval=10",
    "-P",
    "batch_size=64",
    "-P",
    "tol=0",
    "--seed",
    "5",
    "--no-cache",
  };

  @Test
  void aKilledRunResumesToTheUninterruptedResult() throws Exception {
    Path expectedFile = temp.resolve("uninterrupted.json");
    String out = inProcess(args("--no-checkpoint", "-o", expectedFile.toString()));
    RunResult expected = Json.read(expectedFile, RunResult.class);

    Path checkpoints = temp.resolve("checkpoints");
    Path resultFile = temp.resolve("resumed.json");
    String[] checkpointed =
        args(
            "--checkpoint-dir",
            checkpoints.toString(),
            "--checkpoint-epochs",
            "1",
            "--checkpoint-refreshes",
            "1",
            "-o",
            resultFile.toString());

    String first =
        killWhenPresent(checkpointed, checkpoints, "pretrain.ckpt", temp.resolve("child1.log"));
    assertFalse(Files.exists(resultFile), "the killed run wrote no result: " + first);
    String second =
        killWhenPresent(checkpointed, checkpoints, "cluster.ckpt", temp.resolve("child2.log"));
    assertTrue(
        second.contains("resuming"),
        "the second run resumes from the first one's checkpoint:\n" + second);
    assertFalse(Files.exists(resultFile), "the killed run wrote no result: " + second);

    String last = inProcess(checkpointed);
    assertTrue(
        last.contains("resuming the clustering phase"),
        "the last run resumes the clustering phase:\n" + last);
    RunResult resumed = Json.read(resultFile, RunResult.class);

    assertArrayEquals(expected.assignments(), resumed.assignments(), "assignments");
    assertEquals(expected.scores(), resumed.scores(), "scores");
    assertEquals(expected.initialScores(), resumed.initialScores(), "k-means scores");
    assertEquals(expected.iterations(), resumed.iterations(), "iterations");
    assertEquals(expected.trace().size(), resumed.trace().size(), "refreshes");
    for (int i = 0; i < expected.trace().size(); i++) {
      TraceEntry a = expected.trace().get(i);
      TraceEntry b = resumed.trace().get(i);
      assertEquals(a.iteration(), b.iteration());
      assertEquals(a.loss(), b.loss(), "loss at refresh " + i);
      assertEquals(a.labelChange(), b.labelChange(), "label change at refresh " + i);
      assertEquals(a.scores(), b.scores(), "scores at refresh " + i);
    }
    assertEquals(expected.config(), resumed.config());
    assertEquals(5L, resumed.config().seed(), "the result records the seed");
    try (Stream<Path> left = Files.list(checkpoints)) {
      assertEquals(
          List.of(), left.toList(), "the run's checkpoints are deleted once its result is written");
    }
    assertTrue(out.contains("ACC"), out);
  }

  private static String[] args(String... extra) {
    List<String> all = new ArrayList<>(List.of(RUN));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  /**
   * Runs {@code dec4j} in this JVM; returns its output, progress (printed to System.err) included.
   */
  private static String inProcess(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    int code;
    System.setErr(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.setErr(stderr);
    }
    String all =
        out + "\n" + err + "\n" + progress.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, code, all);
    return all;
  }

  /**
   * Starts {@code dec4j} in a child JVM and kills it (SIGKILL) as soon as a checkpoint file
   * appears.
   *
   * @return what the child printed
   */
  private static String killWhenPresent(String[] args, Path checkpoints, String name, Path log)
      throws Exception {
    Process child =
        new ProcessBuilder(ChildJvm.command(args))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!present(checkpoints, name)) {
        assertTrue(
            child.isAlive(),
            "the child ended before writing " + name + ":\n" + Files.readString(log));
        assertTrue(
            System.nanoTime() < deadline,
            "no " + name + " within 120 s:\n" + Files.readString(log));
        Thread.sleep(5);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(child.exitValue() != 0, "the child was killed, not finished");
    return Files.readString(log);
  }

  private static boolean present(Path checkpoints, String name) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (Stream<Path> runs = Files.list(checkpoints)) {
      return runs.anyMatch(run -> Files.isRegularFile(run.resolve(name)));
    }
  }
}
