package org.dec4j.runtime.nn;

import java.nio.file.Path;

/**
 * Where one training phase (pretraining, clustering) keeps its checkpoint, and when it writes one.
 *
 * <p>Phases write only at boundaries where their whole state is known (the end of an epoch, just
 * after a refresh), so that a run resumed from the checkpoint continues exactly as it would have.
 */
public interface Checkpointer {
  /** No checkpoints: nothing is found, nothing is due. */
  Checkpointer NONE =
      new Checkpointer() {
        @Override
        public TensorFile latest() {
          return null;
        }

        @Override
        public boolean due(int boundaries) {
          return false;
        }

        @Override
        public void save(TensorFile checkpoint) {}

        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public Path file() {
          return null;
        }
      };

  /** {@return whether checkpoints are written at all} */
  boolean enabled();

  /** {@return the phase's checkpoint file, for messages (null when disabled)} */
  Path file();

  /**
   * Returns the phase's last checkpoint.
   *
   * @return its entries, or null when there is none (or it was unreadable and has been discarded)
   */
  TensorFile latest();

  /**
   * Tells whether a checkpoint is due.
   *
   * @param boundaries epochs (or refreshes) completed since the last checkpoint of this phase
   * @return whether to write one now
   */
  boolean due(int boundaries);

  /**
   * Writes a checkpoint atomically, replacing the previous one.
   *
   * @param checkpoint its entries
   */
  void save(TensorFile checkpoint);
}
