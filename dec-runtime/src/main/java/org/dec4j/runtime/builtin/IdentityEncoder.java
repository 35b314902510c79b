package org.dec4j.runtime.builtin;

import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;

/** f(x) = x and g(z) = z, with no weights: lets baselines cluster the raw features. */
public final class IdentityEncoder implements Encoder {
  /** The id. */
  public static final String ID = "identity";

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "no network: the embedding is the raw features (for the k-means baseline)",
          List.of(),
          Dec4jApi.VERSION);

  @Override
  public PluginInfo info() {
    return INFO;
  }

  @Override
  public Autoencoder create(EncoderSpec spec) {
    return new Autoencoder(
        new LambdaBlock(x -> x), new LambdaBlock(z -> z), spec.inputDim(), List.of());
  }
}
