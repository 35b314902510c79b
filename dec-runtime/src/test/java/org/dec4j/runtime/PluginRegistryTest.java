package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.objective.ClusteringObjective;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  @Test
  void findsTheBundledPluginsAsNamedModules() {
    PluginRegistry registry = PluginRegistry.discover();
    assertTrue(
        registry.objectives().keySet().containsAll(List.of("dec", "idec", "dcn")),
        "objectives found: " + registry.objectives().keySet());
    assertTrue(
        registry.encoders().containsKey("mlp"), "encoders found: " + registry.encoders().keySet());
    assertTrue(
        registry.datasets().keySet().containsAll(List.of("mnist", "synthetic")),
        "datasets found: " + registry.datasets().keySet());
    assertTrue(registry.failures().isEmpty(), "failures: " + registry.failures());
    for (var e : registry.entries()) {
      assertTrue(
          e.origin().startsWith("org.dec4j."),
          e.info().id()
              + " came from "
              + e.origin()
              + ", not from a named dec4j module on the module path");
    }
    ClusteringObjective dec = registry.objective("dec");
    assertEquals("org.dec4j.plugin.dec", dec.getClass().getModule().getName());
  }

  @Test
  void unknownIdsListTheKnownOnes() {
    PluginRegistry registry = PluginRegistry.discover();
    ConfigException e = assertThrows(ConfigException.class, () -> registry.objective("kmeans++"));
    assertTrue(
        e.getMessage().contains("unknown method 'kmeans++'") && e.getMessage().contains("dec"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> registry.dataset("cifar"));
    assertTrue(
        e.getMessage().contains("unknown dataset 'cifar'") && e.getMessage().contains("mnist"),
        e.getMessage());
  }

  @Test
  void aBrokenProviderIsReportedAndTheOthersStayUsable() {
    List<PluginRegistry.Failure> failures = new ArrayList<>();
    var providers =
        List.<java.util.ServiceLoader.Provider<ClusteringObjective>>of(
            provider(() -> objective("good")),
            provider(
                () -> {
                  throw new IllegalStateException("cannot start: missing native library");
                }),
            provider(() -> objective("Bad_Id")),
            provider(() -> objective("good")),
            provider(() -> objective("other")));
    var loaded =
        PluginRegistry.load("objective", providers.iterator(), ClusteringObjective::info, failures);
    assertEquals(List.of("good", "other"), new ArrayList<>(loaded.keySet()));
    assertEquals(3, failures.size(), failures.toString());
    assertTrue(
        failures.get(0).problem().contains("missing native library"), failures.get(0).problem());
    assertTrue(failures.get(1).problem().contains("Bad_Id"), failures.get(1).problem());
    assertTrue(
        failures.get(2).problem().contains("'good' is already taken"), failures.get(2).problem());
  }

  @Test
  void aPluginBuiltForAnUnsupportedApiIsRefusedWithAMessageSayingWhatToUpgrade() {
    List<PluginRegistry.Failure> failures = new ArrayList<>();
    var providers =
        List.<java.util.ServiceLoader.Provider<ClusteringObjective>>of(
            provider(() -> objective("declared", org.dec4j.api.Dec4jApi.VERSION)),
            provider(() -> objective("newer", org.dec4j.api.Dec4jApi.VERSION + 1)),
            provider(() -> objective("oldest", org.dec4j.api.Dec4jApi.OLDEST_SUPPORTED)),
            provider(() -> objective("older", org.dec4j.api.Dec4jApi.OLDEST_SUPPORTED - 1)),
            provider(() -> objective("undeclared")));
    var loaded =
        PluginRegistry.load("objective", providers.iterator(), ClusteringObjective::info, failures);
    assertEquals(List.of("declared", "oldest", "undeclared"), new ArrayList<>(loaded.keySet()));
    assertEquals(2, failures.size(), failures.toString());
    assertTrue(
        failures
            .get(0)
            .problem()
            .contains(
                "plugin 'newer' 1 needs dec4j API "
                    + (org.dec4j.api.Dec4jApi.VERSION + 1)
                    + ", but this dec4j provides API "
                    + supported()
                    + ": upgrade dec4j"),
        failures.get(0).problem());
    // Level 3 removed and renamed types, so it refuses older plugins and says where to read what
    // changed.
    assertTrue(
        failures
            .get(1)
            .problem()
            .contains(
                "plugin 'older' 1 was built for dec4j API "
                    + (org.dec4j.api.Dec4jApi.OLDEST_SUPPORTED - 1)
                    + ", which this dec4j no longer supports (it supports "
                    + supported()
                    + "): rebuild the plugin against the current dec-api"),
        failures.get(1).problem());
    assertTrue(
        failures.get(1).problem().contains("Moving to API level 3"), failures.get(1).problem());
  }

  /** The API levels this build runs, as messages name them: {@code 2}, or {@code 1 to 2}. */
  static String supported() {
    return org.dec4j.api.Dec4jApi.OLDEST_SUPPORTED == org.dec4j.api.Dec4jApi.VERSION
        ? Integer.toString(org.dec4j.api.Dec4jApi.VERSION)
        : org.dec4j.api.Dec4jApi.OLDEST_SUPPORTED + " to " + org.dec4j.api.Dec4jApi.VERSION;
  }

  private static ClusteringObjective objective(String id, int apiVersion) {
    return new ClusteringObjective() {
      @Override
      public org.dec4j.api.PluginInfo info() {
        return new org.dec4j.api.PluginInfo(id, "1", "test", List.of(), apiVersion);
      }

      @Override
      public org.dec4j.api.objective.ClusteringSession start(
          org.dec4j.api.objective.ClusteringContext c) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static ClusteringObjective objective(String id) {
    return new ClusteringObjective() {
      @Override
      public org.dec4j.api.PluginInfo info() {
        return new org.dec4j.api.PluginInfo(id, "1", "test", List.of());
      }

      @Override
      public org.dec4j.api.objective.ClusteringSession start(
          org.dec4j.api.objective.ClusteringContext c) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static java.util.ServiceLoader.Provider<ClusteringObjective> provider(
      java.util.function.Supplier<ClusteringObjective> factory) {
    return new java.util.ServiceLoader.Provider<>() {
      @Override
      public Class<? extends ClusteringObjective> type() {
        return ClusteringObjective.class;
      }

      @Override
      public ClusteringObjective get() {
        return factory.get();
      }
    };
  }
}
