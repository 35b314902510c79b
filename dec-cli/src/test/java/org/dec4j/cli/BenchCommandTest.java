package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void printsTheSetupAndEveryRow() {
    Outcome o =
        run(
            "bench",
            "-d",
            "random",
            "--random-rows",
            "600",
            "--random-dim",
            "12",
            "--dims",
            "8,4",
            "-r",
            "1",
            "--iterations",
            "20",
            "--update-interval",
            "10",
            "--batch-size",
            "64",
            "--kmeans-restarts",
            "1",
            "-q",
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
            "step: forward + loss ",
            "step: forward + backward ",
            "step: Adam update ",
            "step: whole step ",
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
        !o.out().contains("(9.3-11.4)"),
        "PyTorch ratios are only shown for MNIST's shape:\n" + o.out());
  }

  /**
   * Every thread count runs in its own JVM; the setup is printed once, the rows of each count
   * follow.
   */
  @Test
  void measuresEveryThreadCountInItsOwnJvm() {
    Outcome o =
        run(
            "bench",
            "-d",
            "random",
            "--random-rows",
            "600",
            "--random-dim",
            "12",
            "--dims",
            "8,4",
            "-r",
            "1",
            "--batch-size",
            "64",
            "--rows",
            "step",
            "-q",
            "--threads",
            "1,2");
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
}
