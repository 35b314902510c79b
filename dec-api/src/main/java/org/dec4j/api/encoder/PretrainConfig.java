package org.dec4j.api.encoder;

import org.dec4j.api.ConfigException;

/**
 * Autoencoder pretraining settings. Two modes, as in the DEC paper and its Keras re-implementation:
 * {@code end-to-end} trains the whole autoencoder at once (MSE); {@code stacked} first trains each
 * layer pair as a denoising autoencoder (dropout-corrupted input), then fine-tunes end to end. The
 * optimiser is Adam by default; DEC-keras pretrains MNIST and Fashion-MNIST with SGD (learning rate
 * 1, momentum 0.9, 300 epochs), which {@code optimizer = sgd} reproduces. Weights start from a
 * seeded Glorot-uniform draw by default; {@code init = fan-in-uniform} draws them as DEC-keras
 * does.
 *
 * @param mode {@code end-to-end}, {@code stacked} or {@code none} (random weights, an ablation)
 * @param epochs end-to-end (fine-tuning) epochs
 * @param layerEpochs epochs per layer in stacked mode
 * @param batchSize samples per step
 * @param learningRate the optimiser's step size
 * @param dropout input corruption rate of the stacked denoising stage
 * @param optimizer {@code adam} (Keras' Adam, betas 0.9 and 0.999) or {@code sgd} (heavy-ball
 *     momentum); null reads as {@code adam}, the only optimiser of result files written before it
 *     could be chosen
 * @param momentum SGD's momentum in [0, 1); not used by Adam
 * @param init how the weights are drawn before pretraining (biases start at zero either way):
 *     {@code glorot-uniform}, U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), Keras' Dense default
 *     and the IDEC reference code's; or {@code fan-in-uniform}, U(-a, a) with a = sqrt(1 / fan_in),
 *     DEC-keras' {@code VarianceScaling(scale=1/3, mode='fan_in', distribution='uniform')} (also
 *     PyTorch's default for {@code nn.Linear} weights). Null reads as {@code glorot-uniform}, the
 *     only one before it could be chosen
 */
public record PretrainConfig(
    String mode,
    int epochs,
    int layerEpochs,
    int batchSize,
    double learningRate,
    double dropout,
    String optimizer,
    double momentum,
    String init) {

  /** The optimisers pretraining can use. */
  public static final java.util.List<String> OPTIMIZERS = java.util.List.of("adam", "sgd");

  /** The weight initialisations, the default first. */
  public static final java.util.List<String> INITS =
      java.util.List.of("glorot-uniform", "fan-in-uniform");

  /** Checks the values, naming the field. */
  public PretrainConfig {
    optimizer = optimizer == null ? "adam" : optimizer;
    init = init == null ? INITS.get(0) : init;
    if (!INITS.contains(init)) {
      throw new ConfigException(
          "pretrain init = '" + init + "' must be one of " + String.join(", ", INITS));
    }
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new ConfigException(
          "pretrain optimizer = '"
              + optimizer
              + "' must be one of "
              + String.join(", ", OPTIMIZERS));
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new ConfigException("pretrain momentum = " + momentum + " must be in [0, 1)");
    }
    if (!java.util.List.of("end-to-end", "stacked", "none").contains(mode)) {
      throw new ConfigException(
          "pretrain mode = '" + mode + "' must be one of end-to-end, stacked, none");
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
  public PretrainConfig(
      String mode,
      int epochs,
      int layerEpochs,
      int batchSize,
      double learningRate,
      double dropout) {
    this(mode, epochs, layerEpochs, batchSize, learningRate, dropout, "adam", DEFAULT_MOMENTUM);
  }

  /**
   * Settings with Glorot-uniform initial weights, the default.
   *
   * @param mode see the record
   * @param epochs see the record
   * @param layerEpochs see the record
   * @param batchSize see the record
   * @param learningRate see the record
   * @param dropout see the record
   * @param optimizer see the record
   * @param momentum see the record
   */
  public PretrainConfig(
      String mode,
      int epochs,
      int layerEpochs,
      int batchSize,
      double learningRate,
      double dropout,
      String optimizer,
      double momentum) {
    this(mode, epochs, layerEpochs, batchSize, learningRate, dropout, optimizer, momentum, null);
  }

  /**
   * The same settings with another weight initialisation.
   *
   * @param init see the record
   * @return the settings with {@code init}
   */
  public PretrainConfig withInit(String init) {
    return new PretrainConfig(
        mode, epochs, layerEpochs, batchSize, learningRate, dropout, optimizer, momentum, init);
  }

  /** The momentum SGD uses unless told otherwise (DEC-keras' pretraining value). */
  public static final double DEFAULT_MOMENTUM = 0.9;

  /**
   * The one set of pretraining defaults, which the CLI's options and suite files both take:
   * DEC-keras' 200 epochs end to end, Adam 0.001, batch 256, Glorot uniform weights; in stacked
   * mode 50 epochs per layer with 20% dropout corruption.
   *
   * @return the default settings
   */
  public static PretrainConfig defaults() {
    return new PretrainConfig("end-to-end", 200, 50, 256, 0.001, 0.2);
  }
}
