package org.dec4j.api;

/**
 * An invalid configuration value: unknown id, out-of-range hyperparameter, malformed config file.
 */
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

  /**
   * The exception for a name that is not among the known ones, e.g. {@code dec: unknown
   * hyperparameter 'update_intervall' (did you mean 'update_interval'?); known: alpha, ...}.
   *
   * @param owner what the name belongs to (a plugin id, a file and field), or null
   * @param kind what the name names, e.g. {@code method}, {@code hyperparameter}
   * @param given the name given
   * @param known the names that would have been accepted
   * @return the exception, suggesting the {@linkplain #closest closest} known name when one is
   *     close
   * @since API level 2
   */
  public static ConfigException unknown(
      String owner, String kind, String given, java.util.Collection<String> known) {
    String closest = closest(given, known);
    return new ConfigException(
        (owner == null ? "" : owner + ": ")
            + "unknown "
            + kind
            + " '"
            + given
            + "'"
            + (closest == null ? "" : " (did you mean '" + closest + "'?)")
            + "; known: "
            + (known.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(known))));
  }

  /**
   * The known name a mistyped one most likely meant: the one fewest single-character edits away
   * (insertions, deletions, substitutions and swaps of neighbours, ignoring case and '-' against
   * '_'), if that is at most a third of its length (at least 1), or the only one that starts with
   * the name given or that it starts with.
   *
   * @param given the name given
   * @param known the names that would have been accepted
   * @return the suggestion, or null when none is close
   * @since API level 2
   */
  public static String closest(String given, java.util.Collection<String> known) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    String g = normal(given);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String k : new java.util.TreeSet<>(known)) {
      int d = distance(g, normal(k));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    if (best != null
        && !tie
        && bestDistance <= Math.max(1, Math.min(g.length(), normal(best).length()) / 3)) {
      return best;
    }
    String prefixed = null;
    for (String k : known) {
      String n = normal(k);
      if (g.length() >= 2 && (n.startsWith(g) || g.startsWith(n))) {
        if (prefixed != null) {
          return null;
        }
        prefixed = k;
      }
    }
    return prefixed;
  }

  private static String normal(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /**
   * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
   * neighbours.
   */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
