package org.dec4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated hyperparameter values of one plugin, every declared name present (given or default).
 *
 * <p>Instances come from {@link PluginInfo#resolve(Map)}; the typed getters never fail for declared
 * names, so plugin code needs no parsing or defaults of its own.
 */
public final class Hyperparameters {
  private final String owner;
  private final Map<String, Object> values;

  private Hyperparameters(String owner, Map<String, Object> values) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves given values against declarations.
   *
   * @param owner the plugin id, for messages
   * @param specs the declarations
   * @param given user values by name (may be null or empty)
   * @return every declared value, given or default
   * @throws ConfigException for an unknown name or an invalid value
   */
  public static Hyperparameters resolve(
      String owner, List<HyperparameterSpec> specs, Map<String, ?> given) {
    Map<String, HyperparameterSpec> byName = new LinkedHashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    Map<String, Object> out = new LinkedHashMap<>();
    if (given != null) {
      for (var e : given.entrySet()) {
        HyperparameterSpec spec = byName.get(e.getKey());
        if (spec == null) {
          throw ConfigException.unknown(owner, "hyperparameter", e.getKey(), byName.keySet());
        }
      }
    }
    for (HyperparameterSpec spec : specs) {
      Object raw = given == null ? null : given.get(spec.name());
      out.put(spec.name(), raw == null ? spec.defaultValue() : spec.parse(owner, raw));
    }
    return new Hyperparameters(owner, out);
  }

  /** {@return the plugin id these values belong to} */
  public String owner() {
    return owner;
  }

  /** {@return all values by name, in declaration order} */
  public Map<String, Object> asMap() {
    return values;
  }

  /**
   * Returns an integer value.
   *
   * @param name a declared INT name
   * @return the value
   */
  public int getInt(String name) {
    return ((Number) get(name)).intValue();
  }

  /**
   * Returns a long value.
   *
   * @param name a declared LONG or INT name
   * @return the value
   */
  public long getLong(String name) {
    return ((Number) get(name)).longValue();
  }

  /**
   * Returns a real value.
   *
   * @param name a declared numeric name
   * @return the value
   */
  public double getDouble(String name) {
    return ((Number) get(name)).doubleValue();
  }

  /**
   * Returns a boolean value.
   *
   * @param name a declared BOOLEAN name
   * @return the value
   */
  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  /**
   * Returns a string value (CHOICE or TEXT), possibly null for an unset TEXT.
   *
   * @param name a declared name
   * @return the value
   */
  public String getString(String name) {
    Object v = get(name);
    return v == null ? null : v.toString();
  }

  /**
   * Returns an integer-list value.
   *
   * @param name a declared INT_LIST name
   * @return the value, unmodifiable
   */
  @SuppressWarnings("unchecked")
  public List<Integer> getIntList(String name) {
    return (List<Integer>) get(name);
  }

  private Object get(String name) {
    if (!values.containsKey(name)) {
      throw new ConfigException(owner + ": no hyperparameter named '" + name + "'");
    }
    return values.get(name);
  }

  @Override
  public String toString() {
    return owner + values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && h.owner.equals(owner) && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return owner.hashCode() * 31 + values.hashCode();
  }
}
