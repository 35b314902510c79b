package org.dec4j.api;

/** An invalid configuration value: unknown id, out-of-range hyperparameter, malformed config file. */
public class ConfigException extends Dec4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the owner (plugin id or file), the field, the value and the constraint
   */
  public ConfigException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the owner, the field, the value and the constraint
   * @param cause the underlying failure
   */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
