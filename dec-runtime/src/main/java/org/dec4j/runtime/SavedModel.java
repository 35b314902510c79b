package org.dec4j.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureScaling;

/**
 * A trained model's description, {@code model.json} in a model directory: method, encoder and their
 * hyperparameters, centroids, and the input the model takes (feature count, column names, the
 * scaling fitted on the training data). The weights are beside it in {@code encoder.params}; {@link
 * ClusteringModel} reads, writes and predicts with the whole directory.
 *
 * <p>Format 3 added the input description ({@code dataset} to {@code scaling}); a format-2 model is
 * still read, unless it was trained on data scaled by statistics of their own, which it did not
 * keep (its predictions would be wrong).
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
 * @param dataset the id of the data set trained on ({@link DeepClustering#IN_MEMORY} for rows given
 *     in memory), or null in format 2
 * @param datasetOptions the options it was loaded with, or null
 * @param columns the training data's column names, or null when its file named none
 * @param scaling the scaling fitted on the training data and applied to it, or null for none
 * @param image the image shape the encoder was built for, or null when the data declared none (and
 *     in models written before image shapes existed)
 */
public record SavedModel(
    int format,
    String method,
    Map<String, Object> methodParams,
    String encoder,
    Map<String, Object> encoderParams,
    int inputDim,
    float[][] centroids,
    DataProvenance trainedOn,
    String dec4jVersion,
    String dataset,
    Map<String, Object> datasetOptions,
    List<String> columns,
    FeatureScaling scaling,
    org.dec4j.api.data.ImageShape image) {

  /**
   * A model of rows that are not images.
   *
   * @param format file format version
   * @param method clustering method id
   * @param methodParams its hyperparameters
   * @param encoder encoder id
   * @param encoderParams its hyperparameters
   * @param inputDim the feature dimension
   * @param centroids k x m centroids
   * @param trainedOn provenance of the training data
   * @param dec4jVersion the version that wrote the model
   * @param dataset the data set id, or null
   * @param datasetOptions its options, or null
   * @param columns the column names, or null
   * @param scaling the fitted scaling, or null
   */
  public SavedModel(
      int format,
      String method,
      Map<String, Object> methodParams,
      String encoder,
      Map<String, Object> encoderParams,
      int inputDim,
      float[][] centroids,
      DataProvenance trainedOn,
      String dec4jVersion,
      String dataset,
      Map<String, Object> datasetOptions,
      List<String> columns,
      FeatureScaling scaling) {
    this(
        format,
        method,
        methodParams,
        encoder,
        encoderParams,
        inputDim,
        centroids,
        trainedOn,
        dec4jVersion,
        dataset,
        datasetOptions,
        columns,
        scaling,
        null);
  }

  static final String CONFIG = "model.json";
  static final String WEIGHTS = "encoder.params";

  /** The model format this build writes: 3 since models keep their input's columns and scaling. */
  static final int FORMAT = 3;

  /** How a format-2 model's provenance names a scaling fitted on its training data. */
  private static final java.util.regex.Pattern FITTED_SCALING =
      java.util.regex.Pattern.compile("(^|[ ,;])scale=(standard|minmax)\\b");

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
      throw new DataException(
          "no model in "
              + dir
              + ": expected "
              + CONFIG
              + " and "
              + WEIGHTS
              + " (written by 'dec4j run --save-model "
              + dir
              + "' or ClusteringModel.save)");
    }
    SavedModel m = Json.read(config, SavedModel.class);
    if (m == null) {
      throw new DataException(config + ": empty model description");
    }
    if (m.format() == 1) {
      throw new DataException(
          config
              + ": model of format 1 (weights in DJL's layout), written by an older dec4j;"
              + " train it again with 'dec4j run --save-model'");
    }
    if (m.format() != FORMAT && m.format() != 2) {
      throw new DataException(
          config
              + ": model format "
              + m.format()
              + " is not supported (this dec4j reads formats"
              + " 2 and "
              + FORMAT
              + ")");
    }
    m.check(config);
    return m;
  }

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
    } else if (columns != null && columns.size() != inputDim) {
      problem = columns.size() + " column names for " + inputDim + " features";
    } else if (image != null && image.values() != inputDim) {
      problem = "images of " + image + " for " + inputDim + " features";
    } else if (scaling != null && scaling.features() != inputDim) {
      problem = "scaling " + scaling + " for " + inputDim + " features";
    } else if (format == 2
        && trainedOn != null
        && trainedOn.description() != null
        && FITTED_SCALING.matcher(trainedOn.description()).find()) {
      problem =
          "it was trained on data scaled by their own statistics ("
              + trainedOn.description()
              + "), which"
              + " a format-2 model did not keep, so its predictions would be wrong; train it again with this dec4j";
    } else {
      for (int j = 0; j < centroids.length && problem == null; j++) {
        float[] c = centroids[j];
        if (c == null || c.length == 0 || c.length != centroids[0].length) {
          problem =
              "centroid "
                  + j
                  + " has "
                  + (c == null ? "no" : c.length)
                  + " coordinates, centroid 0 has "
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
}
