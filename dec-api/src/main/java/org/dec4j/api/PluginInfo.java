package org.dec4j.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cheap metadata every plugin declares: its id, version, a one-line description, and the
 * hyperparameters it accepts.
 *
 * <p>The hyperparameter list is the single place where a plugin's defaults and bounds live; the
 * command line, config validation and the {@code plugins} listing derive from it.
 *
 * @param id lowercase, hyphenated, unique among plugins of the same kind (e.g. {@code dec}, {@code
 *     fashion-mnist})
 * @param version the plugin's own version
 * @param description one line for listings
 * @param hyperparameters the accepted hyperparameters, with defaults and bounds
 * @param apiVersion the dec4j API level the plugin was built against ({@link Dec4jApi#VERSION}), or
 *     {@link Dec4jApi#UNDECLARED}; the runtime refuses plugins whose level it does not support
 */
public record PluginInfo(
    String id,
    String version,
    String description,
    List<HyperparameterSpec> hyperparameters,
    int apiVersion) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /**
   * Validates the id, the version, the API level and the hyperparameter names (no duplicates).
   *
   * @throws PluginException naming the plugin and the invalid field
   */
  public PluginInfo {
    if (id == null || !ID.matcher(id).matches()) {
      throw new PluginException(
          "plugin id '"
              + id
              + "' is invalid: ids are lowercase letters and digits, words joined by single hyphens");
    }
    if (version == null || version.isBlank()) {
      throw new PluginException("plugin '" + id + "': version must not be blank");
    }
    if (apiVersion < 0) {
      throw new PluginException(
          "plugin '"
              + id
              + "': apiVersion = "
              + apiVersion
              + " must be >= 0 (declare Dec4jApi.VERSION)");
    }
    description = description == null ? "" : description;
    if (hyperparameters == null) {
      throw new PluginException(
          "plugin '" + id + "': hyperparameters must be a list (possibly empty), not null");
    }
    hyperparameters = List.copyOf(hyperparameters);
    var seen = new java.util.HashSet<String>();
    for (HyperparameterSpec h : hyperparameters) {
      if (!seen.add(h.name())) {
        throw new PluginException(
            "plugin '" + id + "' declares hyperparameter '" + h.name() + "' twice");
      }
    }
  }

  /**
   * Metadata that declares no API level ({@link Dec4jApi#UNDECLARED}), for plugins written before
   * levels existed; new plugins pass {@link Dec4jApi#VERSION} to the canonical constructor.
   *
   * @param id lowercase, hyphenated, unique among plugins of the same kind
   * @param version the plugin's own version
   * @param description one line for listings
   * @param hyperparameters the accepted hyperparameters, with defaults and bounds
   * @throws PluginException naming the plugin and the invalid field
   */
  public PluginInfo(
      String id, String version, String description, List<HyperparameterSpec> hyperparameters) {
    this(id, version, description, hyperparameters, Dec4jApi.UNDECLARED);
  }

  /**
   * Resolves user-given values against this plugin's hyperparameters.
   *
   * @param given values by name; missing ones take their defaults
   * @return the validated values
   * @throws ConfigException naming this plugin, the field, the value and the constraint
   */
  public Hyperparameters resolve(java.util.Map<String, ?> given) {
    return Hyperparameters.resolve(id, hyperparameters, given);
  }

  /**
   * Tells whether a string is a valid plugin id: lowercase letters and digits, starting with a
   * letter, words joined by single hyphens.
   *
   * @param id the candidate
   * @return whether {@code id} is a valid plugin id
   */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
