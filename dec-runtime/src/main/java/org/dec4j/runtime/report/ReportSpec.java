package org.dec4j.runtime.report;

import java.util.List;

/**
 * What a report is about, besides the results themselves.
 *
 * @param title the report's title, e.g. the suite's name
 * @param methodOrder method ids in table order ({@code kmeans} for the raw-feature baseline);
 *     methods not listed follow, baselines first, then by id
 * @param datasetOrder data set ids in table order; others follow by id
 * @param options what to draw
 */
public record ReportSpec(String title, List<String> methodOrder, List<String> datasetOrder, ReportOptions options) {
  /** Copies the lists. */
  public ReportSpec {
    methodOrder = List.copyOf(methodOrder);
    datasetOrder = List.copyOf(datasetOrder);
    options = options == null ? ReportOptions.defaults() : options;
  }
}
