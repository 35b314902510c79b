package org.dec4j.runtime.plugins;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the contents of a plugin directory into module layers, one per plugin.
 *
 * <p>Each {@code *.jar} directly in the directory is one plugin; each sub-directory is one plugin
 * whose jars (the plugin and the libraries it needs) share a layer. A jar with a {@code
 * module-info.class} is a named module; any other jar becomes an automatic module named after its
 * file (or its {@code Automatic-Module-Name}), whose providers are those listed in {@code
 * META-INF/services}. Every layer's parent is the layer of the dec4j runtime, so a plugin sees
 * {@code org.dec4j.api} and DJL, but not the other plugins, and two plugins may carry different
 * versions of the same library.
 *
 * <p>Loading never throws for one bad plugin: a jar that is not a readable module, a plugin whose
 * {@code requires} cannot be satisfied, or a package clash becomes a {@link Problem}, and the other
 * plugins of the directory are still loaded.
 */
public final class PluginDirectory {
  private PluginDirectory() {}

  /**
   * A plugin loaded into its own layer.
   *
   * @param origin the jar or sub-directory it came from
   * @param layer its layer
   */
  public record Loaded(Path origin, ModuleLayer layer) {}

  /**
   * A plugin (or a directory) that could not be loaded.
   *
   * @param origin the jar, sub-directory or plugin directory at fault
   * @param problem what went wrong, in words a plugin author can act on
   */
  public record Problem(Path origin, String problem) {}

  /**
   * What a directory yielded.
   *
   * @param loaded the plugins loaded, in file-name order
   * @param problems the plugins that could not be loaded
   */
  public record Contents(List<Loaded> loaded, List<Problem> problems) {
    /** Copies the lists. */
    public Contents {
      loaded = List.copyOf(loaded);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Loads every plugin of a directory.
   *
   * @param dir the plugin directory
   * @param parent the layer plugins resolve against (the runtime's)
   * @param parentLoader the class loader plugins' loaders delegate to for classes outside modules
   * @return the plugins loaded and the problems met
   */
  public static Contents load(Path dir, ModuleLayer parent, ClassLoader parentLoader) {
    List<Loaded> loaded = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add(
          new Problem(dir, "plugin directory " + dir + " does not exist or is not a directory"));
      return new Contents(loaded, problems);
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.filter(p -> Files.isDirectory(p) || isJar(p)).sorted().toList();
    } catch (IOException e) {
      problems.add(new Problem(dir, "cannot list plugin directory " + dir + ": " + e.getMessage()));
      return new Contents(loaded, problems);
    }
    for (Path entry : entries) {
      try {
        loaded.add(new Loaded(entry, layerOf(entry, parent, parentLoader)));
      } catch (RuntimeException | LinkageError e) {
        problems.add(new Problem(entry, describe(entry, e)));
      }
    }
    return new Contents(loaded, problems);
  }

  private static ModuleLayer layerOf(Path entry, ModuleLayer parent, ClassLoader parentLoader) {
    Path[] jars = jarsOf(entry);
    if (jars.length == 0) {
      throw new IllegalArgumentException("contains no jar");
    }
    ModuleFinder finder = ModuleFinder.of(jars);
    Set<String> roots = new TreeSet<>();
    for (ModuleReference ref : finder.findAll()) {
      roots.add(ref.descriptor().name());
    }
    Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
    return ModuleLayer.defineModulesWithOneLoader(cf, List.of(parent), parentLoader).layer();
  }

  private static Path[] jarsOf(Path entry) {
    if (!Files.isDirectory(entry)) {
      return new Path[] {entry};
    }
    try (Stream<Path> s = Files.list(entry)) {
      return s.filter(PluginDirectory::isJar).sorted().toArray(Path[]::new);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + entry + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJar(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
  }

  /** Says what went wrong in terms of the plugin, not of the module system's internals. */
  private static String describe(Path entry, Throwable e) {
    String what =
        Files.isDirectory(entry)
            ? "plugin folder " + entry.getFileName()
            : "plugin jar " + entry.getFileName();
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())) {
      detail += ": " + cause.getMessage();
    }
    String hint;
    if (detail.contains("not found, required by")) {
      hint =
          " (it needs a module that neither dec4j nor the plugin provides: put the plugin and its libraries "
              + "together in a sub-directory of the plugin directory)";
    } else if (e instanceof java.lang.module.FindException) {
      hint =
          " (is it a valid jar, with a well-formed module-info.class or a file name that makes a legal automatic "
              + "module name?)";
    } else if (e instanceof java.lang.module.ResolutionException) {
      hint =
          " (its module graph does not resolve against dec4j's modules: a package split or a duplicate module?)";
    } else if (e instanceof LayerInstantiationException) {
      hint = " (a package of the plugin clashes with one already loaded)";
    } else {
      hint = "";
    }
    return what + " cannot be loaded: " + detail + hint;
  }
}
