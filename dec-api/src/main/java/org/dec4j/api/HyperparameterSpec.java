package org.dec4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Declaration of one hyperparameter: name, type, default, bounds and a description.
 *
 * <p>Values arrive as strings (command line), numbers or lists (JSON/YAML configs); {@link #parse}
 * turns any of them into the canonical Java type or throws a {@link ConfigException} that names the
 * owner, the field, the value and the constraint.
 *
 * @param name snake_case name, as users write it (e.g. {@code update_interval})
 * @param type the value type
 * @param defaultValue the default, already in canonical form
 * @param min inclusive lower bound for numbers (and list elements), or {@code -inf}
 * @param max inclusive upper bound for numbers (and list elements), or {@code +inf}
 * @param choices allowed values for {@link Type#CHOICE}, empty otherwise
 * @param description one sentence for help texts
 */
public record HyperparameterSpec(
    String name,
    Type type,
    Object defaultValue,
    double min,
    double max,
    List<String> choices,
    String description) {

  /** Value types a hyperparameter can take. */
  public enum Type {
    /** A 32-bit integer, canonical form {@link Integer}. */
    INT,
    /** A 64-bit integer, canonical form {@link Long}. */
    LONG,
    /** A double, canonical form {@link Double}. */
    REAL,
    /** A boolean, canonical form {@link Boolean}. */
    BOOLEAN,
    /** One of a fixed set of strings, canonical form {@link String}. */
    CHOICE,
    /** Free text, canonical form {@link String}. */
    TEXT,
    /** A list of integers (e.g. layer sizes), canonical form {@code List<Integer>}. */
    INT_LIST
  }

  /** Checks the declaration itself, including that the default satisfies the bounds. */
  public HyperparameterSpec {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new PluginException("hyperparameter name '" + name + "' must be snake_case");
    }
    choices = choices == null ? List.of() : List.copyOf(choices);
    description = description == null ? "" : description;
    if (defaultValue != null) {
      defaultValue = parseValue("declaration", name, type, defaultValue, min, max, choices);
    }
  }

  /**
   * An integer hyperparameter.
   *
   * @param name the name
   * @param defaultValue the default
   * @param min inclusive minimum
   * @param max inclusive maximum
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofInt(
      String name, int defaultValue, int min, int max, String description) {
    return new HyperparameterSpec(name, Type.INT, defaultValue, min, max, List.of(), description);
  }

  /**
   * A long hyperparameter (seeds).
   *
   * @param name the name
   * @param defaultValue the default
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofLong(String name, long defaultValue, String description) {
    return new HyperparameterSpec(
        name,
        Type.LONG,
        defaultValue,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        List.of(),
        description);
  }

  /**
   * A real-valued hyperparameter.
   *
   * @param name the name
   * @param defaultValue the default
   * @param min inclusive minimum
   * @param max inclusive maximum
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofReal(
      String name, double defaultValue, double min, double max, String description) {
    return new HyperparameterSpec(name, Type.REAL, defaultValue, min, max, List.of(), description);
  }

  /**
   * A boolean hyperparameter.
   *
   * @param name the name
   * @param defaultValue the default
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofBoolean(
      String name, boolean defaultValue, String description) {
    return new HyperparameterSpec(name, Type.BOOLEAN, defaultValue, 0, 1, List.of(), description);
  }

  /**
   * A choice among fixed strings.
   *
   * @param name the name
   * @param defaultValue the default, one of {@code choices}
   * @param choices the allowed values
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofChoice(
      String name, String defaultValue, List<String> choices, String description) {
    return new HyperparameterSpec(name, Type.CHOICE, defaultValue, 0, 0, choices, description);
  }

  /**
   * A free-text hyperparameter (paths, column names); {@code null} default means "unset".
   *
   * @param name the name
   * @param defaultValue the default, may be null
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofText(String name, String defaultValue, String description) {
    return new HyperparameterSpec(name, Type.TEXT, defaultValue, 0, 0, List.of(), description);
  }

  /**
   * A list of integers, each within bounds.
   *
   * @param name the name
   * @param defaultValue the default list
   * @param min inclusive minimum of each element
   * @param max inclusive maximum of each element
   * @param description one sentence
   * @return the declaration
   */
  public static HyperparameterSpec ofIntList(
      String name, List<Integer> defaultValue, int min, int max, String description) {
    return new HyperparameterSpec(
        name, Type.INT_LIST, defaultValue, min, max, List.of(), description);
  }

  /**
   * Parses and checks a user value.
   *
   * @param owner the plugin id or config file the value belongs to, for messages
   * @param raw a String, Number, Boolean or List
   * @return the value in canonical form
   * @throws ConfigException naming owner, field, value and constraint
   */
  public Object parse(String owner, Object raw) {
    return parseValue(owner, name, type, raw, min, max, choices);
  }

  /** {@return the constraint in words, for help texts and messages} */
  public String constraint() {
    return switch (type) {
      case INT, LONG, REAL -> range(min, max);
      case INT_LIST -> "comma-separated integers, each " + range(min, max);
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
      case TEXT -> "text";
    };
  }

  private static String range(double min, double max) {
    boolean lo = min != Double.NEGATIVE_INFINITY;
    boolean hi = max != Double.POSITIVE_INFINITY;
    if (lo && hi) {
      return "in [" + fmt(min) + ", " + fmt(max) + "]";
    } else if (lo) {
      return ">= " + fmt(min);
    } else if (hi) {
      return "<= " + fmt(max);
    }
    return "any number";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static Object parseValue(
      String owner,
      String name,
      Type type,
      Object raw,
      double min,
      double max,
      List<String> choices) {
    String where = owner + ": " + name + " = '" + raw + "'";
    if (raw == null) {
      if (type == Type.TEXT) {
        return null;
      }
      throw new ConfigException(
          where + " is missing; expected " + describe(type, min, max, choices));
    }
    try {
      switch (type) {
        case INT, LONG -> {
          long v = toLong(raw);
          checkRange(where, v, min, max);
          if (type == Type.INT) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
              throw new ConfigException(where + " does not fit a 32-bit integer");
            }
            return (int) v;
          }
          return v;
        }
        case REAL -> {
          double v =
              raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
          if (!Double.isFinite(v)) {
            throw new ConfigException(where + " is not a finite number");
          }
          checkRange(where, v, min, max);
          return v;
        }
        case BOOLEAN -> {
          if (raw instanceof Boolean b) {
            return b;
          }
          String s = raw.toString().trim().toLowerCase(Locale.ROOT);
          if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
          }
          throw new ConfigException(where + " must be true or false");
        }
        case CHOICE -> {
          String s = raw.toString().trim();
          if (!choices.contains(s)) {
            throw new ConfigException(where + " must be one of " + String.join(", ", choices));
          }
          return s;
        }
        case TEXT -> {
          return raw.toString();
        }
        case INT_LIST -> {
          List<?> items;
          if (raw instanceof List<?> l) {
            items = l;
          } else {
            String s = raw.toString().trim();
            if (s.startsWith("[") && s.endsWith("]")) {
              s = s.substring(1, s.length() - 1);
            }
            items = s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*|\\s*-\\s*|\\s+"));
          }
          if (items.isEmpty()) {
            throw new ConfigException(where + " must list at least one integer");
          }
          List<Integer> out = new ArrayList<>();
          for (Object item : items) {
            long v = toLong(item);
            checkRange(
                where + " (element " + (out.size() + 1) + " of " + items.size() + ", " + item + ")",
                v,
                min,
                max);
            out.add((int) v);
          }
          return List.copyOf(out);
        }
        default -> throw new IllegalStateException(type.toString());
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(where + " is not " + describe(type, min, max, choices), e);
    }
  }

  private static String describe(Type type, double min, double max, List<String> choices) {
    return switch (type) {
      case INT, LONG -> "an integer " + range(min, max);
      case REAL -> "a number " + range(min, max);
      case INT_LIST -> "a list of integers, each " + range(min, max);
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
      case TEXT -> "text";
    };
  }

  private static long toLong(Object raw) {
    if (raw instanceof Integer
        || raw instanceof Long
        || raw instanceof Short
        || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new NumberFormatException("not an integer: " + raw);
      }
      return (long) d;
    }
    return Long.parseLong(raw.toString().trim());
  }

  private static void checkRange(String where, double v, double min, double max) {
    if (v < min || v > max) {
      throw new ConfigException(where + " is out of range: must be " + range(min, max));
    }
  }
}
