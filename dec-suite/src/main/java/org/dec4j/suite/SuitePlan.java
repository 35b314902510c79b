package org.dec4j.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.dec4j.api.ConfigException;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.result.RunConfig;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.RunEnvironment;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Text;
import org.dec4j.runtime.builtin.AeKMeansObjective;

/**
 * Every run of a suite, in a fixed order, checked against the plugins.
 *
 * <p>The order is: data sets in file order, then seeds in file order, then method variants in file
 * order (a grid expands with its first entry varying slowest). Runs of the same data set and seed
 * form a <em>group</em>: they share one pretrained autoencoder. {@link Shard} deals groups (or
 * runs, when there are fewer groups than shards) to machines; the plan depends on the suite file
 * alone, so every machine computes the same plan.
 */
public final class SuitePlan {
  /** Data sets {@code auto} tries, in order, before falling back to {@link #FALLBACK}. */
  public static final List<String> AUTO_CANDIDATES = List.of("mnist", "fashion-mnist");

  /** The built-in data set {@code auto} falls back to. */
  public static final String FALLBACK = "synthetic";

  private final Suite suite;
  private final List<Variant> variants;
  private final List<PlannedRun> runs;
  private final int groups;

  /**
   * One method with one set of hyperparameters.
   *
   * @param method the method id as written in the suite ({@code kmeans} included)
   * @param params the hyperparameters as written (fixed ones and this grid point)
   * @param key a file-name-safe name, unique in the suite: the method id and the hyperparameters
   *     that differ between variants of the same method, e.g. {@code idec_gamma-0.05}
   * @param label the same for people, e.g. {@code idec (gamma=0.05)}
   * @param entry the index of its entry in {@link Suite#methods()}
   */
  public record Variant(
      String method, Map<String, Object> params, String key, String label, int entry) {}

  /**
   * One run of the suite.
   *
   * @param index position in the plan
   * @param dataset index of the data set entry in {@link Suite#datasets()}
   * @param seed the seed
   * @param variant the method variant
   * @param group index of the (data set, seed) group, whose runs share a pretrained autoencoder
   */
  public record PlannedRun(int index, int dataset, long seed, Variant variant, int group) {
    /**
     * The result file's path below the output folder.
     *
     * @param datasetKey the resolved data set's key ({@link SuitePlan#datasetKey(String, Map)})
     * @return {@code runs/<datasetKey>/<variantKey>-seed<seed>.json}
     */
    public Path file(String datasetKey) {
      return Path.of("runs", datasetKey, variant.key() + "-seed" + seed + ".json");
    }
  }

  private SuitePlan(Suite suite, List<Variant> variants, List<PlannedRun> runs, int groups) {
    this.suite = suite;
    this.variants = List.copyOf(variants);
    this.runs = List.copyOf(runs);
    this.groups = groups;
  }

  /**
   * Lists a suite's runs, checking every id, hyperparameter, grid value and data set option against
   * the plugins first, so a typo fails before hours of computing.
   *
   * @param suite the suite
   * @param registry the plugins
   * @return the plan
   * @throws ConfigException naming the entry and the field
   */
  public static SuitePlan of(Suite suite, PluginRegistry registry) {
    return of(suite, registry, DEFAULT_MAX_RUNS);
  }

  /**
   * The largest plan {@link #of(Suite, PluginRegistry)} makes; {@code suite run --max-runs} changes
   * it.
   */
  public static final int DEFAULT_MAX_RUNS = 10_000;

  /**
   * Lists a suite's runs as {@link #of(Suite, PluginRegistry)} does, refusing a suite of more than
   * {@code maxRuns} runs before expanding anything (a grid of a million points would otherwise take
   * minutes just to be listed, and forever to run).
   *
   * @param suite the suite
   * @param registry the plugins
   * @param maxRuns the most runs allowed
   * @return the plan
   * @throws ConfigException naming the count, its factors and the limit
   */
  public static SuitePlan of(Suite suite, PluginRegistry registry, long maxRuns) {
    long count = suite.runCount();
    if (count > maxRuns) {
      throw new ConfigException(
          String.format(
              Locale.ROOT,
              "the suite expands to %s runs (%s x %s x %s method "
                  + "variants), more than --max-runs %,d allows; shrink its grids, seeds or data sets, or raise "
                  + "--max-runs if you mean it",
              count == Long.MAX_VALUE
                  ? "more than 9.2e18"
                  : String.format(Locale.ROOT, "%,d", count),
              Text.count(suite.datasets().size(), "data set"),
              Text.count(suite.seeds().size(), "seed"),
              suite.variantCount() == Long.MAX_VALUE
                  ? "> 9.2e18"
                  : String.format(Locale.ROOT, "%,d", suite.variantCount()),
              maxRuns));
    }
    for (int i = 0; i < suite.datasets().size(); i++) {
      Suite.DatasetEntry d = suite.datasets().get(i);
      String where = "datasets[" + i + "]";
      List<String> ids =
          Suite.AUTO.equals(d.id())
              ? AUTO_CANDIDATES.stream().filter(registry.datasets()::containsKey).toList()
              : List.of(d.id());
      for (String id : ids) {
        try {
          org.dec4j.runtime.DatasetOptions.resolve(registry.dataset(id), d.options());
        } catch (ConfigException e) {
          throw new ConfigException(
              where
                  + (ids.size() > 1 || !id.equals(d.id()) ? " (" + id + ")" : "")
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
      if (Suite.AUTO.equals(d.id()) && !registry.datasets().containsKey(FALLBACK)) {
        throw new ConfigException(
            where
                + ": id 'auto' needs the '"
                + FALLBACK
                + "' data set, which is not "
                + "installed; name a data set instead");
      }
    }
    try {
      registry.encoder(suite.autoencoder().encoder()).info().resolve(suite.autoencoder().params());
    } catch (ConfigException e) {
      throw new ConfigException("autoencoder: " + e.getMessage(), e);
    }

    List<Variant> raw = new ArrayList<>();
    List<Map<String, Object>> resolved = new ArrayList<>();
    for (int i = 0; i < suite.methods().size(); i++) {
      Suite.MethodEntry m = suite.methods().get(i);
      PluginInfo info = methodInfo(registry, m.id(), "methods[" + i + "]");
      for (Map<String, Object> params : m.expand()) {
        Map<String, Object> canonical;
        try {
          canonical = info.resolve(params).asMap();
        } catch (ConfigException e) {
          String point =
              m.grid().isEmpty() ? "" : " (grid point " + describe(params, m.grid().keySet()) + ")";
          throw new ConfigException("methods[" + i + "]" + point + ": " + e.getMessage(), e);
        }
        raw.add(new Variant(m.id(), params, null, null, i));
        resolved.add(canonical);
      }
    }
    List<Variant> variants = name(raw, resolved, suite);

    List<PlannedRun> runs = new ArrayList<>();
    int group = 0;
    for (int d = 0; d < suite.datasets().size(); d++) {
      for (long seed : suite.seeds()) {
        for (Variant v : variants) {
          runs.add(new PlannedRun(runs.size(), d, seed, v, group));
        }
        group++;
      }
    }
    return new SuitePlan(suite, variants, runs, group);
  }

  private static PluginInfo methodInfo(PluginRegistry registry, String id, String where) {
    if (Comparison.KMEANS.equals(id)) {
      return new PluginInfo(
          Comparison.KMEANS, "0.1.0", "k-means on the raw features (baseline)", List.of());
    }
    try {
      return registry.objective(id).info();
    } catch (ConfigException e) {
      throw new ConfigException(
          where
              + ": "
              + e.getMessage()
              + " (baselines: "
              + Comparison.KMEANS
              + ", "
              + AeKMeansObjective.ID
              + ")",
          e);
    }
  }

  /**
   * Names the variants by the resolved hyperparameters that differ between those of one method: a
   * hyperparameter is in a variant's name when the method's variants do not all give it the same
   * value. Linear in the number of variants (a pairwise comparison took minutes for large grids).
   */
  private static List<Variant> name(
      List<Variant> raw, List<Map<String, Object>> resolved, Suite suite) {
    Map<String, Set<String>> differing = new LinkedHashMap<>();
    Map<String, Map<String, Object>> firstValues = new LinkedHashMap<>();
    Map<Map<String, Object>, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      Variant v = raw.get(i);
      Map<String, Object> mine = resolved.get(i);
      Map<String, Object> key = new LinkedHashMap<>(mine);
      key.put("\u0000method", v.method());
      Integer earlier = seen.putIfAbsent(key, i);
      if (earlier != null) {
        throw new ConfigException(
            "methods["
                + v.entry()
                + "] repeats methods["
                + raw.get(earlier).entry()
                + "]: the same method '"
                + v.method()
                + "' with the same hyperparameters "
                + mine
                + "; remove one or change a value");
      }
      Map<String, Object> first = firstValues.putIfAbsent(v.method(), mine);
      Set<String> names = differing.computeIfAbsent(v.method(), m -> new java.util.HashSet<>());
      if (first != null) {
        for (var e : mine.entrySet()) {
          if (!Objects.equals(e.getValue(), first.get(e.getKey()))) {
            names.add(e.getKey());
          }
        }
        for (String name : first.keySet()) {
          if (!mine.containsKey(name)) {
            names.add(name);
          }
        }
      }
    }
    List<Variant> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Variant v = raw.get(i);
      Set<String> names = differing.get(v.method());
      StringBuilder key = new StringBuilder(safe(v.method()));
      List<String> parts = new ArrayList<>();
      // In the declaration order of the hyperparameters.
      resolved
          .get(i)
          .forEach(
              (name, value) -> {
                if (names.contains(name)) {
                  key.append('_').append(safe(name)).append('-').append(safe(text(value)));
                  parts.add(name + "=" + text(value));
                }
              });
      String label = v.method() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
      String k =
          key.length() > 100
              ? key.substring(0, 80) + "-" + Integer.toHexString(key.toString().hashCode())
              : key.toString();
      out.add(new Variant(v.method(), v.params(), k, label, v.entry()));
    }
    return out;
  }

  private static String describe(Map<String, Object> params, java.util.Collection<String> names) {
    List<String> parts = new ArrayList<>();
    for (String n : names) {
      parts.add(n + "=" + text(params.get(n)));
    }
    return String.join(", ", parts);
  }

  private static String text(Object value) {
    if (value instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /** Keeps letters, digits and '.'; anything else becomes '-'. */
  static String safe(String s) {
    String out = s.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    return out.isEmpty() ? "x" : out;
  }

  /**
   * The folder name of a data set's results: its id, then its options in name order, e.g. {@code
   * fashion-mnist_split-test}.
   *
   * @param id the data set id
   * @param options the options as given in the suite
   * @return a file-name-safe key
   */
  public static String datasetKey(String id, Map<String, Object> options) {
    StringBuilder b = new StringBuilder(safe(id));
    new TreeMap<>(options)
        .forEach(
            (name, value) ->
                b.append('_').append(safe(name)).append('-').append(safe(text(value))));
    return b.toString();
  }

  /** Returns the suite. */
  public Suite suite() {
    return suite;
  }

  /** Returns the method variants, in table order. */
  public List<Variant> variants() {
    return variants;
  }

  /** Returns every run, in plan order. */
  public List<PlannedRun> runs() {
    return runs;
  }

  /** Returns the number of (data set, seed) groups. */
  public int groups() {
    return groups;
  }

  /**
   * The runs one shard does.
   *
   * @param shard the shard
   * @return its runs, in plan order
   */
  public List<PlannedRun> runs(Shard shard) {
    return runs.stream().filter(r -> shard.owns(r, groups)).toList();
  }

  /**
   * The request for one run.
   *
   * @param run the run
   * @param datasetId the resolved data set id ({@code auto} resolved)
   * @param datasetOptions its options
   * @param environment data path, downloads, cache, checkpoints and the suite's command line (to
   *     which the run's data set, variant and seed are added)
   * @return the request; the {@code kmeans} baseline becomes {@code ae-kmeans} with the {@code
   *     identity} encoder and no pretraining, as in {@link Comparison}
   */
  public RunSpec spec(
      PlannedRun run,
      String datasetId,
      Map<String, Object> datasetOptions,
      RunEnvironment environment) {
    Suite.DatasetEntry d = suite.datasets().get(run.dataset());
    Suite.AutoencoderSettings ae = suite.autoencoder();
    String cmd =
        environment.command()
            + " ["
            + datasetId
            + ", "
            + run.variant().label()
            + ", seed "
            + run.seed()
            + "]";
    RunSpec template =
        new RunSpec(
            new RunConfig(
                run.variant().method(),
                run.variant().params(),
                datasetId,
                datasetOptions,
                ae.encoder(),
                ae.params(),
                ae.pretrain(),
                d.k(),
                run.seed(),
                suite.kmeansRestarts()),
            environment.withCommand(cmd));
    return Comparison.specFor(run.variant().method(), run.variant().params(), template, run.seed());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d runs: %s x %s x %s",
        runs.size(),
        Text.count(suite.datasets().size(), "data set"),
        Text.count(suite.seeds().size(), "seed"),
        Text.count(variants.size(), "method variant"));
  }
}
