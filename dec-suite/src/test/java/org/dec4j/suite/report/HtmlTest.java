package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.result.RunResult;
import org.junit.jupiter.api.Test;

/** Pieces of the HTML report that have a right answer. */
class HtmlTest {
  @Test
  void aClusterIsColouredLikeItsMatchedClass() {
    int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    // Cluster 7 holds class 2, cluster 3 class 0, cluster 5 class 1 (with one sample of class 2),
    // and cluster 9 is a fourth cluster that no class is left for.
    int[] clusters = {3, 3, 3, 5, 5, 5, 7, 7, 5, 9};
    Map<Integer, Integer> colour =
        Html.clusterColours(clusters, new GroundTruth("t", "t", "x", 3, truth));
    assertEquals(Map.of(3, 0, 5, 1, 7, 2, 9, 3), colour);
    assertEquals(
        Map.of(),
        Html.clusterColours(clusters, null),
        "without ground truth clusters keep their labels");
  }

  @Test
  void textIsEscaped() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Html.escape("a <b> & \"c\" 'd'"));
  }

  /** The runs of the report: two baselines, DEC over 560 iterations, DCN over 3. */
  static ReportModel shortAndLongRuns() {
    Fixtures fx = new Fixtures(200, 4);
    List<RunFile> runs = new ArrayList<>();
    List<RunResult> results =
        List.of(
            fx.result("blobs", "ae-kmeans", "identity", Map.of(), 0, 0.5, 0),
            fx.result("blobs", "ae-kmeans", "mlp", Map.of(), 0, 0.3, 0),
            fx.result("blobs", "dec", "mlp", Map.of("max_iter", 560), 0, 0.1, 560),
            fx.result("blobs", "dcn", "mlp", Map.of("epochs", 3), 0, 0.2, 3));
    for (RunResult r : results) {
      runs.add(
          new RunFile(Path.of("runs", "blobs", r.config().method() + runs.size() + ".json"), r));
    }
    return ReportModel.build(
        runs,
        Map.of(Fixtures.SHA, fx.groundTruth("blobs")),
        new ReportSpec("t", List.of("kmeans", "ae-kmeans", "dec", "dcn"), List.of(), null));
  }

  /** The "ACC of every method" card of a report. */
  static String comparisonCard(String html) {
    int start = html.indexOf("<h4>ACC of every method</h4>");
    assertTrue(start > 0, "the comparison is drawn");
    return html.substring(start, html.indexOf("</svg>", start));
  }

  @Test
  void everyLegendEntryOfTheMethodComparisonHasALine() {
    String card = comparisonCard(Html.render(shortAndLongRuns(), Map.of(), Instant.EPOCH));
    List<String> legend = all(card, "<text [^>]*class=\"lg\">([^<]*)</text>");
    List<String> series = all(card, "<g class=\"series\" data-name=\"([^\"]*)\"");
    assertEquals(series, legend, "one legend entry per drawn line, in the same order");
    assertEquals(4, series.size(), "the baselines are drawn as lines too: " + series);
    for (String s : series) {
      assertTrue(
          card.contains("data-name=\"" + s + "\"><title>" + s + "</title><polyline"),
          "drawn: " + s);
    }
  }

  @Test
  void aShortRunSpansTheComparisonLikeALongOne() {
    String card = comparisonCard(Html.render(shortAndLongRuns(), Map.of(), Instant.EPOCH));
    // The plot's right edge: the chart's width minus its right margin.
    double right = 680 - 14;
    for (String name : List.of("dec", "dcn")) {
      Matcher m =
          Pattern.compile(
                  "data-name=\""
                      + name
                      + " [^\"]*\"><title>[^<]*</title><polyline [^>]*points=\""
                      + "([^\"]*)\"")
              .matcher(card);
      assertTrue(m.find(), name);
      String[] points = m.group(1).split(" ");
      double lastX = Double.parseDouble(points[points.length - 1].split(",")[0]);
      assertEquals(
          right, lastX, 0.5, name + " ends at the right edge, not squeezed against the y axis");
    }
  }

  @Test
  void aOneRefreshRunsChartsHaveWholeIterationTicksFromZero() {
    Fixtures fx = new Fixtures(200, 4);
    // DEC stopped after one refresh interval: points at 0 (no loss yet) and 140.
    RunResult r = fx.result("blobs", "dec", "mlp", Map.of("max_iter", 140), 0, 0.1, 140);
    RunResult oneRefresh =
        new RunResult(
            r.config(),
            r.provenance(),
            r.scores(),
            r.initialScores(),
            140,
            false,
            List.of(r.trace().get(0), r.trace().get(r.trace().size() - 1)),
            r.timings(),
            r.assignments(),
            r.sample());
    ReportModel model =
        ReportModel.build(
            List.of(new RunFile(Path.of("runs", "dec.json"), oneRefresh)),
            Map.of(Fixtures.SHA, fx.groundTruth("blobs")),
            new ReportSpec("t", List.of(), List.of(), null));
    String html = Html.render(model, Map.of(), Instant.EPOCH);
    int loss = html.indexOf("aria-label=\"loss");
    String chart = html.substring(loss, html.indexOf("</svg>", loss));
    List<String> x = SvgTest.ticks(chart, "xt");
    assertEquals("0", x.get(0), "the axis starts at the k-means start: " + x);
    assertTrue(
        x.stream().allMatch(t -> t.matches("\\d+")), "whole iterations, not 139.0 ... 141.0: " + x);
    assertTrue(
        SvgTest.ticks(chart, "yt").size() >= 3, "the single loss value has a range around it");
  }

  private static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
