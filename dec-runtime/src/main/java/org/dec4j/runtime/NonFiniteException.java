package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import org.dec4j.api.Dec4jException;

/**
 * Training produced a value that is not a finite number (NaN or infinity): a loss, a k-means
 * distortion or the embedding. Such a run cannot recover (every later step reads the poisoned
 * weights), and its assignments would be garbage that looks like a result, so it is stopped at once
 * and nothing is written. The message names the phase, the quantity and the epoch or iteration;
 * {@link Runner} adds the likely cause, usually the inputs' scale.
 *
 * <p>The checks are cheap on purpose: values the loops read back anyway (the per-epoch and
 * per-refresh mean loss, the distortion) and the embedding once per refresh, never a device
 * synchronisation per batch. Non-finite gradients show up in the next of those values.
 */
public final class NonFiniteException extends Dec4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the phase, the quantity, its value and when
   */
  public NonFiniteException(String message) {
    super(message);
  }

  /**
   * The same failure with the likely cause appended.
   *
   * @param cause what probably made the numbers overflow, and what to do
   * @return a new exception
   */
  public NonFiniteException because(String cause) {
    NonFiniteException e = new NonFiniteException(getMessage() + "; likely cause: " + cause);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /**
   * Stops the run when a scalar read back from training is not finite.
   *
   * @param value the value
   * @param phase the phase, e.g. {@code pretrain}
   * @param quantity what the value is, e.g. {@code the reconstruction loss}
   * @param when e.g. {@code in epoch 3 of 50}
   * @throws NonFiniteException when {@code value} is NaN or infinite
   */
  public static void check(double value, String phase, String quantity, String when) {
    if (!Double.isFinite(value)) {
      throw of(phase, quantity, Double.toString(value), when);
    }
  }

  /**
   * The largest embedding magnitude a run accepts: squared distances between points farther apart
   * than about 1e19 saturate in float32 ({@code ClusteringMath.HUGE}), every point then looks
   * equally far from every centroid, and the assignments are arbitrary although finite.
   */
  public static final float EMBEDDING_LIMIT = 1e17f;

  /**
   * Stops the run when an embedding holds a NaN or an infinity, or values so large that distances
   * between them saturate ({@link #EMBEDDING_LIMIT}). Costs two element-wise passes, two reductions
   * and two read backs: meant for the embedding at a refresh, not for every batch.
   *
   * @param z the embedding
   * @param phase the phase, e.g. {@code cluster}
   * @param quantity what the array is, e.g. {@code the embedding}
   * @param when e.g. {@code at iteration 420}
   * @throws NonFiniteException when an element is not finite or too large
   */
  public static void check(NDArray z, String phase, String quantity, String when) {
    // z - z is 0 for every finite element and NaN for NaN and +-inf; its sum is 0 only if all are
    // finite.
    if (z.sub(z).sum().getFloat() != 0f) {
      throw of(phase, quantity, "not finite (NaN or infinite values)", when);
    }
    float largest = z.size() == 0 ? 0 : z.abs().max().getFloat();
    if (largest > EMBEDDING_LIMIT) {
      throw new NonFiniteException(
          String.format(
              java.util.Locale.ROOT,
              "%s: %s reaches |z| = %.3g %s, where "
                  + "squared distances overflow float32 and every point looks equally far from every centroid, so the "
                  + "run is stopped and no result is written",
              phase,
              quantity,
              largest,
              when));
    }
  }

  private static NonFiniteException of(String phase, String quantity, String value, String when) {
    return new NonFiniteException(
        phase
            + ": "
            + quantity
            + " is "
            + value
            + " "
            + when
            + ", so the run is stopped and no result is written");
  }
}
