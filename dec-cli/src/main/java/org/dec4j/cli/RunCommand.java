package org.dec4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.DataException;
import org.dec4j.api.result.PretrainConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dec4j run}: one method on one data set, with progress, final metrics and a JSON result. */
@Command(name = "run", description = "Pretrain (or reuse) an autoencoder, run one clustering method, "
    + "print ACC/NMI/ARI and write a JSON result with provenance.")
final class RunCommand implements Callable<Integer> {
  /** Data sets tried, in order, by {@code --dataset auto}. */
  static final List<String> AUTO = List.of("mnist", "fashion-mnist");

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = {"-m", "--method"}, defaultValue = "dec", description = "Clustering method id (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = {"-d", "--dataset"}, defaultValue = "auto", description = "Data set id; 'auto' takes MNIST or "
      + "Fashion-MNIST when their files are found, else the synthetic set (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE", description = "A method hyperparameter (repeatable), e.g. -P update_interval=140.")
  Map<String, String> methodParams = new LinkedHashMap<>();

  @Option(names = {"-D", "--data-option"}, paramLabel = "NAME=VALUE", description = "A data set option (repeatable), e.g. -D split=test.")
  Map<String, String> dataParams = new LinkedHashMap<>();

  @Option(names = {"-k", "--k"}, defaultValue = "0", description = "Number of clusters (default: the data set's class count).")
  int k;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random in the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--encoder", defaultValue = "mlp", description = "Encoder id (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(names = "--dims", paramLabel = "W1,W2,...", description = "Encoder layer widths (default 500,500,2000,10).")
  String dims;

  @Option(names = "--pretrain", defaultValue = "end-to-end", description = "end-to-end, stacked (layer-wise denoising, then fine-tuning) or none (default: ${DEFAULT-VALUE}).")
  String pretrainMode;

  @Option(names = "--pretrain-epochs", defaultValue = "200", description = "End-to-end (fine-tuning) epochs (default: ${DEFAULT-VALUE}).")
  int pretrainEpochs;

  @Option(names = "--layer-epochs", defaultValue = "50", description = "Epochs per layer in stacked mode (default: ${DEFAULT-VALUE}).")
  int layerEpochs;

  @Option(names = "--pretrain-lr", defaultValue = "0.001", description = "Adam learning rate of pretraining (default: ${DEFAULT-VALUE}).")
  double pretrainLr;

  @Option(names = "--pretrain-batch", defaultValue = "256", description = "Pretraining batch size (default: ${DEFAULT-VALUE}).")
  int pretrainBatch;

  @Option(names = "--dropout", defaultValue = "0.2", description = "Corruption rate of stacked denoising pretraining (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--kmeans-restarts", defaultValue = "20", description = "k-means restarts of the initialisation (default: ${DEFAULT-VALUE}).")
  int kmeansRestarts;

  @Option(names = "--cache-dir", description = "Where pretrained autoencoders are cached (default: ~/.dec4j/cache).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the autoencoder cache.")
  boolean noCache;

  @Option(names = {"-o", "--output"}, description = "Result file (default: runs/<dataset>-<method>-seed<seed>.json).")
  Path output;

  @Option(names = {"-q", "--quiet"}, description = "Print phase summaries only.")
  boolean quiet;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(System.err, quiet);
    Runner runner = new Runner(PluginRegistry.discover());
    String datasetId = "auto".equals(dataset) ? chooseDataset(runner, progress) : dataset;
    Map<String, Object> encoderParams = new LinkedHashMap<>();
    if (dims != null) {
      encoderParams.put("dims", dims);
    }
    PretrainConfig pretrain = new PretrainConfig(pretrainMode, pretrainEpochs, layerEpochs, pretrainBatch,
        pretrainLr, dropout);
    Path cache = noCache ? null
        : cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".dec4j", "cache");
    RunSpec run = new RunSpec(method, new LinkedHashMap<>(methodParams), datasetId, new LinkedHashMap<>(dataParams),
        encoder, encoderParams, pretrain, k, seed, kmeansRestarts, data.searchPath(), data.download, cache,
        "dec4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    Path file = output != null ? output
        : Path.of("runs", String.format(Locale.ROOT, "%s-%s-seed%d.json", datasetId, method, seed));
    RunResult result = runner.run(run, progress);
    Json.writeAtomically(file, result);
    if (result.scores() != null) {
      out.printf(Locale.ROOT, "%s on %s (k=%d, seed %d): %s  [k-means init: %s]  %.0f s%n", method, datasetId,
          result.config().clusters(), seed, result.scores(), result.initialScores(), result.timings().total());
    } else {
      out.printf(Locale.ROOT, "%s on %s (k=%d, seed %d): no ground truth; %.0f s%n", method, datasetId,
          result.config().clusters(), seed, result.timings().total());
    }
    out.println("result: " + file.toAbsolutePath());
    return 0;
  }

  private String chooseDataset(Runner runner, ConsoleProgress progress) {
    for (String id : AUTO) {
      if (!runner.registry().datasets().containsKey(id)) {
        continue;
      }
      try {
        runner.load(id, Map.of(), data.searchPath(), false, seed);
        return id;
      } catch (DataException e) {
        progress.info("--dataset auto: " + id + " not usable (" + e.getMessage() + ")");
      }
    }
    progress.info("--dataset auto: no real data set found; using the built-in synthetic set");
    return "synthetic";
  }
}
