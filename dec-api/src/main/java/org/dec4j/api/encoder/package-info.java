/**
 * The {@link org.dec4j.api.encoder.Encoder} service-provider interface: a provider builds the
 * encoder f: X to Z and decoder g: Z to X as DJL blocks ({@link org.dec4j.api.encoder.Autoencoder})
 * for a given input dimension ({@link org.dec4j.api.encoder.EncoderSpec}); the runtime initialises,
 * pretrains and caches their weights.
 *
 * <p>An encoder module declares {@code provides org.dec4j.api.encoder.Encoder with ...}.
 */
package org.dec4j.api.encoder;
