package org.dec4j.api.encoder;

import ai.djl.nn.Block;
import java.util.List;

/**
 * An encoder f and decoder g as DJL blocks. The runtime initialises and trains them.
 *
 * @param encoder x (b x d) to z (b x m)
 * @param decoder z (b x m) to a reconstruction of x (b x d)
 * @param embeddingDim m
 * @param stages the autoencoder as a stack of shallow autoencoders for greedy layer-wise (stacked
 *     denoising) pretraining, outermost first; empty when the architecture has no such
 *     decomposition. Stage i's encoder and decoder must be the very blocks used inside {@code
 *     encoder} and {@code decoder}, so training a stage trains the whole network's weights.
 */
public record Autoencoder(Block encoder, Block decoder, int embeddingDim, List<Stage> stages) {

  /** Copies the stage list. */
  public Autoencoder {
    stages = List.copyOf(stages);
  }

  /**
   * One shallow autoencoder of a stack: h_i to h_{i+1} and back.
   *
   * @param encoder h_i to h_{i+1}
   * @param decoder h_{i+1} to h_i
   * @param inputDim width of h_i
   * @param outputDim width of h_{i+1}
   */
  public record Stage(Block encoder, Block decoder, int inputDim, int outputDim) {}
}
