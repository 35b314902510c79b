package org.dec4j.api.result;

/**
 * Which build of a plugin produced a result: its id and declared version, and the jar it was loaded
 * from with that jar's SHA-256, so that two builds carrying the same version string are still told
 * apart.
 *
 * @param kind {@code objective}, {@code encoder} or {@code dataset}
 * @param id the plugin's id
 * @param version the version the plugin declares
 * @param jar the jar (or class folder) the plugin was loaded from, or the empty string when unknown
 * @param sha256 the hex SHA-256 of that jar's bytes (of a class folder: of its files' paths and
 *     bytes), or the empty string when it could not be read
 */
public record PluginProvenance(String kind, String id, String version, String jar, String sha256) {

  /** Replaces a null jar or checksum by the empty string. */
  public PluginProvenance {
    jar = jar == null ? "" : jar;
    sha256 = sha256 == null ? "" : sha256;
  }
}
