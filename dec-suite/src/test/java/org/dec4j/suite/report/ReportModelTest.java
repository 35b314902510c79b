package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.suite.report.ReportModel.Cell;
import org.dec4j.suite.report.ReportModel.Metric;
import org.dec4j.suite.report.ReportModel.Row;
import org.junit.jupiter.api.Test;

/** Arranging results into rows, columns and cells; the CSV, Markdown and LaTeX tables. */
class ReportModelTest {
  private final Fixtures fx = new Fixtures(300, 3);

  private List<RunFile> results() {
    List<RunFile> runs = new ArrayList<>();
    for (long seed : List.of(0L, 1L)) {
      add(runs, fx.result("blobs", "ae-kmeans", "identity", Map.of(), seed, 0.5, 0));
      add(runs, fx.result("blobs", "ae-kmeans", "mlp", Map.of(), seed, 0.3, 0));
      add(
          runs,
          fx.result("blobs", "dec", "mlp", Map.of("max_iter", 50, "tol", 0.001), seed, 0.1, 50));
      add(runs, fx.result("blobs", "idec", "mlp", Map.of("gamma", 0.1), seed, 0.2, 40));
      add(runs, fx.result("blobs", "idec", "mlp", Map.of("gamma", 0.05), seed, 0.25, 40));
    }
    return runs;
  }

  private static void add(List<RunFile> runs, RunResult r) {
    runs.add(new RunFile(Path.of("runs", "blobs", r.config().method() + runs.size() + ".json"), r));
  }

  private ReportModel model(List<RunFile> runs) {
    return ReportModel.build(
        runs,
        Map.of(Fixtures.SHA, fx.groundTruth("blobs")),
        new ReportSpec(
            "test-suite", List.of("kmeans", "ae-kmeans", "dec", "idec"), List.of("blobs"), null));
  }

  @Test
  void rowsFollowTheSuiteOrderAndNameOnlyWhatDiffers() {
    ReportModel model = model(results());
    assertEquals(
        List.of("kmeans", "ae-kmeans", "dec", "idec (gamma=0.05)", "idec (gamma=0.1)"),
        model.rows.stream().map(Row::label).toList());
    assertEquals(1, model.columns.size());
    assertEquals("blobs", model.columns.get(0).label());
    assertEquals(List.of(0L, 1L), model.columns.get(0).seeds());
    assertEquals(300, model.columns.get(0).size());
    assertTrue(model.columns.get(0).truth() != null, "ground truth found by checksum");
  }

  @Test
  void anOptionOlderResultsDoNotRecordTakesItsDefaultInsteadOfSplittingTheDataSet() {
    List<RunFile> runs = new ArrayList<>();
    add(
        runs,
        withDatasetParams(
            fx.result("blobs", "dec", "mlp", Map.of(), 0, 0.1, 10), Map.of("split", "test")));
    add(
        runs,
        withDatasetParams(
            fx.result("blobs", "dec", "mlp", Map.of(), 1, 0.1, 10),
            Map.of("split", "test", "pixel_divisor", 255.0)));
    add(
        runs,
        withDatasetParams(
            fx.result("blobs", "dec", "mlp", Map.of(), 0, 0.1, 10),
            Map.of("split", "test", "pixel_divisor", 50.0)));
    ReportSpec spec =
        new ReportSpec(
            "t",
            List.of("dec"),
            List.of("blobs"),
            null,
            Map.of("blobs", Map.of("split", "all", "pixel_divisor", 255.0)));
    ReportModel model = ReportModel.build(runs, Map.of(), spec);
    assertEquals(
        List.of("blobs (pixel_divisor=255.0)", "blobs (pixel_divisor=50.0)"),
        model.columns.stream().map(ReportModel.Column::label).toList());
    assertEquals(
        List.of(0L, 1L),
        model.columns.get(0).seeds(),
        "the result without the option joins its default");

    ReportModel without =
        ReportModel.build(
            runs, Map.of(), new ReportSpec("t", List.of("dec"), List.of("blobs"), null));
    assertEquals(
        3,
        without.columns.size(),
        "without defaults, only what the results record tells them apart");
  }

  /** {@return the result with {@code params} as its data set options} */
  static RunResult withDatasetParams(RunResult r, Map<String, Object> params) {
    RunConfig c = r.config();
    RunConfig other =
        new RunConfig(
            c.method(),
            c.methodParams(),
            c.dataset(),
            params,
            c.encoder(),
            c.encoderParams(),
            c.pretrain(),
            c.clusters(),
            c.seed(),
            c.kmeansRestarts());
    return new RunResult(
        other,
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
  void cellsHoldMeanAndSampleStandardDeviation() {
    List<RunFile> runs = results();
    ReportModel model = model(runs);
    Row dec = model.rows.get(2);
    Cell cell = model.cell(model.columns.get(0), dec);
    double a = runs.get(2).result().scores().acc();
    double b = runs.get(7).result().scores().acc();
    assertEquals((a + b) / 2, cell.metrics().get(Metric.ACC).mean(), 1e-12);
    assertEquals(Math.abs(a - b) / Math.sqrt(2), cell.metrics().get(Metric.ACC).std(), 1e-12);
    assertEquals(2, cell.runs().size());
    assertEquals(0L, cell.first().result().config().seed());
    assertEquals(50.0, cell.iterations());
  }

  @Test
  void theBestMeanOfEachColumnIsMarked() {
    ReportModel model = model(results());
    for (Metric m : Metric.values()) {
      List<Row> best =
          model.rows.stream()
              .filter(r -> model.best(model.cell(model.columns.get(0), r), m))
              .toList();
      assertEquals(
          List.of("dec"), best.stream().map(Row::label).toList(), m.title + " (least label noise)");
    }
  }

  @Test
  void aRepeatedResultIsLeftOutAndNoted() {
    List<RunFile> runs = results();
    runs.add(new RunFile(Path.of("other", "copy.json"), runs.get(2).result()));
    ReportModel model = model(runs);
    assertEquals(1, model.notes.size());
    assertTrue(model.notes.get(0).contains("copy.json"), model.notes.get(0));
    assertEquals(2, model.cell(model.columns.get(0), model.rows.get(2)).runs().size());
  }

  @Test
  void aMethodMissingOnADataSetShowsADash() {
    List<RunFile> runs = results();
    RunResult other =
        fx.result("pendigits", "dec", "mlp", Map.of("max_iter", 50, "tol", 0.001), 0, 0.1, 50);
    runs.add(new RunFile(Path.of("runs", "pendigits", "dec-seed0.json"), other));
    ReportModel model = model(runs);
    assertEquals(
        List.of("blobs", "pendigits"),
        model.columns.stream().map(ReportModel.Column::label).toList());
    assertNull(model.cell(model.columns.get(1), model.rows.get(0)));
    String md = Tables.markdown(model);
    assertTrue(md.contains("| blobs ACC |"), md);
    assertTrue(md.contains("| kmeans |"), md);
    String kmeans = md.lines().filter(l -> l.startsWith("| kmeans")).findFirst().orElseThrow();
    assertTrue(kmeans.endsWith("| – | – | – |"), md);
  }

  @Test
  void markdownLatexAndCsvTables() {
    ReportModel model = model(results());
    String md = Tables.markdown(model);
    assertTrue(md.startsWith("# test-suite: ACC / NMI / ARI"), md);
    assertTrue(md.contains("| Method | ACC | NMI | ARI |"), md);
    assertTrue(md.contains("Mean ± sample standard deviation over seeds 0, 1"), md);
    assertEquals(1, md.lines().filter(l -> l.startsWith("| dec |")).count());
    assertTrue(
        md.lines().filter(l -> l.startsWith("| dec |")).findFirst().orElseThrow().contains("**"),
        md);
    assertFalse(
        md.lines().filter(l -> l.startsWith("| kmeans |")).findFirst().orElseThrow().contains("**"),
        md);

    String tex = Tables.latex(model);
    assertTrue(tex.contains("\\begin{tabular}{l ccc}"), tex);
    assertTrue(tex.contains("\\mathbf{"), tex);
    assertTrue(tex.contains(" \\pm "), tex);
    assertTrue(tex.contains("\\label{tab:test-suite}"), tex);
    assertTrue(tex.contains("idec (gamma=0.05)"), tex);
    assertEquals("a\\_b \\% \\& c", Tables.tex("a_b % & c"));

    String csv = Tables.summaryCsv(model);
    assertEquals(6, csv.lines().count(), csv);
    assertTrue(csv.lines().anyMatch(l -> l.startsWith("blobs,idec,idec (gamma=0.1),2,0 1,")), csv);
    String runsCsv = Tables.runsCsv(model);
    assertEquals(11, runsCsv.lines().count(), runsCsv);
    assertTrue(runsCsv.lines().skip(1).allMatch(l -> l.endsWith(".json")), runsCsv);
  }

  @Test
  void aSingleSeedShowsNoStandardDeviation() {
    List<RunFile> runs = results().stream().filter(f -> f.result().config().seed() == 0).toList();
    String md = Tables.markdown(model(runs));
    assertFalse(md.contains(" ± 0."), md);
    assertTrue(md.contains("Seed 0."), md);
  }
}
