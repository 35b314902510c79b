package org.dec4j.runtime.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws mini-batches of sample indices: consecutive slices of a permutation that is redrawn each
 * epoch (seeded), or of the identity when shuffling is off. The last batch of an epoch may be
 * smaller, as in the reference implementations.
 */
public final class BatchSampler {
  private final int[] order;
  private final int batchSize;
  private final boolean shuffle;
  private final SplittableRandom random;
  private int position;
  private int permutations;

  /**
   * Creates a sampler.
   *
   * @param n number of samples
   * @param batchSize batch size, at most n is used
   * @param shuffle whether to permute each epoch
   * @param seed seed of the permutations
   */
  public BatchSampler(int n, int batchSize, boolean shuffle, long seed) {
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.batchSize = Math.min(batchSize, n);
    this.shuffle = shuffle;
    this.random = new SplittableRandom(seed);
    this.position = n;
  }

  /** Returns the number of batches per epoch. */
  public int batchesPerEpoch() {
    return (order.length + batchSize - 1) / batchSize;
  }

  private void permute() {
    permutations++;
    if (shuffle) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
  }

  /** {@return how many epochs (permutations) have been started, for a checkpoint} */
  public int epochsStarted() {
    return permutations;
  }

  /** {@return the position in the current epoch's order, for a checkpoint} */
  public int position() {
    return position;
  }

  /**
   * Brings a new sampler (same n, batch size, shuffle and seed) to the state a checkpoint recorded,
   * by drawing the same permutations again, so the batches that follow are the ones the
   * checkpointed sampler would have drawn.
   *
   * @param epochs {@link #epochsStarted()} at the checkpoint
   * @param at {@link #position()} at the checkpoint
   * @throws IllegalStateException when this sampler has already been used
   * @throws IllegalArgumentException for a state no sampler of this size can have
   */
  public void restore(int epochs, int at) {
    if (permutations != 0 || position != order.length) {
      throw new IllegalStateException("restore() needs a fresh sampler");
    }
    if (epochs < 0 || at < 0 || at > order.length || (epochs == 0 && at != order.length)) {
      throw new IllegalArgumentException(
          "sampler state ("
              + epochs
              + " epochs, position "
              + at
              + ") for "
              + order.length
              + " samples");
    }
    for (int e = 0; e < epochs; e++) {
      permute();
    }
    position = at;
  }

  /** Returns the next batch's indices. */
  public int[] next() {
    if (position >= order.length) {
      permute();
      position = 0;
    }
    int end = Math.min(order.length, position + batchSize);
    int[] batch = Arrays.copyOfRange(order, position, end);
    position = end;
    return batch;
  }
}
