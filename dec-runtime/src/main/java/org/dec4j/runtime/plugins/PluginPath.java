package org.dec4j.runtime.plugins;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where plugin directories are looked for, in order: the directories given on the command line
 * ({@code --plugin-dir}), then those in the {@value #ENV} environment variable and the {@value
 * #PROPERTY} system property (each a list separated by the platform's path separator), then {@code
 * ~/.dec4j/plugins} when it exists.
 *
 * <p>A directory that is named explicitly but missing is kept, so the registry reports it; only the
 * default directory is skipped silently when absent.
 */
public final class PluginPath {
  /** The environment variable listing plugin directories. */
  public static final String ENV = "DEC4J_PLUGINS";

  /** The system property listing plugin directories (e.g. in {@code DEC4J_JAVA_OPTS}). */
  public static final String PROPERTY = "dec4j.plugins";

  private PluginPath() {}

  /**
   * Resolves the plugin directories from this process's environment.
   *
   * @param explicit the directories given on the command line
   * @return the directories to load, without duplicates
   */
  public static List<Path> resolve(List<Path> explicit) {
    return resolve(
        explicit,
        System.getenv(),
        System.getProperty(PROPERTY),
        Path.of(System.getProperty("user.home"), ".dec4j", "plugins"));
  }

  /**
   * Resolves the plugin directories from given sources (for tests).
   *
   * @param explicit the directories given on the command line
   * @param env the environment
   * @param property the value of the {@value #PROPERTY} property, or null
   * @param userDefault the default directory, used only when it exists
   * @return the directories to load, without duplicates
   */
  public static List<Path> resolve(
      List<Path> explicit, Map<String, String> env, String property, Path userDefault) {
    LinkedHashSet<Path> out = new LinkedHashSet<>();
    explicit.forEach(p -> out.add(p.toAbsolutePath().normalize()));
    split(env.get(ENV), out);
    split(property, out);
    if (userDefault != null && Files.isDirectory(userDefault)) {
      out.add(userDefault.toAbsolutePath().normalize());
    }
    return new ArrayList<>(out);
  }

  private static void split(String list, LinkedHashSet<Path> out) {
    if (list == null || list.isBlank()) {
      return;
    }
    for (String s : list.split(File.pathSeparator)) {
      if (!s.isBlank()) {
        out.add(Path.of(s.trim()).toAbsolutePath().normalize());
      }
    }
  }
}
