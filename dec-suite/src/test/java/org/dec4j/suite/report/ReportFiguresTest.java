package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DEC paper's figures in the report: the gallery of confident samples, the maps of clusters
 * forming.
 */
class ReportFiguresTest {
  @TempDir Path temp;

  private final Fixtures fx = new Fixtures(240, 4);

  /** The fixture folder with the figures of image data on every result. */
  static Map<String, RunResult> withFigures(Fixtures fx) {
    Map<String, RunResult> out = new LinkedHashMap<>();
    ReportWriterTest.results(fx, "blobs").forEach((name, r) -> out.put(name, fx.withFigures(r)));
    return out;
  }

  private static ReportSpec spec(String seeds) {
    return new ReportSpec(
        "figures",
        List.of("kmeans", "dec", "idec"),
        List.of(),
        new ReportOptions("tsne", 80, 300, List.of(), seeds, true));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static String section(String html, String heading) {
    Matcher m = Pattern.compile("<h3[^>]*>" + Pattern.quote(heading) + "</h3>").matcher(html);
    int start = m.find() ? m.start() : -1;
    assertTrue(start >= 0, "a section '" + heading + "'");
    int end = html.indexOf("<h3", start + 5);
    return html.substring(start, end < 0 ? html.length() : end);
  }

  @Test
  void theGalleryShowsEachClustersMostConfidentSamplesAsPictures() throws Exception {
    Fixtures.write(temp, "blobs", withFigures(fx), fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("lowest"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    String gallery = section(html, "Most confident samples");
    assertEquals(3, count(gallery, "<svg class=\"chart gallery\""), "one per method (lowest seed)");
    // 4 clusters x 10 samples per method
    assertEquals(3 * 4 * 10, count(gallery, "<image "), "pictures");
    Matcher png = Pattern.compile("href=\"data:image/png;base64,([^\"]+)\"").matcher(gallery);
    assertTrue(png.find());
    byte[] bytes = Base64.getDecoder().decode(png.group(1));
    assertEquals(
        "\u0089PNG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(
        gallery.contains("class=\"miss\""),
        "samples of another class than their cluster's are framed");
    assertTrue(
        gallery.contains("cluster 0</text>") && gallery.contains("samples</text>"),
        gallery.substring(0, 400));
  }

  @Test
  void clustersFormingShowsTheStartTheMiddleAndTheEnd() throws Exception {
    Fixtures.write(temp, "blobs", withFigures(fx), fx.groundTruth("blobs"));
    ReportWriter.write(temp, spec("lowest"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    String forming = section(html, "Clusters forming");
    // dec and idec have iterations; the kmeans baseline has none, so no snapshots
    for (String title :
        List.of(
            "iteration 0 (k-means start)",
            "iteration 30",
            "iteration 60 (end)",
            "iteration 20",
            "iteration 40 (end)")) {
      assertTrue(
          forming.contains("aria-label=\"" + title + "\""),
          title + " in " + forming.substring(0, 300));
    }
    assertEquals(2, count(forming, "<div class=\"card\"><h4>"), "dec and idec");
    try (var maps = Files.list(temp.resolve(ResultFolder.MAPS))) {
      // 3 final maps (lowest seeds) + 2 snapshots of dec and of idec
      assertEquals(3 + 2 * 2, maps.count());
    }
  }

  @Test
  void everyChartIsAlsoAnSvgFileNamedByDataSetMethodAndWhatItShows() throws Exception {
    Fixtures.write(temp, "blobs", withFigures(fx), fx.groundTruth("blobs"));
    Path stale = temp.resolve("figures/blobs/dcn-loss.svg");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "<svg/>");
    ReportWriter.Written w = ReportWriter.write(temp, spec("lowest"), ProgressSink.NONE);
    String html = Files.readString(temp.resolve("report.html"));
    assertEquals(
        count(html, "<svg class=\"chart"), w.figures().size(), "every chart of the page, once");
    Path dir = temp.resolve("figures").resolve("blobs");
    for (String name :
        List.of(
            "scores",
            "dec-acc-nmi-ari",
            "dec-loss",
            "idec-loss",
            "acc-every-method",
            "kmeans-map-seed0-by-cluster",
            "dec-map-seed0-by-class",
            "dec-forming-iteration0",
            "dec-forming-iteration30",
            "dec-forming-iteration60",
            "idec-most-confident",
            "kmeans-most-confident")) {
      Path f = dir.resolve(name + ".svg");
      assertTrue(Files.isRegularFile(f), f + " among " + w.figures());
      String svg = Files.readString(f);
      assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), name);
      assertTrue(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), name);
      assertTrue(
          svg.contains("<style>") && svg.contains("svg .ct {"), "styled on its own: " + name);
      assertEquals(1, count(svg, "<svg "), name);
      assertTrue(svg.trim().endsWith("</svg>"), name);
      assertTrue(
          html.contains("data-file=\"figures/blobs/" + name + ".svg\""),
          "the page names the file: " + name);
    }
    assertTrue(!Files.exists(stale), "an SVG the report no longer draws is removed");
    String scores = Files.readString(dir.resolve("scores.svg"));
    assertEquals(
        3 * 3, count(scores, "class=\"bar\""), "ACC, NMI and ARI of each of the 3 methods");
    assertEquals(
        3 * 3, count(scores, "class=\"err\""), "two seeds each: every bar has an error bar");
    assertTrue(scores.contains("<title>dec ACC: "), scores);
  }

  @Test
  void everySeedIsMappedOnRequest() throws Exception {
    Fixtures.write(temp, "blobs", withFigures(fx), fx.groundTruth("blobs"));
    ReportModel model =
        ReportModel.build(ResultFolder.runs(temp), ResultFolder.truths(temp), spec("all"));
    List<ReportWriter.MapJob> all = ReportWriter.mapJobs(model, spec("all").options(), null);
    List<ReportWriter.MapJob> lowest = ReportWriter.mapJobs(model, spec("lowest").options(), null);
    assertEquals(
        3 * 2 + 2 * 2, all.size(), "two seeds' final maps per method, the lowest seed's snapshots");
    assertEquals(3 + 2 * 2, lowest.size());
    ReportWriter.write(temp, spec("all"), ProgressSink.NONE);
    String maps = section(Files.readString(temp.resolve("report.html")), "Embedding maps");
    assertTrue(maps.contains("(every seed)"), maps.substring(0, 300));
    assertEquals(6, count(maps, "<div class=\"card\"><h4>"), "a card per method and seed");
    assertTrue(maps.contains("seed 1</span>"), "the second seed is mapped");
  }
}
