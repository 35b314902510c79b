package org.dec4j.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.runtime.plugins.PluginDirectory;
import org.dec4j.runtime.plugins.PluginPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins found by {@link ServiceLoader}: encoders, clustering objectives and data sets, from
 * the runtime's own module layer (the module path) and from plugin directories.
 *
 * <p>Each plugin of a plugin directory gets a {@link ModuleLayer} of its own (see {@link
 * PluginDirectory}). Each provider is loaded and asked for its metadata on its own; one that fails
 * to load, throws, declares invalid metadata, declares an API level this runtime does not support
 * ({@link Dec4jApi}) or repeats an id already taken is recorded as a {@link Failure} and left out,
 * and the others stay usable. Ids are claimed in discovery order: the module path first, then the
 * plugin directories in the order given, jars by file name; so a plugin jar cannot replace a
 * bundled method.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
  private static final String ENCODER = "encoder";
  private static final String OBJECTIVE = "objective";
  private static final String DATASET = "dataset";

  private final Map<String, Encoder> encoders;
  private final Map<String, ClusteringObjective> objectives;
  private final Map<String, Dataset> datasets;
  private final List<Failure> failures;
  private final List<Path> pluginDirs;

  /**
   * A provider, plugin jar or plugin directory that could not be used.
   *
   * @param kind the service kind ({@code objective}, {@code dataset}, {@code encoder}), or {@code
   *     plugin} for a jar or directory that could not be loaded at all
   * @param provider the provider class, or the jar's file name, as far as known
   * @param problem what went wrong
   * @param origin the jar or directory it came from, or the module name for the module path
   */
  public record Failure(String kind, String provider, String problem, String origin) {
    /**
     * A failure of unknown origin.
     *
     * @param kind the service kind
     * @param provider the provider class or id
     * @param problem what went wrong
     */
    public Failure(String kind, String provider, String problem) {
      this(kind, provider, problem, "");
    }

    @Override
    public String toString() {
      if (provider.equals("?") && !origin.isEmpty()) {
        return kind + " provider in " + origin + ": " + problem;
      }
      return kind
          + " "
          + provider
          + (origin.isEmpty() || origin.equals(provider) ? "" : " (" + origin + ")")
          + ": "
          + problem;
    }
  }

  /**
   * A usable plugin.
   *
   * @param kind the service kind
   * @param info its metadata
   * @param origin the module it came from (module path) or its jar (plugin directory)
   */
  public record Entry(String kind, PluginInfo info, String origin) {}

  private PluginRegistry(
      Map<String, Encoder> encoders,
      Map<String, ClusteringObjective> objectives,
      Map<String, Dataset> datasets,
      List<Failure> failures,
      List<Path> pluginDirs) {
    this.encoders = Collections.unmodifiableMap(encoders);
    this.objectives = Collections.unmodifiableMap(objectives);
    this.datasets = Collections.unmodifiableMap(datasets);
    this.failures = List.copyOf(failures);
    this.pluginDirs = List.copyOf(pluginDirs);
  }

  /**
   * Discovers the plugins visible to this module's layer (the module path, or the class path).
   *
   * @return the registry
   */
  public static PluginRegistry discover() {
    return discover(List.of());
  }

  /**
   * Discovers the plugins of the module path, then those of each plugin directory, each plugin in a
   * layer of its own.
   *
   * @param pluginDirs plugin directories, in priority order (see {@link #pluginPath(List)})
   * @return the registry; problems with a directory, a jar or a provider are in {@link #failures()}
   */
  public static PluginRegistry discover(List<Path> pluginDirs) {
    List<Failure> failures = new ArrayList<>();
    Map<String, Encoder> encoders = new TreeMap<>();
    Map<String, ClusteringObjective> objectives = new TreeMap<>();
    Map<String, Dataset> datasets = new TreeMap<>();
    load(
        ENCODER,
        ServiceLoader.load(Encoder.class).stream().iterator(),
        Encoder::info,
        encoders,
        failures,
        "");
    load(
        OBJECTIVE,
        ServiceLoader.load(ClusteringObjective.class).stream().iterator(),
        ClusteringObjective::info,
        objectives,
        failures,
        "");
    load(
        DATASET,
        ServiceLoader.load(Dataset.class).stream().iterator(),
        Dataset::info,
        datasets,
        failures,
        "");

    Module self = PluginRegistry.class.getModule();
    ModuleLayer parent = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
    for (Path dir : pluginDirs) {
      PluginDirectory.Contents contents =
          PluginDirectory.load(dir, parent, PluginRegistry.class.getClassLoader());
      for (PluginDirectory.Problem p : contents.problems()) {
        Failure f =
            new Failure(
                "plugin",
                p.origin().getFileName() == null
                    ? p.origin().toString()
                    : p.origin().getFileName().toString(),
                p.problem(),
                p.origin().toString());
        failures.add(f);
        LOG.warn("{}", f);
      }
      for (PluginDirectory.Loaded plugin : contents.loaded()) {
        int before = encoders.size() + objectives.size() + datasets.size();
        int failedBefore = failures.size();
        String jar = plugin.origin().toString();
        load(
            ENCODER,
            ownProviders(plugin.layer(), Encoder.class),
            Encoder::info,
            encoders,
            failures,
            jar);
        load(
            OBJECTIVE,
            ownProviders(plugin.layer(), ClusteringObjective.class),
            ClusteringObjective::info,
            objectives,
            failures,
            jar);
        load(
            DATASET,
            ownProviders(plugin.layer(), Dataset.class),
            Dataset::info,
            datasets,
            failures,
            jar);
        if (encoders.size() + objectives.size() + datasets.size() == before
            && failures.size() == failedBefore) {
          Failure f =
              new Failure(
                  "plugin",
                  plugin.origin().getFileName().toString(),
                  "provides no encoder, objective or dataset: declare 'provides org.dec4j.api.objective."
                      + "ClusteringObjective with ...' (or Encoder, Dataset) in its module-info.java, or list the "
                      + "provider class in META-INF/services/<interface name> for a jar without module-info",
                  plugin.origin().toString());
          failures.add(f);
          LOG.warn("{}", f);
        }
      }
    }
    return new PluginRegistry(encoders, objectives, datasets, failures, pluginDirs);
  }

  /**
   * Returns the plugin directories to load: {@code explicit} (the {@code --plugin-dir} options),
   * then those listed in {@code $DEC4J_PLUGINS} and the {@code dec4j.plugins} system property
   * (separated by the platform's path separator), then {@code ~/.dec4j/plugins} when it exists.
   *
   * @param explicit directories given on the command line, possibly empty
   * @return the directories, without duplicates, for {@link #discover(List)}
   */
  public static List<Path> pluginPath(List<Path> explicit) {
    return PluginPath.resolve(explicit);
  }

  /** Providers declared by the modules of one plugin layer, not those of its parents. */
  private static <T> Iterator<ServiceLoader.Provider<T>> ownProviders(
      ModuleLayer layer, Class<T> service) {
    Iterator<ServiceLoader.Provider<T>> all =
        ServiceLoader.load(layer, service).stream().iterator();
    return new Iterator<>() {
      private ServiceLoader.Provider<T> next;

      @Override
      public boolean hasNext() {
        while (next == null && all.hasNext()) {
          ServiceLoader.Provider<T> p = all.next();
          if (p.type().getModule().getLayer() == layer) {
            next = p;
          }
        }
        return next != null;
      }

      @Override
      public ServiceLoader.Provider<T> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        ServiceLoader.Provider<T> p = next;
        next = null;
        return p;
      }
    };
  }

  /**
   * Loads every provider of one service, isolating failures.
   *
   * @param kind the kind name for messages
   * @param it the providers, as a service loader's stream yields them
   * @param info how to get a provider's metadata
   * @param failures where failures go
   * @param <T> the service type
   * @return usable providers by id, sorted
   */
  static <T> Map<String, T> load(
      String kind,
      Iterator<ServiceLoader.Provider<T>> it,
      Function<T, PluginInfo> info,
      List<Failure> failures) {
    Map<String, T> out = new TreeMap<>();
    load(kind, it, info, out, failures, "");
    return Collections.unmodifiableMap(out);
  }

  /**
   * Adds the usable providers of {@code it} to {@code out}; ids already in {@code out} stay. {@code
   * where} is the plugin's jar or folder (empty for the module path): a provider whose class cannot
   * even be loaded (built for a newer Java, a missing class) has no origin of its own.
   */
  private static <T> void load(
      String kind,
      Iterator<ServiceLoader.Provider<T>> it,
      Function<T, PluginInfo> info,
      Map<String, T> out,
      List<Failure> failures,
      String where) {
    int iterationErrors = 0;
    while (true) {
      ServiceLoader.Provider<T> provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        Throwable cause = e.getCause() instanceof LinkageError ? e.getCause() : e;
        String why =
            cause instanceof LinkageError le
                ? Dec4jApi.explainLinkage("a " + kind + " provider", le).orElse(withCause(e))
                : withCause(e);
        Failure f = new Failure(kind, "?", why, where);
        failures.add(f);
        LOG.warn("{}", f);
        // ServiceLoader's iterator moves on to the next provider after an error; the bound only
        // guards against an iterator that keeps failing on the same entry.
        if (++iterationErrors > 100) {
          break;
        }
        continue;
      }
      String name;
      String origin;
      try {
        name = provider.type().getName();
        origin = origin(provider.type());
      } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
        failures.add(
            new Failure(kind, "?", e.getClass().getSimpleName() + ": " + withCause(e), where));
        continue;
      }
      try {
        T instance = provider.get();
        PluginInfo pi = info.apply(instance);
        if (pi == null) {
          throw new IllegalStateException("info() returned null");
        }
        Dec4jApi.requireSupported(pi);
        T taken = out.get(pi.id());
        if (taken != null) {
          failures.add(
              new Failure(
                  kind,
                  name,
                  kind
                      + " id '"
                      + pi.id()
                      + "' is already taken by "
                      + taken.getClass().getName()
                      + " from "
                      + origin(taken.getClass())
                      + "; the first one found is kept, rename one of them",
                  origin));
          LOG.warn("{} provider {} from {} repeats the id '{}'", kind, name, origin, pi.id());
          continue;
        }
        out.put(pi.id(), instance);
        LOG.debug(
            "{} '{}' {} (API {}) from {}", kind, pi.id(), pi.version(), pi.apiVersion(), origin);
      } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
        Throwable t =
            e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
        if (t instanceof java.lang.reflect.InvocationTargetException ite
            && ite.getCause() != null) {
          t = ite.getCause();
        }
        String why =
            t instanceof LinkageError le
                ? Dec4jApi.explainLinkage(name, le)
                    .orElse(t.getClass().getSimpleName() + ": " + t.getMessage())
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        failures.add(new Failure(kind, name, why, origin));
        LOG.warn("{} provider {} from {} is unusable: {}", kind, name, origin, why);
      }
    }
  }

  /** A loading error's message with its cause's, which says why (e.g. the class-file version). */
  private static String withCause(Throwable e) {
    String m = String.valueOf(e.getMessage());
    Throwable c = e.getCause();
    return c == null || c.getMessage() == null || m.contains(c.getMessage())
        ? m
        : m + ": " + c.getClass().getSimpleName() + ": " + c.getMessage();
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

  /** Returns the providers, jars and directories that could not be used, in discovery order. */
  public List<Failure> failures() {
    return failures;
  }

  /** Returns the plugin directories this registry loaded, besides the module path. */
  public List<Path> pluginDirs() {
    return pluginDirs;
  }

  /** Returns every usable plugin, by kind then id. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    encoders.values().forEach(p -> out.add(new Entry(ENCODER, p.info(), origin(p.getClass()))));
    objectives.values().forEach(p -> out.add(new Entry(OBJECTIVE, p.info(), origin(p.getClass()))));
    datasets.values().forEach(p -> out.add(new Entry(DATASET, p.info(), origin(p.getClass()))));
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
    return require("method", id, objectives, java.util.Set.of(Comparison.KMEANS));
  }

  /**
   * Returns a data set.
   *
   * @param id the id
   * @return the data set
   * @throws ConfigException listing the known ids when there is none with this id
   */
  public Dataset dataset(String id) {
    return require("dataset", id, datasets, java.util.Set.of());
  }

  /**
   * Returns an encoder.
   *
   * @param id the id
   * @return the encoder
   * @throws ConfigException listing the known ids when there is none with this id
   */
  public Encoder encoder(String id) {
    return require("encoder", id, encoders, java.util.Set.of());
  }

  /**
   * The provider of an id, or the exception naming the known ids (with {@code alsoKnown}, ids the
   * caller resolves itself, such as the {@code kmeans} baseline) and the closest one.
   */
  private <T> T require(
      String what, String id, Map<String, T> map, java.util.Set<String> alsoKnown) {
    T t = map.get(id);
    if (t == null) {
      java.util.Set<String> known = new java.util.TreeSet<>(map.keySet());
      known.addAll(alsoKnown);
      String kind = what.equals("method") ? OBJECTIVE : what;
      String broken =
          failures.stream()
              .filter(f -> f.problem().contains("'" + id + "'"))
              .map(f -> " (a provider for it failed: " + f.problem() + ")")
              .findFirst()
              .orElse("");
      if (broken.isEmpty()) {
        // Providers whose id is unknown because they could not be loaded at all may have been it.
        List<String> unknown =
            failures.stream()
                .filter(
                    f ->
                        f.provider().equals("?") && f.kind().equals(kind)
                            || f.kind().equals("plugin"))
                .map(Failure::toString)
                .toList();
        if (unknown.isEmpty()) {
          throw ConfigException.unknown(null, what, id, known);
        }
        broken =
            " ("
                + (unknown.size() == 1
                    ? "a plugin that could not be loaded may provide " + "it: "
                    : unknown.size() + " plugins that could not be loaded may provide it: ")
                + String.join("; ", unknown)
                + ")";
      }
      throw new ConfigException(
          "unknown "
              + what
              + " '"
              + id
              + "'"
              + broken
              + "; known: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    return t;
  }

  /**
   * Which build of a plugin a provider is: its kind, id and version, the jar (or class folder) it
   * was loaded from and that jar's SHA-256, for results' provenance.
   *
   * @param provider an encoder, objective or data set of this registry
   * @return its provenance; jar and hash are empty when the code is not a local file
   */
  public org.dec4j.api.result.PluginProvenance provenance(Object provider) {
    PluginInfo info =
        switch (provider) {
          case Encoder e -> e.info();
          case ClusteringObjective o -> o.info();
          case Dataset d -> d.info();
          default ->
              throw new IllegalArgumentException("not a plugin: " + provider.getClass().getName());
        };
    String kind =
        provider instanceof Encoder
            ? ENCODER
            : provider instanceof ClusteringObjective ? OBJECTIVE : DATASET;
    Path jar = CodeSources.location(provider.getClass()).orElse(null);
    return new org.dec4j.api.result.PluginProvenance(
        kind,
        info.id(),
        info.version(),
        jar == null ? "" : jar.toString(),
        jar == null ? "" : CodeSources.sha256(jar));
  }

  /**
   * Whether a provider was loaded from a plugin directory, rather than being part of dec4j (the
   * module path or the class path).
   *
   * @param provider an encoder, objective or data set of this registry
   * @return true for a plugin directory's jar
   */
  public static boolean fromPluginDirectory(Object provider) {
    Module m = provider.getClass().getModule();
    ModuleLayer layer = m.getLayer();
    Module self = PluginRegistry.class.getModule();
    ModuleLayer home = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
    return m.isNamed() && layer != null && layer != home && layer != ModuleLayer.boot();
  }

  /**
   * Names a plugin for messages: kind, id, version and where it comes from, e.g. {@code objective
   * dkm 1.0.0 (/home/me/.dec4j/plugins/dkm.jar)}.
   *
   * @param kind {@code objective}, {@code encoder} or {@code dataset}
   * @param plugin the provider instance
   * @param info its metadata
   * @return the label
   */
  public static String label(String kind, Object plugin, PluginInfo info) {
    return kind + " " + info.id() + " " + info.version() + " (" + origin(plugin.getClass()) + ")";
  }

  /**
   * Where a provider class comes from: its module's name on the module path, the jar of a plugin
   * layer, or the class path location.
   */
  private static String origin(Class<?> type) {
    Module m = type.getModule();
    if (m.isNamed()) {
      ModuleLayer layer = m.getLayer();
      Module self = PluginRegistry.class.getModule();
      ModuleLayer home = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
      if (layer == null || layer == home || layer == ModuleLayer.boot()) {
        return m.getName();
      }
      return layer
          .configuration()
          .findModule(m.getName())
          .flatMap(r -> r.reference().location())
          .map(PluginRegistry::display)
          .orElse(m.getName());
    }
    var src = type.getProtectionDomain().getCodeSource();
    return src == null ? "class path" : src.getLocation().toString();
  }

  private static String display(URI uri) {
    return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
  }
}
