package org.dec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.DataException;
import org.dec4j.runtime.ClusteringModel;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dec4j predict}: assign new data to the clusters of a saved model. */
@Command(
    name = "predict",
    description =
        "Assign the rows of a CSV/TSV file (or any data set) to the clusters "
            + "of a model saved by 'dec4j run --save-model'; prints or writes index,cluster[,q_0..q_k-1]. The model "
            + "applies the scaling fitted on its training data and refuses input with other columns.")
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The saved model.")
  Path model;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "A CSV/TSV/whitespace file of feature rows "
              + "(read by the 'csv' data set; pass its options with -D, e.g. -D label_column=label).")
  Path input;

  @Option(
      names = {"-d", "--dataset"},
      description = "Instead of --input, a data set id (e.g. mnist -D split=test).")
  String dataset;

  @Option(
      names = {"-D", "--data-option"},
      paramLabel = "NAME=VALUE",
      description = "A data set option (repeatable).")
  Map<String, String> dataParams = new LinkedHashMap<>();

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory to look for data set files in (repeatable).")
  List<Path> dataDirs = new java.util.ArrayList<>();

  @Option(
      names = "--soft",
      description = "Also output the soft assignments q (methods that have them).")
  boolean soft;

  @Option(
      names = {"-o", "--output"},
      description = "Output CSV file (default: standard output).")
  Path output;

  @Override
  public Integer call() {
    if ((input == null) == (dataset == null)) {
      throw new org.dec4j.api.ConfigException("give exactly one of --input FILE or --dataset ID");
    }
    if (input != null && !Files.isRegularFile(input)) {
      throw new DataException("--input " + input + ": no such file");
    }
    if (output != null) {
      Json.checkWritable(output);
    }
    ClusteringModel saved = DeepClustering.load(model, plugins.registry());
    Map<String, Object> options = new LinkedHashMap<>(dataParams);
    String id = dataset;
    if (input != null) {
      id = "csv";
      options.put("path", input.toAbsolutePath().toString());
    }
    ClusteringModel.Prediction p = saved.predict(id, options, dataDirs, soft);
    if (output == null) {
      write(p, spec.commandLine().getOut());
    } else {
      java.io.StringWriter text = new java.io.StringWriter();
      write(p, new PrintWriter(text));
      Json.writeTextAtomically(output, text.toString());
      spec.commandLine()
          .getErr()
          .println(p.labels().length + " rows assigned; written to " + output);
    }
    return 0;
  }

  private static void write(ClusteringModel.Prediction p, PrintWriter w) {
    StringBuilder header = new StringBuilder("index,cluster");
    if (p.soft() != null) {
      for (int j = 0; j < p.soft()[0].length; j++) {
        header.append(",q_").append(j);
      }
    }
    w.println(header);
    for (int i = 0; i < p.labels().length; i++) {
      StringBuilder b = new StringBuilder().append(i).append(',').append(p.labels()[i]);
      if (p.soft() != null) {
        for (float q : p.soft()[i]) {
          b.append(',').append(String.format(Locale.ROOT, "%.6g", q));
        }
      }
      w.println(b);
    }
    w.flush();
  }
}
