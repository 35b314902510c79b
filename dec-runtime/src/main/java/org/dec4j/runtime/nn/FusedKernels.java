package org.dec4j.runtime.nn;

/**
 * The optimisers' update rules as plain loops over float arrays, the arithmetic written exactly as
 * MXNet 1.9.1's {@code adam_update}, {@code sgd_mom_update} and {@code sgd_update} kernels evaluate
 * it: the same float operations in the same order, each correctly rounded (Java never fuses a
 * multiply and an add), so the results are bit for bit the kernels' ({@code GradientStepTest}
 * checks it on random arrays). The loops are simple enough for the JIT compiler to vectorise (on
 * heap arrays; JDK 25 does not vectorise the same loops over native memory); they need no incubator
 * module, so a library user gets them as the {@code dec4j} launcher does.
 *
 * <p>Every method updates the elements {@code from} (inclusive) to {@code to} (exclusive) in place,
 * all arrays at the same index (the loops vectorise only then).
 */
final class FusedKernels {
  private FusedKernels() {}

  /**
   * Adam: {@code g' = g rescale + w wd; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g' g'; w = w -
   * lr m / (sqrt(v) + eps)}.
   */
  static void adam(
      float[] w,
      float[] g,
      float[] m,
      float[] v,
      int from,
      int to,
      float lr,
      float beta1,
      float beta2,
      float epsilon,
      float wd,
      float rescale) {
    float c1 = 1f - beta1;
    float c2 = 1f - beta2;
    for (int i = from; i < to; i++) {
      float wi = w[i];
      float gi = g[i] * rescale + wi * wd;
      float mi = m[i] * beta1 + gi * c1;
      float vi = v[i] * beta2 + gi * c2 * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = wi - mi * lr / ((float) Math.sqrt(vi) + epsilon);
    }
  }

  /** SGD with heavy-ball momentum: {@code v = mu v - lr wd w - lr rescale g; w = w + v}. */
  static void sgdMomentum(
      float[] w,
      float[] g,
      float[] velocity,
      int from,
      int to,
      float lr,
      float momentum,
      float wd,
      float rescale) {
    float decay = lr * wd;
    float step = lr * rescale;
    for (int i = from; i < to; i++) {
      float wi = w[i];
      float vi = velocity[i] * momentum - wi * decay - g[i] * step;
      velocity[i] = vi;
      w[i] = wi + vi;
    }
  }

  /** Plain SGD: {@code w = (1 - lr wd) w - (lr rescale) g}. */
  static void sgd(float[] w, float[] g, int from, int to, float lr, float wd, float rescale) {
    float keep = 1f - lr * wd;
    float step = lr * rescale;
    for (int i = from; i < to; i++) {
      w[i] = w[i] * keep - g[i] * step;
    }
  }
}
