package org.dec4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * An ordered list of named checks, each evaluated at most once, as a report or as dynamic tests. A
 * check that throws fails with the exception as its cause, so a broken plugin never stops the other
 * checks from running.
 */
final class Checks {
  private final String plugin;
  private final Map<String, Supplier<Outcome>> bodies = new LinkedHashMap<>();
  private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();

  Checks(String plugin) {
    this.plugin = plugin;
  }

  void add(String name, Supplier<Outcome> body) {
    if (bodies.putIfAbsent(name, body) != null) {
      throw new IllegalStateException("two checks named '" + name + "'");
    }
  }

  /** Reports a check as skipped, with the reason, instead of running it. */
  void skip(String name, String reason) {
    if (!bodies.containsKey(name)) {
      throw new IllegalArgumentException(
          "no check named '" + name + "' to skip; checks: " + bodies.keySet());
    }
    skipped.put(name, reason);
  }

  Outcome outcome(String name) {
    return outcomes.computeIfAbsent(
        name,
        n -> {
          if (skipped.containsKey(n)) {
            return new Outcome.Skipped(skipped.get(n));
          }
          try {
            Outcome o = bodies.get(n).get();
            return o == null ? new Outcome.Passed("") : o;
          } catch (RuntimeException | LinkageError | AssertionError e) {
            return new Outcome.Failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
          }
        });
  }

  ContractResults run() {
    List<Check> out = new ArrayList<>();
    bodies.keySet().forEach(n -> out.add(new Check(n, outcome(n))));
    return new ContractResults(plugin, out);
  }

  Stream<DynamicNode> dynamicTests() {
    List<DynamicNode> tests = new ArrayList<>();
    for (String name : bodies.keySet()) {
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                switch (outcome(name)) {
                  case Outcome.Passed p -> {}
                  case Outcome.Skipped s -> Assumptions.abort(s.reason());
                  case Outcome.Failed f ->
                      throw new AssertionFailedError(plugin + ": " + f.message(), f.cause());
                }
              }));
    }
    return Stream.of(DynamicContainer.dynamicContainer(plugin, tests.stream()));
  }
}
