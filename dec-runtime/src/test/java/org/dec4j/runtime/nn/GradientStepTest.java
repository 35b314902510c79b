package org.dec4j.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.dec4j.api.objective.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * Every step applies the update rule to the gradient of that step (the gradient handles are taken
 * once, so a stale buffer would show here), for momentum SGD and Keras' Adam, checked against the
 * rules written out in Java over three steps of a loss whose gradient changes with the weights.
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
  private record Problem(NDArray w, NDArray b, Map<String, NDArray> trainable, Supplier<NDArray> loss) {
    static Problem in(NDManager m) {
      NDArray w = m.create(W0);
      NDArray b = m.create(B0);
      NDArray target = m.create(TARGET);
      w.setRequiresGradient(true);
      b.setRequiresGradient(true);
      Map<String, NDArray> trainable = new LinkedHashMap<>();
      trainable.put("w", w);
      trainable.put("b", b);
      return new Problem(w, b, trainable, () -> w.sub(target).square().sum().add(b.square().sum().mul(3)));
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
      double lrT = spec.learningRate() * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t));
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
}
