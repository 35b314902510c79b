package org.dec4j.plugin.idec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.TrainingPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metadata, defaults, validation and the derived plan; no engine needed. */
class IdecObjectiveTest {
  private final IdecObjective objective = new IdecObjective();

  @Test
  void declaresIdVersionAndDescription() {
    PluginInfo info = objective.info();
    assertEquals("idec", info.id());
    assertTrue(PluginInfo.isValidId(info.id()));
    assertFalse(info.version().isBlank());
    assertTrue(info.description().contains("IJCAI 2017"), info.description());
    for (HyperparameterSpec h : info.hyperparameters()) {
      assertFalse(h.description().isBlank(), h.name() + " has no description");
    }
  }

  @Test
  void defaultsAreThoseOfTheReferenceMnistRun() {
    Map<String, Object> d = objective.info().resolve(Map.of()).asMap();
    Map<String, Object> expected = new HashMap<>();
    expected.put("gamma", 0.1);
    expected.put("alpha", 1.0);
    expected.put("batch_size", 256);
    expected.put("max_iter", 20_000);
    expected.put("update_interval", 140);
    expected.put("tol", 0.001);
    expected.put("optimizer", "adam");
    expected.put("lr", 0.001);
    expected.put("momentum", 0.99);
    expected.put("shuffle", true);
    assertEquals(expected, d);
  }

  @Test
  void defaultsValidateAgainstTheirOwnDeclarations() {
    for (HyperparameterSpec h : objective.info().hyperparameters()) {
      assertEquals(h.defaultValue(), h.parse("idec", h.defaultValue()), h.name());
      assertEquals(h.defaultValue(), h.parse("idec", String.valueOf(h.defaultValue())), h.name());
    }
  }

  @Test
  void planFollowsTheHyperparameters() {
    TrainingPlan plan = IdecSession.plan(objective.info().resolve(Map.of()));
    assertEquals(
        new TrainingPlan(256, 20_000, 140, OptimizerSpec.adam(0.001), true, true, 0.001), plan);

    Hyperparameters custom =
        objective
            .info()
            .resolve(
                Map.of(
                    "optimizer",
                    "sgd",
                    "lr",
                    "0.1",
                    "batch_size",
                    "64",
                    "max_iter",
                    "500",
                    "update_interval",
                    "30",
                    "shuffle",
                    "false",
                    "tol",
                    "0.01"));
    assertEquals(
        new TrainingPlan(64, 500, 30, OptimizerSpec.sgd(0.1, 0.99), true, false, 0.01),
        IdecSession.plan(custom));
  }

  @ParameterizedTest
  @CsvSource({
    "gamma, -0.1",
    "gamma, abc",
    "alpha, 0",
    "batch_size, 0",
    "batch_size, 2.5",
    "max_iter, -1",
    "update_interval, 0",
    "tol, 1.5",
    "tol, -0.001",
    "optimizer, rmsprop",
    "lr, 0",
    "momentum, 1",
    "shuffle, maybe"
  })
  void rejectsBadValuesNamingTheField(String field, String value) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> objective.info().resolve(Map.of(field, value)));
    assertTrue(e.getMessage().contains("idec"), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void rejectsUnknownHyperparameters() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> objective.info().resolve(Map.of("lambda", 1)));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    assertTrue(e.getMessage().contains("gamma"), e.getMessage());
  }

  @Test
  void moduleProvidesTheObjectiveAndExportsNothing() {
    Module module = IdecObjective.class.getModule();
    assumeTrue(module.isNamed(), "tests run on the class path");
    ModuleDescriptor descriptor = module.getDescriptor();
    assertEquals("org.dec4j.plugin.idec", descriptor.name());
    assertTrue(descriptor.exports().isEmpty(), descriptor.exports().toString());
    assertTrue(
        descriptor.provides().stream()
            .anyMatch(
                p ->
                    p.service().equals(ClusteringObjective.class.getName())
                        && p.providers().equals(List.of(IdecObjective.class.getName()))),
        descriptor.provides().toString());
  }
}
