package org.dec4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.OutputException;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.ClusteringModel;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dec4j run}: one method on one data set, with progress, final metrics and a JSON result.
 */
@Command(
    name = "run",
    description =
        "Pretrain (or reuse) an autoencoder, run one clustering method, "
            + "print ACC/NMI/ARI and write a JSON result with provenance.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Mixin RunOptions options;

  @Mixin MethodOptions methodOptions;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of everything random in the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-o", "--output"},
      description = "Result file (default: runs/<dataset>-<method>-seed<seed>.json).")
  Path output;

  @Option(
      names = "--save-model",
      paramLabel = "DIR",
      description =
          "Also save the trained model (encoder weights, centroids, the input's columns and fitted "
              + "scaling, the training assignments) for 'dec4j predict' and DeepClustering.load.")
  Path saveModel;

  @Override
  public Integer call() {
    String method = methodOptions.method;
    Map<String, String> methodParams = methodOptions.params;
    var out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(System.err, options.quiet);
    Runner runner = new Runner(plugins.registry());
    DeepClustering trainer =
        options
            .trainer(runner.registry(), method, methodParams, seed, commandLine())
            .listener(progress);
    String datasetId = options.datasetId(runner, progress);
    Path file =
        output != null
            ? output
            : Path.of(
                "runs", String.format(Locale.ROOT, "%s-%s-seed%d.json", datasetId, method, seed));
    // Outputs that cannot be written fail now, not after the run.
    Json.checkWritable(file);
    if (saveModel != null) {
      if (Files.exists(saveModel) && !Files.isDirectory(saveModel)) {
        throw new OutputException("--save-model " + saveModel + ": it is a file, not a directory");
      }
      try {
        Files.createDirectories(saveModel);
      } catch (IOException e) {
        throw new OutputException(
            "--save-model "
                + saveModel
                + ": cannot create the directory: "
                + OutputException.describe(e),
            e);
      }
      Json.checkWritable(saveModel.resolve("model.json"));
    }
    ClusteringModel model = trainer.fit(datasetId, options.dataParams);
    RunResult result = model.result();
    if (saveModel != null) {
      model.save(saveModel);
      progress.info("model saved to " + saveModel);
    }
    Json.writeAtomically(file, result);
    trainer.discardCheckpoints(model);
    if (result.scores() != null) {
      out.printf(
          Locale.ROOT,
          "%s on %s (k=%d, seed %d): %s  [k-means init: %s]  %.0f s%n",
          method,
          datasetId,
          result.config().clusters(),
          seed,
          result.scores(),
          result.initialScores(),
          result.timings().total());
    } else {
      out.printf(
          Locale.ROOT,
          "%s on %s (k=%d, seed %d): no ground truth; %.0f s%n",
          method,
          datasetId,
          result.config().clusters(),
          seed,
          result.timings().total());
    }
    out.println("result: " + file.toAbsolutePath());
    return 0;
  }

  private String commandLine() {
    return "dec4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
