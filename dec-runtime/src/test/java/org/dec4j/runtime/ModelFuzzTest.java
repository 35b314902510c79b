package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.nn.Network;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the runtime's file readers: a saved model's {@code model.json} and
 * {@code encoder.params}, checkpoints, and JSON results. Every case must either load or fail with
 * the project's own {@link Dec4jException} naming the file; never another exception, an error or
 * a hang (and never a crash of the native engine, which would end the test JVM).
 */
class ModelFuzzTest {
  static final int CASES = 200;

  @TempDir
  static Path tmp;

  private static ExecutorService worker;
  private static final PluginRegistry REGISTRY = PluginRegistry.discover();
  private static final FeatureMatrix INPUT = new FeatureMatrix(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f,
      0.9f, 0.8f, 0.7f, 0.6f, 0.5f}, 2, 5);

  @BeforeAll
  static void startWorker() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stopWorker() {
    worker.shutdownNow();
  }

  private interface Reader {
    void read(Path file);
  }

  /** Writes a valid model of the {@code method} to {@code dir}: a 5-8-3 encoder and three centroids. */
  static void writeModel(Path dir, String method) {
    var encoder = REGISTRY.encoder("mlp");
    var params = encoder.info().resolve(Map.of("dims", "8,3"));
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(encoder.create(new EncoderSpec(5, params)), 5, manager, 3)) {
      new SavedModel(SavedModel.FORMAT, method, REGISTRY.objective(method).info().resolve(Map.of()).asMap(), "mlp", params.asMap(), 5,
          new float[][] {{0, 0, 0}, {1, 1, 1}, {-1, 2, 0.5f}},
          new DataProvenance("toy", List.of(), "0".repeat(64), "toy data"), "test")
          .save(dir, network);
    }
  }

  @Test
  void savedModelWeights() throws IOException {
    Path dir = tmp.resolve("weights");
    writeModel(dir, "dec");
    byte[] valid = Files.readAllBytes(dir.resolve(SavedModel.WEIGHTS));
    // the valid model predicts
    SavedModel.read(dir).predict(dir, REGISTRY, INPUT, true);
    // Half the cases get a correct checksum, so that they reach the parser behind it.
    fuzz("encoder.params", 21, List.of(valid), false, dir.resolve(SavedModel.WEIGHTS),
        f -> SavedModel.read(dir).predict(dir, REGISTRY, INPUT, true));
  }

  @Test
  void savedModelConfig() throws IOException {
    for (String method : new String[] {"dec", "dcn"}) {
      Path dir = tmp.resolve("config-" + method);
      writeModel(dir, method);
      byte[] valid = Files.readAllBytes(dir.resolve(SavedModel.CONFIG));
      fuzz("model.json (" + method + ")", 22 + method.length(), List.of(valid), true, dir.resolve(SavedModel.CONFIG),
          f -> SavedModel.read(dir).predict(dir, REGISTRY, INPUT, method.equals("dec")));
    }
  }

  @Test
  void resultJson() throws IOException {
    Path dir = tmp.resolve("result");
    Path file = dir.resolve("result.json");
    RunResult valid = Json.mapper().readValue(resultText(), RunResult.class);
    Json.writeAtomically(file, valid);
    fuzz("result.json", 31, List.of(Files.readAllBytes(file)), true, file, f -> Json.read(f, RunResult.class));
  }

  @Test
  void clusteringCheckpoint() throws IOException {
    Path file = tmp.resolve("checkpoint").resolve("cluster.ckpt");
    org.dec4j.runtime.nn.TensorFile valid = new org.dec4j.runtime.nn.TensorFile();
    ClusteringLoop.writeMeta(valid, 40, 3, 0.5, 1.25, List.of(
        new org.dec4j.api.result.TraceEntry(0, Double.NaN, 0.5, new org.dec4j.api.result.Scores(0.5, 0.25, 0.125), 0.1),
        new org.dec4j.api.result.TraceEntry(20, 0.75, 0.01, null, 0.6)));
    valid.putInts("labels", new int[] {0, 1, 1, 2}).putInts("sampler", new int[] {3, 4})
        .putFloats("session.centroids", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    valid.write(file);
    fuzz("cluster.ckpt", 41, List.of(Files.readAllBytes(file)), false, file, f -> {
      org.dec4j.runtime.nn.TensorFile t = org.dec4j.runtime.nn.TensorFile.read(f);
      ClusteringLoop.readMeta(t, f);
      ClusteringLoop.readTrace(t, f);
      t.ints("labels", 4);
      t.ints("sampler", 2);
      t.floats("session.centroids", 3, 2);
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

  static void fuzz(String name, long seed, List<byte[]> seeds, boolean text, Path file, Reader reader) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int c = 0; c < CASES; c++) {
      byte[] input = mutate(random, seeds, text);
      write(file, input);
      String failure = runCase(reader, file);
      if (failure == null) {
        continue;
      }
      if (failure.isEmpty()) {
        refused++;
      } else {
        failures.add("case " + c + " (" + input.length + " bytes, starts "
            + HexFormat.of().formatHex(input, 0, Math.min(16, input.length)) + "): " + failure);
        if (failure.startsWith("hang")) {
          break;
        }
      }
    }
    write(file, seeds.getFirst());
    assertTrue(failures.isEmpty(), name + ": " + failures.size() + " unclean outcomes:\n" + String.join("\n", failures));
    assertTrue(refused > 0, name + ": no case was refused; the mutations do not reach the reader's checks");
  }

  private static String runCase(Reader reader, Path file) {
    Future<Throwable> result = worker.submit(() -> {
      try {
        reader.read(file);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    Throwable t;
    try {
      t = result.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      return "hang: no answer in 20 s";
    } catch (Exception e) {
      return "harness: " + e;
    }
    if (t == null) {
      return null;
    }
    if (t instanceof Dec4jException d) {
      String message = String.valueOf(d.getMessage());
      return message.contains(file.getParent().getFileName().toString()) ? ""
          : "message does not name the file: " + message;
    }
    StringBuilder trace = new StringBuilder(t.toString());
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < Math.min(8, frames.length); i++) {
      trace.append("\n      at ").append(frames[i]);
    }
    return trace.toString();
  }

  private static final byte[][] TOKENS = {
    bytes(","), bytes("\""), bytes("-1"), bytes("1e999"), bytes("null"), bytes("[]"), bytes("{}"), bytes("NaN"),
    bytes("99999999999"), bytes("[[1]]"), bytes("\"dcn\""), bytes("\"nope\""), bytes("0"), bytes(":"), bytes("]"),
  };

  static byte[] mutate(SplittableRandom random, List<byte[]> seeds, boolean text) {
    if (random.nextInt(10) == 0) {
      byte[] noise = new byte[random.nextInt(0, 600)];
      random.nextBytes(noise);
      return noise;
    }
    byte[] out = seeds.get(random.nextInt(seeds.size())).clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      out = edit(random, out, text);
    }
    if (!text && out.length >= 4 && random.nextBoolean()) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(out, 0, out.length - 4);
      java.nio.ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    }
    return out;
  }

  private static byte[] edit(SplittableRandom random, byte[] in, boolean text) {
    int n = in.length;
    int at = n == 0 ? 0 : random.nextInt(n);
    switch (random.nextInt(text ? 8 : 7)) {
      case 0 -> {
        byte[] out = in.clone();
        if (n > 0) {
          out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      }
      case 1 -> {
        byte[] out = in.clone();
        byte[] special = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, 0x10};
        if (n > 0) {
          out[at] = special[random.nextInt(special.length)];
        }
        return out;
      }
      case 2 -> {
        return Arrays.copyOf(in, n == 0 ? 0 : random.nextInt(n));
      }
      case 3 -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        return splice(in, at, at, extra);
      }
      case 4 -> {
        int len = n == 0 ? 0 : random.nextInt(Math.min(64, n - at) + 1);
        return splice(in, at, at + len, new byte[0]);
      }
      case 5 -> {
        int len = n == 0 ? 0 : random.nextInt(Math.min(64, n - at) + 1);
        return splice(in, at, at, Arrays.copyOfRange(in, at, at + len));
      }
      case 6 -> {
        byte[] out = in.clone();
        int[] values = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF_FFF0, 65536, 0};
        int v = values[random.nextInt(values.length)];
        for (int i = 0; i < 4 && at + i < n; i++) {
          out[at + i] = (byte) (v >>> (24 - 8 * i));
        }
        return out;
      }
      default -> {
        byte[] token = TOKENS[random.nextInt(TOKENS.length)];
        int len = n == 0 ? 0 : random.nextInt(Math.min(3, n - at) + 1);
        return splice(in, at, at + len, token);
      }
    }
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theHarnessSeesAnUncleanFailure() {
    Path file = tmp.resolve("harness/x");
    write(file, new byte[1]);
    assertEquals("", runCase(f -> {
      throw new Dec4jException(f + ": refused");
    }, file));
    assertTrue(runCase(f -> {
      throw new IllegalStateException("boom");
    }, file).contains("boom"));
  }
}
