package org.dec4j.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.encoder.EncoderSpec;
import org.junit.jupiter.api.Test;

/**
 * The initial weights of a 40-16-8 autoencoder (layers 40 to 16, 16 to 8, 8 to 16, 16 to 40) lie
 * inside each initialisation's bound, reach close to it, and depend on the seed alone; biases start
 * at zero. The layer sizes are asymmetric so that a bound taken from the wrong side of a layer, or
 * the other initialisation's bound, falls outside or far inside the drawn range. Embedding a whole
 * data set in chunks gives every row's embedding, in order.
 */
class NetworkTest {
  private static final int[][] LAYERS = {{40, 16}, {16, 8}, {8, 16}, {16, 40}};

  private static List<float[]> weights(String init, long seed) {
    MlpEncoder encoder = new MlpEncoder();
    var spec = new EncoderSpec(40, encoder.info().resolve(Map.of("dims", "16,8")));
    List<float[]> out = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(encoder.create(spec), 40, manager, seed, init)) {
      for (Parameter p : network.parameters(true)) {
        float[] values = p.getArray().toFloatArray();
        if (p.getType() == Parameter.Type.WEIGHT) {
          out.add(values);
        } else {
          assertArrayEquals(new float[values.length], values, p.getName() + " starts at zero");
        }
      }
    }
    return out;
  }

  private static void assertDrawnUpTo(List<float[]> weights, double[] limits) {
    assertEquals(LAYERS.length, weights.size(), "one weight matrix per layer");
    for (int l = 0; l < LAYERS.length; l++) {
      double max = 0;
      for (float v : weights.get(l)) {
        max = Math.max(max, Math.abs(v));
      }
      String layer = "layer " + LAYERS[l][0] + " -> " + LAYERS[l][1];
      assertTrue(max <= limits[l], layer + ": max |w| " + max + " exceeds " + limits[l]);
      assertTrue(max >= 0.9 * limits[l], layer + ": max |w| " + max + " far inside " + limits[l]);
    }
  }

  @Test
  void glorotUniformIsTheDefault() {
    double[] limits = new double[LAYERS.length];
    for (int l = 0; l < LAYERS.length; l++) {
      limits[l] = Math.sqrt(6.0 / (LAYERS[l][0] + LAYERS[l][1]));
    }
    assertDrawnUpTo(weights("glorot-uniform", 5), limits);
  }

  @Test
  void fanInUniformIsBoundedByOneOverTheRootOfTheInputs() {
    double[] limits = new double[LAYERS.length];
    for (int l = 0; l < LAYERS.length; l++) {
      limits[l] = Math.sqrt(1.0 / LAYERS[l][0]);
    }
    assertDrawnUpTo(weights("fan-in-uniform", 5), limits);
  }

  @Test
  void theSeedAloneDecides() {
    List<float[]> a = weights("fan-in-uniform", 5);
    List<float[]> b = weights("fan-in-uniform", 5);
    for (int l = 0; l < a.size(); l++) {
      assertArrayEquals(a.get(l), b.get(l));
    }
    assertTrue(
        !Arrays.equals(a.get(0), weights("fan-in-uniform", 6).get(0)),
        "another seed, other weights");
  }

  @Test
  void embeddingAllRowsInChunksKeepsEveryRowInOrder() {
    MlpEncoder encoder = new MlpEncoder();
    var spec = new EncoderSpec(40, encoder.info().resolve(Map.of("dims", "16,8")));
    int n = 2 * Network.CHUNK + 37;
    float[] x = new float[n * 40];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(encoder.create(spec), 40, manager, 5, "glorot-uniform")) {
      var data = manager.create(x, new Shape(n, 40));
      float[] all = network.embedAll(data, manager).toFloatArray();
      assertEquals(n * 8, all.length, "one embedding per row");
      for (int row : new int[] {0, Network.CHUNK - 1, Network.CHUNK, 2 * Network.CHUNK, n - 1}) {
        float[] one = network.encode(data.get(row + ":" + (row + 1)), false).toFloatArray();
        float[] chunked = Arrays.copyOfRange(all, row * 8, row * 8 + 8);
        assertArrayEquals(one, chunked, 1e-5f, "row " + row);
      }
    }
  }
}
