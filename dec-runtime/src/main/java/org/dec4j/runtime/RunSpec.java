package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.encoder.PretrainConfig;

/**
 * A request for one run: which method on which data, with which encoder and settings.
 *
 * @param method clustering method id
 * @param methodParams the method's hyperparameters (unset ones take defaults)
 * @param dataset data set id
 * @param datasetParams the data set's options
 * @param encoder encoder id
 * @param encoderParams the encoder's hyperparameters
 * @param pretrain pretraining settings
 * @param clusters k, or 0 for the data set's class count
 * @param seed the run's seed
 * @param kmeansRestarts k-means restarts for initialisation
 * @param dataPath directories to look for data files in
 * @param allowDownload whether missing data files may be downloaded
 * @param cacheDir where pretrained autoencoders are cached, or null for no cache
 * @param command the command line, for provenance
 * @param modelDir where to save the trained model (encoder weights, centroids, config), or null
 * @param checkpoints when and where to save checkpoints of long phases (disabled unless asked for)
 */
public record RunSpec(
    String method, Map<String, Object> methodParams, String dataset, Map<String, Object> datasetParams,
    String encoder, Map<String, Object> encoderParams, PretrainConfig pretrain, int clusters, long seed,
    int kmeansRestarts, List<Path> dataPath, boolean allowDownload, Path cacheDir, String command,
    Path modelDir, Checkpointing checkpoints) {

  /**
   * A request without checkpoints.
   *
   * @param method clustering method id
   * @param methodParams the method's hyperparameters
   * @param dataset data set id
   * @param datasetParams the data set's options
   * @param encoder encoder id
   * @param encoderParams the encoder's hyperparameters
   * @param pretrain pretraining settings
   * @param clusters k, or 0 for the data set's class count
   * @param seed the run's seed
   * @param kmeansRestarts k-means restarts
   * @param dataPath data search path
   * @param allowDownload whether downloads are allowed
   * @param cacheDir autoencoder cache, or null
   * @param command the command line
   * @param modelDir where to save the model, or null
   */
  public RunSpec(String method, Map<String, Object> methodParams, String dataset, Map<String, Object> datasetParams,
      String encoder, Map<String, Object> encoderParams, PretrainConfig pretrain, int clusters, long seed,
      int kmeansRestarts, List<Path> dataPath, boolean allowDownload, Path cacheDir, String command, Path modelDir) {
    this(method, methodParams, dataset, datasetParams, encoder, encoderParams, pretrain, clusters, seed,
        kmeansRestarts, dataPath, allowDownload, cacheDir, command, modelDir, Checkpointing.disabled());
  }

  /**
   * A request that saves no model.
   *
   * @param method clustering method id
   * @param methodParams the method's hyperparameters
   * @param dataset data set id
   * @param datasetParams the data set's options
   * @param encoder encoder id
   * @param encoderParams the encoder's hyperparameters
   * @param pretrain pretraining settings
   * @param clusters k, or 0 for the data set's class count
   * @param seed the run's seed
   * @param kmeansRestarts k-means restarts
   * @param dataPath data search path
   * @param allowDownload whether downloads are allowed
   * @param cacheDir autoencoder cache, or null
   * @param command the command line
   */
  public RunSpec(String method, Map<String, Object> methodParams, String dataset, Map<String, Object> datasetParams,
      String encoder, Map<String, Object> encoderParams, PretrainConfig pretrain, int clusters, long seed,
      int kmeansRestarts, List<Path> dataPath, boolean allowDownload, Path cacheDir, String command) {
    this(method, methodParams, dataset, datasetParams, encoder, encoderParams, pretrain, clusters, seed,
        kmeansRestarts, dataPath, allowDownload, cacheDir, command, null);
  }

  /**
   * Returns a copy that saves the trained model to a directory.
   *
   * @param dir the model directory
   * @return the copy
   */
  public RunSpec withModelDir(Path dir) {
    return new RunSpec(method, methodParams, dataset, datasetParams, encoder, encoderParams, pretrain, clusters,
        seed, kmeansRestarts, dataPath, allowDownload, cacheDir, command, dir, checkpoints);
  }

  /**
   * Returns a copy with other pretraining settings.
   *
   * @param settings the pretraining
   * @return the copy
   */
  public RunSpec withPretrain(PretrainConfig settings) {
    return new RunSpec(method, methodParams, dataset, datasetParams, encoder, encoderParams, settings, clusters,
        seed, kmeansRestarts, dataPath, allowDownload, cacheDir, command, modelDir, checkpoints);
  }

  /**
   * Returns a copy that saves checkpoints as given.
   *
   * @param settings when and where
   * @return the copy
   */
  public RunSpec withCheckpoints(Checkpointing settings) {
    return new RunSpec(method, methodParams, dataset, datasetParams, encoder, encoderParams, pretrain, clusters,
        seed, kmeansRestarts, dataPath, allowDownload, cacheDir, command, modelDir, settings);
  }

  /**
   * Checks k and the restarts, naming the option, and copies the collections.
   *
   * @throws org.dec4j.api.ConfigException for k below 0 or fewer than one k-means restart
   */
  public RunSpec {
    if (clusters < 0) {
      throw new org.dec4j.api.ConfigException("k = " + clusters + ": give at least 2 clusters, or 0 to take the data"
          + " set's class count");
    }
    if (kmeansRestarts < 1) {
      throw new org.dec4j.api.ConfigException("kmeans-restarts = " + kmeansRestarts + " must be >= 1");
    }
    if (checkpoints == null) {
      checkpoints = Checkpointing.disabled();
    }
    methodParams = Map.copyOf(methodParams);
    datasetParams = Map.copyOf(datasetParams);
    encoderParams = Map.copyOf(encoderParams);
    dataPath = List.copyOf(dataPath);
  }
}
