package org.dec4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dec4j.api.objective.Batch;

/**
 * A batch made of given arrays, for unit tests of a session's {@code loss}, {@code afterStep} and
 * similar calls without a network. Create every array up front, outside any scope, so that the
 * session's per-call scopes cannot free them.
 */
public final class FixedBatch implements Batch {
  private final int iteration;
  private final int[] indices;
  private final NDArray indexArray;
  private final NDArray input;
  private final NDArray embedding;
  private final NDArray reconstruction;
  private final NDArray embeddingAfterStep;
  private final NDManager manager;

  /**
   * A batch of given arrays.
   *
   * @param manager the manager the batch offers, which also owns the index array made here
   * @param iteration the iteration number
   * @param indices the rows of the batch in the data set
   * @param input the input rows
   * @param embedding their embedding
   * @param reconstruction their reconstruction, or null when the batch has none
   * @param embeddingAfterStep the embedding after the step, or null when the batch has none
   */
  public FixedBatch(
      NDManager manager,
      int iteration,
      int[] indices,
      NDArray input,
      NDArray embedding,
      NDArray reconstruction,
      NDArray embeddingAfterStep) {
    this.manager = manager;
    this.iteration = iteration;
    this.indices = indices.clone();
    long[] asLong = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      asLong[i] = indices[i];
    }
    this.indexArray = manager.create(asLong);
    this.input = input;
    this.embedding = embedding;
    this.reconstruction = reconstruction;
    this.embeddingAfterStep = embeddingAfterStep;
  }

  @Override
  public int iteration() {
    return iteration;
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public NDArray indexArray() {
    return indexArray;
  }

  @Override
  public NDArray input() {
    return input;
  }

  @Override
  public NDArray embedding() {
    return embedding;
  }

  @Override
  public NDArray reconstruction() {
    if (reconstruction == null) {
      throw new IllegalStateException("no reconstruction in this batch");
    }
    return reconstruction;
  }

  @Override
  public NDArray embeddingAfterStep() {
    if (embeddingAfterStep == null) {
      throw new IllegalStateException("no post-step embedding in this batch");
    }
    return embeddingAfterStep;
  }

  @Override
  public NDManager manager() {
    return manager;
  }
}
