package org.dec4j.runtime;

import java.nio.file.Path;
import org.dec4j.api.ConfigException;

/**
 * When and where a run saves checkpoints of its long phases, so that a killed run resumes.
 *
 * <p>Each run gets its own folder under {@code dir}, named by a hash of everything that determines
 * its result (data checksum, method, encoder, pretraining, k, seed, hyperparameters). Pretraining
 * writes a checkpoint at the end of an epoch, the clustering phase just after a refresh, when
 * either {@code everyEpochs} epochs (or {@code everyRefreshes} refreshes) or {@code everyMinutes}
 * minutes have passed since the last one; finished pretraining is always saved. A run started again
 * with the same configuration resumes from the last checkpoint and ends with the result the
 * uninterrupted run would have had. The folder is deleted once the run's result is written.
 *
 * @param dir the folder that holds one sub-folder per run, or null for no checkpoints
 * @param everyEpochs pretraining epochs between checkpoints (0: by time only)
 * @param everyRefreshes clustering refreshes between checkpoints (0: by time only)
 * @param everyMinutes minutes between checkpoints (0: by count only)
 */
public record Checkpointing(Path dir, int everyEpochs, int everyRefreshes, double everyMinutes) {
  /** Default pretraining epochs between checkpoints. */
  public static final int EPOCHS = 10;

  /** Default clustering refreshes between checkpoints. */
  public static final int REFRESHES = 5;

  /** Default minutes between checkpoints. */
  public static final double MINUTES = 10;

  /**
   * Checks the intervals, naming the option.
   *
   * @throws ConfigException for a negative or non-finite interval
   */
  public Checkpointing {
    if (everyEpochs < 0) {
      throw new ConfigException("checkpoint-epochs = " + everyEpochs + " must be >= 0");
    }
    if (everyRefreshes < 0) {
      throw new ConfigException("checkpoint-refreshes = " + everyRefreshes + " must be >= 0");
    }
    if (!(everyMinutes >= 0) || Double.isInfinite(everyMinutes)) {
      throw new ConfigException(
          "checkpoint-minutes = " + everyMinutes + " must be a finite number >= 0");
    }
  }

  /** {@return no checkpoints} */
  public static Checkpointing disabled() {
    return new Checkpointing(null, 0, 0, 0);
  }

  /**
   * Checkpoints in a folder at the default intervals.
   *
   * @param dir the folder
   * @return the settings
   */
  public static Checkpointing in(Path dir) {
    return new Checkpointing(dir, EPOCHS, REFRESHES, MINUTES);
  }

  /** {@return whether checkpoints are written} */
  public boolean enabled() {
    return dir != null;
  }
}
