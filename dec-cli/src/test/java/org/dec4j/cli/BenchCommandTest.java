package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.runtime.nn.GradientStep;
import org.dec4j.runtime.nn.MlpEncoder;
import org.dec4j.runtime.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dec4j bench} runs end to end on a tiny random matrix and prints every row; timings are not
 * checked.
 */
class BenchCommandTest {
  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** Runs {@code bench} on a 600 x 12 random matrix, one repetition, no progress lines. */
  private static Outcome runSmall(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "-d",
                "random",
                "--random-rows",
                "600",
                "--random-dim",
                "12",
                "-r",
                "1",
                "-q"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void printsTheSetupAndEveryRow() {
    Outcome o =
        runSmall(
            "--dims",
            "8,4",
            "--iterations",
            "20",
            "--update-interval",
            "10",
            "--batch-size",
            "64",
            "--kmeans-restarts",
            "1",
            "--threads",
            "current");
    assertEquals(0, o.code(), o.err());
    List<String> lines = Arrays.asList(o.out().split("\n"));
    for (String prefix :
        List.of(
            "data     random",
            "network  d-8-4",
            "jvm ",
            "engine ",
            "threads ",
            "machine ",
            "row ",
            "sgemm ",
            "pretrain epoch ",
            "pretrain epoch, SGD ",
            "step: forward + loss ",
            "step: forward + backward ",
            "step: Adam update ",
            "step: whole step ",
            "step: Adam update, MXNet ",
            "step: SGD update ",
            "step: SGD update, MXNet ",
            "target refresh ",
            "k-means init ",
            "metrics ",
            "dec 20 iterations ",
            "idec 20 iterations ",
            "dcn 20 iterations ",
            "peak memory ")) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(prefix)),
          "a line starts with '" + prefix + "':\n" + o.out());
    }
    assertTrue(o.out().contains("OMP_NUM_THREADS="), o.out());
    for (String line : lines) {
      if (line.startsWith("dec 20 iterations")) {
        String[] f = line.substring("dec 20 iterations".length()).trim().split("\\s+");
        double median = Double.parseDouble(f[0]);
        assertTrue(median > 0, line);
        assertEquals("s", f[3], line);
        assertTrue(Integer.parseInt(f[4]) >= 1, "the thr column: " + line);
      }
    }
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("pytorch ")),
        "no PyTorch line without --pytorch:\n" + o.out());
    assertTrue(
        lines.stream().noneMatch(l -> l.matches(".*\\d\\.\\d\\dx \\(.*")),
        "no ratio without --pytorch:\n" + o.out());
  }

  /** A PyTorch table as pytorch_reference.py prints it, for data of the given shape. */
  private static Path pytorchFile(Path dir, int rows, int cols) throws IOException {
    return Files.writeString(
        dir.resolve("torch.txt"),
        String.format(
            Locale.ROOT,
            """
            torch 1.13.0a0, threads 1,2, data (%d, %d), load (0.5, 0.4, 0.3)
            row                               median       min       max  thr
            step: whole step (ms)             100.00     99.00    101.00    1  load1 0.50-0.50
            step: Adam update (ms)              4.00      3.50      4.50    1  load1 0.50-0.50
            step: whole step (ms)              50.00     49.00     51.00    2  load1 0.50-0.50
            """,
            rows,
            cols));
  }

  @Test
  void pytorchFiguresGiveEachThreadCountItsOwnRatio(@TempDir Path dir) throws IOException {
    Path torch = pytorchFile(dir, 600, 12);
    Outcome o = runSmall("--rows", "step", "--threads", "1,2", "--pytorch", torch.toString());
    assertEquals(0, o.code(), o.err() + o.out());
    List<String> lines = Arrays.asList(o.out().split("\n"));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("pytorch  " + torch + " (torch 1.13.0a0")),
        o.out());
    for (String[] expected : List.of(new String[] {"1", "100"}, new String[] {"2", "50"})) {
      String row =
          lines.stream()
              .filter(l -> l.startsWith("step: whole step "))
              .filter(l -> l.substring(26).trim().split("\\s+")[4].equals(expected[0]))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no whole step at " + expected[0] + "\n" + o));
      String[] f = row.substring(26).trim().split("\\s+");
      double median = Double.parseDouble(f[0]);
      String ratio =
          String.format(
              Locale.ROOT, "%.2fx (%s)", median / Double.parseDouble(expected[1]), expected[1]);
      assertTrue(row.contains(ratio), "expected " + ratio + " in:\n" + row);
    }
    // dec4j's timing of MXNet's Adam kernel is set beside PyTorch's Adam; rows PyTorch did not
    // measure at a thread count get no ratio.
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("step: Adam update, MXNet")
                        && l.substring(26).trim().split("\\s+")[4].equals("1")
                        && l.contains("x (4)")),
        o.out());
    assertTrue(
        lines.stream()
            .filter(l -> l.startsWith("step: forward + loss"))
            .noneMatch(l -> l.contains("x (")),
        o.out());
  }

  @Test
  void pytorchFiguresOfOtherWorkGiveNoRatio(@TempDir Path dir) throws IOException {
    Path torch = pytorchFile(dir, 70000, 784);
    Outcome o =
        runSmall(
            "--dims",
            "8,4",
            "--rows",
            "step",
            "--threads",
            "current",
            "--pytorch",
            torch.toString());
    assertEquals(0, o.code(), o.err() + o.out());
    assertTrue(
        o.out()
            .contains(
                "pytorch  no ratios: "
                    + torch
                    + " measured other work (its data is 70000 x 784, this run's 600 x 12; "
                    + "its network is d-500-500-2000-10)"),
        o.out());
    assertTrue(!o.out().contains("x ("), o.out());
  }

  @Test
  void aBadPytorchFileIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nothing.txt");
    Outcome o = run("bench", "-d", "random", "-q", "--pytorch", missing.toString());
    assertEquals(Main.EXIT_CONFIG, o.code(), o.err());
    assertTrue(o.err().contains(missing + " does not exist"), o.err());
    assertTrue(!o.out().contains("row "), o.out());

    Path notTorch = Files.writeString(dir.resolve("notes.txt"), "step: whole step 1 1 1 1\n");
    o = run("bench", "-d", "random", "-q", "--pytorch", notTorch.toString());
    assertEquals(Main.EXIT_CONFIG, o.code(), o.err());
    assertTrue(
        o.err()
            .contains(
                notTorch + " does not start as the output of tools/bench/pytorch_reference.py"),
        o.err());
    assertTrue(!o.err().contains("at org."), "no stack trace:\n" + o.err());

    Path empty =
        Files.writeString(
            dir.resolve("cut.txt"), "torch 1.13.0a0, threads 1, data (600, 12), load (0, 0, 0)\n");
    o = run("bench", "-d", "random", "-q", "--pytorch", empty.toString());
    assertEquals(Main.EXIT_CONFIG, o.code(), o.err());
    assertTrue(o.err().contains(empty + " has no rows"), o.err());
  }

  /**
   * Every thread count runs in its own JVM; the setup is printed once, the rows of each count
   * follow.
   */
  @Test
  void measuresEveryThreadCountInItsOwnJvm() {
    Outcome o =
        runSmall("--dims", "8,4", "--batch-size", "64", "--rows", "step", "--threads", "1,2");
    assertEquals(0, o.code(), o.err() + o.out());
    List<String> lines = Arrays.asList(o.out().split("\n"));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("row ")).count(), o.out());
    assertEquals(1, lines.stream().filter(l -> l.startsWith("data ")).count(), o.out());
    for (String threads : List.of("1", "2")) {
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.startsWith("step: whole step ")
                          && l.substring(26).trim().split("\\s+")[4].equals(threads)),
          "a whole-step row with " + threads + " threads:\n" + o.out());
    }
  }

  @Test
  void aThreadCountMustBePositive() {
    Outcome o = run("bench", "-d", "random", "--threads", "0", "-q");
    assertEquals(Main.EXIT_CONFIG, o.code(), o.err());
    assertTrue(o.err().contains("--threads"), o.err());
  }

  @Test
  void anUnknownRowIsAConfigurationError() {
    Outcome o = run("bench", "-d", "random", "--rows", "pretrain,warp-drive", "-q");
    assertEquals(Main.EXIT_CONFIG, o.code(), o.err());
    assertTrue(o.err().contains("warp-drive") && o.err().contains("sgemm"), o.err());
  }

  /**
   * The step rows time the optimiser on the same stale gradients again and again, which moved the
   * weights so far that the clustering rows after them found an infinite embedding on random data;
   * they must leave the network's weights as they found them.
   */
  @Test
  void theStepRowsLeaveTheWeightsAsTheyFoundThem() {
    Benchmark.Options options =
        new Benchmark.Options(
            "random",
            Map.of(),
            List.of(),
            300,
            12,
            List.of(8, 4),
            64,
            2,
            10,
            140,
            1,
            List.of("step"),
            3);
    var encoder = new MlpEncoder();
    var params = encoder.info().resolve(Map.of(MlpEncoder.DIMS, "8,4"));
    float[] values = new float[300 * 12];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 7919 % 1000) / 1000f;
    }
    List<String> rows = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager();
        Network network =
            new Network(encoder.create(new EncoderSpec(12, params)), 12, manager, 3)) {
      NDArray x = manager.create(values, new Shape(300, 12));
      List<NDArray> weights =
          List.copyOf(GradientStep.trainable(network.parameters(true)).values());
      List<float[]> before = weights.stream().map(NDArray::toFloatArray).toList();
      Benchmark.step(options, network, x, 12 * 8 + 8 * 4, row -> rows.add(row.name()));
      assertEquals(7, rows.size(), rows.toString());
      for (int i = 0; i < weights.size(); i++) {
        assertArrayEquals(before.get(i), weights.get(i).toFloatArray(), "array " + i);
      }
    }
  }
}
