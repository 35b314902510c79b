package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.result.PretrainConfig;

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
 */
public record RunSpec(
    String method, Map<String, Object> methodParams, String dataset, Map<String, Object> datasetParams,
    String encoder, Map<String, Object> encoderParams, PretrainConfig pretrain, int clusters, long seed,
    int kmeansRestarts, List<Path> dataPath, boolean allowDownload, Path cacheDir, String command) {

  /** Copies the collections. */
  public RunSpec {
    methodParams = Map.copyOf(methodParams);
    datasetParams = Map.copyOf(datasetParams);
    encoderParams = Map.copyOf(encoderParams);
    dataPath = List.copyOf(dataPath);
  }
}
