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
}
