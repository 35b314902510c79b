package org.dec4j.suite.report;

import org.dec4j.api.ConfigException;

/**
 * A figure a paper (or a reference implementation) published for a method on a data set, which the
 * report sets beside what the suite measured, with the difference in points.
 *
 * @param dataset the data set id (e.g. {@code mnist}), matching every column of that data set, or a
 *     column label as the tables print it (e.g. {@code mnist (retention=linear:0.1)}), matching
 *     that one
 * @param method a method id (e.g. {@code dec}, matching all its variants) or a row label as the
 *     tables print it (e.g. {@code idec (gamma=0.1)})
 * @param acc published accuracy, or null
 * @param nmi published normalised mutual information, or null
 * @param ari published adjusted Rand index, or null
 * @param source where the figure comes from, e.g. {@code DEC paper, Table 2 (best of 9 settings)}
 */
public record PublishedFigure(
    String dataset, String method, Double acc, Double nmi, Double ari, String source) {
  /** Checks the values, naming the field. */
  public PublishedFigure {
    if (dataset == null || dataset.isBlank()) {
      throw new ConfigException("dataset: give the data set id the figure is for");
    }
    if (method == null || method.isBlank()) {
      throw new ConfigException("method: give the method id (or row label) the figure is for");
    }
    if (acc == null && nmi == null && ari == null) {
      throw new ConfigException("give at least one of acc, nmi, ari");
    }
    check("acc", acc, 0);
    check("nmi", nmi, 0);
    check("ari", ari, -1);
    if (source == null || source.isBlank()) {
      throw new ConfigException(
          "source: say where "
              + method
              + " on "
              + dataset
              + " was published (a figure "
              + "without its source cannot be checked)");
    }
  }

  private static void check(String name, Double value, double min) {
    if (value != null && !(value >= min && value <= 1)) {
      throw new ConfigException(name + " = " + value + " must be in [" + (int) min + ", 1]");
    }
  }

  /**
   * The figure for a metric.
   *
   * @param metric {@code acc}, {@code nmi} or {@code ari}
   * @return the figure, or null when not published
   */
  Double value(String metric) {
    return switch (metric) {
      case "acc" -> acc;
      case "nmi" -> nmi;
      case "ari" -> ari;
      default -> throw new IllegalArgumentException(metric);
    };
  }
}
