package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.runtime.builtin.AeKMeansObjective;
import org.dec4j.runtime.builtin.IdentityEncoder;
import org.dec4j.runtime.nn.MlpEncoder;

/**
 * Deep clustering from Java: configure a method, {@code fit} it to data, get a {@link
 * ClusteringModel} that labels the training rows and predicts new ones (scikit-learn's {@code fit}
 * / {@code predict}; Tribuo's split of a trainer, this class, from the model it trains).
 *
 * <pre>{@code
 * ClusteringModel model = DeepClustering.method("idec")
 *     .clusters(10)
 *     .seed(0)
 *     .param("gamma", 0.1)
 *     .pretrain(Pretraining.endToEnd().epochs(50))
 *     .fit(rows);                                   // float[][], one row per sample
 * int[] labels = model.labels();
 * int[] next = model.predict(newRows);
 * model.save(Path.of("model"));                     // DeepClustering.load(Path.of("model"))
 * }</pre>
 *
 * <p>The configuration is immutable: every method returns an adjusted copy, so one configuration
 * can be fitted with several seeds. Values are checked as they are set, against the method's and
 * the encoder's declared hyperparameters, and every refusal is the {@link
 * org.dec4j.api.Dec4jException} the command line prints: {@link ConfigException} for a bad setting
 * (unknown method or hyperparameter, value out of range, naming it), {@link DataException} for
 * unusable data.
 *
 * <p>Methods, encoders and data sets are the plugins {@link java.util.ServiceLoader} finds on the
 * class path or the module path (the {@code plugin-dec}, {@code plugin-idec}, {@code plugin-dcn}
 * and {@code plugin-datasets} jars), or those of a registry given with {@link #method(String,
 * PluginRegistry)}. A fit with the same settings and seed on the same data gives the same
 * assignments as {@code dec4j run}, which is built on this class. Training runs on the calling
 * thread; progress goes to the {@link #listener(ProgressSink) listener}.
 */
public final class DeepClustering {
  /** The data set id recorded for rows given in memory. */
  public static final String IN_MEMORY = "in-memory";

  /**
   * Restarts of the k-means initialisation unless set ({@link #kmeansRestarts(int)}), as DEC-keras'
   * {@code n_init=20}; the command line's {@code --kmeans-restarts} and suites' {@code
   * kmeans_restarts} default to it too.
   */
  public static final int KMEANS_RESTARTS = 20;

  private static PluginRegistry defaultPlugins;

  private final PluginRegistry registry;
  private final String method;
  private final Map<String, Object> methodParams;
  private final int clusters;
  private final long seed;
  private final String encoder;
  private final Map<String, Object> encoderParams;
  private final PretrainConfig pretrain;
  private final int kmeansRestarts;
  private final ProgressSink listener;
  private final Path cacheDir;
  private final Checkpointing checkpoints;
  private final List<Path> dataPath;
  private final boolean download;
  private final String command;

  private DeepClustering(
      PluginRegistry registry,
      String method,
      Map<String, Object> methodParams,
      int clusters,
      long seed,
      String encoder,
      Map<String, Object> encoderParams,
      PretrainConfig pretrain,
      int kmeansRestarts,
      ProgressSink listener,
      Path cacheDir,
      Checkpointing checkpoints,
      List<Path> dataPath,
      boolean download,
      String command) {
    this.registry = registry;
    this.method = method;
    this.methodParams = Map.copyOf(methodParams);
    this.clusters = clusters;
    this.seed = seed;
    this.encoder = encoder;
    this.encoderParams = Map.copyOf(encoderParams);
    this.pretrain = pretrain;
    this.kmeansRestarts = kmeansRestarts;
    this.listener = listener;
    this.cacheDir = cacheDir;
    this.checkpoints = checkpoints;
    this.dataPath = List.copyOf(dataPath);
    this.download = download;
    this.command = command;
  }

  /**
   * Starts a configuration of a method found on the class path or module path.
   *
   * @param id the method's id: {@code dec}, {@code idec}, {@code dcn}, {@code ae-kmeans}, a
   *     plugin's, or {@code kmeans} (k-means on the raw features: {@code ae-kmeans} on the {@code
   *     identity} encoder, nothing pretrained)
   * @return the configuration, with the method's default hyperparameters, k from the data's
   *     classes, seed 0, the {@code mlp} encoder (500-500-2000-10), {@link Pretraining#endToEnd()},
   *     20 k-means restarts, no cache, no checkpoints and no progress output
   * @throws ConfigException naming the known methods when there is none with this id
   */
  public static DeepClustering method(String id) {
    return method(id, defaultPlugins());
  }

  /**
   * Starts a configuration of a method of a given plugin registry (e.g. one with plugin
   * directories, {@link PluginRegistry#discover(List)}).
   *
   * @param id the method's id
   * @param plugins the plugins
   * @return the configuration
   * @throws ConfigException naming the known methods when there is none with this id
   */
  public static DeepClustering method(String id, PluginRegistry plugins) {
    Objects.requireNonNull(plugins, "plugins");
    if (Comparison.KMEANS.equals(id)) {
      // The raw-feature baseline, as compare and suites run it: ae-kmeans on the identity encoder.
      return new DeepClustering(
          plugins,
          AeKMeansObjective.ID,
          Map.of(),
          0,
          0,
          IdentityEncoder.ID,
          Map.of(),
          Comparison.NO_PRETRAINING,
          KMEANS_RESTARTS,
          ProgressSink.NONE,
          null,
          Checkpointing.disabled(),
          List.of(),
          false,
          "DeepClustering.fit (Java API)");
    }
    plugins.objective(id).info().resolve(Map.of());
    return new DeepClustering(
        plugins,
        id,
        Map.of(),
        0,
        0,
        "mlp",
        Map.of(),
        Pretraining.endToEnd().config(),
        KMEANS_RESTARTS,
        ProgressSink.NONE,
        null,
        Checkpointing.disabled(),
        List.of(),
        false,
        "DeepClustering.fit (Java API)");
  }

  /**
   * Reads a model saved by {@link ClusteringModel#save(Path)} or {@code dec4j run --save-model},
   * with the plugins of the class path or module path.
   *
   * @param dir the model directory
   * @return the model
   * @throws DataException naming the file when the directory holds no usable model
   */
  public static ClusteringModel load(Path dir) {
    return load(dir, defaultPlugins());
  }

  /**
   * Reads a saved model with the given plugins.
   *
   * @param dir the model directory
   * @param plugins the plugins (the model's method and encoder must be among them)
   * @return the model
   * @throws DataException naming the file when the directory holds no usable model
   */
  public static ClusteringModel load(Path dir, PluginRegistry plugins) {
    return ClusteringModel.read(dir, plugins);
  }

  /**
   * The number of clusters k.
   *
   * @param k at least 2; 0 takes the data set's class count
   * @return the adjusted copy
   * @throws ConfigException for 1 or a negative k
   */
  public DeepClustering clusters(int k) {
    if (k == 1 || k < 0) {
      throw new ConfigException(
          "k = " + k + ": give at least 2 clusters, or 0 to take the data set's class count");
    }
    return new DeepClustering(
        registry,
        method,
        methodParams,
        k,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * The seed of everything random in the fit: weights, batch order, k-means.
   *
   * @param seed any value
   * @return the adjusted copy
   */
  public DeepClustering seed(long seed) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * Sets one of the method's hyperparameters ({@code dec4j plugins --verbose} lists them).
   *
   * @param name e.g. {@code gamma}, {@code update_interval}
   * @param value a number, boolean or string, as the hyperparameter's type takes it
   * @return the adjusted copy
   * @throws ConfigException naming the method, the hyperparameter and the bound for an unknown name
   *     or a bad value
   */
  public DeepClustering param(String name, Object value) {
    return params(
        Map.of(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
  }

  /**
   * Sets several of the method's hyperparameters.
   *
   * @param values name to value
   * @return the adjusted copy
   * @throws ConfigException for an unknown name or a bad value
   */
  public DeepClustering params(Map<String, ?> values) {
    Map<String, Object> all = new LinkedHashMap<>(methodParams);
    all.putAll(values);
    registry.objective(method).info().resolve(all);
    return new DeepClustering(
        registry,
        method,
        all,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * The encoder: {@code mlp} (the default) or a plugin's.
   *
   * @param id the encoder's id
   * @return the adjusted copy, with the encoder's default hyperparameters
   * @throws ConfigException naming the known encoders for an unknown id
   */
  public DeepClustering encoder(String id) {
    registry.encoder(id).info().resolve(Map.of());
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        id,
        Map.of(),
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * Sets one of the encoder's hyperparameters.
   *
   * @param name e.g. {@code dims}
   * @param value its value
   * @return the adjusted copy
   * @throws ConfigException for an unknown name or a bad value
   */
  public DeepClustering encoderParam(String name, Object value) {
    Map<String, Object> all = new LinkedHashMap<>(encoderParams);
    all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    registry.encoder(encoder).info().resolve(all);
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        all,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * The {@code mlp} encoder's layer widths, the last one the embedding's dimension (the decoder
   * mirrors them); the papers' default is 500, 500, 2000, 10.
   *
   * @param widths one width per layer, each at least 1
   * @return the adjusted copy
   * @throws ConfigException for a bad width or another encoder than {@code mlp}
   */
  public DeepClustering dims(int... widths) {
    if (!encoder.equals("mlp")) {
      throw new ConfigException(
          "dims: the layer widths are the mlp encoder's; this configuration uses '"
              + encoder
              + "' (set its hyperparameters with encoderParam)");
    }
    return encoderParam(
        MlpEncoder.DIMS,
        IntStream.of(widths).mapToObj(Integer::toString).collect(Collectors.joining(",")));
  }

  /**
   * How the autoencoder is pretrained.
   *
   * @param pretraining e.g. {@code Pretraining.endToEnd().epochs(50)}
   * @return the adjusted copy
   */
  public DeepClustering pretrain(Pretraining pretraining) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        Objects.requireNonNull(pretraining, "pretraining").config(),
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * The number of k-means restarts of the initialisation (the best distortion is kept).
   *
   * @param restarts at least 1
   * @return the adjusted copy
   * @throws ConfigException for fewer than one
   */
  public DeepClustering kmeansRestarts(int restarts) {
    if (restarts < 1) {
      throw new ConfigException("kmeans-restarts = " + restarts + " must be >= 1");
    }
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        restarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * Where progress goes: phases (pretraining, k-means, clustering) with their units of work, and
   * one-line messages. {@link ProgressSink#lines} turns a line consumer into one.
   *
   * @param sink the listener; {@link ProgressSink#NONE} (the default) for none
   * @return the adjusted copy
   */
  public DeepClustering listener(ProgressSink sink) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        Objects.requireNonNull(sink, "sink"),
        cacheDir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * Caches pretrained autoencoders in a directory, keyed by the data's checksum, the architecture,
   * the pretraining settings and the seed, so that fits differing only in the method reuse them.
   *
   * @param dir the cache directory (the command line uses {@code ~/.dec4j/cache}), or null for none
   * @return the adjusted copy
   */
  public DeepClustering cacheDir(Path dir) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        dir,
        checkpoints,
        dataPath,
        download,
        command);
  }

  /**
   * Saves checkpoints of pretraining and clustering, so that a fit killed and started again resumes
   * to the same result. They stay until {@link #discardCheckpoints(ClusteringModel)}.
   *
   * @param settings when and where, e.g. {@code Checkpointing.in(dir)}
   * @return the adjusted copy
   */
  public DeepClustering checkpoints(Checkpointing settings) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        Objects.requireNonNull(settings, "settings"),
        dataPath,
        download,
        command);
  }

  /**
   * Where {@link #fit(String, Map)} looks for data files, in order.
   *
   * @param dirs directories
   * @param allowDownload whether missing files of a data set with a canonical source may be
   *     downloaded (checksums verified)
   * @return the adjusted copy
   */
  public DeepClustering dataDirs(List<Path> dirs, boolean allowDownload) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dirs,
        allowDownload,
        command);
  }

  /**
   * What the result's provenance records as the command that made it.
   *
   * @param text e.g. a command line
   * @return the adjusted copy
   */
  public DeepClustering command(String text) {
    return new DeepClustering(
        registry,
        method,
        methodParams,
        clusters,
        seed,
        encoder,
        encoderParams,
        pretrain,
        kmeansRestarts,
        listener,
        cacheDir,
        checkpoints,
        dataPath,
        download,
        Objects.requireNonNull(text, "text"));
  }

  /**
   * Fits to rows held in memory.
   *
   * @param rows one row of features per sample, all of the same length, finite
   * @return the fitted model
   * @throws ConfigException when k was not set (the rows have no classes to take it from) or
   *     exceeds the rows
   * @throws DataException for ragged, empty or non-finite rows, or data with fewer distinct rows
   *     than k
   */
  public ClusteringModel fit(float[][] rows) {
    return fit(matrix(rows));
  }

  /**
   * Fits to a feature matrix held in memory.
   *
   * @param features n x d features
   * @return the fitted model
   * @throws ConfigException when k was not set or exceeds the rows
   * @throws DataException for data with fewer distinct rows than k
   */
  public ClusteringModel fit(FeatureMatrix features) {
    DataProvenance provenance =
        new DataProvenance(
            "rows given in memory to DeepClustering.fit",
            List.of(),
            LoadedDataset.checksum(features, null),
            features.rows() + " x " + features.cols());
    return fit(new LoadedDataset(IN_MEMORY, features, null, 0, provenance));
  }

  /**
   * Fits to data held in memory with their labels, provenance, column names and the scaling applied
   * to them, e.g. as a {@link org.dec4j.api.data.Dataset} loaded them; with labels, the result's
   * trace and scores include ACC, NMI and ARI.
   *
   * @param data the data; its id is recorded as the data set's
   * @return the fitted model
   * @throws ConfigException when k was not set and the data have no classes, or k exceeds the rows
   * @throws DataException for data with fewer distinct rows than k
   */
  public ClusteringModel fit(LoadedDataset data) {
    if (clusters == 0 && data.classCount() < 2) {
      throw new ConfigException(
          "give the number of clusters with clusters(k): data set '"
              + data.id()
              + "' has no classes to take it from");
    }
    RunSpec spec = spec(data.id(), Map.of());
    return new ClusteringModel(new Runner(registry).fit(spec, data, 0, listener, true), registry);
  }

  /**
   * Loads a data set plugin's data and fits to them, as {@code dec4j run -d ID -D name=value} does.
   *
   * @param datasetId e.g. {@code mnist}, {@code csv}, {@code blobs}
   * @param options the data set's options, e.g. {@code path} and {@code scale} for {@code csv}
   * @return the fitted model
   * @throws ConfigException for an unknown data set or option, or a bad k
   * @throws DataException when the data cannot be found or read
   */
  public ClusteringModel fit(String datasetId, Map<String, ?> options) {
    RunSpec spec = spec(datasetId, options);
    return new ClusteringModel(new Runner(registry).fit(spec, listener, true), registry);
  }

  /**
   * Deletes the checkpoints of a finished fit; until then, fitting the same configuration again
   * resumes from them rather than repeating the work.
   *
   * @param model a model this configuration fitted
   */
  public void discardCheckpoints(ClusteringModel model) {
    new Runner(registry)
        .discardCheckpoints(
            spec(model.result().config().dataset(), Map.of()).environment(), model.result());
  }

  /**
   * The run request this configuration makes for a data set, as {@code dec4j compare} and suites
   * take it.
   *
   * @param datasetId the data set
   * @param options its options
   * @return the request
   */
  public RunSpec spec(String datasetId, Map<String, ?> options) {
    return new RunSpec(
        new RunConfig(
            method,
            methodParams,
            datasetId,
            new LinkedHashMap<>(options),
            encoder,
            encoderParams,
            pretrain,
            clusters,
            seed,
            kmeansRestarts),
        new RunEnvironment(dataPath, download, cacheDir, null, checkpoints, command));
  }

  /**
   * Checks rows and copies them into one row-major matrix.
   *
   * @param rows the rows
   * @return the matrix
   * @throws DataException for no rows, an empty or ragged row, or a non-finite value, naming the
   *     row
   */
  static FeatureMatrix matrix(float[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0 || rows[0] == null || rows[0].length == 0) {
      throw new DataException("the rows are empty: give at least one row of at least one feature");
    }
    int d = rows[0].length;
    float[] values = new float[Math.multiplyExact(rows.length, d)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != d) {
        throw new DataException(
            "rows["
                + i
                + "] has "
                + (rows[i] == null ? "no" : rows[i].length)
                + " values;"
                + " rows[0] has "
                + d
                + ": every row needs the same number of features");
      }
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(rows[i][j])) {
          throw new DataException(
              "rows[" + i + "][" + j + "] is " + rows[i][j] + ": every feature must be finite");
        }
      }
      System.arraycopy(rows[i], 0, values, i * d, d);
    }
    return new FeatureMatrix(values, rows.length, d);
  }

  private static synchronized PluginRegistry defaultPlugins() {
    if (defaultPlugins == null) {
      defaultPlugins = PluginRegistry.discover();
    }
    return defaultPlugins;
  }

  @Override
  public String toString() {
    return "DeepClustering "
        + method
        + methodParams
        + ", k="
        + (clusters == 0 ? "classes" : clusters)
        + ", seed "
        + seed
        + ", "
        + encoder
        + encoderParams
        + ", "
        + Pretraining.of(pretrain);
  }
}
