package org.dec4j.runtime.nn;

import java.nio.file.Path;
import org.dec4j.api.DataException;

/**
 * A checkpoint that cannot be resumed from: unreadable, or written for another network, optimiser
 * or session. The runtime then discards the run's checkpoints and starts the run over.
 */
public final class ResumeException extends DataException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the checkpoint
   * @param cause what did not fit
   */
  public ResumeException(Path file, Exception cause) {
    super(
        cause.getMessage() != null && cause.getMessage().contains(String.valueOf(file))
            ? cause.getMessage()
            : file + ": " + cause.getMessage(),
        cause);
  }
}
