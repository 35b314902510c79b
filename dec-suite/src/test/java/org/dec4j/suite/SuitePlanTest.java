package org.dec4j.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dec4j.api.ConfigException;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.RunEnvironment;
import org.dec4j.runtime.RunSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing a suite's runs: grids, names, checks against the plugins, and shards. */
class SuitePlanTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void plugins() {
    registry = PluginRegistry.discover();
  }

  static SuitePlan plan(String yaml) {
    return SuitePlan.of(SuiteReaderTest.parse(yaml), registry);
  }

  static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> plan(yaml)).getMessage();
  }

  /** Counted without expanding: a grid of 10^20 points is refused at once, not built. */
  @Test
  void aSuiteAboveTheRunLimitIsRefusedBeforeItIsExpanded() {
    StringBuilder grid = new StringBuilder();
    for (String name : List.of("tol", "lr", "momentum", "alpha", "update_interval")) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= 10_000; i++) {
        values.add(name.equals("update_interval") ? Integer.toString(i) : Double.toString(i / 1e5));
      }
      grid.append(name).append(": [").append(String.join(", ", values)).append("], ");
    }
    String huge =
        "datasets: [blobs, synthetic]\nseeds: [0, 1, 2]\nmethods: [{id: dec, grid: {"
            + grid
            + "}}]\n";
    assertEquals(
        Long.MAX_VALUE, SuiteReaderTest.parse(huge).runCount(), "saturates instead of overflowing");
    String message = error(huge);
    assertTrue(
        message.startsWith(
            "the suite expands to more than 9.2e18 runs (2 data sets x 3 seeds x > 9.2e18 "
                + "method variants), more than --max-runs 10,000 allows"),
        message);

    String small =
        "datasets: [blobs]\nseeds: [0, 1]\nmethods: [kmeans, {id: dec, grid: {tol: [0.1, 0.2, 0.3]}}]\n";
    assertEquals(8, SuiteReaderTest.parse(small).runCount());
    assertEquals(
        8,
        SuitePlan.of(SuiteReaderTest.parse(small), registry, 8).runs().size(),
        "the limit is inclusive");
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> SuitePlan.of(SuiteReaderTest.parse(small), registry, 7))
            .getMessage()
            .startsWith("the suite expands to 8 runs (1 data set x 2 seeds x 4 method variants)"));
  }

  @Test
  void gridsExpandAndVariantsAreNamedByWhatDiffers() {
    SuitePlan p =
        plan(
            """
        datasets: [blobs, {id: synthetic, options: {k: 3, m: 50}}]
        methods:
          - kmeans
          - dec
          - {id: idec, grid: {gamma: [0.1, 0.01], tol: [0.001, 0.01]}}
          - {id: dcn, params: {epochs: 3}}
          - {id: dcn, params: {epochs: 6}}
        seeds: [5, 6, 7]
        """);
    assertEquals(
        List.of(
            "kmeans",
            "dec",
            "idec_gamma-0.1_tol-0.001",
            "idec_gamma-0.1_tol-0.01",
            "idec_gamma-0.01_tol-0.001",
            "idec_gamma-0.01_tol-0.01",
            "dcn_epochs-3",
            "dcn_epochs-6"),
        p.variants().stream().map(SuitePlan.Variant::key).toList());
    assertEquals("idec (gamma=0.01, tol=0.001)", p.variants().get(4).label());
    assertEquals(Map.of("gamma", 0.01, "tol", 0.001), p.variants().get(4).params());
    assertEquals(2 * 3 * 8, p.runs().size());
    assertEquals(6, p.groups());
    SuitePlan.PlannedRun r = p.runs().get(8 + 2);
    assertEquals(1, r.group());
    assertEquals(6L, r.seed());
    assertEquals(0, r.dataset());
    assertEquals(Path.of("runs", "blobs", "idec_gamma-0.1_tol-0.001-seed6.json"), r.file("blobs"));
    assertEquals("synthetic_k-3_m-50", SuitePlan.datasetKey("synthetic", Map.of("m", 50, "k", 3)));
  }

  @Test
  void theKMeansBaselineRunsOnRawFeaturesWithoutPretraining() {
    SuitePlan p = plan("datasets: [blobs]\nmethods: [kmeans, dec]\n");
    RunEnvironment environment =
        RunEnvironment.of(List.of()).withCacheDir(Path.of("cache")).withCommand("cmd");
    RunSpec kmeans = p.spec(p.runs().get(0), "blobs", Map.of(), environment);
    assertEquals("ae-kmeans", kmeans.run().method());
    assertEquals("identity", kmeans.run().encoder());
    assertEquals("none", kmeans.run().pretrain().mode());
    assertNull(kmeans.environment().cacheDir());
    RunSpec dec = p.spec(p.runs().get(1), "blobs", Map.of(), environment);
    assertEquals("dec", dec.run().method());
    assertEquals("mlp", dec.run().encoder());
    assertEquals(Path.of("cache"), dec.environment().cacheDir());
    assertTrue(
        dec.environment().command().startsWith("cmd [blobs, dec, seed 0]"),
        dec.environment().command());
  }

  @Test
  void everyIdHyperparameterAndOptionIsCheckedBeforeRunning() {
    String unknown = error("datasets: [blobs]\nmethods: [dek]\n");
    assertTrue(
        unknown.startsWith("methods[0]: ")
            && unknown.contains("dek")
            && unknown.contains("dec")
            && unknown.contains("baselines: kmeans, ae-kmeans"),
        unknown);
    String grid = error("datasets: [blobs]\nmethods: [{id: idec, grid: {gamma: [0.1, -1]}}]\n");
    assertTrue(grid.startsWith("methods[0] (grid point gamma=-1): idec: gamma = '-1'"), grid);
    String param =
        error("datasets: [blobs]\nmethods: [{id: dec, params: {update_intervall: 3}}]\n");
    assertTrue(
        param.startsWith("methods[0]: dec: unknown hyperparameter 'update_intervall'"), param);
    String kmeans = error("datasets: [blobs]\nmethods: [{id: kmeans, params: {k: 3}}]\n");
    assertTrue(kmeans.startsWith("methods[0]: kmeans: unknown hyperparameter 'k'"), kmeans);
    String repeat = error("datasets: [blobs]\nmethods: [dec, {id: dec, params: {alpha: 1.0}}]\n");
    assertTrue(repeat.startsWith("methods[1] repeats methods[0]"), repeat);
    String dataset =
        error("datasets: [blobs, {id: mnist, options: {split: validation}}]\nmethods: [dec]\n");
    assertTrue(
        dataset.startsWith(
            "datasets[1]: mnist: split = 'validation' must be one of all, train, test"),
        dataset);
    String auto = error("datasets: [{id: auto, options: {splitt: test}}]\nmethods: [dec]\n");
    assertTrue(
        auto.startsWith("datasets[0] (mnist): mnist: unknown hyperparameter 'splitt'"), auto);
    String noSuch = error("datasets: [blobz]\nmethods: [dec]\n");
    assertTrue(noSuch.startsWith("datasets[0]: ") && noSuch.contains("blobz"), noSuch);
    String encoder =
        error("datasets: [blobs]\nmethods: [dec]\nautoencoder: {params: {dims: [0, 4]}}\n");
    assertTrue(encoder.startsWith("autoencoder: mlp: dims"), encoder);
  }

  @Test
  void shardsPartitionTheRunsAndKeepAGroupTogether() {
    SuitePlan p =
        plan(
            "datasets: [blobs, synthetic]\nmethods: [kmeans, ae-kmeans, dec, idec, dcn]\nseeds: 3\n");
    assertEquals(30, p.runs().size());
    assertEquals(6, p.groups());
    for (int n = 1; n <= 9; n++) {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        List<SuitePlan.PlannedRun> mine = p.runs(new Shard(i, n));
        assertTrue(!mine.isEmpty(), "shard " + i + "/" + n + " has work");
        for (SuitePlan.PlannedRun r : mine) {
          assertTrue(seen.add(r.index()), "run " + r.index() + " in two shards of " + n);
        }
        if (n <= p.groups()) {
          Set<Integer> groups = new HashSet<>();
          mine.forEach(r -> groups.add(r.group()));
          for (int g : groups) {
            assertEquals(
                5,
                mine.stream().filter(r -> r.group() == g).count(),
                "a group (one pretrained autoencoder) stays on one shard");
          }
        }
      }
      assertEquals(30, seen.size(), "every run in some shard of " + n);
    }
    List<Integer> again = new ArrayList<>();
    plan("datasets: [blobs, synthetic]\nmethods: [kmeans, ae-kmeans, dec, idec, dcn]\nseeds: 3\n")
        .runs(new Shard(1, 4))
        .forEach(r -> again.add(r.index()));
    assertEquals(
        p.runs(new Shard(1, 4)).stream().map(SuitePlan.PlannedRun::index).toList(),
        again,
        "the same suite gives the same shards");
  }

  @Test
  void theExampleSuitesAreValid() throws Exception {
    Path dir = Path.of("..", "examples", "suites");
    List<Path> files;
    try (var list = java.nio.file.Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 2, "examples in " + dir.toAbsolutePath() + ": " + files);
    for (Path f : files) {
      SuitePlan p = SuitePlan.of(SuiteReader.read(f), registry);
      assertTrue(p.runs().size() >= 10, f + ": " + p);
    }
    SuitePlan builtIn = SuitePlan.of(SuiteReader.example(), registry);
    assertEquals(
        SuiteReader.example().seeds().size() * 5,
        builtIn.runs().size(),
        "5 methods per seed: " + builtIn);
  }

  @Test
  void shardsAreWrittenIOverN() {
    assertEquals(new Shard(1, 4), Shard.parse("1/4"));
    assertEquals(new Shard(0, 1), Shard.parse(" 0 / 1 "));
    for (String bad : List.of("4/4", "-1/4", "1/0", "a/b", "3", "")) {
      String m = assertThrows(ConfigException.class, () -> Shard.parse(bad)).getMessage();
      assertTrue(m.startsWith("--shard "), m);
    }
  }
}
