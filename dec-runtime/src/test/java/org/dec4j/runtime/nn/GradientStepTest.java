package org.dec4j.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.runtime.nn.GradientStep.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every step applies the update rule to the gradient of that step (the gradient handles are taken
 * once, so a stale buffer would show here), for momentum SGD and Keras' Adam, checked against the
 * rules written out in Java over three steps of a loss whose gradient changes with the weights; and
 * the two kernels ({@link Kernel#FUSED}, {@link Kernel#MXNET}) agree bit for bit on random arrays,
 * their checkpoints included; the fused kernel is the default.
 */
class GradientStepTest {
  private static final float[] W0 = {0.5f, -1.5f, 2.0f};
  private static final float[] B0 = {0.25f};
  private static final float[] TARGET = {1f, 2f, -1f};

  /** loss = sum((w - target)^2) + 3 b^2, gradients 2 (w - target) and 6 b. */
  private static float[][] gradients(float[] w, float[] b) {
    float[] gw = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      gw[i] = 2 * (w[i] - TARGET[i]);
    }
    return new float[][] {gw, {6 * b[0]}};
  }

  /** The test problem under a manager: w and b with gradients, by key, and its loss. */
  private record Problem(
      NDArray w, NDArray b, Map<String, NDArray> trainable, Supplier<NDArray> loss) {
    static Problem in(NDManager m) {
      NDArray w = m.create(W0);
      NDArray b = m.create(B0);
      NDArray target = m.create(TARGET);
      w.setRequiresGradient(true);
      b.setRequiresGradient(true);
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      trainable.put("w", w);
      trainable.put("b", b);
      return new Problem(
          w, b, trainable, () -> w.sub(target).square().sum().add(b.square().sum().mul(3)));
    }
  }

  private static float[][] run(OptimizerSpec spec, int steps) {
    try (NDManager m = NDManager.newBaseManager()) {
      Problem q = Problem.in(m);
      NDArray w = q.w();
      NDArray b = q.b();
      try (GradientStep step = new GradientStep(q.trainable(), spec)) {
        for (int s = 0; s < steps; s++) {
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            step.run(q.loss());
          }
        }
      }
      return new float[][] {w.toFloatArray(), b.toFloatArray()};
    }
  }

  @Test
  void momentumSgdUsesEachStepsGradient() {
    double lr = 0.05;
    double mu = 0.9;
    float[][] p = {W0.clone(), B0.clone()};
    float[][] v = {new float[3], new float[1]};
    for (int s = 0; s < 3; s++) {
      float[][] g = gradients(p[0], p[1]);
      for (int a = 0; a < 2; a++) {
        for (int i = 0; i < p[a].length; i++) {
          v[a][i] = (float) (mu * v[a][i] - lr * g[a][i]);
          p[a][i] += v[a][i];
        }
      }
    }
    float[][] got = run(OptimizerSpec.sgd(lr, mu), 3);
    assertArrayEquals(p[0], got[0], 1e-5f);
    assertArrayEquals(p[1], got[1], 1e-5f);
  }

  @Test
  void adamFollowsKerasWithBiasCorrectionInTheStepSize() {
    OptimizerSpec spec = OptimizerSpec.adam(0.01);
    float[][] p = {W0.clone(), B0.clone()};
    float[][] m1 = {new float[3], new float[1]};
    float[][] m2 = {new float[3], new float[1]};
    for (int t = 1; t <= 3; t++) {
      float[][] g = gradients(p[0], p[1]);
      double lrT =
          spec.learningRate()
              * Math.sqrt(1 - Math.pow(spec.beta2(), t))
              / (1 - Math.pow(spec.beta1(), t));
      for (int a = 0; a < 2; a++) {
        for (int i = 0; i < p[a].length; i++) {
          m1[a][i] = (float) (spec.beta1() * m1[a][i] + (1 - spec.beta1()) * g[a][i]);
          m2[a][i] = (float) (spec.beta2() * m2[a][i] + (1 - spec.beta2()) * g[a][i] * g[a][i]);
          p[a][i] -= (float) (lrT * m1[a][i] / (Math.sqrt(m2[a][i]) + spec.epsilon()));
        }
      }
    }
    float[][] got = run(spec, 3);
    assertArrayEquals(p[0], got[0], 1e-5f);
    assertArrayEquals(p[1], got[1], 1e-5f);
  }

  @Test
  void backwardFillsTheGradientsAndOnlyUpdateMovesTheWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      Problem q = Problem.in(m);
      NDArray w = q.w();
      NDArray b = q.b();
      float[][] g = gradients(W0, B0);
      try (GradientStep step = new GradientStep(q.trainable(), OptimizerSpec.sgd(0.1, 0))) {
        step.backward(q.loss());
        assertArrayEquals(W0, w.toFloatArray(), 0f);
        assertArrayEquals(g[0], w.getGradient().toFloatArray(), 1e-6f);
        assertArrayEquals(g[1], b.getGradient().toFloatArray(), 1e-6f);
        step.update();
        float[] expected = new float[W0.length];
        for (int i = 0; i < W0.length; i++) {
          expected[i] = W0[i] - 0.1f * g[0][i];
        }
        assertArrayEquals(expected, w.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {B0[0] - 0.1f * g[1][0]}, b.toFloatArray(), 1e-6f);
      }
    }
  }

  @Test
  void theFusedKernelIsTheDefaultForCpuArrays() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(W0.clone());
      w.setRequiresGradient(true);
      try (GradientStep step = new GradientStep(Map.of("w", w), OptimizerSpec.adam(0.001))) {
        assertEquals(Kernel.FUSED, step.kernel());
      }
    }
  }

  @Test
  void thePropertyChoosesTheKernelOfStepsCreatedWithoutOne() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(W0.clone());
      w.setRequiresGradient(true);
      for (String value : new String[] {"mxnet", " MXNet ", "fused", "auto", ""}) {
        Kernel expected = value.strip().equalsIgnoreCase("mxnet") ? Kernel.MXNET : Kernel.FUSED;
        withKernelProperty(
            value,
            () -> {
              try (GradientStep step =
                  new GradientStep(Map.of("w", w), OptimizerSpec.sgd(0.01, 0.9))) {
                assertEquals(expected, step.kernel(), "-Ddec4j.optimizer.kernel=" + value);
              }
            });
      }
    }
  }

  @Test
  void anUnknownKernelOrAnImpossibleFusedOneIsAConfigurationError() {
    withKernelProperty(
        "gpu",
        () -> {
          ConfigException e =
              assertThrows(ConfigException.class, () -> GradientStep.defaultKernel(true));
          assertTrue(e.getMessage().contains(GradientStep.KERNEL_PROPERTY), e.getMessage());
          assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
        });
    withKernelProperty(
        "fused",
        () -> {
          ConfigException e =
              assertThrows(ConfigException.class, () -> GradientStep.defaultKernel(false));
          assertTrue(e.getMessage().contains("dense float32 CPU arrays"), e.getMessage());
        });
    withKernelProperty("auto", () -> assertEquals(Kernel.MXNET, GradientStep.defaultKernel(false)));
  }

  private static void withKernelProperty(String value, Runnable body) {
    String before = System.getProperty(GradientStep.KERNEL_PROPERTY);
    System.setProperty(GradientStep.KERNEL_PROPERTY, value);
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(GradientStep.KERNEL_PROPERTY);
      } else {
        System.setProperty(GradientStep.KERNEL_PROPERTY, before);
      }
    }
  }

  /** Array sizes around the vector length and a large one, as layers and biases have them. */
  private static final long[][] SHAPES = {
    {1}, {3}, {15}, {16}, {17}, {10, 10}, {33, 7}, {500}, {301, 257}
  };

  /** The state of one kernel's run: weights, then the checkpoint of its optimiser. */
  private record Outcome(List<float[]> weights, TensorFile state) {}

  /**
   * Steps on random arrays with loss sum(c w) + sum(d w^2) (gradient c + 2 d w, changing with the
   * weights), from the same start with both kernels.
   */
  private static Outcome random(
      OptimizerSpec spec, Kernel kernel, int steps, TensorFile resumeFrom) {
    return random(spec, kernel, steps, resumeFrom, 1, GradientStep.PIECE);
  }

  /** As above, with the fused pass shared by {@code threads} threads in pieces of {@code piece}. */
  private static Outcome random(
      OptimizerSpec spec, Kernel kernel, int steps, TensorFile resumeFrom, int threads, int piece) {
    SplittableRandom random = new SplittableRandom(42);
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      List<NDArray[]> coefficients = new ArrayList<>();
      for (int i = 0; i < SHAPES.length; i++) {
        Shape shape = new Shape(SHAPES[i]);
        float[][] v = new float[3][(int) shape.size()];
        for (float[] a : v) {
          for (int j = 0; j < a.length; j++) {
            a[j] = (float) (random.nextDouble() * 2 - 1);
          }
        }
        NDArray w = m.create(v[0], shape);
        w.setRequiresGradient(true);
        trainable.put("a" + i, w);
        coefficients.add(new NDArray[] {m.create(v[1], shape), m.create(v[2], shape).mul(0.5f)});
      }
      Supplier<NDArray> loss =
          () -> {
            NDArray sum = null;
            int i = 0;
            for (NDArray w : trainable.values()) {
              NDArray[] c = coefficients.get(i++);
              NDArray term = w.mul(c[0]).sum().add(w.square().mul(c[1]).sum());
              sum = sum == null ? term : sum.add(term);
            }
            return sum;
          };
      try (GradientStep step = new GradientStep(trainable, spec, kernel, threads, piece)) {
        assertEquals(kernel, step.kernel());
        if (resumeFrom != null) {
          step.restore(resumeFrom, "opt.");
          int i = 0;
          for (NDArray w : trainable.values()) {
            w.set(
                java.nio.FloatBuffer.wrap(resumeFrom.floats("w." + i++, w.getShape().getShape())));
          }
        }
        for (int s = 0; s < steps; s++) {
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            step.run(loss);
          }
        }
        TensorFile state = new TensorFile();
        step.save(state, "opt.");
        List<float[]> weights = new ArrayList<>();
        int i = 0;
        for (NDArray w : trainable.values()) {
          weights.add(w.toFloatArray());
          state.putFloats("w." + i++, w.toFloatArray(), w.getShape().getShape());
        }
        return new Outcome(weights, state);
      }
    }
  }

  private static OptimizerSpec rule(String name) {
    return switch (name) {
      case "adam" -> OptimizerSpec.adam(0.01);
      case "sgd-momentum" -> OptimizerSpec.sgd(0.05, 0.9);
      default -> OptimizerSpec.sgd(0.05, 0);
    };
  }

  private static void assertBitwiseEqual(Outcome expected, Outcome actual) {
    for (int i = 0; i < SHAPES.length; i++) {
      float[] e = expected.weights().get(i);
      float[] a = actual.weights().get(i);
      for (int j = 0; j < e.length; j++) {
        assertEquals(
            Float.floatToRawIntBits(e[j]),
            Float.floatToRawIntBits(a[j]),
            "array " + i + " element " + j + ": " + e[j] + " against " + a[j]);
      }
    }
    assertEquals(expected.state().names(), actual.state().names());
    for (String name : expected.state().names()) {
      if (name.startsWith("opt.") && !name.equals("opt.t")) {
        float[] e = expected.state().floats(name, expected.state().entry(name).shape());
        float[] a = actual.state().floats(name, actual.state().entry(name).shape());
        for (int j = 0; j < e.length; j++) {
          assertEquals(
              Float.floatToRawIntBits(e[j]), Float.floatToRawIntBits(a[j]), name + " element " + j);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd-momentum", "sgd"})
  void theFusedKernelGivesMxnetsResultsBitForBit(String name) {
    OptimizerSpec spec = rule(name);
    assertBitwiseEqual(random(spec, Kernel.MXNET, 7, null), random(spec, Kernel.FUSED, 7, null));
  }

  /**
   * Sharing the fused pass among threads, in pieces that cut arrays anywhere (7 elements: every
   * array of more than 7 is cut, at offsets that are not multiples of a vector's width) changes no
   * bit, whichever thread updates which piece.
   */
  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd-momentum", "sgd"})
  void sharingTheFusedPassAmongThreadsChangesNoBit(String name) {
    OptimizerSpec spec = rule(name);
    Outcome mxnet = random(spec, Kernel.MXNET, 7, null);
    assertBitwiseEqual(mxnet, random(spec, Kernel.FUSED, 7, null, 3, 7));
    assertBitwiseEqual(mxnet, random(spec, Kernel.FUSED, 7, null, 2, 1000));
    Outcome half = random(spec, Kernel.FUSED, 3, null, 4, 13);
    assertBitwiseEqual(mxnet, random(spec, Kernel.FUSED, 4, half.state(), 1, 5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd-momentum"})
  void aCheckpointOfOneKernelResumesInTheOther(String name) {
    OptimizerSpec spec = rule(name);
    Outcome straight = random(spec, Kernel.MXNET, 6, null);
    Outcome fusedHalf = random(spec, Kernel.FUSED, 3, null);
    assertBitwiseEqual(straight, random(spec, Kernel.MXNET, 3, fusedHalf.state()));
    Outcome mxnetHalf = random(spec, Kernel.MXNET, 3, null);
    assertBitwiseEqual(straight, random(spec, Kernel.FUSED, 3, mxnetHalf.state()));
  }

  /**
   * MXNet reads float parameters with an approximate decimal parser; {@link MxnetFloats} must give
   * what it gives, read back here through {@code sgd_update} (w = 0, g = 1: w becomes -lr), on
   * Adam's bias-corrected step sizes and on random floats over 11 decades.
   */
  @Test
  void mxnetFloatsReadsDecimalsAsMxnetDoes() {
    List<Float> values =
        new ArrayList<>(List.of(0.9f, 0.999f, 1e-7f, 1e-8f, 0.01f, 0.001f, 1f, 3.5f, 12f));
    for (double lr : new double[] {0.001, 0.01, 0.0001}) {
      for (int t = 1; t <= 3000; t += t < 100 ? 1 : 97) {
        values.add(
            (float) ((float) lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t))));
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      values.add((float) Math.exp(random.nextDouble() * 25 - 23));
    }
    int moved = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray one = m.create(new float[] {1f});
      for (float v : values) {
        try (NDArray w = m.create(new float[] {0f})) {
          PairList<String, Object> params = new PairList<>();
          params.add("lr", String.valueOf(v));
          ((MxNDManager) m).invoke("sgd_update", new NDList(w, one), new NDList(w), params);
          float read = -w.getFloat();
          assertEquals(
              Float.floatToRawIntBits(read),
              Float.floatToRawIntBits(MxnetFloats.asPassed(v)),
              String.valueOf(v));
          moved += read == v ? 0 : 1;
        }
      }
    }
    // The reason for the class: a good share of the values are read as another float.
    org.junit.jupiter.api.Assertions.assertTrue(
        moved > values.size() / 20, moved + " of " + values.size());
  }

  /**
   * Pretraining's own steps (an autoencoder, MSE, 25 batches) give the same weights with both
   * kernels.
   */
  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd-momentum"})
  void bothKernelsTrainAnAutoencoderIdentically(String name) {
    OptimizerSpec spec =
        name.equals("adam") ? OptimizerSpec.adam(0.001) : OptimizerSpec.sgd(0.01, 0.9);
    int n = 256;
    int d = 24;
    float[] x = new float[n * d];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    List<List<float[]>> weights = new ArrayList<>();
    for (Kernel kernel : Kernel.values()) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray data = m.create(x, new Shape(n, d));
        MlpEncoder encoder = new MlpEncoder();
        Autoencoder blocks =
            encoder.create(
                new EncoderSpec(
                    d, encoder.info().resolve(Map.of(MlpEncoder.DIMS, List.of(64, 32, 5)))));
        try (Network network = new Network(blocks, d, m, 5);
            GradientStep step =
                new GradientStep(GradientStep.trainable(network.parameters(true)), spec, kernel)) {
          BatchSampler sampler = new BatchSampler(n, 32, true, 5);
          for (int s = 0; s < 25; s++) {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              NDArray xb = data.get(m.create(sampler.next()));
              step.run(
                  () ->
                      ClusteringMath.meanSquaredError(
                          xb, network.decode(network.encode(xb, true), true)));
            }
          }
          weights.add(
              network.parameters(true).stream().map(p -> p.getArray().toFloatArray()).toList());
        }
      }
    }
    for (int i = 0; i < weights.get(0).size(); i++) {
      float[] e = weights.get(0).get(i);
      float[] a = weights.get(1).get(i);
      for (int j = 0; j < e.length; j++) {
        assertEquals(
            Float.floatToRawIntBits(e[j]),
            Float.floatToRawIntBits(a[j]),
            "parameter " + i + " element " + j);
      }
    }
  }
}
