package org.dec4j.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.suite.report.ReportOptions;

/**
 * A comparison suite: which methods (with hyperparameters and small grids) to run on which data
 * sets with which seeds, from which autoencoder, and where the results and the report go.
 *
 * <p>Suites are read from YAML or JSON by {@link SuiteReader}; every run of a suite is listed by
 * {@link SuitePlan} and executed, resumably and shardably, by {@link SuiteRunner}.
 *
 * @param name a short name, used in report titles and as the default output folder
 * @param output the output folder as written in the file (relative to the working directory), or
 *     null for {@code runs/<name>}
 * @param datasets the data sets, in table order
 * @param methods the methods, in table order; {@code kmeans} (raw features) and {@code ae-kmeans}
 *     (pretrained embedding) are the baselines
 * @param seeds the seeds; every method runs once per data set and seed
 * @param autoencoder the encoder and its pretraining, shared by every method
 * @param kmeansRestarts restarts of the k-means initialisation
 * @param report what the report draws
 */
public record Suite(
    String name,
    String output,
    List<DatasetEntry> datasets,
    List<MethodEntry> methods,
    List<Long> seeds,
    AutoencoderSettings autoencoder,
    int kmeansRestarts,
    ReportOptions report) {

  /** The data set id that picks the first real data set found, else the synthetic set. */
  public static final String AUTO = "auto";

  /** Checks the values, naming the field. */
  public Suite {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new ConfigException(
          "name = '"
              + name
              + "' must be letters, digits, '.', '_' or '-' (it names the "
              + "output folder)");
    }
    if (datasets == null || datasets.isEmpty()) {
      throw new ConfigException("datasets: give at least one data set");
    }
    if (methods == null || methods.isEmpty()) {
      throw new ConfigException("methods: give at least one method");
    }
    if (seeds == null || seeds.isEmpty()) {
      throw new ConfigException("seeds: give at least one seed");
    }
    Set<Long> seen = new HashSet<>();
    for (Long s : seeds) {
      if (!seen.add(s)) {
        throw new ConfigException("seeds: seed " + s + " is listed twice");
      }
    }
    if (kmeansRestarts < 1) {
      throw new ConfigException("kmeans_restarts = " + kmeansRestarts + " must be >= 1");
    }
    datasets = List.copyOf(datasets);
    methods = List.copyOf(methods);
    seeds = List.copyOf(seeds);
    if (autoencoder == null) {
      throw new ConfigException("autoencoder: missing");
    }
    if (report == null) {
      report = ReportOptions.defaults();
    }
  }

  /**
   * One data set of a suite.
   *
   * @param id a data set id, or {@code auto} for MNIST, then Fashion-MNIST, then the synthetic set
   * @param options the data set's options (e.g. {@code split: test}); for {@code auto} they apply
   *     to the real data sets and are dropped when falling back to the synthetic set
   * @param k the number of clusters, or 0 for the data set's class count
   * @param dataSeed the seed of generated data sets, the same for every run so all share the data
   */
  public record DatasetEntry(String id, Map<String, Object> options, int k, long dataSeed) {
    /** Checks the values and copies the options. */
    public DatasetEntry {
      if (id == null || id.isBlank()) {
        throw new ConfigException("dataset id is missing");
      }
      if (k < 0) {
        throw new ConfigException(
            "dataset '" + id + "': k = " + k + " must be >= 0 (0: the class count)");
      }
      options =
          Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }
  }

  /**
   * One method of a suite, possibly with a small grid of hyperparameters.
   *
   * @param id the method id ({@code dec}, {@code idec}, {@code dcn}, a plugin's id) or a baseline
   *     ({@code kmeans}, {@code ae-kmeans})
   * @param params fixed hyperparameters
   * @param grid hyperparameters to sweep: every combination of the listed values is a variant
   */
  public record MethodEntry(String id, Map<String, Object> params, Map<String, List<Object>> grid) {
    /** Checks the values and copies the maps. */
    public MethodEntry {
      if (id == null || id.isBlank()) {
        throw new ConfigException("method id is missing");
      }
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
      Map<String, List<Object>> g = new LinkedHashMap<>();
      if (grid != null) {
        for (var e : grid.entrySet()) {
          if (e.getValue() == null || e.getValue().isEmpty()) {
            throw new ConfigException(
                "method '" + id + "': grid." + e.getKey() + " must list at least one value");
          }
          if (params.containsKey(e.getKey())) {
            throw new ConfigException(
                "method '"
                    + id
                    + "': '"
                    + e.getKey()
                    + "' is both in params and in grid; "
                    + "keep one");
          }
          g.put(e.getKey(), List.copyOf(e.getValue()));
        }
      }
      grid = Collections.unmodifiableMap(g);
    }

    /**
     * The number of variants {@link #expand()} would make, without making them.
     *
     * @return the product of the grid's sizes (1 without a grid), {@link Long#MAX_VALUE} on
     *     overflow
     */
    public long variantCount() {
      long n = 1;
      for (List<Object> values : grid.values()) {
        n = saturatingProduct(n, values.size());
      }
      return n;
    }

    /**
     * Expands the grid into hyperparameter maps, the first grid entry varying slowest.
     *
     * @return one map per variant (one when there is no grid), fixed parameters included
     */
    public List<Map<String, Object>> expand() {
      List<Map<String, Object>> out = new ArrayList<>();
      out.add(new LinkedHashMap<>(params));
      for (var e : grid.entrySet()) {
        List<Map<String, Object>> next = new ArrayList<>();
        for (Map<String, Object> partial : out) {
          for (Object value : e.getValue()) {
            Map<String, Object> m = new LinkedHashMap<>(partial);
            m.put(e.getKey(), value);
            next.add(m);
          }
        }
        out = next;
      }
      return out;
    }
  }

  /**
   * The number of runs the suite expands to (data sets x seeds x method variants), counted without
   * expanding anything, so that a grid of millions of points is refused before it is built.
   *
   * @return the count, {@link Long#MAX_VALUE} on overflow
   */
  public long runCount() {
    return saturatingProduct(saturatingProduct(datasets.size(), seeds.size()), variantCount());
  }

  /** {@return the number of method variants, {@link Long#MAX_VALUE} on overflow} */
  public long variantCount() {
    long variants = 0;
    for (MethodEntry m : methods) {
      long v = m.variantCount();
      variants = variants > Long.MAX_VALUE - v ? Long.MAX_VALUE : variants + v;
    }
    return variants;
  }

  private static long saturatingProduct(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The autoencoder every method of a data set and seed starts from (pretrained once, then taken
   * from the cache).
   *
   * @param encoder the encoder id
   * @param params its hyperparameters (e.g. {@code dims: [500, 500, 2000, 10]})
   * @param pretrain the pretraining settings
   */
  public record AutoencoderSettings(
      String encoder, Map<String, Object> params, PretrainConfig pretrain) {
    /** Checks the values and copies the parameters. */
    public AutoencoderSettings {
      if (encoder == null || encoder.isBlank()) {
        throw new ConfigException("autoencoder.encoder is missing");
      }
      if (pretrain == null) {
        throw new ConfigException("autoencoder.pretrain is missing");
      }
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    }
  }
}
