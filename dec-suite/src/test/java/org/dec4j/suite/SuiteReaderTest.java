package org.dec4j.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.suite.report.PublishedFigure;
import org.dec4j.suite.report.ReportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading suite files: every field, shorthands, defaults, and messages that name the field. */
class SuiteReaderTest {
  @TempDir Path temp;

  static String resource(String name) throws Exception {
    try (InputStream in = SuiteReaderTest.class.getResourceAsStream("/suite/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Suite parse(String yaml) {
    return SuiteReader.parse(yaml, "t.yaml", "t");
  }

  /** The message without its line and column ({@link #whereTheMessagePoints} checks those). */
  static String error(String yaml) {
    return errorAt(yaml).replaceFirst("^t\\.yaml:\\d+:\\d+:", "t.yaml:");
  }

  static String errorAt(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void whereTheMessagePoints() {
    assertEquals(
        "t.yaml:2:1: unknown field 'method' (did you mean 'methods'?); known: autoencoder, datasets,"
            + " kmeans_restarts, methods, name, output, report, seeds",
        errorAt("datasets: [blobs]\nmethod: [dec]\n"),
        "the unknown key");
    assertEquals(
        "t.yaml:3:17: datasets[1].options: must be a mapping of names to values, got 'test'",
        errorAt("datasets:\n  - blobs\n  - {id: mnist, options: test}\nmethods: [dec]\n"),
        "a field of a list's element");
    assertEquals(
        "t.yaml:4:14: autoencoder.pretrain.epochs: must be a whole number, got 'many'",
        errorAt("datasets: [blobs]\nmethods: [dec]\nautoencoder:\n  pretrain: {epochs: many}\n"),
        "a nested field");
    assertEquals(
        "t.yaml:3:10: report.map = 'pca' must be one of tsne, umap, none",
        errorAt("datasets: [blobs]\nmethods: [dec]\nreport: {map: pca}\n"),
        "a field a constructor rejected");
    assertEquals(
        "t.yaml: methods: missing; list the methods",
        errorAt("datasets: [blobs]\n"),
        "a missing field has no place in the text");
    String both =
        errorAt(
            "datasets: [blobs]\nmethods: [{id: idec, params: {gamma: 1}, grid: {gamma: [1, 2]}}]\n");
    assertTrue(
        both.startsWith(
            "t.yaml:2:11: methods[0]: method 'idec': 'gamma' is both in params and in grid"),
        "an element a constructor rejected: " + both);
  }

  @Test
  void readsEveryField() throws Exception {
    Path file = temp.resolve("full.yaml");
    Files.writeString(file, resource("full.yaml"));
    Suite s = SuiteReader.read(file);
    assertEquals("full-test", s.name());
    assertEquals("out/full", s.output());
    assertEquals(
        new Suite.DatasetEntry("blobs", Map.of("n", 300, "d", 8, "k", 3), 3, 7),
        s.datasets().get(0));
    assertEquals(new Suite.DatasetEntry("synthetic", Map.of(), 0, 0), s.datasets().get(1));
    assertEquals(
        List.of("kmeans", "dec", "idec"), s.methods().stream().map(Suite.MethodEntry::id).toList());
    assertEquals(Map.of("max_iter", 40, "update_interval", 10), s.methods().get(1).params());
    assertEquals(
        Map.of("gamma", List.of(0.1, 1.0), "batch_size", List.of(32, 64)),
        s.methods().get(2).grid());
    assertEquals(List.of(3L, 1L), s.seeds());
    assertEquals("mlp", s.autoencoder().encoder());
    assertEquals(Map.of("dims", List.of(16, 4)), s.autoencoder().params());
    assertEquals(new PretrainConfig("stacked", 5, 2, 64, 0.01, 0.1), s.autoencoder().pretrain());
    assertEquals(4, s.kmeansRestarts());
    assertEquals(
        new ReportOptions(
            "none",
            500,
            400,
            List.of(
                new PublishedFigure("blobs", "dec", 0.843, null, null, "DEC paper, Table 2"),
                new PublishedFigure("blobs", "idec (gamma=0.1)", 0.881, 0.867, 0.8, "IDEC paper"))),
        s.report());
  }

  @Test
  void mapSeedsAndProgressAreReportSettings() {
    ReportOptions r =
        parse("datasets: [blobs]\nmethods: [dec]\nreport: {map_seeds: all, map_progress: false}\n")
            .report();
    assertEquals("all", r.mapSeeds());
    assertEquals(false, r.mapProgress());
    ReportOptions d = parse("datasets: [blobs]\nmethods: [dec]\n").report();
    assertEquals("lowest", d.mapSeeds());
    assertEquals(true, d.mapProgress(), "the start and middle maps are drawn by default");
    assertTrue(
        !SuiteReader.toJson(parse("datasets: [blobs]\nmethods: [dec]\n")).contains("map_seeds"),
        "defaults are not written, so suite.json of earlier folders stays the same");
    assertEquals(
        parse("datasets: [blobs]\nmethods: [dec]\nreport: {map_seeds: all}\n"),
        parse(
            SuiteReader.toJson(
                parse("datasets: [blobs]\nmethods: [dec]\nreport: {map_seeds: all}\n"))));
    assertTrue(
        error("datasets: [blobs]\nmethods: [dec]\nreport: {map_seeds: some}\n")
            .contains("report.map_seeds = 'some' must be one of lowest, all"));
  }

  @Test
  void jsonIsReadTheSameAndTheWrittenFormReadsBack() throws Exception {
    Suite yaml = parse(resource("full.yaml"));
    String json = SuiteReader.toJson(yaml);
    assertTrue(json.contains("\"layer_epochs\" : 2"), json);
    Path file = temp.resolve("again.json");
    Files.writeString(file, json);
    assertEquals(yaml, SuiteReader.read(file));
  }

  @Test
  void stackedPretrainingWithoutLayerEpochsTakesTheDefaultNotZero() {
    Suite s =
        parse("datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {mode: stacked}}\n");
    assertEquals(
        50, s.autoencoder().pretrain().layerEpochs(), "was 0: a stacked suite trained no layer");
    assertEquals(PretrainConfig.defaults().layerEpochs(), s.autoencoder().pretrain().layerEpochs());
  }

  @Test
  void shorthandsAndDefaults() {
    Suite s = parse("datasets: [blobs]\nmethods: [dec, kmeans]\nseeds: 3\n");
    assertEquals("t", s.name(), "named after the file");
    assertEquals(null, s.output());
    assertEquals(List.of(0L, 1L, 2L), s.seeds());
    assertEquals(PretrainConfig.defaults(), s.autoencoder().pretrain());
    assertEquals("mlp", s.autoencoder().encoder());
    assertEquals(
        org.dec4j.runtime.DeepClustering.KMEANS_RESTARTS,
        s.kmeansRestarts(),
        "the Java API's and the CLI's default");
    assertEquals(ReportOptions.defaults(), s.report());
    assertEquals(Path.of("runs", "t"), SuiteRunner.output(s, null));
    assertEquals(Path.of("x"), SuiteRunner.output(s, Path.of("x")));

    Suite partial =
        parse("datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {epochs: 3}}\n");
    assertEquals(
        new PretrainConfig("end-to-end", 3, 50, 256, 0.001, 0.2),
        partial.autoencoder().pretrain(),
        "unset pretraining fields take PretrainConfig.defaults()");

    Suite sgd =
        parse(
            "datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {optimizer: SGD, learning_rate: 1, "
                + "momentum: 0.5, epochs: 300}}\n");
    assertEquals(
        new PretrainConfig("end-to-end", 300, 50, 256, 1.0, 0.2, "sgd", 0.5),
        sgd.autoencoder().pretrain());
    assertEquals(
        sgd,
        SuiteReader.parse(SuiteReader.toJson(sgd), "t.json", "t"),
        "the written form keeps them");

    Suite fanIn =
        parse(
            "datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {init: Fan-In-Uniform}}\n");
    assertEquals(
        PretrainConfig.defaults().withInit("fan-in-uniform"), fanIn.autoencoder().pretrain());
    assertEquals(
        fanIn,
        SuiteReader.parse(SuiteReader.toJson(fanIn), "t.json", "t"),
        "the written form keeps it");
  }

  @Test
  void messagesNameTheFileAndTheField() {
    assertEquals(
        "t.yaml: unknown field 'method' (did you mean 'methods'?); known: autoencoder, datasets, kmeans_restarts, methods, name, "
            + "output, report, seeds",
        error("datasets: [blobs]\nmethod: [dec]\n"));
    assertEquals("t.yaml: methods: missing; list the methods", error("datasets: [blobs]\n"));
    assertEquals("t.yaml: datasets: list at least one", error("datasets: []\nmethods: [dec]\n"));
    assertEquals(
        "t.yaml: datasets[1].options: must be a mapping of names to values, got 'test'",
        error("datasets: [blobs, {id: mnist, options: test}]\nmethods: [dec]\n"));
    assertEquals(
        "t.yaml: methods[1].grid.gamma: must be a non-empty list of values to try, e.g. [0.1, 0.01], got "
            + "'0.1'",
        error("datasets: [blobs]\nmethods: [dec, {id: idec, grid: {gamma: 0.1}}]\n"));
    assertTrue(
        error(
                "datasets: [blobs]\nmethods: [{id: idec, params: {gamma: 1}, grid: {gamma: [1, 2]}}]\n")
            .startsWith(
                "t.yaml: methods[0]: method 'idec': 'gamma' is both in params and in grid"));
    assertEquals(
        "t.yaml: methods[0]: unknown field 'parms' (did you mean 'params'?); known: grid, id, params",
        error("datasets: [blobs]\nmethods: [{id: dec, parms: {}}]\n"));
    assertEquals(
        "t.yaml: unknown field 'colour'; known: autoencoder, datasets, kmeans_restarts, methods, name, "
            + "output, report, seeds",
        error("datasets: [blobs]\nmethods: [dec]\ncolour: red\n"),
        "no suggestion when none is close");
    assertEquals(
        "t.yaml: autoencoder.pretrain: pretrain mode = 'fast' must be one of end-to-end, stacked, none",
        error("datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {mode: fast}}\n"));
    assertEquals(
        "t.yaml: autoencoder.pretrain: pretrain optimizer = 'rmsprop' must be one of adam, sgd",
        error(
            "datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {optimizer: rmsprop}}\n"));
    assertEquals(
        "t.yaml: autoencoder.pretrain: pretrain init = 'he' must be one of glorot-uniform, fan-in-uniform",
        error("datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {init: he}}\n"));
    assertEquals(
        "t.yaml: autoencoder.pretrain: pretrain momentum = 1.0 must be in [0, 1)",
        error(
            "datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {optimizer: sgd, momentum: 1}}\n"));
    assertEquals(
        "t.yaml: autoencoder.pretrain.epochs: must be a whole number, got 'many'",
        error("datasets: [blobs]\nmethods: [dec]\nautoencoder: {pretrain: {epochs: many}}\n"));
    assertEquals(
        "t.yaml: seeds: seed 1 is listed twice",
        error("datasets: [blobs]\nmethods: [dec]\nseeds: [1, 1]\n"));
    assertEquals(
        "t.yaml: report.published[0]: source: say where dec on mnist was published (a figure without its "
            + "source cannot be checked)",
        error(
            "datasets: [blobs]\nmethods: [dec]\nreport: {published: "
                + "[{dataset: mnist, method: dec, acc: 0.84}]}\n"));
    assertEquals(
        "t.yaml: report.published[0]: acc = 84.3 must be in [0, 1]",
        error(
            "datasets: [blobs]\n"
                + "methods: [dec]\nreport: {published: [{dataset: mnist, method: dec, acc: 84.3, source: paper}]}\n"));
    assertEquals(
        "t.yaml: report.map = 'pca' must be one of tsne, umap, none",
        error("datasets: [blobs]\nmethods: [dec]\nreport: {map: pca}\n"));
    assertEquals(
        "t.yaml: kmeans_restarts: 0 must be in [1, 10000]",
        error("datasets: [blobs]\nmethods: [dec]\nkmeans_restarts: 0\n"));
    assertEquals(
        "t.yaml: datasets[0].k: -2 must be in [0, 100000]",
        error("datasets: [{id: blobs, k: -2}]\nmethods: [dec]\n"));
    assertEquals("t.yaml: the suite file is empty", error(""));
    String syntax = errorAt("datasets: [blobs\nmethods: [dec]\n");
    assertTrue(syntax.startsWith("t.yaml:") && syntax.contains("not valid YAML/JSON"), syntax);
    assertTrue(syntax.matches("(?s)t\\.yaml:\\d+:\\d+: .*"), "line and column: " + syntax);
    assertTrue(
        assertThrows(ConfigException.class, () -> SuiteReader.read(temp.resolve("none.yaml")))
            .getMessage()
            .endsWith("none.yaml: no such suite file"));
  }

  @Test
  void theBuiltInExampleRunsEveryMethodOnARealDataSetWithTwoSeeds() {
    Suite s = SuiteReader.example();
    assertEquals("default", s.name());
    assertEquals(Suite.AUTO, s.datasets().get(0).id());
    assertEquals(Map.of("split", "test"), s.datasets().get(0).options());
    assertTrue(s.seeds().size() >= 2, "mean ± std needs two seeds");
    assertTrue(
        s.methods().stream()
            .map(Suite.MethodEntry::id)
            .toList()
            .containsAll(List.of("kmeans", "ae-kmeans", "dec", "idec", "dcn")));
  }
}
