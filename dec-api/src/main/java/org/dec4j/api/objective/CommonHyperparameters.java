package org.dec4j.api.objective;

import java.util.List;
import org.dec4j.api.HyperParameter;

/**
 * Declarations of the hyperparameters most clustering methods share, so that every method spells
 * them the same way. Each method still chooses its own defaults.
 */
public final class CommonHyperparameters {
  /** Samples per iteration. */
  public static final String BATCH_SIZE = "batch_size";
  /** Iteration budget of the clustering phase. */
  public static final String MAX_ITER = "max_iter";
  /** Iterations between full-data refreshes. */
  public static final String UPDATE_INTERVAL = "update_interval";
  /** Stop when the fraction of changed labels between refreshes is below this. */
  public static final String TOL = "tol";
  /** {@code sgd} or {@code adam}. */
  public static final String OPTIMIZER = "optimizer";
  /** Learning rate. */
  public static final String LR = "lr";
  /** SGD momentum. */
  public static final String MOMENTUM = "momentum";
  /** Whether batches come from a fresh seeded permutation each epoch. */
  public static final String SHUFFLE = "shuffle";

  private CommonHyperparameters() {}

  /**
   * Declares {@code batch_size}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperParameter batchSize(int defaultValue) {
    return HyperParameter.ofInt(BATCH_SIZE, defaultValue, 1, 1 << 20, "samples per iteration");
  }

  /**
   * Declares {@code max_iter}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperParameter maxIter(int defaultValue) {
    return HyperParameter.ofInt(MAX_ITER, defaultValue, 0, Integer.MAX_VALUE,
        "iteration budget of the clustering phase");
  }

  /**
   * Declares {@code update_interval}.
   *
   * @param defaultValue the method's default
   * @param description what is refreshed
   * @return the declaration
   */
  public static HyperParameter updateInterval(int defaultValue, String description) {
    return HyperParameter.ofInt(UPDATE_INTERVAL, defaultValue, 1, Integer.MAX_VALUE, description);
  }

  /**
   * Declares {@code tol}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperParameter tol(double defaultValue) {
    return HyperParameter.ofReal(TOL, defaultValue, 0, 1,
        "stop when fewer than this fraction of labels change between refreshes");
  }

  /**
   * Declares {@code shuffle}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperParameter shuffle(boolean defaultValue) {
    return HyperParameter.ofBoolean(SHUFFLE, defaultValue,
        "draw batches from a new seeded permutation each epoch instead of in data order");
  }

  /**
   * Declares {@code optimizer}, {@code lr} and {@code momentum}.
   *
   * @param optimizer default optimiser, {@code sgd} or {@code adam}
   * @param lr default learning rate
   * @param momentum default SGD momentum
   * @return the three declarations
   */
  public static List<HyperParameter> optimizer(String optimizer, double lr, double momentum) {
    return optimizer(optimizer, lr, momentum, 10);
  }

  /**
   * Declares {@code optimizer}, {@code lr} and {@code momentum}, with the largest learning rate the
   * method can train with: a loss whose curvature grows with the data (a squared reconstruction
   * error under SGD) diverges well below the default maximum of 10.
   *
   * @param optimizer default optimiser, {@code sgd} or {@code adam}
   * @param lr default learning rate
   * @param momentum default SGD momentum
   * @param maxLr the largest learning rate users may give, at least {@code lr}
   * @return the three declarations
   */
  public static List<HyperParameter> optimizer(String optimizer, double lr, double momentum, double maxLr) {
    return List.of(
        HyperParameter.ofChoice(OPTIMIZER, optimizer, List.of("sgd", "adam"), "optimiser of the clustering phase"),
        HyperParameter.ofReal(LR, lr, 1e-12, maxLr, "learning rate of the clustering phase"),
        HyperParameter.ofReal(MOMENTUM, momentum, 0, 0.999, "momentum (sgd only)"));
  }
}
