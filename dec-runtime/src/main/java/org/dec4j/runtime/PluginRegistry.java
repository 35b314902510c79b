package org.dec4j.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.dec4j.api.ConfigException;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.objective.ClusteringObjective;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins found by {@link ServiceLoader}: encoders, clustering objectives and data sets.
 *
 * <p>Each provider is loaded and asked for its metadata on its own; one that fails to load, throws,
 * declares invalid metadata or repeats an id already taken is recorded as a {@link Failure} and
 * left out, and the others stay usable.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final Map<String, Encoder> encoders;
  private final Map<String, ClusteringObjective> objectives;
  private final Map<String, Dataset> datasets;
  private final List<Failure> failures;

  /**
   * A provider that could not be used.
   *
   * @param kind the service kind ("objective", "dataset", "encoder")
   * @param provider the provider class or id, as far as known
   * @param problem what went wrong
   */
  public record Failure(String kind, String provider, String problem) {}

  /**
   * A usable plugin.
   *
   * @param kind the service kind
   * @param info its metadata
   * @param origin the module (or jar) it came from
   */
  public record Entry(String kind, PluginInfo info, String origin) {}

  private PluginRegistry(Map<String, Encoder> encoders, Map<String, ClusteringObjective> objectives,
      Map<String, Dataset> datasets, List<Failure> failures) {
    this.encoders = encoders;
    this.objectives = objectives;
    this.datasets = datasets;
    this.failures = failures;
  }

  /**
   * Discovers the plugins visible to this module's layer (the module path, or the class path).
   *
   * @return the registry
   */
  public static PluginRegistry discover() {
    List<Failure> failures = new ArrayList<>();
    var encoders = load("encoder", ServiceLoader.load(Encoder.class), Encoder::info, failures);
    var objectives = load("objective", ServiceLoader.load(ClusteringObjective.class), ClusteringObjective::info,
        failures);
    var datasets = load("dataset", ServiceLoader.load(Dataset.class), Dataset::info, failures);
    return new PluginRegistry(encoders, objectives, datasets, Collections.unmodifiableList(failures));
  }

  /**
   * Loads every provider of one service, isolating failures.
   *
   * @param kind the kind name for messages
   * @param loader the service loader
   * @param info how to get a provider's metadata
   * @param failures where failures go
   * @param <T> the service type
   * @return usable providers by id, sorted
   */
  static <T> Map<String, T> load(String kind, ServiceLoader<T> loader, Function<T, PluginInfo> info,
      List<Failure> failures) {
    Map<String, T> out = new TreeMap<>();
    var it = loader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<T> provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        failures.add(new Failure(kind, "?", e.getMessage()));
        LOG.warn("{} provider failed to load: {}", kind, e.getMessage());
        continue;
      }
      String name = provider.type().getName();
      try {
        T instance = provider.get();
        PluginInfo pi = info.apply(instance);
        if (pi == null) {
          throw new IllegalStateException("info() returned null");
        }
        if (out.containsKey(pi.id())) {
          failures.add(new Failure(kind, name, "id '" + pi.id() + "' is already taken by "
              + out.get(pi.id()).getClass().getName()));
          continue;
        }
        out.put(pi.id(), instance);
      } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
        failures.add(new Failure(kind, name, e.getClass().getSimpleName() + ": " + e.getMessage()));
        LOG.warn("{} provider {} is unusable: {}", kind, name, e.toString());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Returns the encoders by id. */
  public Map<String, Encoder> encoders() {
    return encoders;
  }

  /** Returns the clustering objectives by id. */
  public Map<String, ClusteringObjective> objectives() {
    return objectives;
  }

  /** Returns the data sets by id. */
  public Map<String, Dataset> datasets() {
    return datasets;
  }

  /** Returns the providers that could not be used. */
  public List<Failure> failures() {
    return failures;
  }

  /** Returns every usable plugin, by kind then id. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    encoders.values().forEach(p -> out.add(new Entry("encoder", p.info(), origin(p))));
    objectives.values().forEach(p -> out.add(new Entry("objective", p.info(), origin(p))));
    datasets.values().forEach(p -> out.add(new Entry("dataset", p.info(), origin(p))));
    return out;
  }

  /**
   * Returns an objective.
   *
   * @param id the id
   * @return the objective
   * @throws ConfigException listing the known ids when there is none with this id
   */
  public ClusteringObjective objective(String id) {
    return require("method", id, objectives);
  }

  /**
   * Returns a data set.
   *
   * @param id the id
   * @return the data set
   * @throws ConfigException listing the known ids when there is none with this id
   */
  public Dataset dataset(String id) {
    return require("dataset", id, datasets);
  }

  /**
   * Returns an encoder.
   *
   * @param id the id
   * @return the encoder
   * @throws ConfigException listing the known ids when there is none with this id
   */
  public Encoder encoder(String id) {
    return require("encoder", id, encoders);
  }

  private <T> T require(String what, String id, Map<String, T> map) {
    T t = map.get(id);
    if (t == null) {
      String broken = failures.stream().filter(f -> f.problem().contains("'" + id + "'"))
          .map(f -> " (a provider for it failed: " + f.problem() + ")").findFirst().orElse("");
      throw new ConfigException("unknown " + what + " '" + id + "'" + broken + "; known: "
          + (map.isEmpty() ? "(none)" : String.join(", ", map.keySet())));
    }
    return t;
  }

  private static String origin(Object provider) {
    Module m = provider.getClass().getModule();
    if (m.isNamed()) {
      return m.getName();
    }
    var src = provider.getClass().getProtectionDomain().getCodeSource();
    return src == null ? "class path" : src.getLocation().toString();
  }
}
