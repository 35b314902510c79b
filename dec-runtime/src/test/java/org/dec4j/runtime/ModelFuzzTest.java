package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.FeatureScaling;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.TensorFile;
import org.dec4j.testkit.FileFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the runtime's file readers: a saved model's {@code model.json} and {@code
 * encoder.params}, checkpoints, and JSON results. Every case must either load or fail with the
 * project's own {@link Dec4jException} naming the file; never another exception, an error or a hang
 * (and never a crash of the native engine, which would end the test JVM).
 */
class ModelFuzzTest {
  static final int CASES = 200;

  @TempDir static Path tmp;

  private static final PluginRegistry REGISTRY = PluginRegistry.discover();
  private static final FeatureMatrix INPUT =
      new FeatureMatrix(
          new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f}, 2, 5);

  /**
   * The mutations, with JSON's tokens for the text files; half the binary cases get a correct
   * trailing CRC-32 so that they reach the parser behind the checksum; refusals must name the model
   * folder.
   */
  private static final FileFuzzer FUZZER =
      new FileFuzzer()
          .cases(CASES)
          .tokens(
              List.of(
                  ",",
                  "\"",
                  "-1",
                  "1e999",
                  "null",
                  "[]",
                  "{}",
                  "NaN",
                  "99999999999",
                  "[[1]]",
                  "\"dcn\"",
                  "\"nope\"",
                  "0",
                  ":",
                  "]"))
          .fixUp(ModelFuzzTest::withCrc)
          .naming(f -> f.getParent().getFileName().toString());

  /**
   * Writes a valid model of the {@code method} to {@code dir}: a 5-8-3 encoder, three centroids, a
   * standardisation of the five named columns, and the assignments of four training rows.
   */
  static void writeModel(Path dir, String method) {
    var encoder = REGISTRY.encoder("mlp");
    var params = encoder.info().resolve(Map.of("dims", "8,3"));
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(encoder.create(new EncoderSpec(5, params)), 5, manager, 3)) {
      SavedModel model =
          new SavedModel(
              SavedModel.FORMAT,
              method,
              REGISTRY.objective(method).info().resolve(Map.of()).asMap(),
              "mlp",
              params.asMap(),
              5,
              new float[][] {{0, 0, 0}, {1, 1, 1}, {-1, 2, 0.5f}},
              new DataProvenance("toy", List.of(), "0".repeat(64), "toy data"),
              "test",
              "csv",
              Map.of("scale", "standard"),
              List.of("a", "b", "c", "d", "e"),
              new FeatureScaling(
                  "scale",
                  "standard",
                  new double[] {0, 1, 2, 3, 4},
                  new double[] {1, 2, 0, 0.5, 4}));
      float[][] soft =
          method.equals("dec")
              ? new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5f, 0.5f, 0}}
              : null;
      new ClusteringModel(
              model,
              network.weights(new TensorFile()),
              null,
              new int[] {0, 1, 2, 0},
              soft,
              REGISTRY,
              null)
          .save(dir);
    }
  }

  /** Reads a model directory and predicts with it, as {@code dec4j predict} does. */
  private static void readAndPredict(Path dir, boolean soft) {
    ClusteringModel model = DeepClustering.load(dir, REGISTRY);
    model.predict(INPUT, soft);
    model.labels();
  }

  @Test
  void savedModelWeights() throws IOException {
    Path dir = tmp.resolve("weights");
    writeModel(dir, "dec");
    byte[] valid = Files.readAllBytes(dir.resolve(SavedModel.WEIGHTS));
    // the valid model predicts
    readAndPredict(dir, true);
    // Half the cases get a correct checksum, so that they reach the parser behind it.
    fuzz(
        "encoder.params",
        21,
        List.of(valid),
        false,
        dir.resolve(SavedModel.WEIGHTS),
        f -> readAndPredict(dir, true));
  }

  @Test
  void savedTrainingAssignments() throws IOException {
    Path dir = tmp.resolve("training");
    writeModel(dir, "dec");
    byte[] valid = Files.readAllBytes(dir.resolve(ClusteringModel.TRAINING));
    fuzz(
        "training.params",
        23,
        List.of(valid),
        false,
        dir.resolve(ClusteringModel.TRAINING),
        f -> readAndPredict(dir, true));
  }

  @Test
  void savedModelConfig() throws IOException {
    for (String method : new String[] {"dec", "dcn"}) {
      Path dir = tmp.resolve("config-" + method);
      writeModel(dir, method);
      byte[] valid = Files.readAllBytes(dir.resolve(SavedModel.CONFIG));
      fuzz(
          "model.json (" + method + ")",
          22 + method.length(),
          List.of(valid),
          true,
          dir.resolve(SavedModel.CONFIG),
          f -> readAndPredict(dir, method.equals("dec")));
    }
  }

  @Test
  void resultJson() throws IOException {
    Path dir = tmp.resolve("result");
    Path file = dir.resolve("result.json");
    RunResult valid = Json.mapper().readValue(resultText(), RunResult.class);
    Json.writeAtomically(file, valid);
    fuzz(
        "result.json",
        31,
        List.of(Files.readAllBytes(file)),
        true,
        file,
        f -> Json.read(f, RunResult.class));
  }

  @Test
  void clusteringCheckpoint() throws IOException {
    Path file = tmp.resolve("checkpoint").resolve("cluster.ckpt");
    org.dec4j.runtime.nn.TensorFile valid = new org.dec4j.runtime.nn.TensorFile();
    org.dec4j.api.objective.SessionState session =
        new org.dec4j.api.objective.SessionState()
            .putFloats("centroids", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    ClusteringCheckpoint written =
        new ClusteringCheckpoint(
            40,
            3,
            0.5,
            1.25,
            new int[] {1, 1, 0, 2},
            new int[] {0, 1, 1, 2},
            List.of(
                new org.dec4j.api.result.TraceEntry(
                    0, Double.NaN, 0.5, new org.dec4j.api.result.Scores(0.5, 0.25, 0.125), 0.1),
                new org.dec4j.api.result.TraceEntry(20, 0.75, 0.01, null, 0.6)),
            3,
            4,
            session);
    written.writeTo(valid);
    valid.write(file);
    ClusteringCheckpoint back =
        ClusteringCheckpoint.readFrom(org.dec4j.runtime.nn.TensorFile.read(file), file, 4);
    assertEquals(40, back.iteration());
    assertEquals(1.25, back.clusterSeconds());
    assertArrayEquals(new int[] {0, 1, 1, 2}, back.labels());
    assertEquals(written.trace(), back.trace());
    assertEquals(4, back.samplerPosition());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.session().getFloats("centroids"));
    fuzz(
        "cluster.ckpt",
        41,
        List.of(Files.readAllBytes(file)),
        false,
        file,
        f -> {
          org.dec4j.runtime.nn.TensorFile t = org.dec4j.runtime.nn.TensorFile.read(f);
          ClusteringCheckpoint.readFrom(t, f, 4);
        });
  }

  private static String resultText() {
    return """
        {"config": {"method": "dec", "methodParams": {"tol": 0.001}, "dataset": "blobs", "datasetParams": {},
          "encoder": "mlp", "encoderParams": {}, "pretrain": {"mode": "none", "epochs": 1, "layerEpochs": 1,
          "batchSize": 4, "learningRate": 0.001, "dropout": 0.2}, "clusters": 2, "seed": 1, "kmeansRestarts": 1},
         "scores": {"acc": 1.0, "nmi": 1.0, "ari": 1.0}, "iterations": 3, "converged": true,
         "trace": [{"iteration": 0, "loss": 0.5, "labelChange": 0.1, "seconds": 0.01}],
         "timings": {"load": 0, "pretrain": 0, "initialize": 0, "cluster": 0, "total": 0},
         "assignments": [0, 1, 1, 0],
         "sample": {"indices": [0, 1], "points": [[0.5, 1], [2, 3]], "centroids": [[0, 0], [1, 1]]}}
        """;
  }

  static void fuzz(
      String name,
      long seed,
      List<byte[]> seeds,
      boolean text,
      Path file,
      FileFuzzer.Reader reader) {
    FUZZER.run(name, seed, seeds, text, file, reader).assertClean();
  }

  /** The bytes with their last four replaced by the CRC-32 of the rest, as the weight files end. */
  private static byte[] withCrc(byte[] in) {
    if (in.length < 4) {
      return in;
    }
    byte[] out = in.clone();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(out, 0, out.length - 4);
    java.nio.ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    return out;
  }
}
