package org.dec4j.api.result;

/**
 * Wall-clock seconds of a run's phases.
 *
 * @param load data loading
 * @param pretrain autoencoder pretraining (0 when taken from the cache)
 * @param initialize embedding and k-means initialisation
 * @param cluster the clustering phase
 * @param total the whole run
 */
public record Timings(
    double load, double pretrain, double initialize, double cluster, double total) {}
