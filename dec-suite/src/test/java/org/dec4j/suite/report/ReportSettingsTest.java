package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Timings;
import org.junit.jupiter.api.Test;

/**
 * The report states what was run: settings with defaults marked, plugins, commands, shared
 * pretraining.
 */
class ReportSettingsTest {
  private final Fixtures fx = new Fixtures(200, 4);

  /**
   * A result with other timings and provenance (the fixtures' runs all pretrain their own
   * autoencoder).
   */
  static RunResult with(RunResult r, double pretrainSeconds, Map<String, String> libraries) {
    Provenance p = r.provenance();
    Provenance q =
        new Provenance(
            p.dec4jVersion(),
            Map.of(r.config().method(), "0.1.0", "mlp", "0.1.0", "blobs", "0.2.0"),
            libraries,
            p.machine(),
            p.data(),
            p.startedAt(),
            "dec4j suite run my-suite.yaml --data-dir data [blobs, "
                + r.config().method()
                + ", seed "
                + r.config().seed()
                + "]");
    Timings t = r.timings();
    return new RunResult(
        r.config(),
        q,
        r.scores(),
        r.initialScores(),
        r.iterations(),
        r.converged(),
        r.trace(),
        new Timings(t.load(), pretrainSeconds, t.initialize(), t.cluster(), t.total()),
        r.assignments(),
        r.sample());
  }

  private ReportModel model() {
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("dec4j_commit", "abc1234");
    libraries.put("djl", "0.33.0");
    List<RunFile> runs = new ArrayList<>();
    for (long seed : List.of(0L, 1L)) {
      // the suite's order: the baseline, then the first deep method pretrains, the next reuses
      runs.add(
          file(
              with(
                  fx.result("blobs", "ae-kmeans", "identity", Map.of(), seed, 0.5, 0),
                  0,
                  libraries)));
      runs.add(
          file(
              with(
                  fx.result(
                      "blobs", "dec", "mlp", Map.of("max_iter", 60, "tol", 0.001), seed, 0.1, 60),
                  12.5 + seed,
                  libraries)));
      // seed 0's idec pretrained a copy of its own (it ran at the same time, or without the cache)
      runs.add(
          file(
              with(
                  fx.result("blobs", "idec", "mlp", Map.of("gamma", 0.1), seed, 0.2, 40),
                  seed == 0 ? 4 : 0,
                  libraries)));
    }
    ReportSpec spec =
        new ReportSpec(
            "t",
            List.of("kmeans", "dec", "idec"),
            List.of(),
            null,
            Map.of("blobs", Map.of("split", "test")),
            Map.of("dec", Map.of("max_iter", 20000, "tol", 0.001), "idec", Map.of("gamma", 0.1)),
            Map.of("mlp", Map.of("dims", "500,500,2000,10")));
    return ReportModel.build(runs, Map.of(Fixtures.SHA, fx.groundTruth("blobs")), spec);
  }

  private static RunFile file(RunResult r) {
    return new RunFile(
        Path.of(
            "runs",
            "blobs",
            r.config().method()
                + "-"
                + r.config().encoder()
                + "-seed"
                + r.config().seed()
                + ".json"),
        r);
  }

  private static String card(String html, String method) {
    int start = html.indexOf("<div class=\"card settings\"><h4>" + method + "</h4>");
    assertTrue(start >= 0, "a settings card for " + method);
    return html.substring(start, html.indexOf("</table></div>", start));
  }

  @Test
  void eachMethodHasASettingsTableWithItsDefaultsMarked() {
    String html = Html.render(model(), Map.of(), Instant.EPOCH);
    String dec = card(html, "dec");
    assertTrue(
        dec.contains(
            "<tr><th>max_iter</th><td><b>60</b> <span class=\"muted\">(default 20000)</span></td>"),
        dec);
    assertTrue(
        dec.contains(
            "<tr><th>tol</th><td><span class=\"default\" title=\"the default\">0.001</span>"),
        dec);
    assertTrue(
        dec.contains(
            "<tr><th>dims</th><td><b>16,4</b> <span class=\"muted\">(default 500,500,2000,10)"),
        "the encoder's widths: " + dec);
    assertTrue(dec.contains("<th colspan=\"2\" class=\"group\">pretraining</th>"), dec);
    assertTrue(
        dec.contains("<tr><th>epochs</th><td><b>3</b> <span class=\"muted\">(default 200)"), dec);
    assertTrue(
        dec.contains(
            "<tr><th>optimizer</th><td><span class=\"default\" title=\"the default\">adam"),
        dec);
    assertTrue(dec.contains("<tr><th>k-means restarts</th><td><b>5</b>"), dec);
    assertTrue(
        dec.contains("<tr><th>split</th><td><span class=\"default\" title=\"the default\">test"),
        dec);
    assertTrue(dec.contains("<tr><th>plugins</th><td>blobs 0.2.0, dec 0.1.0, mlp 0.1.0</td>"), dec);
    assertTrue(
        dec.contains(
            "<tr><th>command</th><td><code>dec4j suite run my-suite.yaml --data-dir data</code>"
                + "</td>"),
        "the suite's command once, without each run's entry: " + dec);
    assertTrue(dec.contains("<tr><th>seeds</th><td>0, 1</td>"), dec);
    String kmeans = card(html, "kmeans");
    assertTrue(
        kmeans.contains("k-means on the raw features") && !kmeans.contains(">pretraining<"),
        kmeans);
  }

  @Test
  void aSharedAutoencodersTimeIsShownOnceAndAttributed() {
    ReportModel model = model();
    String html = Html.render(model, Map.of(), Instant.EPOCH);
    String runs = html.substring(html.indexOf("<section id=\"runs\">"));
    // idec took the autoencoder dec pretrained: its row names the shared time, not 0.0 as if free
    Matcher idec =
        Pattern.compile("<tr><td>blobs</td><td>idec</td><td>1</td>.*?</tr>").matcher(runs);
    assertTrue(idec.find(), runs);
    assertTrue(idec.group().contains(">shared 13.5</td>"), idec.group());
    assertFalse(idec.group().contains("<td>0.0</td>"), idec.group());
    Matcher dec = Pattern.compile("<tr><td>blobs</td><td>dec</td><td>1</td>.*?</tr>").matcher(runs);
    assertTrue(
        dec.find() && dec.group().contains("<td>13.5</td>"),
        "the run that pretrained it: " + dec.group());
    Matcher kmeans =
        Pattern.compile("<tr><td>blobs</td><td>kmeans</td><td>1</td>.*?</tr>").matcher(runs);
    assertTrue(
        kmeans.find() && kmeans.group().contains("title=\"no pretrained autoencoder\">–</td>"),
        kmeans.group());

    List<ReportModel.Autoencoder> aes = model.autoencoders(model.columns.get(0));
    assertEquals(2, aes.size(), "one autoencoder per seed");
    assertEquals("dec", aes.get(1).trainer().getKey().label());
    assertEquals(13.5, aes.get(1).seconds(), 1e-9);
    String table = html.substring(html.indexOf("<table class=\"runs autoencoders\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertTrue(
        table.contains(
            "<tr><td>1</td><td>mlp dims=16,4, end-to-end epochs=3 batch_size=64 "
                + "learning_rate=0.001 optimizer=adam init=glorot-uniform</td><td>13.5</td><td>dec</td><td>idec</td><td></td></tr>"),
        table);
    assertTrue(
        table.contains("</td><td>12.5</td><td>dec</td><td></td><td>idec</td></tr>"),
        "a run that pretrained its own copy is not listed as taking it from the cache: " + table);
  }

  @Test
  void provenanceKeysAreReadable() {
    String html = Html.render(model(), Map.of(), Instant.EPOCH);
    String provenance = html.substring(html.indexOf("<section id=\"provenance\">"));
    for (String raw : List.of(">dec4j_commit<", ">djl<", ">machine cores<", ">dec4j<")) {
      assertFalse(provenance.contains(raw), "raw key " + raw + " in " + provenance);
    }
    for (String label :
        List.of(">dec4j commit<", ">DJL<", ">Processors<", ">dec4j version<", ">Data: blobs<")) {
      assertTrue(provenance.contains(label), label + " in " + provenance);
    }
  }
}
