package org.dec4j.api.result;

import org.dec4j.api.ConfigException;

/**
 * Autoencoder pretraining settings. Two modes, as in the DEC paper and its Keras re-implementation:
 * {@code end-to-end} trains the whole autoencoder at once (Adam, MSE); {@code stacked} first trains
 * each layer pair as a denoising autoencoder (dropout-corrupted input), then fine-tunes end to end.
 *
 * @param mode {@code end-to-end}, {@code stacked} or {@code none} (random weights, an ablation)
 * @param epochs end-to-end (fine-tuning) epochs
 * @param layerEpochs epochs per layer in stacked mode
 * @param batchSize samples per step
 * @param learningRate Adam step size
 * @param dropout input corruption rate of the stacked denoising stage
 */
public record PretrainConfig(String mode, int epochs, int layerEpochs, int batchSize, double learningRate,
    double dropout) {

  /** Checks the values, naming the field. */
  public PretrainConfig {
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
   * DEC-keras' default: 200 epochs end to end, Adam 0.001, batch 256.
   *
   * @return the default settings
   */
  public static PretrainConfig defaults() {
    return new PretrainConfig("end-to-end", 200, 0, 256, 0.001, 0.2);
  }
}
