package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginException;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.FeatureScaling;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.TensorFile;

/**
 * A fitted deep-clustering model: the trained encoder, the centroids, and the preprocessing of its
 * input (feature count, column names, the scaling fitted on the training data), as {@link
 * DeepClustering#fit} returns it or {@link DeepClustering#load} reads it back.
 *
 * <p>It answers for the training rows ({@link #labels()}, {@link #softAssignments()}, {@link
 * #result()}, {@link #scores(int[])}) and for new rows ({@link #predict(float[][])}, {@link
 * #predictSoft(float[][])}, {@link #embed(float[][])}). New rows are given as the training data
 * were before scaling, that is as the file or array holds them: the model applies its own fitted
 * scaling, so predicting the training rows, one at a time or all together, gives the training
 * assignments.
 *
 * <p>The model is immutable and holds no native memory, so it needs no closing: each prediction
 * builds the network from the weights kept in Java arrays and releases it before returning (which
 * is why many rows are best predicted in one call rather than one at a time).
 *
 * <p>On disk ({@link #save(Path)}) a model is a directory: {@code model.json} (the description,
 * {@link SavedModel}), {@code encoder.params} (the weights), {@code training.params} (the training
 * rows' hard and soft assignments) and {@code result.json} (the training run's {@link RunResult}).
 * {@code dec4j predict --model DIR} reads the same directory.
 */
public final class ClusteringModel {
  static final String TRAINING = "training.params";
  static final String RESULT = "result.json";

  private final SavedModel model;
  private final TensorFile weights;
  private final RunResult result;
  private final int[] labels;
  private final float[][] soft;
  private final PluginRegistry registry;
  private final Path origin;

  ClusteringModel(
      SavedModel model,
      TensorFile weights,
      RunResult result,
      int[] labels,
      float[][] soft,
      PluginRegistry registry,
      Path origin) {
    this.model = model;
    this.weights = weights;
    this.result = result;
    this.labels = labels;
    this.soft = soft;
    this.registry = registry;
    this.origin = origin;
  }

  /** A model just trained. */
  ClusteringModel(Runner.Fitted fitted, PluginRegistry registry) {
    this(
        fitted.model(),
        fitted.weights(),
        fitted.result(),
        fitted.result().assignments(),
        fitted.soft(),
        registry,
        null);
  }

  /**
   * Reads a model directory and checks that its method and encoder are available and its weights
   * fit its architecture.
   *
   * @param dir the directory
   * @param registry the plugins to predict with
   * @return the model
   * @throws DataException naming the file when the directory holds no usable model
   */
  static ClusteringModel read(Path dir, PluginRegistry registry) {
    SavedModel model = SavedModel.read(dir);
    blocks(model, dir.resolve(SavedModel.CONFIG), registry);
    TensorFile weights = TensorFile.read(dir.resolve(SavedModel.WEIGHTS));
    int[] labels = null;
    float[][] soft = null;
    Path training = dir.resolve(TRAINING);
    if (Files.isRegularFile(training)) {
      TensorFile t = TensorFile.read(training);
      int k = model.centroids().length;
      long[] shape = t.entry("labels").shape();
      if (shape.length != 1) {
        throw new DataException(
            training
                + ": entry 'labels' has shape "
                + java.util.Arrays.toString(shape)
                + "; expected one label per training row");
      }
      labels = t.ints("labels", shape[0]);
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= k) {
          throw new DataException(
              training + ": label " + labels[i] + " of row " + i + " is outside [0, " + k + ")");
        }
      }
      if (t.contains("soft")) {
        soft = rows(t.floats("soft", labels.length, k), labels.length, k);
      }
    }
    RunResult result =
        Files.isRegularFile(dir.resolve(RESULT))
            ? Json.read(dir.resolve(RESULT), RunResult.class)
            : null;
    ClusteringModel m = new ClusteringModel(model, weights, result, labels, soft, registry, dir);
    m.withNetwork(network -> null);
    return m;
  }

  /**
   * Writes the model to a directory (created if missing), each file to a temporary name first, the
   * description last.
   *
   * @param dir the directory
   * @throws org.dec4j.api.OutputException when a file cannot be written
   */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      weights.write(dir.resolve(SavedModel.WEIGHTS));
      if (labels != null) {
        TensorFile t = new TensorFile();
        t.putInts("labels", labels, labels.length);
        if (soft != null) {
          t.putFloats("soft", flat(soft), soft.length, model.centroids().length);
        }
        t.write(dir.resolve(TRAINING));
      }
    } catch (IOException e) {
      throw new org.dec4j.api.OutputException(
          "cannot write the model to " + dir + ": " + DataException.describe(e), e);
    }
    if (result != null) {
      Json.writeAtomically(dir.resolve(RESULT), result);
    }
    Json.writeAtomically(dir.resolve(SavedModel.CONFIG), model);
  }

  /** {@return the clustering method's id, e.g. {@code idec}} */
  public String method() {
    return model.method();
  }

  /** {@return the number of clusters} */
  public int clusters() {
    return model.centroids().length;
  }

  /** {@return the number of features a row must have} */
  public int features() {
    return model.inputDim();
  }

  /** {@return the training data's column names, when its file named them} */
  public Optional<List<String>> columns() {
    return Optional.ofNullable(model.columns());
  }

  /** {@return the scaling fitted on the training data, which the model applies to new rows} */
  public Optional<FeatureScaling> scaling() {
    return Optional.ofNullable(model.scaling());
  }

  /** {@return the centroids in the embedding space, k x m} */
  public float[][] centroids() {
    float[][] c = model.centroids();
    float[][] out = new float[c.length][];
    for (int j = 0; j < c.length; j++) {
      out[j] = c[j].clone();
    }
    return out;
  }

  /** {@return the model's description, as {@code model.json} holds it} */
  public SavedModel description() {
    return model;
  }

  /**
   * The cluster of every training row, at the end of training.
   *
   * @return a fresh array
   * @throws DataException for a model read from a directory that does not keep them (format 2)
   */
  public int[] labels() {
    if (labels == null) {
      throw missing("training assignments");
    }
    return labels.clone();
  }

  /**
   * The soft assignment q of every training row at the end of training (Student's t kernel for DEC
   * and IDEC).
   *
   * @return n x k rows summing to one
   * @throws ConfigException when the method assigns hard clusters only (DCN, k-means)
   * @throws DataException for a model read from a directory that does not keep them
   */
  public float[][] softAssignments() {
    if (labels == null) {
      throw missing("training assignments");
    }
    if (soft == null) {
      throw noSoft();
    }
    return copy(soft);
  }

  /**
   * The training run's result: configuration, provenance, per-refresh trace, timings, and scores
   * when the training data had labels.
   *
   * @return the result
   * @throws DataException for a model read from a directory that does not keep it
   */
  public RunResult result() {
    if (result == null) {
      throw missing("training result (" + RESULT + ")");
    }
    return result;
  }

  /**
   * Scores the training assignments against ground truth: ACC (Hungarian-matched), NMI and ARI, as
   * {@link ClusteringMetrics#scores} computes them (scikit-learn's values).
   *
   * @param truth the class of every training row, any int values
   * @return the scores
   * @throws DataException when {@code truth} has another length than the training data
   */
  public Scores scores(int[] truth) {
    int[] mine = labels();
    Objects.requireNonNull(truth, "truth");
    if (truth.length != mine.length) {
      throw new DataException(
          "truth has "
              + truth.length
              + " labels; the model was fitted on "
              + mine.length
              + " rows");
    }
    return ClusteringMetrics.scores(truth, mine);
  }

  /**
   * Assigns new rows to clusters.
   *
   * @param rows the rows, unscaled, with {@link #features()} values each
   * @return the cluster of every row
   * @throws DataException for ragged or non-finite rows or another number of features
   */
  public int[] predict(float[][] rows) {
    return predict(DeepClustering.matrix(rows), false).labels();
  }

  /**
   * Soft assignments of new rows.
   *
   * @param rows the rows, unscaled
   * @return n x k rows summing to one
   * @throws ConfigException when the method assigns hard clusters only
   * @throws DataException for ragged or non-finite rows or another number of features
   */
  public float[][] predictSoft(float[][] rows) {
    return predict(DeepClustering.matrix(rows), true).soft();
  }

  /**
   * Embeds new rows with the trained encoder.
   *
   * @param rows the rows, unscaled
   * @return n x m embeddings
   * @throws DataException for ragged or non-finite rows or another number of features
   */
  public float[][] embed(float[][] rows) {
    FeatureMatrix x = prepare(DeepClustering.matrix(rows), "the input");
    return withNetwork(
        network -> {
          try (NDManager manager = NDManager.newBaseManager();
              NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray data = manager.create(x.values(), new Shape(x.rows(), x.cols()));
            return ClusteringMath.toRows(network.embedAll(data, manager));
          }
        });
  }

  /**
   * Embeds rows that are already in the network's input space (scaled as the training rows were),
   * for the runtime's own evaluations of a model just trained.
   *
   * @param x the rows
   * @return n x m embeddings
   */
  float[][] embedScaled(FeatureMatrix x) {
    return withNetwork(
        network -> {
          try (NDManager manager = NDManager.newBaseManager();
              NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray data = manager.create(x.values(), new Shape(x.rows(), x.cols()));
            return ClusteringMath.toRows(network.embedAll(data, manager));
          }
        });
  }

  /**
   * Predictions for new data.
   *
   * @param labels the cluster of every row
   * @param soft the soft assignments (n x k) when asked for, else null
   */
  public record Prediction(int[] labels, float[][] soft) {}

  /**
   * Assigns new rows to clusters.
   *
   * @param rows the rows, unscaled, with {@link #features()} columns
   * @param soft whether to compute soft assignments too
   * @return the prediction
   * @throws ConfigException when soft assignments are asked of a hard-only method
   * @throws DataException for another number of features
   */
  public Prediction predict(FeatureMatrix rows, boolean soft) {
    return assign(prepare(rows, "the input"), soft);
  }

  /**
   * Loads a data set as the model's training data were prepared, and assigns its rows: the data set
   * applies the model's fitted scaling instead of fitting its own, and the file must have the
   * model's feature count and, when both name them, its columns.
   *
   * @param datasetId the data set, e.g. {@code csv} with option {@code path}
   * @param options its options; a scaling option must be left out or equal the model's
   * @param searchPath directories to look for files in
   * @param soft whether to compute soft assignments too
   * @return the prediction
   * @throws ConfigException for unknown ids or options, or a scaling other than the model's
   * @throws DataException when the data cannot be read or have other columns
   */
  public Prediction predict(
      String datasetId, Map<String, ?> options, List<Path> searchPath, boolean soft) {
    Dataset dataset = registry.dataset(datasetId);
    Map<String, Object> given = new LinkedHashMap<>(options);
    FeatureScaling scaling = model.scaling();
    boolean datasetScales =
        scaling != null
            && dataset.info().hyperparameters().stream()
                .anyMatch(h -> h.name().equals(scaling.option()));
    if (datasetScales) {
      Object value = given.get(scaling.option());
      if (value != null && !String.valueOf(value).trim().equals(scaling.method())) {
        throw new ConfigException(
            datasetId
                + ": "
                + scaling.option()
                + "="
                + value
                + " conflicts with "
                + where()
                + ", trained with "
                + scaling.setting()
                + ": it applies the statistics fitted on its training data;"
                + " leave "
                + scaling.option()
                + " out");
      }
      given.put(scaling.option(), scaling.method());
    }
    Hyperparameters h = dataset.info().resolve(given);
    LoadedDataset data =
        dataset.load(new DatasetRequest(h, searchPath, 0, false, datasetScales ? scaling : null));
    String source =
        data.provenance().files().size() == 1
            ? data.provenance().files().getFirst()
            : "data set '" + data.id() + "'";
    checkFeatures(data.dimension(), source, given);
    checkColumns(data.columns(), source);
    FeatureMatrix x = data.features();
    if (datasetScales) {
      if (!scaling.equals(data.scaling())) {
        throw new PluginException(
            "data set '"
                + datasetId
                + "' did not apply the fitted scaling "
                + scaling.setting()
                + " it was given (it reported "
                + data.scaling()
                + ")");
      }
    } else if (data.scaling() != null && model.format() >= 3) {
      throw new ConfigException(
          source
              + ": loaded with "
              + data.scaling().setting()
              + ", but "
              + where()
              + " was trained "
              + (scaling == null ? "on unscaled features" : "with " + scaling.setting())
              + "; set the data set's option "
              + data.scaling().option()
              + " as in training");
    } else if (scaling != null) {
      x = scaling.apply(x);
    }
    return assign(x, soft);
  }

  private FeatureMatrix prepare(FeatureMatrix rows, String source) {
    checkFeatures(rows.cols(), source, Map.of());
    return model.scaling() == null ? rows : model.scaling().apply(rows);
  }

  private void checkFeatures(int cols, String source, Map<String, Object> options) {
    if (cols == model.inputDim()) {
      return;
    }
    String hint = "";
    Object label =
        model.datasetOptions() == null ? null : model.datasetOptions().get("label_column");
    if (cols == model.inputDim() + 1 && label != null && !options.containsKey("label_column")) {
      hint =
          "; its training data had labels in column '"
              + label
              + "': give the data set option label_column="
              + label
              + " if this input has them too";
    }
    throw new DataException(
        where()
            + " takes "
            + model.inputDim()
            + " features per sample"
            + (model.columns() == null
                ? ""
                : " (" + String.join(", ", abbreviate(model.columns())) + ")")
            + "; "
            + source
            + " has "
            + cols
            + hint);
  }

  private void checkColumns(List<String> columns, String source) {
    if (model.columns() == null || columns == null || model.columns().equals(columns)) {
      return;
    }
    int j = 0;
    while (j < columns.size() && columns.get(j).equals(model.columns().get(j))) {
      j++;
    }
    throw new DataException(
        source
            + ": its columns differ from those "
            + where()
            + " was trained on: column "
            + j
            + " is '"
            + columns.get(j)
            + "' where the model has '"
            + model.columns().get(j)
            + "' (model: "
            + String.join(", ", abbreviate(model.columns()))
            + "; input: "
            + String.join(", ", abbreviate(columns))
            + ")");
  }

  private static List<String> abbreviate(List<String> names) {
    return names.size() <= 12
        ? names
        : java.util.stream.Stream.concat(
                names.subList(0, 12).stream(),
                java.util.stream.Stream.of("... (" + names.size() + " in all)"))
            .toList();
  }

  private Prediction assign(FeatureMatrix x, boolean wantSoft) {
    return withNetwork(
        network -> {
          ClusteringObjective objective = registry.objective(model.method());
          Hyperparameters mp = objective.info().resolve(model.methodParams());
          try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = manager.create(x.values(), new Shape(x.rows(), x.cols()));
            var context =
                new Runner.Context(
                    mp,
                    model.centroids().length,
                    x.rows(),
                    network.embeddingDim(),
                    0,
                    manager,
                    new SmileKMeans(1, 1, 1e-4));
            try (ClusteringSession session = objective.start(context);
                NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              session.restoreCentroids(model.centroids());
              NDArray z = network.embedAll(data, manager);
              int[] assigned = session.assign(z);
              float[][] q = null;
              if (wantSoft) {
                q = session.softAssign(z).map(ClusteringMath::toRows).orElseThrow(this::noSoft);
              }
              return new Prediction(assigned, q);
            } catch (UnsupportedOperationException e) {
              throw new ConfigException(
                  "method '"
                      + model.method()
                      + "' cannot be restored from a saved model: "
                      + e.getMessage());
            }
          }
        });
  }

  /**
   * Builds the network with the model's weights, applies {@code body} to it, and releases it,
   * holding the engine so that a signal waits for it ({@link Stop}).
   */
  private <T> T withNetwork(java.util.function.Function<Network, T> body) {
    return Stop.engine(() -> withNetworkNow(body));
  }

  private <T> T withNetworkNow(java.util.function.Function<Network, T> body) {
    Path config = origin == null ? Path.of(SavedModel.CONFIG) : origin.resolve(SavedModel.CONFIG);
    Autoencoder blocks = blocks(model, config, registry);
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(blocks, model.inputDim(), manager, 0)) {
      network.load(
          weights,
          origin == null ? Path.of(SavedModel.WEIGHTS) : origin.resolve(SavedModel.WEIGHTS));
      if (network.embeddingDim() != model.centroids()[0].length) {
        throw new DataException(
            config
                + ": centroids have "
                + model.centroids()[0].length
                + " dimensions, the encoder "
                + network.embeddingDim());
      }
      return body.apply(network);
    }
  }

  /**
   * Checks the model's method and encoder against the plugins, and builds its (uninitialised)
   * blocks.
   */
  private static Autoencoder blocks(SavedModel model, Path config, PluginRegistry registry) {
    try {
      registry.objective(model.method()).info().resolve(model.methodParams());
      Encoder encoder = registry.encoder(model.encoder());
      return encoder.create(
          new EncoderSpec(
              model.inputDim(), encoder.info().resolve(model.encoderParams()), model.image()));
    } catch (ConfigException e) {
      throw new DataException(
          config + ": the model's configuration is not valid here: " + e.getMessage(), e);
    }
  }

  private String where() {
    return origin == null ? "the model" : "the model in " + origin;
  }

  private DataException missing(String what) {
    return new DataException(
        where()
            + " holds no "
            + what
            + ": it was saved by an older dec4j (model format "
            + model.format()
            + "); train it again to keep them");
  }

  private ConfigException noSoft() {
    return new ConfigException(
        "method '"
            + model.method()
            + "' assigns hard clusters only; it has no soft"
            + " assignments");
  }

  private static float[] flat(float[][] rows) {
    int k = rows.length == 0 ? 0 : rows[0].length;
    float[] out = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * k, k);
    }
    return out;
  }

  private static float[][] rows(float[] flat, int n, int k) {
    float[][] out = new float[n][k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * k, out[i], 0, k);
    }
    return out;
  }

  private static float[][] copy(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }
}
