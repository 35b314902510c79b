package org.dec4j.api;

/**
 * Root of every exception dec4j throws on purpose.
 *
 * <p>Messages name the input at fault (plugin id, field, file, value) and the constraint it broke,
 * so a command-line user can act on them without a stack trace.
 */
public class Dec4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the input and the constraint
   */
  public Dec4jException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the input and the constraint
   * @param cause the underlying failure
   */
  public Dec4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
