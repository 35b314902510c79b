package org.dec4j.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.Runner;
import org.dec4j.suite.report.ResultFolder;
import org.dec4j.suite.report.RunFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin from a plugin directory in a suite: the worked example ({@code
 * examples/objective-plugin}, deep k-means) is compiled into its own jar against dec-api, dropped
 * into a temporary plugin directory, and run in a suite file beside DEC, and appears in its report.
 * (dec-runtime's PluginDirectoryTest runs it in a comparison; the jar is built here the same way, a
 * copy of its few lines of javac and jar calls, since test classes are not shared between modules.)
 */
class PluginSuiteTest {
  private static Path exampleJar;

  @BeforeAll
  static void buildTheExampleJar(@TempDir Path work) {
    Path sources = repositoryRoot().resolve("examples/objective-plugin/src/main/java");
    Path classes = work.resolve("classes");
    exampleJar = work.resolve("dkm-objective-1.0.0.jar");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--module-path", modulePath(), "-d", classes.toString(), "-proc:none", "-nowarn"));
    args.addAll(javaFiles(sources));
    run("javac", args);
    run("jar", List.of("--create", "--file", exampleJar.toString(), "-C", classes.toString(), "."));
  }

  @Test
  void theExamplePluginRunsInASuiteFileBesideDecAndAppearsInItsReport(@TempDir Path temp)
      throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Files.copy(exampleJar, plugins.resolve(exampleJar.getFileName()));
    Runner runner = new Runner(PluginRegistry.discover(List.of(plugins)));
    Suite suite =
        SuiteReader.parse(
            """
        name: plugin-beside-dec
        datasets:
          - {id: blobs, options: {n: 600, d: 8, k: 3}}
        methods:
          - {id: dec, params: {max_iter: 300, update_interval: 50, batch_size: 64}}
          - {id: dkm, params: {max_iter: 300, update_interval: 50, batch_size: 64}}
        seeds: [0]
        autoencoder:
          params: {dims: [32, 4]}
          pretrain: {epochs: 20, batch_size: 64}
        kmeans_restarts: 5
        report: {map: none}
        """,
            "plugin-suite.yaml",
            "plugin-beside-dec");
    Path out = temp.resolve("out");
    var options =
        new SuiteRunner.Options(
            out, Shard.ALL, List.of(), false, temp.resolve("cache"), "test", true);
    SuiteRunner.Outcome outcome =
        new SuiteRunner(runner)
            .run(
                SuitePlan.of(suite, runner.registry()),
                options,
                ProgressSink.NONE,
                SuiteListener.NONE);

    assertEquals(List.of(), outcome.failed());
    assertEquals(2, outcome.finished());
    Map<String, RunResult> byMethod = new TreeMap<>();
    for (RunFile f : ResultFolder.runs(out)) {
      byMethod.put(f.result().config().method(), f.result());
    }
    assertEquals(List.of("dec", "dkm"), List.copyOf(byMethod.keySet()));
    assertTrue(
        byMethod.get("dkm").scores().ari() >= 0.9,
        "deep k-means in the suite: " + byMethod.get("dkm").scores());
    assertTrue(
        byMethod.get("dec").scores().ari() >= 0.9,
        "DEC in the suite: " + byMethod.get("dec").scores());
    assertEquals("1.0.0", byMethod.get("dkm").provenance().pluginVersions().get("dkm"));
    String table = Files.readString(out.resolve("summary.md"));
    assertContains(table, "dkm");
    assertContains(table, "dec");
    String html = Files.readString(out.resolve("report.html"));
    Path jar = plugins.resolve("dkm-objective-1.0.0.jar");
    assertContains(
        html,
        "<td>objective</td><td>dkm</td><td>1.0.0</td><td>"
            + jar
            + "</td><td><code>"
            + sha256(jar)
            + "</code>");
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static void assertContains(String text, String fragment) {
    assertTrue(text != null && text.contains(fragment), "expected '" + fragment + "' in: " + text);
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/objective-plugin"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "examples/objective-plugin not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static String modulePath() {
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isBlank()) {
      return mp;
    }
    List<String> out = new ArrayList<>();
    ModuleLayer.boot()
        .configuration()
        .modules()
        .forEach(
            m ->
                m.reference()
                    .location()
                    .filter(u -> u.getScheme().equals("file"))
                    .ifPresent(u -> out.add(Path.of(u).toString())));
    return String.join(java.io.File.pathSeparator, out);
  }

  private static List<String> javaFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(String tool, List<String> args) {
    ToolProvider t =
        ToolProvider.findFirst(tool)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the JDK tool '" + tool + "' is not available: run with a JDK"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int rc = t.run(out, out, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException(
          tool + " failed (" + rc + "): " + buffer.toString(StandardCharsets.UTF_8));
    }
  }
}
