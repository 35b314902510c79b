package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.objective.ClusteringMath;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.runtime.nn.Network;

/**
 * A trained model on disk: {@code model.json} (method, encoder, hyperparameters, input dimension,
 * centroids, provenance of the training data) and {@code encoder.params} (the network weights).
 * {@link #predict} assigns new data to the clusters.
 *
 * @param format file format version
 * @param method clustering method id
 * @param methodParams its hyperparameters
 * @param encoder encoder id
 * @param encoderParams its hyperparameters
 * @param inputDim the feature dimension the model accepts
 * @param centroids k x m centroids in the embedding space
 * @param trainedOn provenance of the training data
 * @param dec4jVersion the version that wrote the model
 */
public record SavedModel(int format, String method, Map<String, Object> methodParams, String encoder,
    Map<String, Object> encoderParams, int inputDim, float[][] centroids, DataProvenance trainedOn,
    String dec4jVersion) {
  static final String CONFIG = "model.json";
  static final String WEIGHTS = "encoder.params";

  /**
   * Writes the model; the directory's files are replaced atomically one by one.
   *
   * @param dir the directory
   * @param network the trained network
   */
  void save(Path dir, Network network) {
    try {
      network.save(dir.resolve(WEIGHTS));
    } catch (IOException e) {
      throw new DataException("cannot write model weights to " + dir + ": " + e.getMessage(), e);
    }
    Json.writeAtomically(dir.resolve(CONFIG), this);
  }

  /**
   * Reads a model's description.
   *
   * @param dir the model directory
   * @return the model
   * @throws DataException when the directory holds no readable model
   */
  public static SavedModel read(Path dir) {
    Path config = dir.resolve(CONFIG);
    if (!Files.isRegularFile(config) || !Files.isRegularFile(dir.resolve(WEIGHTS))) {
      throw new DataException("no model in " + dir + ": expected " + CONFIG + " and " + WEIGHTS
          + " (written by 'dec4j run --save-model " + dir + "')");
    }
    SavedModel m = Json.read(config, SavedModel.class);
    if (m == null) {
      throw new DataException(config + ": empty model description");
    }
    if (m.format() == 1) {
      throw new DataException(config + ": model of format 1 (weights in DJL's layout), written by an older dec4j;"
          + " train it again with 'dec4j run --save-model'");
    }
    if (m.format() != FORMAT) {
      throw new DataException(config + ": model format " + m.format() + " is not supported (this dec4j reads format "
          + FORMAT + ")");
    }
    m.check(config);
    return m;
  }

  /** The model format this build writes: 2 since weights are a {@link org.dec4j.runtime.nn.TensorFile}. */
  static final int FORMAT = 2;

  private void check(Path config) {
    String problem = null;
    if (method == null || method.isBlank()) {
      problem = "no method";
    } else if (encoder == null || encoder.isBlank()) {
      problem = "no encoder";
    } else if (methodParams == null || encoderParams == null) {
      problem = "no hyperparameters";
    } else if (inputDim < 1) {
      problem = "input dimension " + inputDim + " < 1";
    } else if (centroids == null || centroids.length < 2) {
      problem = "fewer than 2 centroids";
    } else {
      for (int j = 0; j < centroids.length && problem == null; j++) {
        float[] c = centroids[j];
        if (c == null || c.length == 0 || c.length != centroids[0].length) {
          problem = "centroid " + j + " has " + (c == null ? "no" : c.length) + " coordinates, centroid 0 has "
              + (centroids[0] == null ? "none" : centroids[0].length);
        } else {
          for (float v : c) {
            if (!Float.isFinite(v)) {
              problem = "centroid " + j + " has a non-finite coordinate " + v;
              break;
            }
          }
        }
      }
    }
    if (problem != null) {
      throw new DataException(config + ": not a usable dec4j model: " + problem);
    }
  }

  /**
   * Predictions for new data.
   *
   * @param labels hard cluster of every row
   * @param soft soft assignments (n x k) when requested and the method has them, else null
   */
  public record Prediction(int[] labels, float[][] soft) {}

  /**
   * Assigns new data with the saved model.
   *
   * @param dir the model directory (for the weights)
   * @param registry the plugins (the model's method and encoder must be among them)
   * @param x the new data
   * @param soft whether soft assignments are wanted
   * @return the prediction
   * @throws DataException when x has the wrong dimension
   */
  public Prediction predict(Path dir, PluginRegistry registry, FeatureMatrix x, boolean soft) {
    if (x.cols() != inputDim) {
      throw new DataException("the model in " + dir + " takes " + inputDim + " features per sample; the input has "
          + x.cols());
    }
    ClusteringObjective objective;
    Hyperparameters mp;
    org.dec4j.api.encoder.Encoder encoderPlugin;
    Hyperparameters ep;
    org.dec4j.api.encoder.Autoencoder blocks;
    try {
      objective = registry.objective(method);
      mp = objective.info().resolve(methodParams);
      encoderPlugin = registry.encoder(encoder);
      ep = encoderPlugin.info().resolve(encoderParams);
      blocks = encoderPlugin.create(new EncoderSpec(inputDim, ep));
    } catch (ConfigException e) {
      throw new DataException(dir.resolve(CONFIG) + ": the model's configuration is not valid here: " + e.getMessage(),
          e);
    }
    try (NDManager manager = NDManager.newBaseManager();
        Network network = new Network(blocks, inputDim, manager, 0)) {
      network.load(dir.resolve(WEIGHTS));
      if (network.embeddingDim() != centroids[0].length) {
        throw new DataException(dir.resolve(CONFIG) + ": centroids have " + centroids[0].length + " dimensions, the encoder "
            + network.embeddingDim());
      }
      NDArray data = manager.create(x.values(), new Shape(x.rows(), x.cols()));
      var context = new Runner.Context(mp, centroids.length, x.rows(), network.embeddingDim(), 0, manager,
          new SmileKMeans(1, 1, 1e-4));
      try (ClusteringSession session = objective.start(context); NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        session.restore(centroids);
        NDArray z = network.embedAll(data, manager);
        int[] labels = session.assign(z);
        float[][] q = null;
        if (soft) {
          Optional<NDArray> s = session.softAssign(z);
          if (s.isEmpty()) {
            throw new ConfigException("method '" + method + "' has no soft assignment; drop --soft");
          }
          q = ClusteringMath.toRows(s.get());
        }
        return new Prediction(labels, q);
      } catch (UnsupportedOperationException e) {
        throw new ConfigException("method '" + method + "' cannot be restored from a saved model: " + e.getMessage());
      }
    }
  }
}
