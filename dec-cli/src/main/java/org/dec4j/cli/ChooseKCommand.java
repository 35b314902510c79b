package org.dec4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.DataException;
import org.dec4j.runtime.ChooseK;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Runner;
import org.dec4j.suite.report.Curves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dec4j choose-k}: one method for a range of k from one shared autoencoder, with the DEC
 * paper's generalizability, NMI and the silhouette per k.
 */
@Command(
    name = "choose-k",
    description =
        "Run a method for every k of a range (--k 3..20) from one pretrained "
            + "autoencoder, on a training part of the data, and print per k the DEC paper's generalizability G = L_train / "
            + "L_validation (DEC's loss on the training part over the loss on a held-out part), the silhouette of the "
            + "embedding (label-free) and, with labels, NMI and ACC; marks the suggested k and writes choose-k.json, .csv "
            + "and .svg. Each k's figures are kept in the output's k/ folder as soon as it is done, and taken from there "
            + "when the same command is run again (a stopped search resumes; a changed configuration reruns).")
final class ChooseKCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Mixin RunOptions options;

  @Mixin MethodOptions methodOptions;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the split, the weights and the runs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--validation",
      defaultValue = "0.25",
      description =
          "Share of the samples held out to compute L_validation (default: ${DEFAULT-VALUE}).")
  double validation;

  @Option(
      names = "--silhouette-sample",
      defaultValue = "2000",
      description = "Training samples the silhouette is computed on (default: ${DEFAULT-VALUE}).")
  int silhouetteSample;

  @Option(
      names = {"-o", "--output"},
      description = "Output folder (default: runs/choose-k-<dataset>-<method>-seed<seed>).")
  Path output;

  @Override
  public Integer call() {
    String method = methodOptions.method;
    Map<String, String> methodParams = methodOptions.params;
    var out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(System.err, options.quiet);
    Runner runner = new Runner(plugins.registry());
    var ks = options.ks();
    String datasetId = options.datasetId(runner, progress);
    String command =
        "dec4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    String saved = options.k;
    options.k = "0";
    RunSpec run;
    try {
      run = options.spec(runner.registry(), datasetId, method, methodParams, seed, command);
    } finally {
      options.k = saved;
    }
    Path dir =
        output != null
            ? output
            : Path.of("runs", "choose-k-" + datasetId + "-" + method + "-seed" + seed);
    ChooseK.Result result =
        new ChooseK(runner)
            .run(
                new ChooseK.Request(run, ks, validation, silhouetteSample, dir.resolve("k")),
                progress);
    try {
      Files.createDirectories(dir);
      Json.writeAtomically(dir.resolve("choose-k.json"), result);
      Files.writeString(dir.resolve("choose-k.csv"), ChooseK.csv(result), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("choose-k.svg"), Curves.chooseK(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataException(dir + ": cannot write the results: " + e.getMessage(), e);
    }
    out.print(ChooseK.table(result));
    out.println("written: " + dir.toAbsolutePath() + "/choose-k.{json,csv,svg}");
    return 0;
  }
}
