package org.dec4j.runtime;

import java.util.Locale;
import java.util.Objects;
import org.dec4j.api.encoder.PretrainConfig;

/**
 * How {@link DeepClustering} pretrains the autoencoder before clustering: an immutable value whose
 * methods return adjusted copies, validated as they are made ({@link PretrainConfig} names the
 * field and the bound of a bad value).
 *
 * <pre>{@code
 * Pretraining.endToEnd().epochs(50)                      // Adam 0.001, batch 256
 * Pretraining.stacked().layerEpochs(20).epochs(100)      // denoising layer pairs, then fine-tuning
 * Pretraining.endToEnd().sgd(1.0, 0.9).epochs(300)       // DEC-keras' MNIST pretraining
 * }</pre>
 *
 * <p>The defaults are {@link PretrainConfig#defaults()}, those of {@code dec4j run} and suite
 * files: 200 end-to-end epochs, 50 epochs per layer in stacked mode, batch 256, Adam with learning
 * rate 0.001, dropout 0.2 for the denoising stage, Glorot-uniform initial weights.
 */
public final class Pretraining {
  private final PretrainConfig config;

  private Pretraining(PretrainConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@return end-to-end pretraining: the whole autoencoder trained at once on the reconstruction
   * error}
   */
  public static Pretraining endToEnd() {
    return of(with(PretrainConfig.defaults(), "end-to-end"));
  }

  /**
   * {@return stacked pretraining: each layer pair as a denoising autoencoder, then end-to-end
   * fine-tuning}
   */
  public static Pretraining stacked() {
    return of(with(endToEnd().config, "stacked"));
  }

  /**
   * {@return no pretraining: clustering starts from the randomly initialised encoder (an ablation)}
   */
  public static Pretraining none() {
    return of(with(endToEnd().config, "none"));
  }

  /**
   * Pretraining as a record describes it, e.g. one read from a result file.
   *
   * @param config the settings
   * @return the pretraining
   */
  public static Pretraining of(PretrainConfig config) {
    return new Pretraining(config);
  }

  /** {@return the settings, as a run's configuration records them} */
  public PretrainConfig config() {
    return config;
  }

  /**
   * End-to-end (fine-tuning) epochs.
   *
   * @param epochs at least 0
   * @return the adjusted copy
   */
  public Pretraining epochs(int epochs) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            epochs,
            c.layerEpochs(),
            c.batchSize(),
            c.learningRate(),
            c.dropout(),
            c.optimizer(),
            c.momentum(),
            c.init()));
  }

  /**
   * Epochs per layer pair in stacked mode.
   *
   * @param epochs at least 0
   * @return the adjusted copy
   */
  public Pretraining layerEpochs(int epochs) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            c.epochs(),
            epochs,
            c.batchSize(),
            c.learningRate(),
            c.dropout(),
            c.optimizer(),
            c.momentum(),
            c.init()));
  }

  /**
   * Samples per step.
   *
   * @param size at least 1
   * @return the adjusted copy
   */
  public Pretraining batchSize(int size) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            c.epochs(),
            c.layerEpochs(),
            size,
            c.learningRate(),
            c.dropout(),
            c.optimizer(),
            c.momentum(),
            c.init()));
  }

  /**
   * The optimiser's step size.
   *
   * @param rate above 0
   * @return the adjusted copy
   */
  public Pretraining learningRate(double rate) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            c.epochs(),
            c.layerEpochs(),
            c.batchSize(),
            rate,
            c.dropout(),
            c.optimizer(),
            c.momentum(),
            c.init()));
  }

  /**
   * Input corruption rate of the stacked denoising stage.
   *
   * @param rate in [0, 1)
   * @return the adjusted copy
   */
  public Pretraining dropout(double rate) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            c.epochs(),
            c.layerEpochs(),
            c.batchSize(),
            c.learningRate(),
            rate,
            c.optimizer(),
            c.momentum(),
            c.init()));
  }

  /**
   * SGD with heavy-ball momentum instead of Adam.
   *
   * @param learningRate above 0
   * @param momentum in [0, 1)
   * @return the adjusted copy
   */
  public Pretraining sgd(double learningRate, double momentum) {
    PretrainConfig c = config;
    return of(
        new PretrainConfig(
            c.mode(),
            c.epochs(),
            c.layerEpochs(),
            c.batchSize(),
            learningRate,
            c.dropout(),
            "sgd",
            momentum,
            c.init()));
  }

  /**
   * How the weights are drawn before pretraining.
   *
   * @param init {@code glorot-uniform} or {@code fan-in-uniform} (see {@link
   *     PretrainConfig#init()})
   * @return the adjusted copy
   */
  public Pretraining init(String init) {
    return of(config.withInit(init == null ? null : init.trim().toLowerCase(Locale.ROOT)));
  }

  private static PretrainConfig with(PretrainConfig c, String mode) {
    return new PretrainConfig(
        mode,
        c.epochs(),
        c.layerEpochs(),
        c.batchSize(),
        c.learningRate(),
        c.dropout(),
        c.optimizer(),
        c.momentum(),
        c.init());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pretraining p && p.config.equals(config);
  }

  @Override
  public int hashCode() {
    return config.hashCode();
  }

  @Override
  public String toString() {
    return "Pretraining " + config.mode() + " " + Runner.pretrainSettingsUsed(config);
  }
}
