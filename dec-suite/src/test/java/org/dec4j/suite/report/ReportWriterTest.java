package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.PluginProvenance;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.ProgressSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files of a result folder, the HTML's content, cached maps, and merging folders. */
class ReportWriterTest {
  @TempDir Path temp;

  private final Fixtures fx = new Fixtures(240, 4);

  static Map<String, RunResult> results(Fixtures fx, String dataset) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    for (long seed : List.of(0L, 1L)) {
      out.put(
          "kmeans-seed" + seed,
          fx.result(dataset, "ae-kmeans", "identity", Map.of(), seed, 0.5, 0));
      out.put(
          "dec-seed" + seed,
          fx.result(dataset, "dec", "mlp", Map.of("max_iter", 60), seed, 0.1, 60));
      out.put(
          "idec-seed" + seed,
          fx.result(dataset, "idec", "mlp", Map.of("gamma", 0.1), seed, 0.2, 40));
    }
    return out;
  }

  static ReportSpec spec(String map) {
    return new ReportSpec(
        "fixture", List.of("kmeans", "dec", "idec"), List.of(), new ReportOptions(map, 80, 300));
  }

  @Test
  void writesTablesAndASelfContainedHtmlReport() throws Exception {
    Fixtures.write(temp, "blobs", results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.Written w = ReportWriter.write(temp, spec("tsne"), ProgressSink.NONE);
    assertEquals(6, w.runs());
    assertEquals(3, w.methods());
    assertEquals(List.of(), w.notes());
    for (String f : ReportWriter.FILES) {
      assertTrue(Files.size(temp.resolve(f)) > 100, f);
    }
    String html = Files.readString(temp.resolve("report.html"));
    // Self-contained: no script, style, image or link from elsewhere.
    Matcher external = Pattern.compile("(src|href)=\"(https?:)?//").matcher(html);
    assertFalse(
        external.find(), "external reference: " + (external.find(0) ? external.group() : ""));
    assertFalse(html.contains("<img"), "no images from files");
    assertTrue(html.contains("<table class=\"summary\">"));
    // The scores' bars; per method with iterations: metric chart + loss chart; one ACC comparison;
    // maps: 2 per method
    assertEquals(1 + 2 * 2 + 1 + 3 * 2, count(html, "<svg class=\"chart\""), "charts");
    assertEquals(3, count(html, "<table class=\"confusion\">"));
    assertTrue(html.contains("by true class"));
    assertTrue(html.contains("<td class=\"best\">"));
    try (Stream<Path> maps = Files.list(temp.resolve(ResultFolder.MAPS))) {
      assertEquals(3, maps.count(), "one cached map per method (its lowest seed)");
    }
  }

  @Test
  void methodDiagnosticsAreKeptInTheResultsAndCharted() throws Exception {
    Map<String, RunResult> results = results(fx, "blobs");
    for (String name : List.of("dec-seed0", "dec-seed1")) {
      RunResult r = results.get(name);
      List<TraceEntry> trace =
          r.trace().stream()
              .map(
                  e ->
                      new TraceEntry(
                          e.iteration(),
                          e.loss(),
                          e.labelChange(),
                          e.scores(),
                          e.seconds(),
                          Map.of("confident_fraction", e.iteration() / 100.0)))
              .toList();
      results.put(
          name,
          new RunResult(
              r.config(),
              r.provenance(),
              r.scores(),
              r.initialScores(),
              r.iterations(),
              r.converged(),
              trace,
              r.timings(),
              r.assignments(),
              r.sample()));
    }
    Fixtures.write(temp, "blobs", results, fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("none"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(
        html.contains("confident_fraction (method diagnostic)"),
        "a chart titled with the diagnostic");
    // The scores' bars; per method with iterations: metric chart + loss chart, and DEC's
    // diagnostic;
    // one ACC comparison.
    assertEquals(1 + 2 * 2 + 1 + 1, count(html, "<svg class=\"chart\""), "charts");
    RunResult back =
        Json.read(
            temp.resolve(ResultFolder.RUNS).resolve("blobs").resolve("dec-seed1.json"),
            RunResult.class);
    assertEquals(0.1, back.trace().get(1).diagnostics().get("confident_fraction"));
    assertEquals(
        Map.of(),
        Json.read(
                temp.resolve(ResultFolder.RUNS).resolve("blobs").resolve("idec-seed1.json"),
                RunResult.class)
            .trace()
            .get(1)
            .diagnostics(),
        "none for a method that reports none");
  }

  @Test
  void theProvenanceListsEveryPluginBuildWithItsJarAndHash() throws Exception {
    Map<String, RunResult> results = results(fx, "blobs");
    String hashA = "1a".repeat(32);
    String hashB = "2b".repeat(32);
    for (String name : List.of("dec-seed0", "dec-seed1")) {
      RunResult r = results.get(name);
      // Two builds of the same plugin version: seed 1's jar was rebuilt.
      Provenance p = r.provenance();
      List<PluginProvenance> plugins =
          List.of(
              new PluginProvenance(
                  "objective",
                  "dec",
                  "0.1.0",
                  "/plugins/dec.jar",
                  name.endsWith("0") ? hashA : hashB));
      results.put(
          name,
          new RunResult(
              r.config(),
              new Provenance(
                  p.dec4jVersion(),
                  p.pluginVersions(),
                  p.libraries(),
                  p.machine(),
                  p.data(),
                  p.startedAt(),
                  p.command(),
                  plugins),
              r.scores(),
              r.initialScores(),
              r.iterations(),
              r.converged(),
              r.trace(),
              r.timings(),
              r.assignments(),
              r.sample()));
    }
    Fixtures.write(temp, "blobs", results, fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("none"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(
        html.contains("<table class=\"plugins\">"), "a plugins table in the provenance section");
    assertTrue(
        html.contains(
            "<td>objective</td><td>dec</td><td>0.1.0</td><td>/plugins/dec.jar</td><td><code>"
                + hashA
                + "</code>"),
        "seed 0's build");
    assertTrue(
        html.contains(
            "<td>dec</td><td>0.1.0</td><td>/plugins/dec.jar</td><td><code>" + hashB + "</code>"),
        "seed 1's build");
    // Results from before the jars were recorded still list their plugins' versions.
    assertTrue(
        html.contains("<td>idec</td><td>0.1.0</td><td>–</td>"),
        "idec, recorded with its version only");
    RunResult back =
        Json.read(
            temp.resolve(ResultFolder.RUNS).resolve("blobs").resolve("dec-seed1.json"),
            RunResult.class);
    assertEquals(plugins(hashB), back.provenance().plugins());
  }

  private static List<PluginProvenance> plugins(String hash) {
    return List.of(new PluginProvenance("objective", "dec", "0.1.0", "/plugins/dec.jar", hash));
  }

  @Test
  void cachedMapsAreReusedAndGiveTheSameReport() throws Exception {
    Fixtures.write(temp, "blobs", results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("tsne"), ProgressSink.NONE);
    String first = withoutTimestamp(Files.readString(temp.resolve("report.html")));
    // A cache entry that is changed on disk is what the next report draws: it was read, not
    // recomputed.
    Path cached;
    try (Stream<Path> maps = Files.list(temp.resolve(ResultFolder.MAPS))) {
      cached = maps.sorted().findFirst().orElseThrow();
    }
    ReportWriter.write(temp, spec("tsne"), ProgressSink.NONE);
    assertEquals(first, withoutTimestamp(Files.readString(temp.resolve("report.html"))));
    EmbeddingMaps.MapData map = Json.read(cached, EmbeddingMaps.MapData.class);
    for (double[] p : map.xy()) {
      p[0] = 0;
      p[1] = 0;
    }
    Json.writeAtomically(cached, map);
    ReportWriter.write(temp, spec("tsne"), ProgressSink.NONE);
    assertFalse(first.equals(withoutTimestamp(Files.readString(temp.resolve("report.html")))));
  }

  @Test
  void aMissingNativeLibraryIsNamedWithWhatToInstall() {
    String first =
        EmbeddingMaps.why(
            new ExceptionInInitializerError(
                new IllegalArgumentException("Cannot open library: libopenblas.so")),
            "UMAP");
    String later =
        EmbeddingMaps.why(
            new NoClassDefFoundError("Could not initialize class smile.linalg.lapack.clapack_h_1"),
            "UMAP");
    for (String why : List.of(first, later)) {
      assertTrue(why.startsWith("UMAP needs the OpenBLAS library (libopenblas.so)"), why);
      assertTrue(
          why.contains("apt-get install libopenblas-dev") && why.contains("--map tsne"), why);
    }
    assertEquals(
        "java.lang.IllegalStateException: no layout",
        EmbeddingMaps.why(new IllegalStateException("no layout"), "UMAP"));
  }

  @Test
  void umapMapsAreDrawnNamedAndTheSameOnEveryRun() throws Exception {
    Fixtures.write(temp, "blobs", results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.Written w = ReportWriter.write(temp, spec("umap"), ProgressSink.NONE);
    // Without the system's OpenBLAS the report is still written, with one note saying what to
    // install.
    Assumptions.assumeFalse(
        w.notes().size() == 1 && w.notes().get(0).contains("apt-get install libopenblas-dev"),
        () -> "skipped: " + w.notes().get(0));
    assertEquals(List.of(), w.notes());
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(
        html.contains(">UMAP of the final embedding"), "the maps say which method drew them");
    assertFalse(html.contains("t-SNE"));
    assertEquals(1 + 2 * 2 + 1 + 3 * 2, count(html, "<svg class=\"chart\""), "charts");

    // Drawn again from scratch (no cached maps): the same layout, as the maps are seeded.
    deleteMaps();
    ReportWriter.write(temp, spec("umap"), ProgressSink.NONE);
    assertEquals(
        withoutTimestamp(html), withoutTimestamp(Files.readString(temp.resolve("report.html"))));

    // t-SNE maps are other maps, cached beside UMAP's.
    ReportWriter.write(temp, spec("tsne"), ProgressSink.NONE);
    assertTrue(
        Files.readString(temp.resolve("report.html")).contains(">t-SNE of the final embedding"));
    try (Stream<Path> maps = Files.list(temp.resolve(ResultFolder.MAPS))) {
      assertEquals(6, maps.count(), "three UMAP and three t-SNE maps");
    }
  }

  private void deleteMaps() throws java.io.IOException {
    try (Stream<Path> maps = Files.list(temp.resolve(ResultFolder.MAPS))) {
      for (Path p : maps.toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void publishedFiguresStandBesideTheMeasuredOnesWithTheDifference() throws Exception {
    Fixtures.write(temp, "blobs", results(fx, "blobs"), fx.groundTruth("blobs"));
    var published =
        List.of(
            new PublishedFigure("blobs", "dec", 0.843, null, null, "DEC paper, Table 2"),
            new PublishedFigure("blobs", "idec", 0.881, 0.867, null, "IDEC paper"),
            new PublishedFigure("blobs", "dcn", 0.83, 0.81, 0.75, "DCN paper"),
            new PublishedFigure("usps", "dec", 0.741, null, null, "IDEC paper's DEC row"));
    var spec =
        new ReportSpec(
            "fixture",
            List.of("kmeans", "dec", "idec"),
            List.of(),
            new ReportOptions("none", 80, 300, published));
    ReportWriter.write(temp, spec, ProgressSink.NONE);
    String md = Files.readString(temp.resolve("summary.md"));
    assertTrue(md.contains("\n## Against published figures\n"), md);
    List<String> lines =
        md.lines().filter(l -> l.startsWith("| blobs |") || l.startsWith("| usps |")).toList();
    assertEquals(
        3 + 3 + 1,
        lines.size(),
        "dec ACC; idec ACC, NMI; dcn's three not run; usps not run:\n" + md);
    String dec = lines.get(0);
    String[] f = dec.split(" \\| ");
    assertEquals("dec", f[1]);
    assertEquals("ACC", f[2]);
    assertTrue(
        md.contains("| dec | " + f[3] + " |") || md.contains("| dec | **" + f[3] + "** |"),
        "the measured text is the summary table's: " + f[3]);
    double mean = Double.parseDouble(f[3].split(" ")[0]);
    assertEquals(
        100 * (mean - 0.843), Double.parseDouble(f[5]), 0.051, "difference in points: " + dec);
    assertTrue(dec.endsWith("| DEC paper, Table 2 |"), dec);
    assertTrue(
        lines.get(1).startsWith("| blobs | idec | ACC |")
            && lines.get(2).startsWith("| blobs | idec | NMI |"));
    assertTrue(
        lines.get(3).startsWith("| blobs | dcn | ACC | not run | 0.830 |  | DCN paper |"),
        lines.get(3));
    assertTrue(lines.get(6).startsWith("| usps | dec | ACC | not run | 0.741 |"), lines.get(6));
    String html = Files.readString(temp.resolve("report.html"));
    String table = html.substring(html.indexOf("<table class=\"published\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertEquals(7, count(table, "</tr>\n"), "the HTML has the same rows:\n" + table);
  }

  /**
   * A figure published for one setting of a data set (the DEC paper's imbalanced subsets, one per
   * retention rate) names that column by its label, and is set beside that column only.
   */
  @Test
  void aPublishedFigureForOneColumnOfADataSetMatchesThatColumnOnly() throws Exception {
    for (String rate : List.of("0.1", "0.5")) {
      Map<String, RunResult> runs = new LinkedHashMap<>();
      results(fx, "blobs")
          .forEach(
              (name, r) ->
                  runs.put(
                      name,
                      ReportModelTest.withDatasetParams(
                          r,
                          withOption(r.config().datasetParams(), "retention", "linear:" + rate))));
      Fixtures.write(temp, "blobs-" + rate, runs, fx.groundTruth("blobs"));
    }
    var published =
        List.of(
            new PublishedFigure(
                "blobs (retention=linear:0.1)", "dec", 0.701, null, null, "DEC paper, Table 4"),
            new PublishedFigure("blobs", "idec", 0.5, null, null, "every blobs column"));
    ReportWriter.write(
        temp,
        new ReportSpec(
            "fixture",
            List.of("kmeans", "dec", "idec"),
            List.of(),
            new ReportOptions("none", 80, 300, published)),
        ProgressSink.NONE);
    String md = Files.readString(temp.resolve("summary.md"));
    List<String> lines = md.lines().filter(l -> l.startsWith("| blobs (retention=")).toList();
    List<String> against =
        lines.stream().filter(l -> l.endsWith("| DEC paper, Table 4 |")).toList();
    assertEquals(1, against.size(), md);
    assertTrue(against.get(0).startsWith("| blobs (retention=linear:0.1) | dec | ACC |"), md);
    assertFalse(against.get(0).contains("not run"), "measured beside it: " + against.get(0));
    assertEquals(
        List.of(
            "| blobs (retention=linear:0.1) | idec |", "| blobs (retention=linear:0.5) | idec |"),
        lines.stream()
            .filter(l -> l.endsWith("| every blobs column |"))
            .map(l -> l.substring(0, l.indexOf(" | ACC")) + " |")
            .toList(),
        md);
  }

  private static Map<String, Object> withOption(
      Map<String, Object> options, String name, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(options);
    out.put(name, value);
    return out;
  }

  @Test
  void settingsThePretrainingModeDoesNotUseDoNotSplitAVariant() throws Exception {
    Map<String, RunResult> runs = new LinkedHashMap<>();
    runs.put("dec-seed0", fx.result("blobs", "dec", "mlp", Map.of(), 0, 0.1, 20));
    // Seed 1 recorded another (unused) layer-epoch count for its end-to-end autoencoder, as older
    // versions did; seed 2 used a stacked autoencoder, where layer epochs matter.
    runs.put(
        "dec-seed1",
        withPretrain(
            fx.result("blobs", "dec", "mlp", Map.of(), 1, 0.1, 20),
            new PretrainConfig("end-to-end", 3, 50, 64, 0.001, 0.1)));
    runs.put(
        "dec-stacked-seed0",
        withPretrain(
            fx.result("blobs", "dec", "mlp", Map.of(), 0, 0.1, 20),
            new PretrainConfig("stacked", 3, 50, 64, 0.001, 0.2)));
    Fixtures.write(temp, "blobs", runs, fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("none"), ProgressSink.NONE);
    List<String> rows =
        Files.readString(temp.resolve("summary.md"))
            .lines()
            .filter(l -> l.startsWith("| dec"))
            .toList();
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(
        rows.get(0).startsWith("| dec (pretrain=end-to-end) |") && !rows.get(0).contains("(n = 1)"),
        "both end-to-end seeds in one row: " + rows);
    assertTrue(
        rows.get(1)
            .startsWith(
                "| dec (pretrain=stacked, pretrain.layer_epochs=50, pretrain.dropout=0.2) |"),
        rows.toString());
  }

  private static RunResult withPretrain(RunResult r, PretrainConfig pretrain) {
    RunConfig c = r.config();
    return new RunResult(
        new RunConfig(
            c.method(),
            c.methodParams(),
            c.dataset(),
            c.datasetParams(),
            c.encoder(),
            c.encoderParams(),
            pretrain,
            c.clusters(),
            c.seed(),
            c.kmeansRestarts()),
        r.provenance(),
        r.scores(),
        r.initialScores(),
        r.iterations(),
        r.converged(),
        r.trace(),
        r.timings(),
        r.assignments(),
        r.sample());
  }

  @Test
  void noMapsWhenSwitchedOff() throws Exception {
    Fixtures.write(temp, "blobs", results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("none"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(html.contains("No maps (report.map is none)"));
    assertFalse(Files.exists(temp.resolve(ResultFolder.MAPS)));
  }

  @Test
  void mergeJoinsFoldersAndReportsConflicts() throws Exception {
    Map<String, RunResult> all = results(fx, "blobs");
    Map<String, RunResult> a = new LinkedHashMap<>();
    Map<String, RunResult> b = new LinkedHashMap<>();
    all.forEach((name, r) -> (name.endsWith("seed0") ? a : b).put(name, r));
    Path one = temp.resolve("one");
    Path two = temp.resolve("two");
    Path merged = temp.resolve("merged");
    Fixtures.write(one, "blobs", a, fx.groundTruth("blobs"));
    Fixtures.write(two, "blobs", b, fx.groundTruth("blobs"));
    Files.writeString(two.resolve("runs/blobs/dec-seed1.json123.tmp"), "{ half a fi");

    ResultFolder.Merge m = ResultFolder.merge(List.of(one, two), merged);
    assertEquals(6, m.copied());
    assertEquals(List.of(), m.conflicts());
    assertEquals(6, ResultFolder.runs(merged).size());
    assertEquals(1, ResultFolder.truths(merged).size());

    ResultFolder.Merge again = ResultFolder.merge(List.of(one, two), merged);
    assertEquals(0, again.copied());
    assertEquals(6, again.present());

    Json.writeAtomically(two.resolve("runs/blobs/dec-seed1.json"), all.get("dec-seed0"));
    ResultFolder.Merge conflict = ResultFolder.merge(List.of(two), merged);
    assertEquals(1, conflict.conflicts().size(), conflict.toString());
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static String withoutTimestamp(String html) {
    return html.replaceAll("generated [0-9T:\\-]+Z", "generated");
  }
}
