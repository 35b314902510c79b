package org.dec4j.api;

/**
 * A plugin that cannot be used: it failed to load, declared invalid metadata, or clashes with
 * another.
 */
public class PluginException extends Dec4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the plugin (id or class) and what is wrong
   */
  public PluginException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the plugin (id or class) and what is wrong
   * @param cause the underlying failure
   */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
