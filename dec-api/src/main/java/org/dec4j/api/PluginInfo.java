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
 * @param id lowercase, hyphenated, unique among plugins of the same kind (e.g. {@code dec},
 *     {@code fashion-mnist})
 * @param version the plugin's own version
 * @param description one line for listings
 * @param hyperparameters the accepted hyperparameters, with defaults and bounds
 */
public record PluginInfo(String id, String version, String description, List<HyperParameter> hyperparameters) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** Validates the id and the hyperparameter names (no duplicates). */
  public PluginInfo {
    if (id == null || !ID.matcher(id).matches()) {
      throw new PluginException("plugin id '" + id
          + "' is invalid: ids are lowercase letters and digits, words joined by single hyphens");
    }
    if (version == null || version.isBlank()) {
      throw new PluginException("plugin '" + id + "': version must not be blank");
    }
    description = description == null ? "" : description;
    hyperparameters = List.copyOf(hyperparameters);
    var seen = new java.util.HashSet<String>();
    for (HyperParameter h : hyperparameters) {
      if (!seen.add(h.name())) {
        throw new PluginException("plugin '" + id + "' declares hyperparameter '" + h.name() + "' twice");
      }
    }
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

  /** Returns whether {@code id} is a valid plugin id. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
