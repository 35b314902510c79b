package org.dec4j.suite.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.runtime.PluginRegistry;

/**
 * What a report is about, besides the results themselves.
 *
 * @param title the report's title, e.g. the suite's name
 * @param methodOrder method ids in table order ({@code kmeans} for the raw-feature baseline);
 *     methods not listed follow, baselines first, then by id
 * @param datasetOrder data set ids in table order; others follow by id
 * @param options what to draw
 * @param datasetDefaults the option defaults of each data set id, taken for an option a result does
 *     not record: a result written before its data set plugin gained an option ran with what is now
 *     that option's default, and must not be told apart from results that record it
 * @param methodDefaults the hyperparameter defaults of each method id, to mark the settings a run
 *     left at their default (empty: none marked)
 * @param encoderDefaults the hyperparameter defaults of each encoder id, likewise
 */
public record ReportSpec(
    String title,
    List<String> methodOrder,
    List<String> datasetOrder,
    ReportOptions options,
    Map<String, Map<String, Object>> datasetDefaults,
    Map<String, Map<String, Object>> methodDefaults,
    Map<String, Map<String, Object>> encoderDefaults) {
  /** Copies the lists and maps. */
  public ReportSpec {
    methodOrder = List.copyOf(methodOrder);
    datasetOrder = List.copyOf(datasetOrder);
    options = options == null ? ReportOptions.defaults() : options;
    datasetDefaults = copy(datasetDefaults);
    methodDefaults = copy(methodDefaults);
    encoderDefaults = copy(encoderDefaults);
  }

  /**
   * A spec with the option defaults of data sets only.
   *
   * @param title the title
   * @param methodOrder method ids in table order
   * @param datasetOrder data set ids in table order
   * @param options what to draw
   * @param datasetDefaults the option defaults of each data set id
   */
  public ReportSpec(
      String title,
      List<String> methodOrder,
      List<String> datasetOrder,
      ReportOptions options,
      Map<String, Map<String, Object>> datasetDefaults) {
    this(title, methodOrder, datasetOrder, options, datasetDefaults, Map.of(), Map.of());
  }

  private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> byId) {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    (byId == null ? Map.<String, Map<String, Object>>of() : byId)
        .forEach((id, d) -> copy.put(id, Map.copyOf(d)));
    return Map.copyOf(copy);
  }

  /**
   * A spec without data set defaults: only what results record tells them apart.
   *
   * @param title the title
   * @param methodOrder method ids in table order
   * @param datasetOrder data set ids in table order
   * @param options what to draw
   */
  public ReportSpec(
      String title, List<String> methodOrder, List<String> datasetOrder, ReportOptions options) {
    this(title, methodOrder, datasetOrder, options, Map.of());
  }

  /**
   * Returns this spec with the option defaults of every data set the registry has.
   *
   * @param registry the plugins, or null for this spec unchanged
   * @return the spec
   */
  public ReportSpec withDefaultsOf(PluginRegistry registry) {
    if (registry == null) {
      return this;
    }
    Map<String, Map<String, Object>> datasets = new LinkedHashMap<>();
    registry.datasets().forEach((id, p) -> datasets.put(id, defaults(p.info())));
    Map<String, Map<String, Object>> methods = new LinkedHashMap<>();
    registry.objectives().forEach((id, p) -> methods.put(id, defaults(p.info())));
    Map<String, Map<String, Object>> encoders = new LinkedHashMap<>();
    registry.encoders().forEach((id, p) -> encoders.put(id, defaults(p.info())));
    return new ReportSpec(title, methodOrder, datasetOrder, options, datasets, methods, encoders);
  }

  private static Map<String, Object> defaults(PluginInfo info) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (HyperparameterSpec h : info.hyperparameters()) {
      if (h.defaultValue() != null) {
        d.put(h.name(), h.defaultValue());
      }
    }
    return d;
  }

  /**
   * Returns this spec with other drawing options.
   *
   * @param other the options
   * @return the spec
   */
  public ReportSpec withOptions(ReportOptions other) {
    return new ReportSpec(
        title, methodOrder, datasetOrder, other, datasetDefaults, methodDefaults, encoderDefaults);
  }
}
