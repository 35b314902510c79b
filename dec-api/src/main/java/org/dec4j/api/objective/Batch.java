package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One mini-batch as a {@link ClusteringSession} sees it. The step runs in a scope: every array
 * created during it is freed afterwards unless passed through {@link ClusteringContext#keep}.
 */
public interface Batch {

  /** {@return the 0-based iteration number} */
  int iteration();

  /** {@return the indices of the batch's samples in the full data} */
  int[] indices();

  /** {@return {@link #indices()} as an int64 array, for gathering rows of per-sample state} */
  NDArray indexArray();

  /** {@return the batch's input x, b x d} */
  NDArray input();

  /** {@return the embedding z = f(x), b x m, recorded for gradients} */
  NDArray embedding();

  /**
   * Returns the reconstruction g(f(x)), b x d, recorded for gradients.
   *
   * @return the reconstruction, b x d
   * @throws IllegalStateException when the plan did not ask for reconstruction
   */
  NDArray reconstruction();

  /**
   * Returns f(x) recomputed with the weights after the optimiser step, without gradients; only
   * valid in {@link ClusteringSession#afterStep}. Computed on first call.
   *
   * @return the updated embedding, b x m, without gradients
   */
  NDArray embeddingAfterStep();

  /** {@return the batch's memory scope, closed after the step} */
  NDManager manager();
}
