package org.dec4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.ConfigException;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dec4j compare}: several methods, several seeds, one table. */
@Command(
    name = "compare",
    description =
        "Run several methods over several seeds on one data set from the same "
            + "pretrained autoencoder; print ACC/NMI/ARI as mean ± std and write every result and a summary as JSON.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Mixin RunOptions options;

  @Option(
      names = "--methods",
      split = ",",
      defaultValue = "dec,idec,dcn,kmeans,ae-kmeans",
      description =
          "Method ids; 'kmeans' (raw features) and 'ae-kmeans' (pretrained embedding) are baselines "
              + "(default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "0",
      description = "Seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(
      names = {"-P", "--param"},
      paramLabel = "METHOD.NAME=VALUE",
      description = "A method hyperparameter (repeatable), e.g. -P dec.update_interval=140.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "runs/compare",
      description = "Folder for the result files and summary.json (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() {
    Map<String, Map<String, Object>> byMethod = new LinkedHashMap<>();
    for (var e : params.entrySet()) {
      int dot = e.getKey().indexOf('.');
      if (dot <= 0 || !methods.contains(e.getKey().substring(0, dot))) {
        throw new ConfigException(
            "-P "
                + e.getKey()
                + ": write METHOD.NAME=VALUE with METHOD one of "
                + String.join(", ", methods));
      }
      byMethod
          .computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
          .put(e.getKey().substring(dot + 1), e.getValue());
    }
    org.dec4j.runtime.Json.checkWritable(output.resolve("summary.json"));
    ConsoleProgress progress = new ConsoleProgress(System.err, options.quiet);
    Runner runner = new Runner(plugins.registry());
    String datasetId = options.datasetId(runner, progress);
    String command =
        "dec4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    var request =
        new Comparison.Request(
            new ArrayList<>(methods),
            byMethod,
            options.spec(
                runner.registry(), datasetId, "ae-kmeans", Map.of(), seeds.get(0), command),
            seeds,
            output);
    Comparison.Summary summary = new Comparison(runner).run(request, progress);
    spec.commandLine().getOut().print(Comparison.table(summary));
    spec.commandLine().getOut().println("results: " + output.toAbsolutePath());
    return 0;
  }
}
