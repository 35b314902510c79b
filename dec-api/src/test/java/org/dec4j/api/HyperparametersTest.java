package org.dec4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Hyperparameters#resolve}: given values are parsed, the rest take their defaults, and a
 * wrong name or value fails with a message naming the plugin and the parameter.
 */
class HyperparametersTest {
  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.ofInt("update_interval", 140, 1, 100_000, "every n"),
          HyperparameterSpec.ofReal("alpha", 1.0, 0.0, 10.0, "degrees of freedom"),
          HyperparameterSpec.ofBoolean("pretrain", true, "pretrain first"),
          HyperparameterSpec.ofText("path", null, "a file"),
          HyperparameterSpec.ofIntList("dims", List.of(500, 10), 1, 100_000, "layer sizes"));

  @Test
  void givenValuesAreParsedAndTheRestDefault() {
    Hyperparameters h =
        Hyperparameters.resolve("dec", SPECS, Map.of("update_interval", "20", "alpha", 2));
    assertEquals("dec", h.owner());
    assertEquals(20, h.getInt("update_interval"));
    assertEquals(20L, h.getLong("update_interval"));
    assertEquals(2.0, h.getDouble("alpha"));
    assertTrue(h.getBoolean("pretrain"));
    assertNull(h.getString("path"));
    assertEquals(List.of(500, 10), h.getIntList("dims"));
    assertEquals(
        List.of("update_interval", "alpha", "pretrain", "path", "dims"),
        List.copyOf(h.asMap().keySet()));
  }

  @Test
  void nullOrEmptyGivenMeansAllDefaults() {
    assertEquals(
        Hyperparameters.resolve("dec", SPECS, null),
        Hyperparameters.resolve("dec", SPECS, Map.of()));
    Map<String, Object> nulls = new LinkedHashMap<>();
    nulls.put("alpha", null);
    assertEquals(1.0, Hyperparameters.resolve("dec", SPECS, nulls).getDouble("alpha"));
  }

  @Test
  void unknownNameSuggestsTheClosestAndListsTheKnown() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Hyperparameters.resolve("dec", SPECS, Map.of("update_intervall", 5)));
    assertEquals(
        "dec: unknown hyperparameter 'update_intervall' (did you mean 'update_interval'?); known: alpha, "
            + "dims, path, pretrain, update_interval",
        e.getMessage());
    ConfigException far =
        assertThrows(
            ConfigException.class,
            () -> Hyperparameters.resolve("idec", SPECS, Map.of("gamma", 0.1)));
    assertTrue(
        far.getMessage().startsWith("idec: unknown hyperparameter 'gamma'; known: "),
        far.getMessage());
  }

  @Test
  void badValuesNameThePluginAndTheParameter() {
    ConfigException range =
        assertThrows(
            ConfigException.class,
            () -> Hyperparameters.resolve("dec", SPECS, Map.of("alpha", "11")));
    assertEquals("dec: alpha = '11' is out of range: must be in [0, 10]", range.getMessage());
    ConfigException type =
        assertThrows(
            ConfigException.class,
            () -> Hyperparameters.resolve("dec", SPECS, Map.of("update_interval", "often")));
    assertEquals(
        "dec: update_interval = 'often' is not an integer in [1, 100000]", type.getMessage());
    ConfigException list =
        assertThrows(
            ConfigException.class,
            () -> Hyperparameters.resolve("dec", SPECS, Map.of("dims", List.of(500, -1))));
    assertTrue(
        list.getMessage()
            .startsWith("dec: dims = '[500, -1]' (element 2 of 2, -1) is out of range"),
        list.getMessage());
  }

  @Test
  void gettersRefuseUndeclaredNames() {
    Hyperparameters h = Hyperparameters.resolve("dec", SPECS, Map.of());
    ConfigException e = assertThrows(ConfigException.class, () -> h.getInt("clusters"));
    assertEquals("dec: no hyperparameter named 'clusters'", e.getMessage());
  }

  @Test
  void valuesAreReadOnly() {
    Hyperparameters h = Hyperparameters.resolve("dec", SPECS, Map.of());
    assertThrows(UnsupportedOperationException.class, () -> h.asMap().put("alpha", 3.0));
    assertThrows(UnsupportedOperationException.class, () -> h.getIntList("dims").add(1));
  }
}
