package org.dec4j.api.encoder;

import org.dec4j.api.Hyperparameters;

/**
 * What an {@link Encoder} is asked to build.
 *
 * @param inputDim the data dimension d
 * @param hyperparameters validated architecture hyperparameters
 */
public record EncoderSpec(int inputDim, Hyperparameters hyperparameters) {}
