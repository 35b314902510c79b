package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API end to end on small well-separated blobs: fit on rows in memory and on a CSV file
 * scaled by its own statistics, then predict, save, load and predict again; every refusal is the
 * command line's exception.
 */
class DeepClusteringTest {
  @TempDir Path tmp;

  private static final PluginRegistry PLUGINS = PluginRegistry.discover();

  /**
   * Column scales far apart, so that a model applying no scaling (or another one) would go wrong.
   */
  private static final double[] SCALE = {1000, 0.01, 1, 50};

  private static final double[] OFFSET = {5000, -3, 0, 100};
  private static final double[][] CENTRES = {{-1, -1, 1, 0}, {1, -1, -1, 1}, {0, 1, 0, -1}};

  /** A small, fast DEC: a 4-16-3 autoencoder, 20 pretraining epochs, a few hundred iterations. */
  private static DeepClustering dec() {
    return DeepClustering.method("dec", PLUGINS)
        .seed(3)
        .dims(16, 3)
        .pretrain(Pretraining.endToEnd().epochs(20).batchSize(32))
        .params(Map.of("max_iter", 300, "update_interval", 30, "batch_size", 32))
        .kmeansRestarts(2);
  }

  /**
   * Three blobs of 40 rows, row i in blob i % 3; columns far apart in scale unless {@code unit}.
   */
  private static float[][] blobs(long seed, boolean unit) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[120][4];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        double v = CENTRES[i % 3][j] + 0.15 * (random.nextDouble() * 2 - 1);
        x[i][j] = (float) (unit ? v : OFFSET[j] + SCALE[j] * v);
      }
    }
    return x;
  }

  private static int[] truth(int n) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i % 3;
    }
    return t;
  }

  private static String csv(String header, float[][] rows, boolean withLabel) {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", rows[i][j]));
      }
      b.append(withLabel ? "," + (i % 3) : "").append('\n');
    }
    return b.toString();
  }

  @Test
  void aModelFittedOnAStandardisedCsvPredictsItsTrainingRowsOneAtATime() throws IOException {
    float[][] x = blobs(1, false);
    Path train = Files.writeString(tmp.resolve("train.csv"), csv("a,b,c,d,label", x, true));
    ClusteringModel model =
        dec()
            .fit(
                "csv",
                Map.of("path", train.toString(), "scale", "standard", "label_column", "label"));
    int[] labels = model.labels();
    assertTrue(
        model.result().scores().ari() >= 0.9, "the blobs are found: " + model.result().scores());
    assertEquals("scale=standard", model.scaling().orElseThrow().setting());
    assertEquals(List.of("a", "b", "c", "d"), model.columns().orElseThrow());
    assertEquals(3, model.clusters());

    // The rows as the file holds them, one at a time: the model applies the training statistics.
    for (int i = 0; i < x.length; i++) {
      assertEquals(labels[i], model.predict(new float[][] {x[i]})[0], "row " + i + " alone");
    }
    assertArrayEquals(labels, model.predict(x), "all rows together");

    Path dir = tmp.resolve("model");
    model.save(dir);
    ClusteringModel back = DeepClustering.load(dir, PLUGINS);
    assertArrayEquals(labels, back.labels());
    assertArrayEquals(model.softAssignments(), back.softAssignments());
    assertEquals(model.result().scores(), back.result().scores());
    assertEquals(model.scaling(), back.scaling());
    // Each training row in a file of its own, through the csv data set, as 'dec4j predict' reads
    // it.
    for (int i = 0; i < x.length; i += 7) {
      Path one =
          Files.writeString(
              tmp.resolve("row" + i + ".csv"), csv("a,b,c,d", new float[][] {x[i]}, false));
      assertEquals(
          labels[i],
          back.predict("csv", Map.of("path", one.toString()), List.of(), false).labels()[0],
          "row " + i + " from a file of its own");
      assertEquals(
          labels[i],
          back.predict("csv", Map.of("path", one.toString(), "scale", "standard"), List.of(), false)
              .labels()[0],
          "the model's own scaling may be named");
    }

    Path one =
        Files.writeString(tmp.resolve("one.csv"), csv("a,b,c,d", new float[][] {x[0]}, false));
    refused(
        ConfigException.class,
        () ->
            back.predict(
                "csv", Map.of("path", one.toString(), "scale", "minmax"), List.of(), false),
        "scale=minmax conflicts",
        "trained with scale=standard");
    Path renamed =
        Files.writeString(tmp.resolve("renamed.csv"), csv("a,b,x,d", new float[][] {x[0]}, false));
    refused(
        DataException.class,
        () -> back.predict("csv", Map.of("path", renamed.toString()), List.of(), false),
        renamed.toString(),
        "column 2 is 'x' where the model has 'c'");
    Path labelled =
        Files.writeString(
            tmp.resolve("labelled.csv"), csv("a,b,c,d,label", new float[][] {x[0]}, true));
    refused(
        DataException.class,
        () -> back.predict("csv", Map.of("path", labelled.toString()), List.of(), false),
        "takes 4 features per sample (a, b, c, d)",
        labelled + " has 5",
        "label_column=label");
    assertEquals(
        labels[0],
        back.predict(
                "csv",
                Map.of("path", labelled.toString(), "label_column", "label"),
                List.of(),
                false)
            .labels()[0],
        "with its label column named, the same file is taken");
    refused(
        DataException.class,
        () -> back.predict(new float[][] {{1, 2, 3}}),
        "takes 4 features",
        "has 3");
  }

  @Test
  void aModelFittedInMemoryAnswersForItsRowsAndNewOnes() {
    float[][] x = blobs(2, true);
    ClusteringModel model = dec().clusters(3).fit(x);
    int[] labels = model.labels();
    Scores scores = model.scores(truth(x.length));
    assertEquals(ClusteringMetrics.scores(truth(x.length), labels), scores);
    assertTrue(scores.ari() >= 0.9, "the blobs are found: " + scores);
    assertEquals(DeepClustering.IN_MEMORY, model.result().config().dataset());
    assertTrue(model.scaling().isEmpty() && model.columns().isEmpty());

    float[][] q = model.softAssignments();
    assertEquals(x.length, q.length);
    for (float[] row : q) {
      double sum = 0;
      for (float v : row) {
        sum += v;
      }
      assertEquals(1.0, sum, 1e-5);
    }
    assertArrayEquals(labels, model.predict(x));
    float[][] again = model.predictSoft(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(q[i], again[i], 1e-6f, "soft assignment of row " + i);
    }
    float[][] z = model.embed(x);
    assertEquals(x.length, z.length);
    assertEquals(3, z[0].length, "the embedding has the last layer's width");
    refused(
        DataException.class,
        () -> model.scores(new int[5]),
        "truth has 5 labels",
        "fitted on 120 rows");
  }

  @Test
  void aDataSetFitGivesTheAssignmentsOfTheRunnerThatSuitesUse() {
    DeepClustering idec =
        DeepClustering.method("idec", PLUGINS)
            .seed(5)
            .dims(16, 3)
            .pretrain(Pretraining.endToEnd().epochs(10).batchSize(32))
            .params(Map.of("max_iter", 200, "update_interval", 20, "batch_size", 32))
            .kmeansRestarts(2);
    Map<String, Object> blobs = Map.of("n", 150, "d", 6, "k", 3);
    ClusteringModel model = idec.fit("blobs", blobs);
    RunResult run = new Runner(PLUGINS).run(idec.spec("blobs", blobs), ProgressSink.NONE);
    assertArrayEquals(
        run.assignments(), model.labels(), "same settings and seed, same assignments");
    assertEquals(run.scores(), model.result().scores());
    assertEquals(run.config(), model.result().config());
  }

  @Test
  void badSettingsAndDataAreTheCommandLinesRefusals() {
    refused(
        ConfigException.class,
        () -> DeepClustering.method("kmeanz", PLUGINS),
        "unknown method 'kmeanz'",
        "idec");
    DeepClustering idec = DeepClustering.method("idec", PLUGINS);
    refused(ConfigException.class, () -> idec.param("gamma", -0.1), "gamma", "-0.1");
    refused(ConfigException.class, () -> idec.param("lernrate", 0.1), "lernrate");
    refused(ConfigException.class, () -> idec.clusters(1), "k = 1");
    refused(ConfigException.class, () -> idec.dims(10, 0), "dims");
    refused(ConfigException.class, () -> idec.kmeansRestarts(0), "kmeans-restarts = 0");
    refused(ConfigException.class, () -> Pretraining.endToEnd().epochs(-1), "epochs = -1");
    refused(ConfigException.class, () -> idec.encoder("cnn"), "unknown encoder 'cnn'", "mlp");
    refused(
        DataException.class,
        () -> idec.clusters(2).fit(new float[][] {{1, 2}, {3}}),
        "rows[1] has 1 values");
    refused(
        DataException.class,
        () -> idec.clusters(2).fit(new float[][] {{1, 2}, {3, Float.NaN}}),
        "rows[1][1] is NaN");
    refused(ConfigException.class, () -> idec.fit(new float[][] {{1, 2}, {3, 4}}), "clusters(k)");
    refused(
        DataException.class,
        () ->
            idec.clusters(3)
                .pretrain(Pretraining.none())
                .fit(new float[][] {{1, 2}, {1, 2}, {3, 4}, {3, 4}}),
        "only 2 distinct",
        "k = 3");
  }

  @Test
  void aFormat2ModelTrainedOnSelfScaledDataIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(
        dir.resolve("model.json"),
        """
        {"format": 2, "method": "dec", "methodParams": {}, "encoder": "mlp", "encoderParams": {}, "inputDim": 3,
         "centroids": [[0, 1], [1, 0]], "trainedOn": {"source": "user file x.csv", "files": [], "sha256": "0",
         "description": "path=x.csv, delimiter=auto, scale=standard"}}
        """);
    Files.writeString(dir.resolve("encoder.params"), "weights");
    refused(
        DataException.class,
        () -> DeepClustering.load(dir, PLUGINS),
        "model.json",
        "scale=standard",
        "train it again");
  }

  private static void refused(
      Class<? extends Dec4jException> type, Executable call, String... fragments) {
    Dec4jException e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(
          e.getMessage().contains(f), "the message should name '" + f + "': " + e.getMessage());
    }
  }
}
