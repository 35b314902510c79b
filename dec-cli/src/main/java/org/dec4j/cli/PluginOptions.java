package org.dec4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dec4j.runtime.PluginRegistry;
import picocli.CommandLine.Option;

/**
 * Where third-party plugins are loaded from: each {@code --plugin-dir}, then {@code $DEC4J_PLUGINS}
 * and {@code -Ddec4j.plugins} (path-separated lists), then {@code ~/.dec4j/plugins} when it exists.
 */
final class PluginOptions {
  @Option(
      names = "--plugin-dir",
      paramLabel = "DIR",
      description =
          "Directory of plugin jars, each loaded in its own module layer (repeatable; searched before "
              + "$DEC4J_PLUGINS, -Ddec4j.plugins and ~/.dec4j/plugins).")
  List<Path> dirs = new ArrayList<>();

  /** {@return the plugins of the module path and of every plugin directory} */
  PluginRegistry registry() {
    return PluginRegistry.discover(PluginRegistry.pluginPath(dirs));
  }
}
