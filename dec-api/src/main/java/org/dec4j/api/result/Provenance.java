package org.dec4j.api.result;

import java.util.List;
import java.util.Map;
import org.dec4j.api.data.DataProvenance;

/**
 * Everything needed to trace and rerun a result.
 *
 * @param dec4jVersion the dec4j version
 * @param pluginVersions plugin id to version, for the plugins used
 * @param libraries library name to version (DJL, MXNet, Smile, Java)
 * @param machine OS, architecture, cores, JVM
 * @param data where the data came from, with its checksum
 * @param startedAt ISO-8601 start time
 * @param command the command line or suite entry that produced the result
 * @param plugins the plugins used, each with its jar and the jar's SHA-256; empty in results
 *     written before they were recorded
 */
public record Provenance(
    String dec4jVersion,
    Map<String, String> pluginVersions,
    Map<String, String> libraries,
    Map<String, String> machine,
    DataProvenance data,
    String startedAt,
    String command,
    List<PluginProvenance> plugins) {

  /** Copies the plugin list; null means none recorded. */
  public Provenance {
    plugins = plugins == null ? List.of() : List.copyOf(plugins);
  }

  /**
   * Provenance without the plugins' jars.
   *
   * @param dec4jVersion the dec4j version
   * @param pluginVersions plugin id to version, for the plugins used
   * @param libraries library name to version (DJL, MXNet, Smile, Java)
   * @param machine OS, architecture, cores, JVM
   * @param data where the data came from, with its checksum
   * @param startedAt ISO-8601 start time
   * @param command the command line or suite entry that produced the result
   */
  public Provenance(
      String dec4jVersion,
      Map<String, String> pluginVersions,
      Map<String, String> libraries,
      Map<String, String> machine,
      DataProvenance data,
      String startedAt,
      String command) {
    this(dec4jVersion, pluginVersions, libraries, machine, data, startedAt, command, List.of());
  }
}
