package org.dec4j.api.encoder;

import org.dec4j.api.PluginInfo;

/**
 * Service-provider interface for the trainable mapping f: X -> Z and its decoder g: Z -> X.
 *
 * <p>The default provider, {@code mlp}, builds the fully connected d-500-500-2000-10 autoencoder of
 * the DEC paper. A provider is cheap; {@link #create(EncoderSpec)} builds the networks, whose
 * weights the runtime initialises, pretrains and caches.
 */
public interface Encoder {

  /** {@return the id, version, description and architecture hyperparameters} */
  PluginInfo info();

  /**
   * Builds an autoencoder for inputs of a given dimension.
   *
   * @param spec input dimension and validated hyperparameters
   * @return the (uninitialised) networks
   */
  Autoencoder create(EncoderSpec spec);
}
