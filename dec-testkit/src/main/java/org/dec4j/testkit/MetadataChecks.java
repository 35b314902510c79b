package org.dec4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;

/** The checks every kind of plugin shares: metadata, API level, hyperparameter declarations. */
final class MetadataChecks {
  static final String INFO = "info() returns valid metadata, the same on every call";
  static final String API = "declares a dec4j API version this dec-api supports";
  static final String DECLARATIONS =
      "every hyperparameter has a description, a default and a constraint";
  static final String BOUNDS = "numeric hyperparameters declare finite, sensible bounds";
  static final String DEFAULTS = "the defaults validate, also written as on the command line";
  static final String BAD_VALUES =
      "out-of-range and malformed values are rejected with a message naming the field";

  private MetadataChecks() {}

  /** Adds the shared checks, in order, to a check list. */
  static void add(Checks checks, Supplier<PluginInfo> info) {
    checks.add(
        INFO,
        () -> {
          PluginInfo a = info.get();
          PluginInfo b = info.get();
          if (a == null) {
            return fail("info() returned null");
          }
          if (!a.equals(b)) {
            return fail("info() returned different metadata on a second call: " + a + " vs " + b);
          }
          if (a.description().isBlank()) {
            return fail("plugin '" + a.id() + "' has no description; listings show it in one line");
          }
          return pass(a.id() + " " + a.version());
        });
    checks.add(
        API,
        () -> {
          PluginInfo i = info.get();
          if (i.apiVersion() == Dec4jApi.UNDECLARED) {
            return new Outcome.Skipped(
                "plugin '"
                    + i.id()
                    + "' declares no API version; pass Dec4jApi.VERSION as "
                    + "PluginInfo's last argument so that an incompatible runtime refuses it with a clear message");
          }
          if (!Dec4jApi.isSupported(i.apiVersion())) {
            return fail(
                "plugin '"
                    + i.id()
                    + "' declares API "
                    + i.apiVersion()
                    + "; this dec-api supports "
                    + Dec4jApi.OLDEST_SUPPORTED
                    + " to "
                    + Dec4jApi.VERSION);
          }
          return pass("API " + i.apiVersion());
        });
    checks.add(
        DECLARATIONS,
        () -> {
          PluginInfo i = info.get();
          List<String> problems = new ArrayList<>();
          for (HyperparameterSpec h : i.hyperparameters()) {
            if (h.description().isBlank()) {
              problems.add(h.name() + " has no description");
            }
            if (h.defaultValue() == null && h.type() != HyperparameterSpec.Type.TEXT) {
              problems.add(h.name() + " has no default");
            }
            if (h.type() == HyperparameterSpec.Type.CHOICE && h.choices().isEmpty()) {
              problems.add(h.name() + " is a choice without choices");
            }
            if (h.constraint() == null || h.constraint().isBlank()) {
              problems.add(h.name() + " describes no constraint");
            }
            if (h.min() > h.max()) {
              problems.add(h.name() + " has min " + h.min() + " > max " + h.max());
            }
          }
          return problems.isEmpty()
              ? pass(i.hyperparameters().size() + " declared")
              : fail("plugin '" + i.id() + "': " + String.join("; ", problems));
        });
    checks.add(
        BOUNDS,
        () -> {
          PluginInfo i = info.get();
          List<String> problems = new ArrayList<>();
          int numeric = 0;
          for (HyperparameterSpec h : i.hyperparameters()) {
            String problem = boundsProblem(h);
            if (h.type() == HyperparameterSpec.Type.INT
                || h.type() == HyperparameterSpec.Type.REAL
                || h.type() == HyperparameterSpec.Type.INT_LIST
                || h.type() == HyperparameterSpec.Type.LONG) {
              numeric++;
            }
            if (problem != null) {
              problems.add(problem);
            }
          }
          return problems.isEmpty()
              ? pass(numeric + " numeric")
              : fail(
                  "plugin '"
                      + i.id()
                      + "': "
                      + String.join("; ", problems)
                      + ". The bounds are what users may"
                      + " pass, and the test kit runs the method at both of them");
        });
    checks.add(
        DEFAULTS,
        () -> {
          PluginInfo i = info.get();
          Hyperparameters defaults = i.resolve(Map.of());
          for (HyperparameterSpec h : i.hyperparameters()) {
            Object d = defaults.asMap().get(h.name());
            if (d == null) {
              continue;
            }
            String typed = commandLineForm(d);
            Object back = h.parse(i.id(), typed);
            if (!Objects.equals(back, d)) {
              return fail(
                  "plugin '"
                      + i.id()
                      + "': default of "
                      + h.name()
                      + " is "
                      + d
                      + ", but '"
                      + typed
                      + "' on the command line parses to "
                      + back);
            }
          }
          return pass(defaults.asMap().size() + " values");
        });
    checks.add(
        BAD_VALUES,
        () -> {
          PluginInfo i = info.get();
          int tried = 0;
          List<String> problems = new ArrayList<>();
          for (HyperparameterSpec h : i.hyperparameters()) {
            for (Object bad : badValues(h)) {
              tried++;
              try {
                Hyperparameters accepted = i.resolve(Map.of(h.name(), bad));
                problems.add(
                    h.name()
                        + " = '"
                        + bad
                        + "' was accepted as "
                        + accepted.asMap().get(h.name())
                        + " (constraint: "
                        + h.constraint()
                        + ")");
              } catch (ConfigException e) {
                String msg = String.valueOf(e.getMessage());
                if (!msg.contains(h.name()) || !msg.contains(i.id())) {
                  problems.add(
                      h.name()
                          + " = '"
                          + bad
                          + "' was rejected, but the message names "
                          + (msg.contains(h.name()) ? "not the plugin" : "not the field")
                          + ": "
                          + msg);
                }
              } catch (RuntimeException e) {
                problems.add(
                    h.name()
                        + " = '"
                        + bad
                        + "' threw "
                        + e.getClass().getSimpleName()
                        + " instead of ConfigException: "
                        + e.getMessage());
              }
            }
          }
          tried++;
          try {
            i.resolve(Map.of("no_such_parameter", 1));
            problems.add("an unknown name (no_such_parameter) was accepted");
          } catch (ConfigException e) {
            if (!String.valueOf(e.getMessage()).contains("no_such_parameter")) {
              problems.add("an unknown name was rejected without naming it: " + e.getMessage());
            }
          }
          return problems.isEmpty()
              ? pass(tried + " bad values rejected")
              : fail("plugin '" + i.id() + "': " + String.join("; ", problems));
        });
  }

  /**
   * The largest magnitude a real bound may have: beyond it float32 arithmetic overflows or loses
   * all meaning.
   */
  static final double LARGEST_BOUND = 1e15;

  /**
   * What is wrong with a numeric declaration's bounds, or null. Integers and reals must have finite
   * bounds (a 64-bit integer, typically a seed, may span its whole range), reals of at most {@link
   * #LARGEST_BOUND} in magnitude, and the range must hold more than one value.
   */
  static String boundsProblem(HyperparameterSpec h) {
    switch (h.type()) {
      case INT, REAL, INT_LIST -> {
        if (!Double.isFinite(h.min()) || !Double.isFinite(h.max())) {
          return h.name()
              + " is declared with bounds ["
              + h.min()
              + ", "
              + h.max()
              + "]: give finite ones, the"
              + " smallest and largest values the method can work with";
        }
        if (h.type() == HyperparameterSpec.Type.REAL
            && Math.max(Math.abs(h.min()), Math.abs(h.max())) > LARGEST_BOUND) {
          return h.name()
              + " is declared with bounds ["
              + h.min()
              + ", "
              + h.max()
              + "], beyond +-"
              + LARGEST_BOUND
              + " where float32 arithmetic overflows: declare the range the method can work with";
        }
        if (h.min() >= h.max()) {
          return h.name()
              + " is declared with bounds ["
              + h.min()
              + ", "
              + h.max()
              + "], which leave it no choice";
        }
        return null;
      }
      case LONG -> {
        return Double.isNaN(h.min()) || Double.isNaN(h.max())
            ? h.name() + " has a NaN bound"
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** Values that break a declaration's constraint, as a user could type or write them. */
  static List<Object> badValues(HyperparameterSpec h) {
    List<Object> out = new ArrayList<>();
    switch (h.type()) {
      case INT, LONG, REAL, INT_LIST -> {
        String below = belowMin(h);
        String above = aboveMax(h);
        if (below != null) {
          out.add(h.type() == HyperparameterSpec.Type.INT_LIST ? "1," + below : below);
        }
        if (above != null) {
          out.add(h.type() == HyperparameterSpec.Type.INT_LIST ? above + ",1" : above);
        }
        out.add(h.type() == HyperparameterSpec.Type.INT_LIST ? "3,x" : "not-a-number");
        if (h.type() == HyperparameterSpec.Type.INT || h.type() == HyperparameterSpec.Type.LONG) {
          out.add("1.5");
        }
        if (h.type() == HyperparameterSpec.Type.REAL) {
          out.add("NaN");
        }
      }
      case BOOLEAN -> out.add("maybe");
      case CHOICE -> out.add("no-such-choice");
      case TEXT -> {
        // Any text is a valid TEXT value; plugins check its meaning when they use it.
      }
    }
    return out;
  }

  private static String belowMin(HyperparameterSpec h) {
    if (h.min() == Double.NEGATIVE_INFINITY) {
      return null;
    }
    return integral(h)
        ? Long.toString((long) Math.ceil(h.min()) - 1)
        : Double.toString(h.min() - Math.max(1e-3, Math.abs(h.min()) * 0.5));
  }

  private static String aboveMax(HyperparameterSpec h) {
    if (h.max() == Double.POSITIVE_INFINITY) {
      return null;
    }
    if (integral(h)) {
      long over = (long) Math.floor(h.max()) + 1;
      // Past the int range the INT parser already refuses the value, which is fine too.
      return Long.toString(over);
    }
    return Double.toString(h.max() + Math.max(1e-3, Math.abs(h.max()) * 0.5));
  }

  private static boolean integral(HyperparameterSpec h) {
    return h.type() != HyperparameterSpec.Type.REAL;
  }

  /** How a user would write a canonical value on the command line ({@code -P name=value}). */
  static String commandLineForm(Object value) {
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  static Outcome pass(String detail) {
    return new Outcome.Passed(detail);
  }

  static Outcome fail(String message) {
    return new Outcome.Failed(message, null);
  }
}
