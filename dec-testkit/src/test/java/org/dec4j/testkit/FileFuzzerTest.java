package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer tells clean refusals from everything else, and its cases depend only on the seed. */
class FileFuzzerTest {
  @TempDir Path temp;

  private static final byte[] VALID = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);

  /**
   * A strict little reader: two numeric columns after a header, else a DataException naming the
   * file.
   */
  private static void strict(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    if (lines.isEmpty() || !lines.getFirst().equals("a,b")) {
      throw new DataException(file.getFileName() + ": no header 'a,b'");
    }
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != 2 || !f[0].matches("-?[0-9]+") || !f[1].matches("-?[0-9]+")) {
        throw new DataException(file.getFileName() + ": line " + (i + 1) + " is not two integers");
      }
    }
  }

  @Test
  void aStrictReaderPassesAndSomeCasesAreRefused() {
    FileFuzzer.Report report =
        new FileFuzzer()
            .cases(200)
            .run("strict", 1, List.of(VALID), true, temp.resolve("t.csv"), FileFuzzerTest::strict);
    report.assertClean();
    assertEquals(200, report.cases());
    assertTrue(report.refused() > 50 && report.refused() < 200, "refused " + report.refused());
  }

  @Test
  void uncleanOutcomesAreCaughtAndNamed() {
    Path file = temp.resolve("x.bin");
    FileFuzzer fuzzer = new FileFuzzer();
    FileFuzzer.Reader refuses =
        f -> {
          throw new DataException(f.getFileName() + ": refused");
        };
    FileFuzzer.Reader crashes =
        f -> {
          throw new IllegalStateException("boom");
        };
    FileFuzzer.Reader anonymous =
        f -> {
          throw new DataException("refused, but which file?");
        };
    FileFuzzer.Reader runsOutOfMemory =
        f -> {
          throw new OutOfMemoryError("Java heap space");
        };
    assertNull(fuzzer.runCase(f -> {}, file), "accepted");
    assertEquals("", fuzzer.runCase(refuses, file));
    assertTrue(fuzzer.runCase(crashes, file).startsWith("java.lang.IllegalStateException: boom"));
    assertTrue(fuzzer.runCase(anonymous, file).startsWith("message does not name 'x.bin'"));
    assertTrue(fuzzer.runCase(runsOutOfMemory, file).contains("OutOfMemoryError"));
    assertTrue(
        fuzzer
            .naming(f -> "the model folder")
            .runCase(refuses, file)
            .startsWith("message does not name"));
    assertTrue(
        fuzzer
            .timeout(Duration.ofMillis(200))
            .runCase(f -> Thread.sleep(5_000), file)
            .startsWith("hang"));
    FileFuzzer.Reader spins =
        f -> {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
        };
    assertTrue(
        fuzzer.timeout(Duration.ofMillis(200)).runCase(spins, file).startsWith("hang: no answer"),
        "a reader that loops for ever is a hang once it used the limit in CPU time");
    assertNull(
        fuzzer.timeout(Duration.ofMillis(200)).runCase(f -> Thread.sleep(800), file),
        "a reader that waits (as on a machine busy with other work) longer than the limit but uses no CPU is slow, "
            + "not hung: the limit is CPU time, with ten times as long on the wall clock for a blocked reader");

    AssertionError crashed =
        assertThrows(
            AssertionError.class,
            () ->
                fuzzer
                    .cases(20)
                    .run("crashes", 2, List.of(VALID), true, file, crashes)
                    .assertClean());
    assertTrue(
        crashed.getMessage().startsWith("crashes: 20 unclean outcomes of 20 cases:\ncase 0 ("),
        crashed.getMessage());
    AssertionError lax =
        assertThrows(
            AssertionError.class,
            () ->
                fuzzer.cases(20).run("lax", 3, List.of(VALID), true, file, f -> {}).assertClean());
    assertTrue(lax.getMessage().contains("none of 20 cases was refused"), lax.getMessage());
  }

  @Test
  void casesDependOnlyOnTheSeedAndTheFileEndsValid() throws Exception {
    Path file = temp.resolve("seeded.csv");
    List<List<String>> runs = new ArrayList<>();
    for (long seed : new long[] {7, 7, 8}) {
      List<String> seen = new ArrayList<>();
      new FileFuzzer()
          .cases(50)
          .run(
              "record",
              seed,
              List.of(VALID),
              true,
              file,
              f -> seen.add(java.util.HexFormat.of().formatHex(Files.readAllBytes(f))));
      runs.add(seen);
    }
    assertEquals(runs.get(0), runs.get(1), "same seed, same cases");
    assertNotEquals(runs.get(0), runs.get(2), "another seed, other cases");
    String valid = java.util.HexFormat.of().formatHex(VALID);
    assertTrue(
        runs.get(0).stream().filter(c -> !c.equals(valid)).distinct().count() > 40,
        "the cases are mutations, mostly different: " + runs.get(0));
    assertEquals(
        new String(VALID, StandardCharsets.UTF_8),
        Files.readString(file),
        "the valid seed is put back");
  }
}
