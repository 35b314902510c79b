package org.dec4j.api.objective;

import org.dec4j.api.ConfigException;

/**
 * An optimiser choice with its settings.
 *
 * @param kind SGD (with momentum) or Adam
 * @param learningRate step size, positive
 * @param momentum SGD momentum in [0, 1)
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator guard
 */
public record OptimizerSpec(
    Kind kind, double learningRate, double momentum, double beta1, double beta2, double epsilon) {
  /** The hyperparameter naming the optimiser, {@code sgd} or {@code adam}. */
  public static final String OPTIMIZER = "optimizer";

  /** The hyperparameter naming the learning rate. */
  public static final String LR = "lr";

  /** The hyperparameter naming SGD's momentum. */
  public static final String MOMENTUM = "momentum";

  /** The optimisers the runtime provides. */
  public enum Kind {
    /** Stochastic gradient descent with (heavy-ball) momentum. */
    SGD,
    /** Adam (Kingma and Ba, 2015). */
    ADAM
  }

  /** Checks the values. */
  public OptimizerSpec {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new ConfigException("learning rate = " + learningRate + " must be a positive number");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new ConfigException("momentum = " + momentum + " must be in [0, 1)");
    }
  }

  /**
   * SGD with momentum.
   *
   * @param learningRate step size
   * @param momentum momentum in [0, 1)
   * @return the spec
   */
  public static OptimizerSpec sgd(double learningRate, double momentum) {
    return new OptimizerSpec(Kind.SGD, learningRate, momentum, 0.9, 0.999, 1e-8);
  }

  /**
   * Adam with the usual decays (0.9, 0.999) and epsilon 1e-7 (the Keras default the reference
   * implementations ran with).
   *
   * @param learningRate step size
   * @return the spec
   */
  public static OptimizerSpec adam(double learningRate) {
    return new OptimizerSpec(Kind.ADAM, learningRate, 0, 0.9, 0.999, 1e-7);
  }

  /**
   * Builds the spec from the conventional hyperparameters {@code optimizer}, {@code lr} and {@code
   * momentum} (declared by {@link
   * org.dec4j.api.objective.support.CommonHyperparameters#optimizer}).
   *
   * @param h validated hyperparameters declaring those names
   * @return the spec
   */
  public static OptimizerSpec from(org.dec4j.api.Hyperparameters h) {
    return switch (h.getString(OPTIMIZER)) {
      case "sgd" -> sgd(h.getDouble(LR), h.getDouble(MOMENTUM));
      case "adam" -> adam(h.getDouble(LR));
      default ->
          throw new ConfigException(
              h.owner() + ": optimizer = '" + h.getString(OPTIMIZER) + "' must be sgd or adam");
    };
  }
}
