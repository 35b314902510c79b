package org.dec4j.testkit;

/**
 * One named contract check and its outcome.
 *
 * @param name what the plugin must do, as a sentence (the dynamic test's display name)
 * @param outcome how it ended
 */
public record Check(String name, Outcome outcome) {

  /** {@return whether the check failed} */
  public boolean failed() {
    return outcome instanceof Outcome.Failed;
  }

  @Override
  public String toString() {
    return switch (outcome) {
      case Outcome.Passed p ->
          "PASS  " + name + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")");
      case Outcome.Failed f -> "FAIL  " + name + ": " + f.message();
      case Outcome.Skipped s -> "SKIP  " + name + ": " + s.reason();
    };
  }
}
