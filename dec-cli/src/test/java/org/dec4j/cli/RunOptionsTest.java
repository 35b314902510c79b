package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.PluginRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's pretraining options take their defaults from the one place suite files read them. */
class RunOptionsTest {
  private static PretrainConfig parsed(String... args) {
    RunCommand command = new RunCommand();
    new CommandLine(command).parseArgs(args);
    return command
        .options
        .spec(PluginRegistry.discover(), "blobs", "dec", Map.of(), 0, "")
        .run()
        .pretrain();
  }

  @Test
  void noOptionsMeansPretrainConfigDefaults() {
    assertEquals(PretrainConfig.defaults(), parsed());
  }

  @Test
  void kmeansRestartsDefaultToTheJavaApisDefault() {
    RunCommand command = new RunCommand();
    new CommandLine(command).parseArgs();
    assertEquals(
        DeepClustering.KMEANS_RESTARTS,
        command
            .options
            .spec(PluginRegistry.discover(), "blobs", "dec", Map.of(), 0, "")
            .run()
            .kmeansRestarts());
  }

  @Test
  void stackedWithoutLayerEpochsTrainsTheDefaultEpochsPerLayer() {
    PretrainConfig stacked = parsed("--pretrain", "stacked");
    assertEquals(
        50, stacked.layerEpochs(), "the CLI and suites once disagreed here (50 against 0)");
    assertEquals(PretrainConfig.defaults().layerEpochs(), stacked.layerEpochs());
  }
}
