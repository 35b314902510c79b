package org.dec4j.plugin.dcn;

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
class DcnObjectiveTest {
  private final DcnObjective objective = new DcnObjective();

  @Test
  void declaresIdVersionAndDescription() {
    PluginInfo info = objective.info();
    assertEquals("dcn", info.id());
    assertTrue(PluginInfo.isValidId(info.id()));
    assertFalse(info.version().isBlank());
    assertTrue(info.description().contains("ICML 2017"), info.description());
    for (HyperparameterSpec h : info.hyperparameters()) {
      assertFalse(h.description().isBlank(), h.name() + " has no description");
    }
  }

  @Test
  void defaultsAreThoseOfTheAuthorsRawMnistRun() {
    Map<String, Object> expected = new HashMap<>();
    expected.put("lambda", 2.0);
    expected.put("initial_count", 100);
    expected.put("batch_size", 256);
    expected.put("epochs", 50);
    expected.put("max_iter", Integer.MAX_VALUE);
    expected.put("update_interval", 0);
    expected.put("tol", 0.0);
    expected.put("optimizer", "sgd");
    expected.put("lr", 1e-4);
    expected.put("momentum", 0.9);
    expected.put("shuffle", true);
    assertEquals(expected, objective.info().resolve(Map.of()).asMap());
  }

  @Test
  void defaultsValidateAgainstTheirOwnDeclarations() {
    for (HyperparameterSpec h : objective.info().hyperparameters()) {
      assertEquals(h.defaultValue(), h.parse("dcn", h.defaultValue()), h.name());
      assertEquals(h.defaultValue(), h.parse("dcn", String.valueOf(h.defaultValue())), h.name());
    }
  }

  @Test
  void budgetAndRefreshIntervalAreCountedInEpochs() {
    // n = 70000, batch 256: an epoch is ceil(70000 / 256) = 274 iterations, 50 epochs 13700.
    TrainingPlan mnist = DcnSession.plan(objective.info().resolve(Map.of()), 70_000);
    assertEquals(
        new TrainingPlan(256, 13_700, 274, OptimizerSpec.sgd(1e-4, 0.9), true, true, 0), mnist);

    TrainingPlan exact =
        DcnSession.plan(objective.info().resolve(Map.of("batch_size", 100, "epochs", 3)), 1000);
    assertEquals(30, exact.maxIterations());
    assertEquals(10, exact.refreshInterval());
  }

  @Test
  void maxIterCapsTheEpochBudgetAndUpdateIntervalOverridesTheEpoch() {
    Hyperparameters h =
        objective
            .info()
            .resolve(
                Map.of(
                    "max_iter",
                    150,
                    "update_interval",
                    7,
                    "optimizer",
                    "adam",
                    "lr",
                    0.001,
                    "shuffle",
                    false,
                    "tol",
                    0.002));
    assertEquals(
        new TrainingPlan(256, 150, 7, OptimizerSpec.adam(0.001), true, false, 0.002),
        DcnSession.plan(h, 70_000));
    assertEquals(
        0, DcnSession.plan(objective.info().resolve(Map.of("epochs", 0)), 70_000).maxIterations());
    assertEquals(1, DcnSession.plan(objective.info().resolve(Map.of()), 0).refreshInterval());
  }

  @ParameterizedTest
  @CsvSource({
    "lambda, -1",
    "lambda, big",
    "initial_count, -1",
    "initial_count, 0.5",
    "batch_size, 0",
    "epochs, -2",
    "max_iter, -1",
    "update_interval, -1",
    "tol, 1.5",
    "optimizer, adagrad",
    "lr, -0.01",
    "momentum, 1",
    "shuffle, yes"
  })
  void rejectsBadValuesNamingTheField(String field, String value) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> objective.info().resolve(Map.of(field, value)));
    assertTrue(e.getMessage().contains("dcn"), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void rejectsUnknownHyperparameters() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> objective.info().resolve(Map.of("gamma", 0.1)));
    assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }

  @Test
  void moduleProvidesTheObjectiveAndExportsNothing() {
    Module module = DcnObjective.class.getModule();
    assumeTrue(module.isNamed(), "tests run on the class path");
    ModuleDescriptor descriptor = module.getDescriptor();
    assertEquals("org.dec4j.plugin.dcn", descriptor.name());
    assertTrue(descriptor.exports().isEmpty(), descriptor.exports().toString());
    assertTrue(
        descriptor.provides().stream()
            .anyMatch(
                p ->
                    p.service().equals(ClusteringObjective.class.getName())
                        && p.providers().equals(List.of(DcnObjective.class.getName()))),
        descriptor.provides().toString());
  }
}
