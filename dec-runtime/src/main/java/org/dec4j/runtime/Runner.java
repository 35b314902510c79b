package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.api.result.Gallery;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.api.result.Timings;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.nn.Checkpointer;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.Pretrainer;
import org.dec4j.runtime.nn.ResumeException;
import org.dec4j.runtime.nn.TensorFile;

/**
 * Runs one method on one data set: load, pretrain (or take the cached autoencoder), initialise,
 * cluster, evaluate. Nothing here knows any particular method.
 */
public final class Runner {
  /** Rows whose final embedding a result keeps for plots. */
  static final int SAMPLE = 2000;

  private final PluginRegistry registry;

  /**
   * Creates a runner over the given plugins.
   *
   * @param registry the plugins
   */
  public Runner(PluginRegistry registry) {
    this.registry = registry;
  }

  /** Returns the plugins. */
  public PluginRegistry registry() {
    return registry;
  }

  /**
   * Loads a data set, with the options the runtime adds to every data set ({@link DatasetOptions}).
   *
   * @param id data set id
   * @param options its options
   * @param dataPath search path
   * @param allowDownload whether downloads are allowed
   * @param seed seed for generated data and for the {@code retention} draw
   * @return the data
   */
  public LoadedDataset load(
      String id,
      Map<String, Object> options,
      List<Path> dataPath,
      boolean allowDownload,
      long seed) {
    return DatasetOptions.load(registry.dataset(id), options, dataPath, seed, allowDownload);
  }

  /**
   * Runs a request end to end.
   *
   * @param spec the request
   * @param progress progress sink
   * @return the result
   */
  public RunResult run(RunSpec spec, ProgressSink progress) {
    return fit(spec, progress, false).result();
  }

  /**
   * Loads a request's data set and runs it, keeping what it trained when asked.
   *
   * @param spec the request
   * @param progress progress sink
   * @param keep whether to keep the model
   * @return the result, with the model when kept
   */
  Fitted fit(RunSpec spec, ProgressSink progress, boolean keep) {
    // Every id and hyperparameter is checked before the (possibly long) load.
    Resolved resolved = resolve(spec.run());
    RunConfig run = spec.run();
    long start = System.nanoTime();
    progress.info("loading " + run.dataset());
    LoadedDataset data =
        load(
            run.dataset(),
            run.datasetParams(),
            spec.environment().dataPath(),
            spec.environment().allowDownload(),
            run.seed());
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    progress.info(
        String.format(
            Locale.ROOT,
            "%s: %d x %d, %d classes (%.1f s)",
            data.id(),
            data.size(),
            data.dimension(),
            data.classCount(),
            loadSeconds));
    return fit(spec, resolved, data, loadSeconds, progress, keep);
  }

  /**
   * The plugins of a run and its hyperparameters, resolved once (defaults filled in, every value
   * checked) and used by every later step.
   *
   * @param objective the method
   * @param methodParams its hyperparameters
   * @param encoder the encoder
   * @param encoderParams its hyperparameters
   * @param dataset the data set's plugin, or null for data given in memory
   */
  private record Resolved(
      ClusteringObjective objective,
      Hyperparameters methodParams,
      Encoder encoder,
      Hyperparameters encoderParams,
      Dataset dataset) {}

  private Resolved resolve(RunConfig run) {
    ClusteringObjective objective = registry.objective(run.method());
    Hyperparameters methodParams = objective.info().resolve(run.methodParams());
    Encoder encoder = registry.encoder(run.encoder());
    return new Resolved(
        objective,
        methodParams,
        encoder,
        encoder.info().resolve(run.encoderParams()),
        dataset(run));
  }

  /**
   * Runs a request on data already loaded (a comparison loads each data set once).
   *
   * @param spec the request; its dataset id and options must be those {@code data} was loaded with
   * @param data the data
   * @param loadSeconds how long loading took, for the timings
   * @param progress progress sink
   * @return the result
   */
  public RunResult run(
      RunSpec spec, LoadedDataset data, double loadSeconds, ProgressSink progress) {
    return fit(spec, data, loadSeconds, progress, false).result();
  }

  /**
   * What a run trained, for {@link ClusteringModel}.
   *
   * @param result the run's result
   * @param model the model's description
   * @param weights the trained network's weights
   * @param soft the final soft assignments of the training rows, or null when the method has none
   */
  record Fitted(RunResult result, SavedModel model, TensorFile weights, float[][] soft) {}

  /**
   * Runs a request on data already loaded and keeps what it trained when asked.
   *
   * @param spec the request; its dataset id and options must be those {@code data} was loaded with,
   *     or for data given in memory an id no plugin has (e.g. {@link DeepClustering#IN_MEMORY}) and
   *     none
   * @param data the data
   * @param loadSeconds how long loading took, for the timings
   * @param progress progress sink
   * @param keep whether to keep the model (weights and description) in the answer; it is kept
   *     anyway when the request saves it
   * @return the result, with the model when kept
   */
  Fitted fit(
      RunSpec spec, LoadedDataset data, double loadSeconds, ProgressSink progress, boolean keep) {
    return fit(spec, resolve(spec.run()), data, loadSeconds, progress, keep);
  }

  private Fitted fit(
      RunSpec spec,
      Resolved resolved,
      LoadedDataset data,
      double loadSeconds,
      ProgressSink progress,
      boolean keep) {
    long start = System.nanoTime() - (long) (loadSeconds * 1e9);
    String startedAt = Instant.now().toString();
    RunConfig config = config(spec, resolved, data);
    int k = config.clusters();
    int constant = DataChecks.check(data, k);
    if (constant > 0) {
      progress.info(
          data.id() + ": " + constant + " of " + data.dimension() + " features are constant");
    }
    float largest = DataChecks.largestMagnitude(data.features());
    if (largest >= DataChecks.LARGE) {
      progress.info(
          String.format(
              Locale.ROOT,
              "warning: %s has values up to |x| = %.3g; networks overflow or "
                  + "learn nothing on inputs that large: %s",
              data.id(),
              largest,
              rescale(resolved.dataset(), config.datasetParams())));
    }
    Checkpoints checkpoints =
        spec.environment().checkpoints().enabled()
            ? Checkpoints.open(
                spec.environment().checkpoints(),
                config,
                data.provenance().sha256(),
                pluginJars(config),
                progress)
            : null;
    try (Checkpoints.Claim claim =
        checkpoints == null ? Checkpoints.Claim.NONE : checkpoints.claim()) {
      try {
        return Stop.engine(
            () ->
                attempt(
                    spec,
                    resolved,
                    data,
                    loadSeconds,
                    config,
                    checkpoints,
                    start,
                    startedAt,
                    progress,
                    keep));
      } catch (ResumeException e) {
        progress.info(
            "cannot resume from "
                + checkpoints.dir()
                + " ("
                + e.getMessage()
                + "); starting the run over");
        checkpoints.discardCheckpoints();
        return Stop.engine(
            () ->
                attempt(
                    spec,
                    resolved,
                    data,
                    loadSeconds,
                    config,
                    checkpoints,
                    start,
                    startedAt,
                    progress,
                    keep));
      }
    } catch (NonFiniteException e) {
      String scale =
          String.format(Locale.ROOT, "the inputs' scale (values up to |x| = %.3g)", largest);
      throw e.because(
          largest >= DataChecks.LARGE
              ? scale + "; " + rescale(resolved.dataset(), config.datasetParams())
              : scale
                  + " or a learning rate too high; "
                  + rescale(resolved.dataset(), config.datasetParams())
                  + ", or lower the learning rate (-P lr=..., --pretrain-lr)");
    }
  }

  /**
   * The request's data set, or null for data given in memory: an id no plugin has, with no options
   * (a data set to load must be a plugin's, which {@link #load} checks).
   */
  private Dataset dataset(RunConfig run) {
    if (!registry.datasets().containsKey(run.dataset()) && run.datasetParams().isEmpty()) {
      return null;
    }
    return registry.dataset(run.dataset());
  }

  /**
   * What to do about inputs of a bad scale: the data set's own {@code scale} option when it has one
   * that standardises or bounds the columns, else rescaling by hand.
   */
  private static String rescale(Dataset dataset, Map<String, Object> options) {
    for (org.dec4j.api.HyperparameterSpec h :
        dataset == null
            ? List.<org.dec4j.api.HyperparameterSpec>of()
            : dataset.info().hyperparameters()) {
      if (h.name().equals("scale") && h.type() == org.dec4j.api.HyperparameterSpec.Type.CHOICE) {
        Object current = options.get("scale");
        for (String choice : List.of("standard", "minmax", "range")) {
          if (h.choices().contains(choice) && !choice.equals(current)) {
            return "rescale them with the data set option scale (-D scale=" + choice + ")";
          }
        }
      }
    }
    return "rescale them (e.g. standardise every column) before clustering";
  }

  /**
   * A run's resolved configuration: defaults filled in, every value checked, k taken from the
   * labels when the request leaves it open.
   *
   * @throws ConfigException when k is neither given nor taken from labels, or is below 2
   */
  private static RunConfig config(RunSpec spec, Resolved resolved, LoadedDataset data) {
    Dataset dataset = resolved.dataset();
    Map<String, Object> datasetParams =
        dataset == null ? Map.of() : DatasetOptions.resolve(dataset, spec.run().datasetParams());
    int k = spec.run().clusters() > 0 ? spec.run().clusters() : data.classCount();
    if (k < 2) {
      throw new ConfigException(
          "k = "
              + k
              + ": give the number of clusters (at least 2)"
              + (data.classCount() == 0
                  ? "; data set '" + data.id() + "' has no labels to take it from"
                  : ""));
    }
    return new RunConfig(
        spec.run().method(),
        resolved.methodParams().asMap(),
        spec.run().dataset(),
        datasetParams,
        spec.run().encoder(),
        resolved.encoderParams().asMap(),
        spec.run().pretrain(),
        k,
        spec.run().seed(),
        spec.run().kmeansRestarts());
  }

  /**
   * What determines a run's result, as its checkpoints are keyed: the resolved configuration, the
   * data's checksum and the plugin-directory jars it uses.
   *
   * @param spec the request
   * @param data the data it runs on
   * @return the description (see {@link Checkpoints#key})
   */
  Map<String, Object> description(RunSpec spec, LoadedDataset data) {
    RunConfig config = config(spec, resolve(spec.run()), data);
    return Checkpoints.description(config, data.provenance().sha256(), pluginJars(config));
  }

  /**
   * Deletes the checkpoints of a finished run. Call it once the run's result is safely written:
   * until then, running the same configuration again resumes from them.
   *
   * @param environment the environment the run was made in (its checkpoint settings)
   * @param result the run's result (its configuration and data checksum identify the checkpoints)
   */
  public void discardCheckpoints(RunEnvironment environment, RunResult result) {
    if (environment.checkpoints().enabled()
        && result.provenance() != null
        && result.provenance().data() != null) {
      Checkpoints.discard(
          Checkpoints.folder(
              environment.checkpoints(),
              result.config(),
              result.provenance().data().sha256(),
              pluginJars(result.config())));
    }
  }

  /**
   * The SHA-256 of every plugin-directory jar a run uses, by kind and id, for its checkpoint key: a
   * plugin rebuilt with the same version string must not resume the old build's checkpoints.
   * dec4j's own plugins are left out; they are built and versioned with dec4j itself.
   */
  private Map<String, String> pluginJars(RunConfig config) {
    Map<String, String> jars = new TreeMap<>();
    List<Object> used =
        new java.util.ArrayList<>(
            List.of(registry.objective(config.method()), registry.encoder(config.encoder())));
    if (registry.datasets().containsKey(config.dataset())) {
      used.add(registry.dataset(config.dataset()));
    }
    for (Object p : used) {
      if (PluginRegistry.fromPluginDirectory(p)) {
        org.dec4j.api.result.PluginProvenance pp = registry.provenance(p);
        jars.put(pp.kind() + ":" + pp.id(), pp.sha256());
      }
    }
    return jars;
  }

  private Fitted attempt(
      RunSpec spec,
      Resolved resolved,
      LoadedDataset data,
      double loadSeconds,
      RunConfig config,
      Checkpoints checkpoints,
      long start,
      String startedAt,
      ProgressSink progress,
      boolean keep) {
    ClusteringObjective objective = resolved.objective();
    Hyperparameters methodParams = resolved.methodParams();
    Encoder encoder = resolved.encoder();
    Hyperparameters encoderParams = resolved.encoderParams();
    Dataset dataset = resolved.dataset();
    int k = config.clusters();
    Checkpointer clusterCheckpoints =
        checkpoints == null
            ? Checkpointer.NONE
            : checkpoints.phase("cluster", spec.environment().checkpoints().everyRefreshes());
    Checkpointer pretrainCheckpoints =
        checkpoints == null
            ? Checkpointer.NONE
            : checkpoints.phase("pretrain", spec.environment().checkpoints().everyEpochs());

    Seeds seeds = Seeds.of(spec.run().seed());
    seeds.seedEngine();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x =
          manager.create(data.features().values(), new Shape(data.size(), data.dimension()));
      Autoencoder blocks =
          PluginCalls.call(
              PluginRegistry.label("encoder", encoder, encoder.info()),
              "create",
              () -> encoder.create(new EncoderSpec(data.dimension(), encoderParams, data.image())));
      double pretrainSeconds;
      try (Network network =
          new Network(
              blocks, data.dimension(), manager, seeds.weights(), spec.run().pretrain().init())) {
        // A clustering checkpoint holds the network's weights: pretraining is behind it.
        TensorFile clusterResume = clusterCheckpoints.latest();
        pretrainSeconds =
            clusterResume != null
                ? 0
                : pretrain(spec, data, encoderParams, network, x, progress, pretrainCheckpoints);
        SmileKMeans kmeans = new SmileKMeans(spec.run().kmeansRestarts(), 300, 1e-4, progress);
        try (NDManager sessionManager = manager.newSubManager()) {
          Context context =
              new Context(
                  methodParams,
                  k,
                  data.size(),
                  network.embeddingDim(),
                  spec.run().seed(),
                  sessionManager,
                  kmeans);
          String label = PluginRegistry.label("objective", objective, objective.info());
          try (ClusteringSession session =
              PluginCalls.guard(
                  label, PluginCalls.call(label, "start", () -> objective.start(context)))) {
            var loop = new ClusteringLoop(network, x, data.labels(), spec.run().seed(), progress);
            ClusteringLoop.Outcome outcome =
                loop.run(
                    session,
                    sampleRows(data.size(), SAMPLE, spec.run().seed()),
                    clusterCheckpoints,
                    clusterResume);
            SavedModel model = null;
            TensorFile weights = null;
            if (keep || spec.environment().modelDir() != null) {
              model =
                  new SavedModel(
                      SavedModel.FORMAT,
                      spec.run().method(),
                      methodParams.asMap(),
                      spec.run().encoder(),
                      encoderParams.asMap(),
                      data.dimension(),
                      session.centroids(),
                      data.provenance(),
                      Versions.dec4j(),
                      spec.run().dataset(),
                      config.datasetParams(),
                      data.columns(),
                      data.scaling(),
                      data.image());
              weights = network.weights(new TensorFile());
            }
            int[] truth = data.labels();
            Scores initial =
                truth == null ? null : ClusteringMetrics.scores(truth, outcome.initialLabels());
            Scores last = truth == null ? null : ClusteringMetrics.scores(truth, outcome.labels());
            Map<String, String> plugins = new TreeMap<>();
            plugins.put(objective.info().id(), objective.info().version());
            plugins.put(encoder.info().id(), encoder.info().version());
            if (dataset != null) {
              plugins.put(dataset.info().id(), dataset.info().version());
            }
            Provenance provenance =
                new Provenance(
                    Versions.dec4j(),
                    plugins,
                    Versions.libraries(),
                    Versions.machine(),
                    data.provenance(),
                    startedAt,
                    spec.environment().command(),
                    dataset == null
                        ? List.of(registry.provenance(objective), registry.provenance(encoder))
                        : List.of(
                            registry.provenance(objective),
                            registry.provenance(encoder),
                            registry.provenance(dataset)));
            double total = (System.nanoTime() - start) / 1e9;
            Timings timings =
                new Timings(
                    loadSeconds,
                    pretrainSeconds,
                    outcome.initializeSeconds(),
                    outcome.clusterSeconds(),
                    total);
            RunResult result =
                new RunResult(
                    config,
                    provenance,
                    last,
                    initial,
                    outcome.iterations(),
                    outcome.converged(),
                    outcome.trace(),
                    timings,
                    outcome.labels(),
                    outcome.sample(),
                    outcome.snapshots(),
                    gallery(data, outcome),
                    truth == null
                        ? null
                        : ClusteringMetrics.perClassRecall(
                            truth, outcome.labels(), data.classCount()));
            Fitted fitted = new Fitted(result, model, weights, outcome.soft());
            if (spec.environment().modelDir() != null) {
              new ClusteringModel(fitted, registry).save(spec.environment().modelDir());
              progress.info("model saved to " + spec.environment().modelDir());
            }
            return fitted;
          }
        }
      }
    }
  }

  /**
   * The gallery of a run on image data: its clusters' most confident rows with their pictures, the
   * features mapped linearly from the data's smallest value to 0 and its largest to 255.
   *
   * @param data the data
   * @param outcome the clustering phase's outcome
   * @return the gallery, or null when the data are not images or no rows were picked
   */
  static Gallery gallery(LoadedDataset data, ClusteringLoop.Outcome outcome) {
    ImageShape shape = data.image();
    if (shape == null || outcome.exemplars() == null || outcome.exemplars().isEmpty()) {
      return null;
    }
    float[] v = data.features().values();
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    float range = hi > lo ? hi - lo : 1;
    int d = data.dimension();
    List<Gallery.Exemplars> clusters = new java.util.ArrayList<>();
    for (Gallery.Exemplars e : outcome.exemplars()) {
      byte[] pixels = new byte[e.rows().length * d];
      for (int r = 0; r < e.rows().length; r++) {
        int from = e.rows()[r] * d;
        for (int j = 0; j < d; j++) {
          pixels[r * d + j] = (byte) Math.round((v[from + j] - lo) / range * 255);
        }
      }
      clusters.add(new Gallery.Exemplars(e.cluster(), e.size(), e.rows(), e.confidence(), pixels));
    }
    return new Gallery(shape, outcome.measure(), clusters);
  }

  private double pretrain(
      RunSpec spec,
      LoadedDataset data,
      Hyperparameters encoderParams,
      Network network,
      NDArray x,
      ProgressSink progress,
      Checkpointer checkpoints) {
    if (network.parameters(true).isEmpty() || "none".equals(spec.run().pretrain().mode())) {
      return 0;
    }
    AutoencoderCache.Id id = cacheId(spec.run(), data, encoderParams);
    Path cached =
        spec.environment().cacheDir() == null ? null : id.file(spec.environment().cacheDir());
    if (cached != null && Files.isRegularFile(cached)) {
      try {
        AutoencoderCache.load(cached, id, network);
        progress.info("pretrained autoencoder taken from the cache: " + cached);
        return 0;
      } catch (org.dec4j.api.DataException e) {
        progress.info(
            "warning: not using the cached autoencoder "
                + cached
                + " ("
                + e.getMessage()
                + "); pretraining again and replacing it");
      }
    }
    Pretrainer pretrainer =
        new Pretrainer(network, x, spec.run().pretrain(), spec.run().seed(), progress)
            .withCheckpoints(checkpoints);
    pretrainer.run();
    double seconds = pretrainer.seconds();
    if (cached != null) {
      try {
        AutoencoderCache.save(cached, id, network);
      } catch (java.io.IOException e) {
        progress.info(
            "warning: could not cache the autoencoder at " + cached + ": " + e.getMessage());
      }
    }
    return seconds;
  }

  /**
   * The cache identity of a pretrained autoencoder: everything that determines its weights.
   *
   * @param run the run
   * @param data the data
   * @param encoderParams resolved encoder hyperparameters
   * @return its key and description
   */
  static AutoencoderCache.Id cacheId(
      RunConfig run, LoadedDataset data, Hyperparameters encoderParams) {
    return AutoencoderCache.Id.of(cacheDescription(run, data, encoderParams));
  }

  private static Map<String, Object> cacheDescription(
      RunConfig run, LoadedDataset data, Hyperparameters encoderParams) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("data_sha256", data.provenance().sha256());
    d.put("encoder", run.encoder());
    d.put("encoder_params", new TreeMap<>(encoderParams.asMap()));
    d.put("pretrain", pretrainKey(run.pretrain()));
    d.put("seed", run.seed());
    return d;
  }

  /**
   * The pretraining settings a mode uses, by their suite-file names, in order: epochs, batch size,
   * learning rate and optimiser (and SGD's momentum) for end-to-end and stacked pretraining, and
   * layer epochs and dropout for stacked only; the weight initialisation for every mode (it is all
   * a {@code none} network has). The one rule behind the cache and checkpoint keys and the report's
   * variants, so that settings a mode ignores never tell two runs apart.
   *
   * @param p the settings as given
   * @return name to value, unused settings left out
   */
  public static Map<String, Object> pretrainSettingsUsed(PretrainConfig p) {
    Map<String, Object> used = new LinkedHashMap<>();
    if (!"none".equals(p.mode())) {
      used.put("epochs", p.epochs());
      used.put("batch_size", p.batchSize());
      used.put("learning_rate", p.learningRate());
      used.put("optimizer", p.optimizer());
      if ("sgd".equals(p.optimizer())) {
        used.put("momentum", p.momentum());
      }
    }
    if ("stacked".equals(p.mode())) {
      used.put("layer_epochs", p.layerEpochs());
      used.put("dropout", p.dropout());
    }
    used.put("init", p.init());
    return used;
  }

  /**
   * The pretraining part of a cache or checkpoint key: {@link #effective} settings, with the
   * optimiser and its momentum named only when they are not Adam and the initialisation only when
   * it is not Glorot-uniform, so that keys made before these could be chosen still find their
   * autoencoders and checkpoints.
   *
   * @param p the settings as given
   * @return the key's description of them
   */
  static Map<String, Object> pretrainKey(PretrainConfig p) {
    PretrainConfig e = effective(p);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("mode", e.mode());
    key.put("epochs", e.epochs());
    key.put("layerEpochs", e.layerEpochs());
    key.put("batchSize", e.batchSize());
    key.put("learningRate", e.learningRate());
    key.put("dropout", e.dropout());
    if (!"adam".equals(e.optimizer())) {
      key.put("optimizer", e.optimizer());
      key.put("momentum", e.momentum());
    }
    if (!PretrainConfig.INITS.get(0).equals(e.init())) {
      key.put("init", e.init());
    }
    return key;
  }

  /**
   * The values that settings a mode does not use take in cache and checkpoint keys: the defaults of
   * the version that made the first keys (0 layer epochs among them), frozen, so that a change of
   * {@link PretrainConfig#defaults()} never invalidates cached autoencoders or checkpoints.
   */
  private static final PretrainConfig KEY_BASELINE =
      new PretrainConfig("end-to-end", 200, 0, 256, 0.001, 0.2);

  /**
   * The pretraining settings that determine the weights: the ones the mode does not use (see {@link
   * #pretrainSettingsUsed}) set to fixed values, so that runs differing only in them share their
   * cached autoencoder and checkpoints.
   *
   * @param p the settings as given
   * @return the settings with unused ones at {@link #KEY_BASELINE}'s values
   */
  static PretrainConfig effective(PretrainConfig p) {
    PretrainConfig d = KEY_BASELINE;
    Map<String, Object> used = pretrainSettingsUsed(p);
    return new PretrainConfig(
        p.mode(),
        (int) used.getOrDefault("epochs", d.epochs()),
        (int) used.getOrDefault("layer_epochs", d.layerEpochs()),
        (int) used.getOrDefault("batch_size", d.batchSize()),
        (double) used.getOrDefault("learning_rate", d.learningRate()),
        (double) used.getOrDefault("dropout", d.dropout()),
        (String) used.getOrDefault("optimizer", d.optimizer()),
        (double) used.getOrDefault("momentum", d.momentum()),
        p.init());
  }

  /**
   * A seeded sample of row indices, ascending.
   *
   * @param n rows
   * @param size sample size (all rows when n is smaller)
   * @param seed seed
   * @return the indices
   */
  static int[] sampleRows(int n, int size, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= size) {
      return all;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(Seeds.of(seed).plotSample());
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(all, size);
    java.util.Arrays.sort(out);
    return out;
  }

  /** The context a session sees. */
  record Context(
      Hyperparameters hyperparameters,
      int clusters,
      int sampleCount,
      int embeddingDim,
      long seed,
      NDManager manager,
      KMeans kmeans)
      implements ClusteringContext {}

  /**
   * The default pretraining settings of a run.
   *
   * @return DEC-keras' defaults
   */
  public static PretrainConfig defaultPretrain() {
    return PretrainConfig.defaults();
  }
}
