package org.dec4j.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output that cannot be written: a result, report, model or prediction file whose target is a
 * directory, lies under a regular file, or is on a read-only or full file system. Not the input's
 * fault, so the command line gives it an exit code of its own.
 */
public class OutputException extends Dec4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the output and what is wrong
   */
  public OutputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the output and what is wrong
   * @param cause the underlying failure
   */
  public OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure to write a file, worded by {@link Dec4jException#describe(IOException)}.
   *
   * @param file the output
   * @param e the failure
   * @return {@code cannot write <file>: <reason>}
   */
  public static OutputException writing(Path file, IOException e) {
    return new OutputException("cannot write " + file + ": " + describe(e), e);
  }
}
