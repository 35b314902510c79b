package org.dec4j.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Checkpointing;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.Runner;
import org.dec4j.suite.report.ReportWriter;
import org.dec4j.suite.report.ResultFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites end to end on small generated data with a tiny autoencoder: results, report, resuming,
 * changed settings, failures, and two shards merged against one process.
 */
class SuiteRunnerTest {
  /** 5 variants x 2 seeds on 300 blobs in R^8; a 16-4 autoencoder, a few epochs. */
  static final String SUITE =
      """
      name: tiny
      datasets:
        - {id: blobs, options: {n: 300, d: 8, k: 3}}
      methods:
        - kmeans
        - ae-kmeans
        - {id: dec, params: {max_iter: 40, update_interval: 10, batch_size: 64, tol: 0.0}}
        - {id: idec, params: {max_iter: 30, update_interval: 10, batch_size: 64}, grid: {gamma: [0.1, 1.0]}}
      seeds: [0, 1]
      autoencoder:
        params: {dims: [16, 4]}
        pretrain: {epochs: 4, batch_size: 64}
      kmeans_restarts: 3
      report: {map: tsne, map_sample: 60, map_iterations: 300}
      """;

  private static Runner runner;

  @TempDir Path temp;

  @BeforeAll
  static void plugins() {
    runner = new Runner(PluginRegistry.discover());
  }

  private SuiteRunner.Outcome run(String yaml, Path out, Shard shard) {
    Suite suite = SuiteReader.parse(yaml, "tiny.yaml", "tiny");
    SuitePlan plan = SuitePlan.of(suite, runner.registry());
    var options =
        new SuiteRunner.Options(out, shard, List.of(), false, temp.resolve("cache"), "test", true);
    return new SuiteRunner(runner).run(plan, options, ProgressSink.NONE, SuiteListener.NONE);
  }

  private static List<Path> resultFiles(Path folder) throws Exception {
    try (Stream<Path> s = Files.walk(folder.resolve(ResultFolder.RUNS))) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .map(folder::relativize)
          .sorted()
          .toList();
    }
  }

  @Test
  void runsEveryRunWritesTheReportAndResumesWithoutRedoingFinishedRuns() throws Exception {
    Path out = temp.resolve("out");
    List<String> events = new ArrayList<>();
    Suite suite = SuiteReader.parse(SUITE, "tiny.yaml", "tiny");
    SuitePlan plan = SuitePlan.of(suite, runner.registry());
    var options =
        new SuiteRunner.Options(
            out, Shard.ALL, List.of(), false, temp.resolve("cache"), "test", true);
    SuiteRunner.Outcome first =
        new SuiteRunner(runner)
            .run(
                plan,
                options,
                ProgressSink.NONE,
                new SuiteListener() {
                  @Override
                  public void runStarting(
                      int position,
                      int total,
                      SuitePlan.PlannedRun run,
                      String dataset,
                      double eta) {
                    events.add(
                        position
                            + "/"
                            + total
                            + " "
                            + run.variant().key()
                            + " "
                            + (Double.isNaN(eta) ? "-" : "eta"));
                  }
                });
    assertEquals(10, first.finished());
    assertEquals(List.of(), first.failed());
    assertEquals("1/10 kmeans -", events.get(0));
    assertTrue(events.get(1).endsWith(" eta"), "an ETA once a run finished: " + events);
    assertEquals(10, resultFiles(out).size());
    assertTrue(
        resultFiles(out)
            .contains(Path.of("runs", "blobs_d-8_k-3_n-300", "idec_gamma-1.0-seed1.json")),
        resultFiles(out).toString());

    RunResult dec =
        Json.read(out.resolve("runs/blobs_d-8_k-3_n-300/dec-seed0.json"), RunResult.class);
    assertEquals("dec", dec.config().method());
    assertEquals(300, dec.assignments().length);
    assertTrue(dec.trace().size() >= 4, "a trace entry per refresh: " + dec.trace().size());
    assertTrue(dec.trace().get(0).scores() != null);
    assertTrue(dec.timings().total() > 0);
    assertTrue(
        dec.provenance().command().startsWith("test [blobs, dec, seed 0]"),
        dec.provenance().command());
    assertTrue(
        Files.isRegularFile(out.resolve("data/blobs_d-8_k-3_n-300.json")),
        "ground truth beside results");
    assertEquals(SuiteReader.toJson(suite), Files.readString(out.resolve(ResultFolder.SUITE)));

    ReportWriter.Written report = first.report();
    assertEquals(10, report.runs());
    assertEquals(5, report.methods());
    for (String f : ReportWriter.FILES) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    String md = Files.readString(out.resolve("summary.md"));
    for (String row :
        List.of(
            "| kmeans |",
            "| ae-kmeans |",
            "| dec |",
            "| idec (gamma=0.1) |",
            "| idec (gamma=1.0) |")) {
      assertTrue(md.contains(row), row + " in\n" + md);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("by true class") && html.contains("<table class=\"confusion\">"));

    // Rerun: nothing is redone.
    byte[] before = Files.readAllBytes(out.resolve("runs/blobs_d-8_k-3_n-300/dec-seed0.json"));
    SuiteRunner.Outcome second = run(SUITE, out, Shard.ALL);
    assertEquals(0, second.finished());
    assertEquals(10, second.skipped());
    assertArrayEquals(
        before, Files.readAllBytes(out.resolve("runs/blobs_d-8_k-3_n-300/dec-seed0.json")));

    // A run killed halfway left no result (maybe a temporary file): exactly that run is redone.
    Path lost = out.resolve("runs/blobs_d-8_k-3_n-300/idec_gamma-0.1-seed1.json");
    Files.delete(lost);
    Files.writeString(lost.resolveSibling("idec_gamma-0.1-seed1.json4711.tmp"), "{\"config\": {");
    SuiteRunner.Outcome third = run(SUITE, out, Shard.ALL);
    assertEquals(1, third.finished());
    assertEquals(9, third.skipped());
    RunOutcome redone =
        third.runs().stream()
            .filter(r -> r instanceof RunOutcome.Finished)
            .findFirst()
            .orElseThrow();
    assertEquals("idec_gamma-0.1", redone.run().variant().key());
    assertTrue(Files.isRegularFile(lost));

    // Changed settings: only the runs they affect are redone.
    SuiteRunner.Outcome fourth = run(SUITE.replace("max_iter: 40", "max_iter: 20"), out, Shard.ALL);
    assertEquals(2, fourth.finished(), "dec, both seeds");
    assertEquals(8, fourth.skipped());
    assertTrue(
        fourth.messages().stream().anyMatch(m -> m.contains("differs")),
        fourth.messages().toString());
    RunResult shorter =
        Json.read(out.resolve("runs/blobs_d-8_k-3_n-300/dec-seed0.json"), RunResult.class);
    assertEquals(20, shorter.config().methodParams().get("max_iter"));
  }

  @Test
  void twoShardsMergedGiveTheSameReportAsOneProcess() throws Exception {
    Path whole = temp.resolve("whole");
    Path shard0 = temp.resolve("shard0");
    Path shard1 = temp.resolve("shard1");
    Path merged = temp.resolve("merged");
    String suite = SUITE.replace("map: tsne", "map: none");
    assertEquals(10, run(suite, whole, Shard.ALL).finished());

    SuiteRunner.Outcome a = run(suite, shard0, new Shard(0, 2));
    SuiteRunner.Outcome b = run(suite, shard1, new Shard(1, 2));
    assertEquals(5, a.finished());
    assertEquals(5, b.finished());
    assertEquals(5, a.otherShards());
    assertNull(a.report(), "a shard writes no report");
    Set<Path> union = new HashSet<>(resultFiles(shard0));
    union.addAll(resultFiles(shard1));
    assertEquals(10, union.size(), "the shards did disjoint runs");
    assertEquals(new HashSet<>(resultFiles(whole)), union);

    ResultFolder.Merge m = ResultFolder.merge(List.of(shard0, shard1), merged);
    assertEquals(10, m.copied());
    SuiteRunner.report(merged, null, null, null, ProgressSink.NONE);
    for (String table : List.of("summary.md", "summary.tex")) {
      assertEquals(
          Files.readString(whole.resolve(table)), Files.readString(merged.resolve(table)), table);
    }
    assertEquals(metrics(whole.resolve("summary.csv")), metrics(merged.resolve("summary.csv")));
    for (Path f : resultFiles(whole)) {
      RunResult x = Json.read(whole.resolve(f), RunResult.class);
      RunResult y = Json.read(merged.resolve(f), RunResult.class);
      assertArrayEquals(x.assignments(), y.assignments(), f.toString());
      assertEquals(x.trace().size(), y.trace().size(), f.toString());
    }
  }

  @Test
  void aRunKilledHalfwayResumesFromItsCheckpointAndEndsAsAnUninterruptedRun() throws Exception {
    String suite =
        """
        datasets: [{id: blobs, options: {n: 300, d: 8, k: 3}}]
        methods: [{id: dec, params: {max_iter: 40, update_interval: 10, batch_size: 64, tol: 0.0}}]
        seeds: [0]
        autoencoder: {params: {dims: [16, 4]}, pretrain: {epochs: 4, batch_size: 64}}
        kmeans_restarts: 2
        report: {map: none}
        """;
    String file = "runs/blobs_d-8_k-3_n-300/dec-seed0.json";
    assertEquals(1, run(suite, temp.resolve("whole"), Shard.ALL).finished());
    RunResult whole = Json.read(temp.resolve("whole").resolve(file), RunResult.class);

    Path out = temp.resolve("killed");
    Path checkpoints = temp.resolve("checkpoints");
    var every = new Checkpointing(checkpoints, 0, 1, 0);
    SuitePlan plan = SuitePlan.of(SuiteReader.parse(suite, "tiny.yaml", "tiny"), runner.registry());
    var options =
        new SuiteRunner.Options(
            out, Shard.ALL, List.of(), false, temp.resolve("cache"), "test", true, every);
    // The process "dies" at the refresh of iteration 20, after the checkpoint of iteration 10.
    var dying = new CrashingProgress("cluster", 20);
    SuiteRunner.Outcome killed =
        new SuiteRunner(runner).run(plan, options, dying, SuiteListener.NONE);
    assertEquals(1, killed.failed().size(), killed.runs().toString());
    assertTrue(
        killed.failed().get(0).error().contains("crashed in cluster 20"),
        killed.failed().toString());
    assertTrue(!Files.exists(out.resolve(file)), "no result for the killed run");
    try (Stream<Path> left = Files.list(checkpoints)) {
      assertEquals(1, left.count(), "the killed run's checkpoint folder is kept");
    }

    var listening = CrashingProgress.listening();
    SuiteRunner.Outcome resumed =
        new SuiteRunner(runner).run(plan, options, listening, SuiteListener.NONE);
    assertEquals(1, resumed.finished(), resumed.runs().toString());
    assertTrue(
        listening.infos().stream()
            .anyMatch(
                m -> m.startsWith("resuming the clustering phase") && m.contains("iteration 10")),
        "resumed from the checkpoint of iteration 10: " + listening.infos());
    RunResult again = Json.read(out.resolve(file), RunResult.class);
    assertArrayEquals(whole.assignments(), again.assignments());
    assertEquals(whole.scores(), again.scores());
    assertEquals(whole.trace().size(), again.trace().size());
    try (Stream<Path> left = Files.list(checkpoints)) {
      assertEquals(0, left.count(), "checkpoints are deleted once the result is written");
    }
  }

  /** The CSV without its timing columns. */
  private static List<String> metrics(Path csv) throws Exception {
    return Files.readAllLines(csv).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)))
        .toList();
  }

  @Test
  void autoTakesTheFirstDataSetFoundSaysWhichAndResumesOnIt() throws Exception {
    Path out = temp.resolve("auto");
    // MNIST, Fashion-MNIST (e.g. Debian's package) or, on a machine with neither, the synthetic
    // set.
    String suite =
        """
        datasets: [{id: auto, options: {split: test}, k: 2}]
        methods: [kmeans]
        seeds: [0]
        kmeans_restarts: 1
        report: {map: none}
        """;
    SuiteRunner.Outcome o = run(suite, out, Shard.ALL);
    assertEquals(1, o.finished(), o.failed().toString());
    String chosen = o.runs().get(0).dataset();
    assertTrue(List.of("mnist", "fashion-mnist", "synthetic").contains(chosen), chosen);
    assertTrue(
        o.messages().stream().anyMatch(m -> m.startsWith("dataset auto: ") && m.contains(chosen)),
        o.messages().toString());
    assertTrue(
        o.messages().stream().noneMatch(m -> m.contains("mnist: mnist:")),
        "no doubled prefix: " + o.messages());
    String key = chosen.equals("synthetic") ? "synthetic" : chosen + "_split-test";
    assertEquals(List.of(Path.of("runs", key, "kmeans-seed0.json")), resultFiles(out));
    assertTrue(o.report().markdown().contains("Data set: " + chosen + " ("), o.report().markdown());

    SuiteRunner.Outcome again = run(suite, out, Shard.ALL);
    assertEquals(
        1, again.skipped(), "found done under the data set auto chose, without loading it again");
    assertEquals(chosen, again.runs().get(0).dataset());
  }

  @Test
  void aDataSetThatCannotBeLoadedFailsItsRunsOnly() throws Exception {
    Path out = temp.resolve("out");
    String suite =
        """
        datasets:
          - {id: csv, options: {path: /nonexistent/data.csv}}
          - {id: blobs, options: {n: 120, d: 4, k: 2}}
        methods: [kmeans]
        seeds: [0, 1]
        report: {map: none}
        """;
    SuiteRunner.Outcome o = run(suite, out, Shard.ALL);
    assertEquals(2, o.finished());
    assertEquals(2, o.failed().size());
    assertTrue(o.failed().get(0).error().contains("csv"), o.failed().get(0).error());
    assertEquals(2, o.report().runs());
    assertTrue(
        o.messages().stream().anyMatch(msg -> msg.contains("could not be loaded")),
        o.messages().toString());
  }
}
