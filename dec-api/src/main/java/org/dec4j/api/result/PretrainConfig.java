package org.dec4j.api.result;

import org.dec4j.api.ConfigException;

/**
 * Autoencoder pretraining settings. Two modes, as in the DEC paper and its Keras re-implementation:
 * {@code end-to-end} trains the whole autoencoder at once (MSE); {@code stacked} first trains each
 * layer pair as a denoising autoencoder (dropout-corrupted input), then fine-tunes end to end. The
 * optimiser is Adam by default; DEC-keras pretrains MNIST and Fashion-MNIST with SGD (learning rate 1,
 * momentum 0.9, 300 epochs), which {@code optimizer = sgd} reproduces.
 *
 * @param mode {@code end-to-end}, {@code stacked} or {@code none} (random weights, an ablation)
 * @param epochs end-to-end (fine-tuning) epochs
 * @param layerEpochs epochs per layer in stacked mode
 * @param batchSize samples per step
 * @param learningRate the optimiser's step size
 * @param dropout input corruption rate of the stacked denoising stage
 * @param optimizer {@code adam} (Keras' Adam, betas 0.9 and 0.999) or {@code sgd} (heavy-ball momentum);
 *     null reads as {@code adam}, the only optimiser of result files written before it could be chosen
 * @param momentum SGD's momentum in [0, 1); not used by Adam
 */
public record PretrainConfig(String mode, int epochs, int layerEpochs, int batchSize, double learningRate,
    double dropout, String optimizer, double momentum) {

  /** The optimisers pretraining can use. */
  public static final java.util.List<String> OPTIMIZERS = java.util.List.of("adam", "sgd");

  /** Checks the values, naming the field. */
  public PretrainConfig {
    optimizer = optimizer == null ? "adam" : optimizer;
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new ConfigException("pretrain optimizer = '" + optimizer + "' must be one of " + String.join(", ",
          OPTIMIZERS));
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new ConfigException("pretrain momentum = " + momentum + " must be in [0, 1)");
    }
    if (!java.util.List.of("end-to-end", "stacked", "none").contains(mode)) {
      throw new ConfigException("pretrain mode = '" + mode + "' must be one of end-to-end, stacked, none");
    }
    if (epochs < 0) {
      throw new ConfigException("pretrain epochs = " + epochs + " must be >= 0");
    }
    if (layerEpochs < 0) {
      throw new ConfigException("pretrain layer epochs = " + layerEpochs + " must be >= 0");
    }
    if (batchSize < 1) {
      throw new ConfigException("pretrain batch size = " + batchSize + " must be >= 1");
    }
    if (!(learningRate > 0)) {
      throw new ConfigException("pretrain learning rate = " + learningRate + " must be > 0");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ConfigException("pretrain dropout = " + dropout + " must be in [0, 1)");
    }
  }

  /**
   * Settings with Adam, the default optimiser.
   *
   * @param mode see the record
   * @param epochs see the record
   * @param layerEpochs see the record
   * @param batchSize see the record
   * @param learningRate Adam's step size
   * @param dropout see the record
   */
  public PretrainConfig(String mode, int epochs, int layerEpochs, int batchSize, double learningRate,
      double dropout) {
    this(mode, epochs, layerEpochs, batchSize, learningRate, dropout, "adam", DEFAULT_MOMENTUM);
  }

  /** The momentum SGD uses unless told otherwise (DEC-keras' pretraining value). */
  public static final double DEFAULT_MOMENTUM = 0.9;

  /**
   * DEC-keras' default: 200 epochs end to end, Adam 0.001, batch 256.
   *
   * @return the default settings
   */
  public static PretrainConfig defaults() {
    return new PretrainConfig("end-to-end", 200, 0, 256, 0.001, 0.2);
  }
}
