package org.dec4j.testkit;

/**
 * How one contract check ended.
 *
 * <p>A check that does not apply to a plugin (a hard-only method has no soft assignment to check)
 * is {@link Skipped}, with the reason; it does not count as a failure.
 */
public sealed interface Outcome permits Outcome.Passed, Outcome.Failed, Outcome.Skipped {

  /**
   * The check held.
   *
   * @param detail what was checked, e.g. how many values were tried
   */
  record Passed(String detail) implements Outcome {}

  /**
   * The check did not hold.
   *
   * @param message what was expected and what was found, naming the plugin and the field
   * @param cause the exception the plugin threw, or null when the check found wrong values
   */
  record Failed(String message, Throwable cause) implements Outcome {}

  /**
   * The check does not apply, or could not run because an earlier step produced nothing to check.
   *
   * @param reason why
   */
  record Skipped(String reason) implements Outcome {}
}
