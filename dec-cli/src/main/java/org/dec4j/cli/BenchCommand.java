package org.dec4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.ConfigException;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.NativeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dec4j bench}: training speed on this machine, row by row. */
@Command(
    name = "bench",
    description =
        "Measure training speed: seconds per pretraining epoch, per 1,000 clustering "
            + "iterations of DEC, IDEC and DCN, per full-data target refresh, k-means and metric time, GFLOP/s against "
            + "a measured sgemm rate, and peak memory; median, min and max of several repetitions, with the JVM, thread "
            + "settings and load average. On MNIST-70k when its files are found, else a random matrix of the same shape.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Mixin DataOptions data;

  @Option(
      names = {"-d", "--dataset"},
      defaultValue = "mnist",
      description =
          "Data set id, or 'random' for a uniform random matrix (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = {"-D", "--data-option"},
      paramLabel = "NAME=VALUE",
      description = "A data set option (repeatable).")
  Map<String, String> dataParams = new LinkedHashMap<>();

  @Option(
      names = "--rows",
      split = ",",
      description =
          "Rows to run (default: all): sgemm, pretrain, pretrain-sgd, step, refresh, "
              + "kmeans, metrics, dec, idec, dcn, memory.")
  List<String> rows = new ArrayList<>(Benchmark.ROWS);

  @Option(
      names = {"-r", "--repetitions"},
      defaultValue = "3",
      description = "Timed repetitions of every row (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(
      names = "--iterations",
      defaultValue = "1000",
      description = "Clustering iterations per repetition (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--update-interval",
      defaultValue = "140",
      description =
          "Clustering iterations between full-data refreshes (default: ${DEFAULT-VALUE}).")
  int refreshInterval;

  @Option(
      names = "--batch-size",
      defaultValue = "256",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--dims",
      split = ",",
      paramLabel = "W1,W2,...",
      defaultValue = "500,500,2000,10",
      description = "Encoder widths (default: ${DEFAULT-VALUE}).")
  List<Integer> dims;

  @Option(
      names = "--random-rows",
      defaultValue = "70000",
      description =
          "Rows of the random matrix used when the data set is 'random' or missing (default: ${DEFAULT-VALUE}).")
  int randomRows;

  @Option(
      names = "--random-dim",
      defaultValue = "784",
      description = "Columns of that random matrix (default: ${DEFAULT-VALUE}).")
  int randomDim;

  @Option(
      names = "--kmeans-restarts",
      defaultValue = "" + DeepClustering.KMEANS_RESTARTS,
      description = "Restarts of the k-means row (default: ${DEFAULT-VALUE}).")
  int kmeansRestarts;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines, only the table.")
  boolean quiet;

  @Option(
      names = "--threads",
      split = ",",
      paramLabel = "N,...",
      description =
          "OpenMP thread counts to measure, each in its own JVM run one after the other (default: every "
              + "count from 1 to the number of processors); 'current' measures in this process with its own setting.")
  List<String> threads;

  @Option(
      names = "--pytorch",
      paramLabel = "FILE",
      description =
          "The saved output of tools/bench/pytorch_reference.py run on this machine: each row gets "
              + "dec4j's time over PyTorch's at the same thread count (without it, no ratios).")
  Path pytorch;

  @Override
  public Integer call() throws IOException, InterruptedException {
    // Checks the options (rows, sizes) before any child JVM starts.
    var options =
        new Benchmark.Options(
            dataset,
            new LinkedHashMap<>(dataParams),
            data.searchPath(),
            randomRows,
            randomDim,
            dims,
            batchSize,
            repetitions,
            iterations,
            refreshInterval,
            kmeansRestarts,
            rows,
            seed);
    // Read here too, so that a bad file fails before any child JVM starts.
    PytorchFigures figures = pytorch == null ? null : PytorchFigures.read(pytorch);
    List<Integer> counts = threadCounts();
    if (counts.isEmpty()) {
      return measure(options, figures);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean first = true;
    for (int count : counts) {
      int code = child(count, first, out);
      if (code != 0) {
        spec.commandLine()
            .getErr()
            .println(
                "dec4j bench: the run with " + count + " threads failed (exit code " + code + ")");
        return code;
      }
      first = false;
    }
    return 0;
  }

  /** The thread counts to run in child JVMs, or none to measure in this process. */
  private List<Integer> threadCounts() {
    List<Integer> counts = new ArrayList<>();
    if (threads == null) {
      for (int i = 1; i <= Runtime.getRuntime().availableProcessors(); i++) {
        counts.add(i);
      }
    } else if (threads.equals(List.of("current"))) {
      return List.of();
    } else {
      for (String t : threads) {
        try {
          int n = Integer.parseInt(t.trim());
          if (n < 1) {
            throw new NumberFormatException();
          }
          counts.add(n);
        } catch (NumberFormatException e) {
          throw new ConfigException(
              "bench --threads: '"
                  + t
                  + "' is not a thread count (a positive integer, or "
                  + "'current')");
        }
      }
    }
    // A single count this process already runs with is measured here, without a second JVM.
    String set = NativeSettings.nativeEnv("OMP_NUM_THREADS");
    if (counts.size() == 1 && set != null && counts.get(0) == NativeSettings.ompThreads()) {
      return List.of();
    }
    return counts;
  }

  /**
   * Runs this benchmark in a child JVM (this JVM's options and module path) with {@code
   * OMP_NUM_THREADS=count}; relays its table, the setup lines of the first one only.
   */
  private int child(int count, boolean first, PrintWriter out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-Djdk.module.")) {
        command.add(arg);
      }
    }
    String modulePath = System.getProperty("jdk.module.path");
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.isBlank()) {
      command.addAll(List.of("-cp", classPath));
    }
    if (modulePath != null && !modulePath.isBlank()) {
      command.addAll(List.of("-p", modulePath, "-m", "org.dec4j.cli/" + Main.class.getName()));
    } else {
      command.add(Main.class.getName());
    }
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--threads")) {
        args.remove(i + 1 < args.size() ? i + 1 : i);
        args.remove(i--);
      } else if (args.get(i).startsWith("--threads=")) {
        args.remove(i--);
      }
    }
    if (!args.contains("bench")) {
      args.add(0, "bench");
    }
    command.addAll(args);
    command.add("--threads=" + count);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(count));
    Process process = builder.start();
    boolean table = false;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (first || table) {
          out.println(line);
          out.flush();
        }
        table |= line.equals(Benchmark.TABLE_HEADER);
      }
    }
    return process.waitFor();
  }

  private int measure(Benchmark.Options options, PytorchFigures figures) {
    PrintWriter out = spec.commandLine().getOut();
    new Benchmark(plugins.registry(), figures)
        .run(
            options,
            line -> {
              out.println(line);
              out.flush();
            },
            new ConsoleProgress(System.err, quiet));
    return 0;
  }
}
