package org.dec4j.runtime.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.PluginProvenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Checkpointing;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.CrashingProgress;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.RunEnvironment;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Runner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugins from a plugin directory: the worked example ({@code
 * examples/objective-plugin}, deep k-means) is compiled into its own jar against dec-api, dropped
 * into a temporary plugin directory, and run in a comparison beside DEC; then the same with broken
 * jars beside it. (dec-suite's PluginSuiteTest runs it in a suite file.)
 */
class PluginDirectoryTest {
  private static Path exampleJar;

  @BeforeAll
  static void buildTheExampleJar(@TempDir Path work) {
    Path sources = PluginJars.repositoryRoot().resolve("examples/objective-plugin/src/main/java");
    exampleJar = PluginJars.moduleJar(sources, work.resolve("dkm-objective-1.0.0.jar"), work);
  }

  @Test
  void theExamplePluginRunsInASuiteBesideDec(@TempDir Path temp) throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));

    PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
    assertEquals(List.of(), registry.failures());
    var dkm =
        registry.entries().stream()
            .filter(e -> e.info().id().equals("dkm"))
            .findFirst()
            .orElseThrow();
    assertEquals("objective", dkm.kind());
    assertEquals("1.0.0", dkm.info().version());
    assertEquals(Dec4jApi.VERSION, dkm.info().apiVersion());
    assertEquals(plugins.resolve("dkm-objective-1.0.0.jar").toString(), dkm.origin());
    Module module = registry.objective("dkm").getClass().getModule();
    assertEquals("org.example.dkm", module.getName());
    assertNotSame(ModuleLayer.boot(), module.getLayer(), "the plugin lives in a layer of its own");
    assertEquals(
        "org.dec4j.plugin.dec", registry.objective("dec").getClass().getModule().getName());

    Comparison.Summary summary = compare(registry, List.of("dec", "dkm"), temp.resolve("out"));
    Map<String, Comparison.Row> rows = rows(summary);
    assertEquals(List.of("dec", "dkm"), List.copyOf(rows.keySet()));
    assertTrue(
        rows.get("dkm").ari() >= 0.9, "deep k-means on well-separated blobs: " + rows.get("dkm"));
    assertTrue(rows.get("dec").ari() >= 0.9, "DEC on well-separated blobs: " + rows.get("dec"));
    RunResult result = Json.read(temp.resolve("out/blobs-dkm-seed0.json"), RunResult.class);
    assertEquals("1.0.0", result.provenance().pluginVersions().get("dkm"));
    // Every plugin of the run, with the jar it came from and that jar's SHA-256.
    Path jar = plugins.resolve("dkm-objective-1.0.0.jar");
    assertEquals(
        List.of(new PluginProvenance("objective", "dkm", "1.0.0", jar.toString(), sha256(jar))),
        result.provenance().plugins().stream().filter(p -> p.id().equals("dkm")).toList());
    assertEquals(
        List.of("objective", "encoder", "dataset"),
        result.provenance().plugins().stream().map(PluginProvenance::kind).toList());
    for (PluginProvenance p : result.provenance().plugins()) {
      assertTrue(
          !p.jar().isEmpty() && p.sha256().matches("[0-9a-f]{64}"), "bundled plugins too: " + p);
    }
    assertEquals(
        registry.objective("dkm").info().resolve(Map.of()).getDouble("lambda"),
        ((Number) result.config().methodParams().get("lambda")).doubleValue(),
        "the plugin's default, recorded");
  }

  @Test
  void aRebuiltJarWithTheSameVersionDoesNotResumeTheOldBuildsCheckpoint(@TempDir Path temp)
      throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Path jar = plugins.resolve(exampleJar.getFileName());
    Path checkpoints = temp.resolve("checkpoints");
    RunSpec spec =
        new RunSpec(
                new RunConfig(
                    "dkm",
                    Map.of("max_iter", 200, "update_interval", 20, "batch_size", 64, "tol", 0.0),
                    "blobs",
                    Map.of("n", 300, "d", 8, "k", 3),
                    "mlp",
                    Map.of("dims", "16,4"),
                    new PretrainConfig("end-to-end", 5, 0, 64, 0.001, 0.2),
                    0,
                    0,
                    2),
                new RunEnvironment(List.of(), false, null, null, null, "test"))
            .withCheckpoints(new Checkpointing(checkpoints, 1, 1, 0));

    Files.copy(exampleJar, jar);
    String firstBuild = sha256(jar);
    assertThrows(
        CrashingProgress.Crashed.class,
        () ->
            new Runner(PluginRegistry.discover(List.of(plugins)))
                .run(spec, new CrashingProgress("cluster", 100)));
    List<Path> before = folders(checkpoints);
    assertEquals(1, before.size());

    // The same plugin, version 1.0.0 still, rebuilt: its jar has other bytes.
    Path rebuilt = temp.resolve("rebuilt.jar");
    Files.copy(exampleJar, rebuilt);
    try (var zip = java.nio.file.FileSystems.newFileSystem(rebuilt)) {
      Files.writeString(zip.getPath("META-INF", "build.txt"), "second build\n");
    }
    Files.copy(rebuilt, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CrashingProgress second = CrashingProgress.listening();
    RunResult result = new Runner(PluginRegistry.discover(List.of(plugins))).run(spec, second);
    assertTrue(
        second.infos().stream().noneMatch(m -> m.startsWith("resuming")),
        "started afresh: " + second.infos());
    assertEquals(sha256(jar), result.provenance().plugins().get(0).sha256());
    assertTrue(!sha256(jar).equals(firstBuild));
    assertEquals(
        2, folders(checkpoints).size(), "its own checkpoint folder beside the first build's");

    // Back to the first build: it finds its own checkpoint again.
    Files.copy(exampleJar, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CrashingProgress third = CrashingProgress.listening();
    new Runner(PluginRegistry.discover(List.of(plugins))).run(spec, third);
    assertTrue(
        third.infos().stream()
            .anyMatch(m -> m.startsWith("resuming the clustering phase from " + before.get(0))),
        "resumed the first build's run: " + third.infos());
  }

  private static List<Path> folders(Path dir) throws java.io.IOException {
    try (var s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void brokenJarsAreReportedOneByOneAndTheRestStillRuns(@TempDir Path temp) throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
    BrokenPlugins.writeInto(plugins, Files.createDirectories(temp.resolve("work")));

    PluginRegistry registry = PluginRegistry.discover(List.of(plugins));
    Map<String, String> problems = new TreeMap<>();
    registry
        .failures()
        .forEach(f -> problems.put(Path.of(f.origin()).getFileName().toString(), f.toString()));
    assertEquals(
        List.of(
            "corrupt.jar",
            "declares-api-2.jar",
            "duplicate-dec.jar",
            "missing-library.jar",
            "needs-future-api.jar",
            "old-api-2.jar",
            "provides-nothing.jar",
            "throws-at-construction.jar"),
        List.copyOf(problems.keySet()),
        "one failure per broken jar: " + registry.failures());
    assertContains(problems.get("corrupt.jar"), "plugin jar corrupt.jar cannot be loaded");
    assertContains(
        problems.get("duplicate-dec.jar"),
        "objective id 'dec' is already taken by "
            + "org.dec4j.plugin.dec.DecObjective from org.dec4j.plugin.dec");
    assertContains(problems.get("missing-library.jar"), "org.test.lib");
    assertContains(
        problems.get("missing-library.jar"),
        "put the plugin and its libraries together in a sub-directory");
    assertContains(
        problems.get("needs-future-api.jar"),
        "plugin 'future' 0.1 needs dec4j API "
            + (Dec4jApi.VERSION + 1)
            + ", but this dec4j provides API "
            + (Dec4jApi.OLDEST_SUPPORTED == Dec4jApi.VERSION
                ? Integer.toString(Dec4jApi.VERSION)
                : Dec4jApi.OLDEST_SUPPORTED + " to " + Dec4jApi.VERSION));
    assertContains(
        problems.get("provides-nothing.jar"), "provides no encoder, objective or dataset");
    assertContains(
        problems.get("old-api-2.jar"),
        "org.test.old.OldDec was built against an older dec-api: "
            + "org.dec4j.api.objective.CommonHyperparameters no longer exists, it is now "
            + "org.dec4j.api.objective.support.CommonHyperparameters");
    assertContains(problems.get("old-api-2.jar"), "Moving to API level 3");
    assertContains(
        problems.get("declares-api-2.jar"),
        "plugin 'level-two' 0.1 was built for dec4j API 2, which this "
            + "dec4j no longer supports");
    assertContains(problems.get("declares-api-2.jar"), "Moving to API level 3");
    assertContains(problems.get("throws-at-construction.jar"), "org.test.throwing.Throwing");
    assertContains(
        problems.get("throws-at-construction.jar"), "cannot start: licence server unreachable");

    assertTrue(
        registry
            .objectives()
            .keySet()
            .containsAll(List.of("dec", "idec", "dcn", "dkm", "needy", "auto-kmeans")),
        "usable objectives: " + registry.objectives().keySet());
    assertEquals(
        "org.dec4j.plugin.dec",
        registry.objective("dec").getClass().getModule().getName(),
        "a plugin jar cannot take over a bundled id");
    assertEquals(
        "auto.kmeans",
        registry.objective("auto-kmeans").getClass().getModule().getName(),
        "a jar without module-info is an automatic module named after its file");
    var needy =
        registry.entries().stream()
            .filter(e -> e.info().id().equals("needy"))
            .findFirst()
            .orElseThrow();
    assertEquals(plugins.resolve("needy-with-lib/needy.jar").toString(), needy.origin());

    Comparison.Summary summary =
        compare(registry, List.of("dec", "dkm", "auto-kmeans"), temp.resolve("out"));
    assertEquals(List.of("dec", "dkm", "auto-kmeans"), List.copyOf(rows(summary).keySet()));
    for (Comparison.Row row : summary.rows()) {
      assertTrue(row.ari() >= 0.9, row.toString());
    }
  }

  @Test
  void aMissingPluginDirectoryIsAFailureNotAnException(@TempDir Path temp) {
    PluginRegistry registry = PluginRegistry.discover(List.of(temp.resolve("nowhere")));
    assertEquals(1, registry.failures().size());
    assertContains(registry.failures().get(0).problem(), "does not exist");
    assertTrue(registry.objectives().containsKey("dec"));
  }

  /**
   * DEC, deep k-means and others from one pretrained autoencoder, on blobs small enough for a test.
   */
  private static Comparison.Summary compare(
      PluginRegistry registry, List<String> methods, Path out) {
    RunSpec template =
        new RunSpec(
            new RunConfig(
                "dec",
                Map.of(),
                "blobs",
                Map.of("n", 600, "d", 8, "k", 3),
                "mlp",
                Map.of("dims", "32,4"),
                new PretrainConfig("end-to-end", 20, 0, 64, 0.001, 0.2),
                0,
                0,
                5),
            new RunEnvironment(
                List.of(), false, out.resolve("cache"), null, null, "PluginDirectoryTest"));
    Map<String, Object> shortRun = Map.of("max_iter", 300, "update_interval", 50, "batch_size", 64);
    Map<String, Map<String, Object>> params = Map.of("dec", shortRun, "dkm", shortRun);
    return new Comparison(new Runner(registry))
        .run(
            new Comparison.Request(methods, params, template, List.of(0L), out), ProgressSink.NONE);
  }

  private static Map<String, Comparison.Row> rows(Comparison.Summary summary) {
    Map<String, Comparison.Row> out = new java.util.LinkedHashMap<>();
    summary.rows().forEach(r -> out.put(r.method(), r));
    return out;
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text != null && text.contains(fragment), "expected '" + fragment + "' in: " + text);
  }
}
