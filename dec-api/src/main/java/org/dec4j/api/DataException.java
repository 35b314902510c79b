package org.dec4j.api;

/** Data that cannot be used: a missing, truncated or corrupt file, or values that make no sense. */
public class DataException extends Dec4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the file or data set, the position when known, and what is wrong
   */
  public DataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the file or data set, the position when known, and what is wrong
   * @param cause the underlying failure
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure to read a file, worded by {@link Dec4jException#describe(java.io.IOException)}.
   *
   * @param file the file
   * @param e the failure
   * @return {@code <file>: <reason>}, e.g. {@code data.csv: permission denied}
   */
  public static DataException reading(java.nio.file.Path file, java.io.IOException e) {
    return new DataException(file + ": " + describe(e), e);
  }
}
