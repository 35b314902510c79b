package org.dec4j.api.result;

import java.util.Map;
import org.dec4j.api.encoder.PretrainConfig;

/**
 * The full configuration of one run, as recorded in its result file.
 *
 * @param method clustering method id
 * @param methodParams the method's resolved hyperparameters
 * @param dataset data set id
 * @param datasetParams the data set's resolved options
 * @param encoder encoder id
 * @param encoderParams the encoder's resolved hyperparameters
 * @param pretrain autoencoder pretraining settings
 * @param clusters k
 * @param seed the run's seed
 * @param kmeansRestarts restarts of the k-means initialisation
 */
public record RunConfig(
    String method,
    Map<String, Object> methodParams,
    String dataset,
    Map<String, Object> datasetParams,
    String encoder,
    Map<String, Object> encoderParams,
    PretrainConfig pretrain,
    int clusters,
    long seed,
    int kmeansRestarts) {}
