package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dec4j suite}: run, resume, shard, merge and report from the command line; bad files. */
class SuiteCommandTest {
  /** Two seeds on 120 blobs in R^4; a 8-2 autoencoder, two epochs. */
  private static final String TINY =
      """
      name: cli
      datasets: [{id: blobs, options: {n: 120, d: 4, k: 2}}]
      methods:
        - kmeans
        - {id: dec, params: {max_iter: 20, update_interval: 5, batch_size: 32}}
      seeds: [0, 1]
      autoencoder: {params: {dims: [8, 2]}, pretrain: {epochs: 2, batch_size: 32}}
      kmeans_restarts: 2
      report: {map: none}
      """;

  @TempDir Path temp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path suite(String name, String text) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void runsResumesAndReports() throws Exception {
    Path file = suite("cli.yaml", TINY);
    Path out = temp.resolve("out");
    String cache = temp.resolve("cache").toString();
    CliRun first =
        run("suite", "run", file.toString(), "-o", out.toString(), "--cache-dir", cache, "-q");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("| kmeans |") && first.out().contains("| dec |"), first.out());
    assertTrue(first.out().contains("runs: 4 done now, 0 done before, 0 failed"), first.out());
    for (String f :
        List.of("summary.csv", "runs.csv", "summary.md", "summary.tex", "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }

    CliRun dry = run("suite", "run", file.toString(), "-o", out.toString(), "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().contains("done 4, to do 0"), dry.out());

    CliRun again =
        run("suite", "run", file.toString(), "-o", out.toString(), "--cache-dir", cache, "-q");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("runs: 0 done now, 4 done before"), again.out());

    CliRun report = run("suite", "report", out.toString(), "-q");
    assertEquals(0, report.code(), report.err());
    assertTrue(report.out().contains("report of 4 runs (1 data set, 2 methods)"), report.out());
    assertFalse(report.out().contains("Against published figures"), report.out());

    // Published figures added to the suite file afterwards: the report sets them beside the runs,
    // and
    // --map keeps them.
    Path withFigures =
        suite(
            "published.yaml",
            TINY.replace(
                "report: {map: none}",
                """
        report:
          map: none
          published: [{dataset: blobs, method: dec, acc: 0.9, source: "a paper"}]"""));
    CliRun published =
        run(
            "suite",
            "report",
            out.toString(),
            "--suite",
            withFigures.toString(),
            "--map",
            "none",
            "-q");
    assertEquals(0, published.code(), published.err());
    assertTrue(
        published.out().contains("## Against published figures")
            && published.out().contains("| dec | ACC |")
            && published.out().contains("| 0.900 |")
            && published.out().contains("| a paper |"),
        published.out());
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| a paper |"));
  }

  @Test
  void shardsRunTheirPartAndMergeIntoTheSameTable() throws Exception {
    Path file = suite("cli.yaml", TINY);
    String cache = temp.resolve("cache").toString();
    for (int i = 0; i < 2; i++) {
      CliRun o =
          run(
              "suite",
              "run",
              file.toString(),
              "--shard",
              i + "/2",
              "-o",
              temp.resolve("s" + i).toString(),
              "--cache-dir",
              cache,
              "-q");
      assertEquals(0, o.code(), o.err());
      assertTrue(
          o.out().contains("runs: 2 done now, 0 done before, 0 failed, 2 left to other shards"),
          o.out());
      assertFalse(
          Files.exists(temp.resolve("s" + i).resolve("report.html")), "a shard writes no report");
    }
    CliRun merged =
        run(
            "suite",
            "merge",
            temp.resolve("s0").toString(),
            temp.resolve("s1").toString(),
            "-o",
            temp.resolve("merged").toString(),
            "-q");
    assertEquals(0, merged.code(), merged.err());
    assertTrue(merged.out().contains("4 results copied"), merged.out());

    CliRun whole =
        run(
            "suite",
            "run",
            file.toString(),
            "-o",
            temp.resolve("whole").toString(),
            "--cache-dir",
            cache,
            "-q");
    assertEquals(0, whole.code(), whole.err());
    assertEquals(
        Files.readString(temp.resolve("whole/summary.md")),
        Files.readString(temp.resolve("merged/summary.md")));
  }

  @Test
  void badInputNamesTheProblem() throws Exception {
    CliRun none = run("suite", "run");
    assertEquals(Main.EXIT_CONFIG, none.code());
    assertTrue(none.err().contains("give a suite file, or --example"), none.err());

    CliRun typo =
        run(
            "suite",
            "run",
            suite("typo.yaml", TINY.replace("seeds:", "sedes:")).toString(),
            "-o",
            temp.resolve("typo").toString());
    assertEquals(Main.EXIT_CONFIG, typo.code());
    assertTrue(
        Pattern.compile("typo\\.yaml:\\d+:1: unknown field 'sedes'").matcher(typo.err()).find(),
        "the file, the line and column of the key: " + typo.err());
    assertFalse(Files.exists(temp.resolve("typo")), "nothing is written for an invalid suite");

    CliRun param =
        run("suite", "run", suite("param.yaml", TINY.replace("max_iter", "max_iters")).toString());
    assertEquals(Main.EXIT_CONFIG, param.code());
    assertTrue(
        param.err().contains("methods[1]: dec: unknown hyperparameter 'max_iters'"), param.err());

    CliRun shard = run("suite", "run", suite("ok.yaml", TINY).toString(), "--shard", "2/2");
    assertEquals(Main.EXIT_CONFIG, shard.code());
    assertTrue(shard.err().contains("--shard 2/2"), shard.err());

    CliRun merge =
        run(
            "suite",
            "merge",
            temp.resolve("nowhere").toString(),
            "-o",
            temp.resolve("m").toString());
    assertEquals(Main.EXIT_DATA, merge.code());
    assertTrue(merge.err().contains("nowhere: no such result folder"), merge.err());
  }

  @Test
  void theExampleSuitePrintsAsYaml() {
    CliRun o = run("suite", "example");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("name: default") && o.out().contains("- id: auto"), o.out());
  }

  /**
   * The suite files docs/RESULTS.md tells readers to rerun are valid suites (dry run: nothing is
   * loaded or run).
   */
  @Test
  void theResultsPagesSuiteFilesAreValid() throws Exception {
    Path docs = Path.of("..", "docs", "results");
    List<Path> files;
    try (var walk = Files.walk(docs)) {
      files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 5, "suite files under " + docs.toAbsolutePath() + ": " + files);
    for (Path file : files) {
      CliRun dry =
          run("suite", "run", file.toString(), "-o", temp.resolve("dry").toString(), "--dry-run");
      assertEquals(0, dry.code(), file + ": " + dry.err());
      assertTrue(
          dry.out().contains(" runs: ") && dry.out().contains("to do"), file + ":\n" + dry.out());
    }
  }
}
