package org.dec4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.runtime.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dec4j bench}: training speed on this machine, row by row. */
@Command(name = "bench", description = "Measure training speed: seconds per pretraining epoch, per 1,000 clustering "
    + "iterations of DEC, IDEC and DCN, per full-data target refresh, k-means and metric time, GFLOP/s against "
    + "a measured sgemm rate, and peak memory; median, min and max of several repetitions, with the JVM, thread "
    + "settings and load average. On MNIST-70k when its files are found, else a random matrix of the same shape.")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  PluginOptions plugins;

  @Mixin
  DataOptions data;

  @Option(names = {"-d", "--dataset"}, defaultValue = "mnist",
      description = "Data set id, or 'random' for a uniform random matrix (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = {"-D", "--data-option"}, paramLabel = "NAME=VALUE", description = "A data set option (repeatable).")
  Map<String, String> dataParams = new LinkedHashMap<>();

  @Option(names = "--rows", split = ",", description = "Rows to run (default: all): sgemm, pretrain, step, refresh, "
      + "kmeans, metrics, dec, idec, dcn, memory.")
  List<String> rows = new ArrayList<>(Benchmark.ROWS);

  @Option(names = {"-r", "--repetitions"}, defaultValue = "3",
      description = "Timed repetitions of every row (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--iterations", defaultValue = "1000",
      description = "Clustering iterations per repetition (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--update-interval", defaultValue = "140",
      description = "Clustering iterations between full-data refreshes (default: ${DEFAULT-VALUE}).")
  int refreshInterval;

  @Option(names = "--batch-size", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--dims", split = ",", paramLabel = "W1,W2,...", defaultValue = "500,500,2000,10",
      description = "Encoder widths (default: ${DEFAULT-VALUE}).")
  List<Integer> dims;

  @Option(names = "--random-rows", defaultValue = "70000",
      description = "Rows of the random matrix used when the data set is 'random' or missing (default: ${DEFAULT-VALUE}).")
  int randomRows;

  @Option(names = "--random-dim", defaultValue = "784",
      description = "Columns of that random matrix (default: ${DEFAULT-VALUE}).")
  int randomDim;

  @Option(names = "--kmeans-restarts", defaultValue = "20",
      description = "Restarts of the k-means row (default: ${DEFAULT-VALUE}).")
  int kmeansRestarts;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines, only the table.")
  boolean quiet;

  @Override
  public Integer call() {
    var options = new Benchmark.Options(dataset, new LinkedHashMap<>(dataParams), data.searchPath(), randomRows,
        randomDim, dims, batchSize, repetitions, iterations, refreshInterval, kmeansRestarts, rows, seed);
    PrintWriter out = spec.commandLine().getOut();
    new Benchmark(plugins.registry()).run(options, line -> {
      out.println(line);
      out.flush();
    }, new ConsoleProgress(System.err, quiet));
    return 0;
  }
}
