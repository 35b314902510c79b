package org.dec4j.plugin.datasets.format;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;

/** Turns label fields read from text into class indices {@code 0..c-1}. */
public final class Labels {

  /**
   * Encoded labels.
   *
   * @param codes the class index of every row
   * @param classes the original label of every class index
   */
  public record Encoded(int[] codes, List<String> classes) {
    /** Copies the class list. */
    public Encoded {
      classes = List.copyOf(classes);
    }
  }

  /** How distinct label values are numbered. */
  public enum Order {
    /**
     * Sorted: numerically when every label is a number (so {@code 1..6} become {@code 0..5} and
     * {@code 0..9} stay {@code 0..9}), otherwise by Unicode code point.
     */
    SORTED,
    /** In the order each value first appears in the file. */
    FIRST_SEEN
  }

  private Labels() {}

  /**
   * Numbers the distinct values of a label column.
   *
   * @param raw the label of every row
   * @param order how to number the distinct values
   * @return the codes and the class names
   */
  public static Encoded encode(String[] raw, Order order) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String s : raw) {
      seen.putIfAbsent(s, seen.size());
    }
    List<String> classes = new ArrayList<>(seen.keySet());
    if (order == Order.SORTED) {
      boolean numeric = classes.stream().allMatch(TextTable::isNumeric);
      classes.sort(
          numeric
              ? Comparator.comparing((String s) -> new BigDecimal(s.trim())).thenComparing(s -> s)
              : Comparator.naturalOrder());
      for (int i = 0; i < classes.size(); i++) {
        seen.put(classes.get(i), i);
      }
    }
    int[] codes = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      codes[i] = seen.get(raw[i]);
    }
    return new Encoded(codes, classes);
  }

  /**
   * Parses integer labels in a fixed range and shifts them to start at 0.
   *
   * @param raw the label field of every row
   * @param lines the line number of every row, for messages
   * @param file the file, for messages
   * @param min the smallest valid label (it becomes class 0)
   * @param max the largest valid label
   * @return the labels minus {@code min}
   * @throws DataException naming the file and line of a non-integer or out-of-range label
   */
  public static int[] integers(String[] raw, int[] lines, Path file, int min, int max) {
    int[] out = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String s = raw[i].trim();
      long v;
      try {
        double d = TextTable.isNumeric(s) ? Double.parseDouble(s) : Double.NaN;
        if (d != Math.rint(d)) {
          throw new NumberFormatException(s);
        }
        v = (long) d;
      } catch (NumberFormatException e) {
        throw new DataException(
            file + ": line " + lines[i] + ": label '" + s + "' is not an integer", e);
      }
      if (v < min || v > max) {
        throw new DataException(
            file
                + ": line "
                + lines[i]
                + ": label "
                + v
                + " is outside the class range ["
                + min
                + ", "
                + max
                + "]");
      }
      out[i] = (int) (v - min);
    }
    return out;
  }

  /**
   * Checks integer labels read as numbers and shifts them to start at 0.
   *
   * @param values the label of every row, as parsed numbers
   * @param lines the line number of every row, for messages
   * @param file the file, for messages
   * @param min the smallest valid label (it becomes class 0)
   * @param max the largest valid label
   * @return the labels minus {@code min}
   * @throws DataException naming the file and line of a fractional or out-of-range label
   */
  public static int[] integers(float[] values, int[] lines, Path file, int min, int max) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (v != Math.rint(v)) {
        throw new DataException(
            file + ": line " + lines[i] + ": label " + v + " is not an integer");
      }
      if (v < min || v > max) {
        throw new DataException(
            file
                + ": line "
                + lines[i]
                + ": label "
                + (long) v
                + " is outside the class range ["
                + min
                + ", "
                + max
                + "]");
      }
      out[i] = (int) v - min;
    }
    return out;
  }
}
