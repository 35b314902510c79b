package org.dec4j.runtime.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.HyperParameter;
import org.dec4j.api.data.Dataset;
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
 */
public record ReportSpec(String title, List<String> methodOrder, List<String> datasetOrder, ReportOptions options,
    Map<String, Map<String, Object>> datasetDefaults) {
  /** Copies the lists and maps. */
  public ReportSpec {
    methodOrder = List.copyOf(methodOrder);
    datasetOrder = List.copyOf(datasetOrder);
    options = options == null ? ReportOptions.defaults() : options;
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    (datasetDefaults == null ? Map.<String, Map<String, Object>>of() : datasetDefaults)
        .forEach((id, d) -> copy.put(id, Map.copyOf(d)));
    datasetDefaults = Map.copyOf(copy);
  }

  /**
   * A spec without data set defaults: only what results record tells them apart.
   *
   * @param title the title
   * @param methodOrder method ids in table order
   * @param datasetOrder data set ids in table order
   * @param options what to draw
   */
  public ReportSpec(String title, List<String> methodOrder, List<String> datasetOrder, ReportOptions options) {
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
    Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset> e : registry.datasets().entrySet()) {
      Map<String, Object> d = new LinkedHashMap<>();
      for (HyperParameter h : e.getValue().info().hyperparameters()) {
        if (h.defaultValue() != null) {
          d.put(h.name(), h.defaultValue());
        }
      }
      defaults.put(e.getKey(), d);
    }
    return new ReportSpec(title, methodOrder, datasetOrder, options, defaults);
  }

  /**
   * Returns this spec with other drawing options.
   *
   * @param other the options
   * @return the spec
   */
  public ReportSpec withOptions(ReportOptions other) {
    return new ReportSpec(title, methodOrder, datasetOrder, other, datasetDefaults);
  }
}
