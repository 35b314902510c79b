package org.dec4j.runtime.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;

/**
 * The fully connected autoencoder of the DEC paper: d-500-500-2000-10 by default, ReLU on every
 * hidden layer, linear embedding and linear reconstruction (Xie et al., ICML 2016, section 4.3).
 *
 * <p>It is built as a stack of shallow autoencoders whose blocks are shared with the deep one, so
 * the runtime can pretrain it greedily layer by layer (stacked denoising) and then fine-tune it end
 * to end. As in the paper, each stage's decoder is ReLU except the outermost (it must reproduce the
 * input's full range), and each stage's encoder is ReLU except the innermost (the embedding keeps
 * its full information).
 */
public final class MlpEncoder implements Encoder {
  /** The provider id. */
  public static final String ID = "mlp";

  /** Hidden and embedding widths, outermost first. */
  public static final String DIMS = "dims";

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "fully connected autoencoder d-500-500-2000-10 (ReLU, linear embedding and output)",
          List.of(
              HyperparameterSpec.ofIntList(
                  DIMS,
                  List.of(500, 500, 2000, 10),
                  1,
                  1 << 16,
                  "layer widths after the input, the last one being the embedding dimension")));

  @Override
  public PluginInfo info() {
    return INFO;
  }

  @Override
  public Autoencoder create(EncoderSpec spec) {
    List<Integer> dims = spec.hyperparameters().getIntList(DIMS);
    List<Integer> widths = new ArrayList<>();
    widths.add(spec.inputDim());
    widths.addAll(dims);
    int layers = dims.size();
    List<Autoencoder.Stage> stages = new ArrayList<>();
    SequentialBlock encoder = new SequentialBlock();
    for (int i = 0; i < layers; i++) {
      Block enc = dense(widths.get(i + 1), i < layers - 1);
      Block dec = dense(widths.get(i), i > 0);
      stages.add(new Autoencoder.Stage(enc, dec, widths.get(i), widths.get(i + 1)));
      encoder.add(enc);
    }
    SequentialBlock decoder = new SequentialBlock();
    for (int i = layers - 1; i >= 0; i--) {
      decoder.add(stages.get(i).decoder());
    }
    return new Autoencoder(encoder, decoder, dims.get(layers - 1), stages);
  }

  private static Block dense(int units, boolean relu) {
    Block linear = Linear.builder().setUnits(units).build();
    return relu ? new SequentialBlock().add(linear).add(Activation.reluBlock()) : linear;
  }
}
