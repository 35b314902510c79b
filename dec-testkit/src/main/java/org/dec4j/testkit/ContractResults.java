package org.dec4j.testkit;

import java.util.List;

/**
 * The checks of one contract run on one plugin, in the order they ran.
 *
 * @param plugin the plugin's kind and id, e.g. {@code objective 'dec'}
 * @param checks every check with its outcome
 */
public record ContractResults(String plugin, List<Check> checks) {

  /** Copies the list. */
  public ContractResults {
    checks = List.copyOf(checks);
  }

  /** {@return the checks that failed} */
  public List<Check> failures() {
    return checks.stream().filter(Check::failed).toList();
  }

  /** {@return how many checks passed} */
  public long passed() {
    return checks.stream().filter(c -> c.outcome() instanceof Outcome.Passed).count();
  }

  /** {@return how many checks were skipped} */
  public long skipped() {
    return checks.stream().filter(c -> c.outcome() instanceof Outcome.Skipped).count();
  }

  /**
   * Finds a check by name.
   *
   * @param name the check's name
   * @return the check
   * @throws IllegalArgumentException when no check has this name
   */
  public Check check(String name) {
    return checks.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no check named '"
                        + name
                        + "'; checks: "
                        + checks.stream().map(Check::name).toList()));
  }

  /**
   * Fails unless no check failed (skipped checks are fine).
   *
   * @throws AssertionError listing every failed check, the first plugin exception as its cause
   */
  public void assertNoFailures() {
    List<Check> failed = failures();
    if (failed.isEmpty()) {
      return;
    }
    AssertionError e =
        new AssertionError(
            plugin
                + " breaks the dec4j plugin contract in "
                + failed.size()
                + " of "
                + checks.size()
                + " checks:\n"
                + this);
    failed.stream()
        .map(c -> ((Outcome.Failed) c.outcome()).cause())
        .filter(t -> t != null)
        .findFirst()
        .ifPresent(e::initCause);
    throw e;
  }

  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder(plugin)
            .append(": ")
            .append(passed())
            .append(" passed, ")
            .append(failures().size())
            .append(" failed, ")
            .append(skipped())
            .append(" skipped\n");
    checks.forEach(c -> b.append("  ").append(c).append('\n'));
    return b.toString();
  }
}
