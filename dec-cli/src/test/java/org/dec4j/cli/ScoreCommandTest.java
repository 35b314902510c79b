package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dec4j score} through the launcher, in a JVM of its own: it prints what {@link
 * ClusteringMetrics} computes for CSV, TSV and .npy label files, and refuses bad files with exit
 * code 2 or 3 and a message naming the file and the line, without a stack trace.
 */
class ScoreCommandTest {
  @TempDir static Path dir;

  private static final AtomicInteger CHILDREN = new AtomicInteger();

  static final int[] TRUTH = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
  static final int[] PRED = {5, 5, 7, 7, 7, 7, 9, 9, 9, 5};

  @BeforeAll
  static void files() throws IOException {
    StringBuilder truth = new StringBuilder("id,label\n");
    StringBuilder pred = new StringBuilder("index,cluster,q_0\n");
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < TRUTH.length; i++) {
      truth.append("s").append(i).append(',').append(TRUTH[i]).append('\n');
      pred.append(i).append(',').append(PRED[i]).append(",0.5\n");
      tsv.append(String.format(Locale.ROOT, "%d\t%.18e%n", i, (double) TRUTH[i]));
    }
    Files.writeString(dir.resolve("truth.csv"), truth);
    Files.writeString(dir.resolve("pred.csv"), pred);
    Files.writeString(dir.resolve("truth.tsv"), tsv);
    Files.write(dir.resolve("pred.npy"), npy(PRED));
    Files.writeString(dir.resolve("ragged.csv"), "label\n0\n1,2\n1\n");
    Files.writeString(dir.resolve("fraction.csv"), "cluster\n0\n2.5\n1\n");
    Files.writeString(dir.resolve("names.csv"), "label\ncat\ndog\n");
    Files.writeString(dir.resolve("short.csv"), "0\n1\n2\n");
    Files.writeString(dir.resolve("two.csv"), "a,b\n0,1\n1,0\n");
    Files.writeString(dir.resolve("empty.csv"), "\n\n");
  }

  /** A .npy file (format 1.0) of little-endian int64 labels, as numpy.save writes one. */
  static byte[] npy(int[] values) {
    String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + values.length + ",), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + 8 * values.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
        .putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  private static CliRun score(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("score"));
    all.addAll(List.of(args));
    ChildJvm.Result r =
        ChildJvm.run(
            dir.resolve("child-" + CHILDREN.incrementAndGet()), all.toArray(String[]::new));
    return new CliRun(r.code(), r.out(), r.err());
  }

  @Test
  void printsWhatClusteringMetricsComputes() throws Exception {
    String expected =
        ClusteringMetrics.scores(TRUTH, PRED) + "  (10 samples, 3 classes, 3 clusters)";
    CliRun csv =
        score(
            "--truth",
            dir.resolve("truth.csv").toString(),
            "--pred",
            dir.resolve("pred.csv").toString(),
            "--matching");
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals(expected, lines.get(0), "the label and cluster columns are found by name");
    // Cluster 5 holds two of class 0 and one of class 2; 7 three of class 1 and one of 0; 9 three
    // of 2.
    assertEquals(
        List.of(
            "cluster  class  matched  size",
            "      5      0        2     3",
            "      7      1        3     4",
            "      9      2        3     3"),
        lines.subList(1, 5));

    CliRun mixed =
        score(
            "--truth",
            dir.resolve("truth.tsv").toString(),
            "--truth-column",
            "1",
            "--pred",
            dir.resolve("pred.npy").toString());
    assertEquals(0, mixed.code(), mixed.err());
    assertEquals(
        expected + System.lineSeparator(),
        mixed.out(),
        "TSV of savetxt floats and a .npy give the same");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(
            "missing file",
            new String[] {"--truth", "absent.csv", "--pred", "pred.csv"},
            3,
            new String[] {"absent.csv", "no such file"}),
        Arguments.of(
            "ragged rows",
            new String[] {"--truth", "ragged.csv", "--pred", "short.csv"},
            3,
            new String[] {"ragged.csv", "line 3", "2 fields, expected 1"}),
        Arguments.of(
            "different lengths",
            new String[] {"--truth", "truth.csv", "--pred", "short.csv"},
            3,
            new String[] {"truth.csv has 10 labels", "short.csv has 3"}),
        Arguments.of(
            "non-integer label",
            new String[] {"--truth", "truth.csv", "--pred", "fraction.csv"},
            3,
            new String[] {"fraction.csv", "line 3", "'2.5' is not an integer label"}),
        Arguments.of(
            "class names",
            new String[] {"--truth", "names.csv", "--pred", "short.csv"},
            3,
            new String[] {"names.csv", "line 2", "'cat'"}),
        Arguments.of(
            "empty file",
            new String[] {"--truth", "empty.csv", "--pred", "short.csv"},
            3,
            new String[] {"empty.csv", "empty"}),
        Arguments.of(
            "unknown column",
            new String[] {
              "--truth", "truth.csv", "--truth-column", "species", "--pred", "pred.csv"
            },
            2,
            new String[] {"--truth-column species", "truth.csv", "id, label"}),
        Arguments.of(
            "no column to choose",
            new String[] {"--truth", "truth.csv", "--pred", "two.csv"},
            2,
            new String[] {"two.csv", "2 columns (a, b)", "--pred-column"}),
        Arguments.of(
            "no --pred", new String[] {"--truth", "truth.csv"}, 2, new String[] {"--pred"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedCleanly(String name, String[] args, int code, String[] fragments)
      throws Exception {
    String[] resolved = args.clone();
    for (int i = 0; i < resolved.length; i++) {
      if (resolved[i].contains(".csv") || resolved[i].contains(".npy")) {
        resolved[i] = dir.resolve(resolved[i]).toString();
      }
    }
    CliRun o = score(resolved);
    assertEquals(code, o.code(), name + ": exit code; stderr: " + o.err());
    for (String f : fragments) {
      assertTrue(o.err().contains(f), name + ": the message should name '" + f + "': " + o.err());
    }
    assertTrue(
        !o.err().contains("\tat ") && !o.err().contains("Exception"),
        name + ": no stack trace: " + o.err());
    assertEquals("", o.out(), name + ": nothing on standard output");
  }
}
