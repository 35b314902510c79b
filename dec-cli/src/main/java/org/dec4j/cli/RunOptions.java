package org.dec4j.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.Pretraining;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Runner;
import org.dec4j.suite.SuitePlan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code compare} share: data, encoder, pretraining, k-means, cache,
 * checkpoints.
 */
final class RunOptions {
  /** Pretraining defaults come from one place, which suite files read too. */
  private static final PretrainConfig DEFAULTS = PretrainConfig.defaults();

  @Mixin DataOptions data;

  @Option(
      names = {"-d", "--dataset"},
      defaultValue = "auto",
      description =
          "Data set id; 'auto' takes MNIST or "
              + "Fashion-MNIST when their files are found, else the synthetic set (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = {"-D", "--data-option"},
      paramLabel = "NAME=VALUE",
      description = "A data set option (repeatable), e.g. -D split=test.")
  Map<String, String> dataParams = new LinkedHashMap<>();

  @Option(
      names = {"-k", "--k"},
      defaultValue = "0",
      paramLabel = "K",
      description =
          "Number of clusters (default: the data set's class count); for choose-k a range such as 3..20 "
              + "or a list such as 5,10,15.")
  String k;

  @Option(
      names = "--encoder",
      defaultValue = "mlp",
      description = "Encoder id (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--dims",
      paramLabel = "W1,W2,...",
      description = "Encoder layer widths (default 500,500,2000,10).")
  String dims;

  @Option(
      names = "--pretrain",
      description =
          "end-to-end, stacked (layer-wise denoising, then fine-tuning) or none (default: ${DEFAULT-VALUE}).")
  String pretrainMode = DEFAULTS.mode();

  @Option(
      names = "--pretrain-epochs",
      description = "End-to-end (fine-tuning) epochs (default: ${DEFAULT-VALUE}).")
  int pretrainEpochs = DEFAULTS.epochs();

  @Option(
      names = "--layer-epochs",
      description = "Epochs per layer in stacked mode (default: ${DEFAULT-VALUE}).")
  int layerEpochs = DEFAULTS.layerEpochs();

  @Option(
      names = "--pretrain-lr",
      description = "Learning rate of pretraining (default: ${DEFAULT-VALUE}).")
  double pretrainLr = DEFAULTS.learningRate();

  @Option(
      names = "--pretrain-optimizer",
      description =
          "Optimiser of pretraining: adam or sgd (DEC-keras pretrains MNIST with sgd, --pretrain-lr 1, "
              + "300 epochs) (default: ${DEFAULT-VALUE}).")
  String pretrainOptimizer = DEFAULTS.optimizer();

  @Option(
      names = "--pretrain-momentum",
      description = "Momentum of SGD pretraining (default: ${DEFAULT-VALUE}).")
  double pretrainMomentum = DEFAULTS.momentum();

  @Option(
      names = "--pretrain-init",
      description =
          "Initial weights: glorot-uniform, or fan-in-uniform (U(+-1/sqrt(fan_in)), as DEC-keras) "
              + "(default: ${DEFAULT-VALUE}).")
  String pretrainInit = DEFAULTS.init();

  @Option(
      names = "--pretrain-batch",
      description = "Pretraining batch size (default: ${DEFAULT-VALUE}).")
  int pretrainBatch = DEFAULTS.batchSize();

  @Option(
      names = "--dropout",
      description = "Corruption rate of stacked denoising pretraining (default: ${DEFAULT-VALUE}).")
  double dropout = DEFAULTS.dropout();

  @Option(
      names = "--kmeans-restarts",
      defaultValue = "" + DeepClustering.KMEANS_RESTARTS,
      description = "k-means restarts of the initialisation (default: ${DEFAULT-VALUE}).")
  int kmeansRestarts;

  @Mixin CacheOptions cache;

  @Mixin CheckpointOptions checkpoints;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print phase summaries only.")
  boolean quiet;

  /**
   * The configuration these options describe, as the Java API holds it.
   *
   * @param registry the plugins
   * @param method the method id
   * @param methodParams its hyperparameters
   * @param seed the seed
   * @param command the command line
   * @return the configuration, every value checked
   */
  DeepClustering trainer(
      PluginRegistry registry,
      String method,
      Map<String, ?> methodParams,
      long seed,
      String command) {
    PretrainConfig pretrain =
        new PretrainConfig(
            pretrainMode,
            pretrainEpochs,
            layerEpochs,
            pretrainBatch,
            pretrainLr,
            dropout,
            pretrainOptimizer.trim().toLowerCase(Locale.ROOT),
            pretrainMomentum,
            pretrainInit.trim().toLowerCase(Locale.ROOT));
    DeepClustering trainer = DeepClustering.method(method, registry).params(methodParams);
    if (!Comparison.KMEANS.equals(method)) {
      // the raw-feature baseline has no encoder to choose or pretrain
      trainer = trainer.encoder(encoder).pretrain(Pretraining.of(pretrain));
      if (dims != null) {
        trainer = trainer.encoderParam("dims", dims);
      }
    }
    return trainer
        .clusters(clusters())
        .seed(seed)
        .kmeansRestarts(kmeansRestarts)
        .cacheDir(cache.folder())
        .checkpoints(checkpoints.settings())
        .dataDirs(data.searchPath(), data.download)
        .command(command);
  }

  /**
   * Builds the run request these options describe.
   *
   * @param registry the plugins
   * @param datasetId the data set (after resolving 'auto')
   * @param method the method id
   * @param methodParams its hyperparameters
   * @param seed the seed
   * @param command the command line
   * @return the request
   */
  RunSpec spec(
      PluginRegistry registry,
      String datasetId,
      String method,
      Map<String, ?> methodParams,
      long seed,
      String command) {
    return trainer(registry, method, methodParams, seed, command).spec(datasetId, dataParams);
  }

  /**
   * Resolves {@code --dataset auto} to the first real data set whose files are found.
   *
   * @param runner the runner
   * @param progress where to say what was chosen
   * @return the data set id
   */
  String datasetId(Runner runner, ConsoleProgress progress) {
    if (!"auto".equals(dataset)) {
      return dataset;
    }
    for (String id : SuitePlan.AUTO_CANDIDATES) {
      if (!runner.registry().datasets().containsKey(id)) {
        continue;
      }
      try {
        runner.load(id, new LinkedHashMap<>(dataParams), data.searchPath(), false, 0);
        progress.info("--dataset auto: using " + id);
        return id;
      } catch (DataException e) {
        progress.info("--dataset auto: " + id + " not usable (" + e.getMessage() + ")");
      }
    }
    progress.info("--dataset auto: no real data set found; using the built-in synthetic set");
    dataParams.clear();
    return SuitePlan.FALLBACK;
  }

  /**
   * The one number of clusters of {@code run} and {@code compare}.
   *
   * @return k, or 0 for the class count
   * @throws ConfigException for a range or a non-number
   */
  int clusters() {
    try {
      return Integer.parseInt(k.trim());
    } catch (NumberFormatException e) {
      throw new org.dec4j.api.ConfigException(
          "--k "
              + k
              + ": give one number of clusters"
              + (k.contains("..") || k.contains(",")
                  ? " (ranges and lists are for 'dec4j choose-k')"
                  : ""));
    }
  }

  /**
   * The numbers of clusters of {@code choose-k}: {@code A..B} (every k from A to B), a
   * comma-separated list, or one number.
   *
   * @return the ks, ascending
   * @throws ConfigException for anything else
   */
  java.util.List<Integer> ks() {
    String text = k.trim();
    try {
      if (text.contains("..")) {
        String[] ab = text.split("\\.\\.", -1);
        if (ab.length != 2) {
          throw new NumberFormatException(text);
        }
        int a = Integer.parseInt(ab[0].trim());
        int b = Integer.parseInt(ab[1].trim());
        if (b < a) {
          throw new org.dec4j.api.ConfigException(
              "--k " + k + ": the range's end is below its start");
        }
        return java.util.stream.IntStream.rangeClosed(a, b).boxed().toList();
      }
      return java.util.Arrays.stream(text.split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .toList();
    } catch (NumberFormatException e) {
      throw new org.dec4j.api.ConfigException(
          "--k " + k + ": give a range such as 3..20, a list such as 5,10,15 or " + "one number");
    }
  }
}
