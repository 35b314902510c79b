package org.dec4j.api.objective.support;

import java.util.List;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.TrainingPlan;

/**
 * Declarations of the hyperparameters most clustering methods share, so that every method spells
 * them the same way and {@link TrainingPlan#from} can read them. Each method still chooses its own
 * defaults. The names are constants of the records that read them ({@link TrainingPlan#BATCH_SIZE}
 * and its neighbours, {@link OptimizerSpec#OPTIMIZER}, {@link OptimizerSpec#LR}, {@link
 * OptimizerSpec#MOMENTUM}).
 */
public final class CommonHyperparameters {
  private CommonHyperparameters() {}

  /**
   * Declares {@code batch_size}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperparameterSpec batchSize(int defaultValue) {
    return HyperparameterSpec.ofInt(
        TrainingPlan.BATCH_SIZE, defaultValue, 1, 1 << 20, "samples per iteration");
  }

  /**
   * Declares {@code max_iter}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperparameterSpec maxIter(int defaultValue) {
    return HyperparameterSpec.ofInt(
        TrainingPlan.MAX_ITER,
        defaultValue,
        0,
        Integer.MAX_VALUE,
        "iteration budget of the clustering phase");
  }

  /**
   * Declares {@code update_interval}.
   *
   * @param defaultValue the method's default
   * @param description what is refreshed
   * @return the declaration
   */
  public static HyperparameterSpec updateInterval(int defaultValue, String description) {
    return HyperparameterSpec.ofInt(
        TrainingPlan.UPDATE_INTERVAL, defaultValue, 1, Integer.MAX_VALUE, description);
  }

  /**
   * Declares {@code tol}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperparameterSpec tol(double defaultValue) {
    return HyperparameterSpec.ofReal(
        TrainingPlan.TOL,
        defaultValue,
        0,
        1,
        "stop when fewer than this fraction of labels change between refreshes");
  }

  /**
   * Declares {@code shuffle}.
   *
   * @param defaultValue the method's default
   * @return the declaration
   */
  public static HyperparameterSpec shuffle(boolean defaultValue) {
    return HyperparameterSpec.ofBoolean(
        TrainingPlan.SHUFFLE,
        defaultValue,
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
  public static List<HyperparameterSpec> optimizer(String optimizer, double lr, double momentum) {
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
  public static List<HyperparameterSpec> optimizer(
      String optimizer, double lr, double momentum, double maxLr) {
    return List.of(
        HyperparameterSpec.ofChoice(
            OptimizerSpec.OPTIMIZER,
            optimizer,
            List.of("sgd", "adam"),
            "optimiser of the clustering phase"),
        HyperparameterSpec.ofReal(
            OptimizerSpec.LR, lr, 1e-12, maxLr, "learning rate of the clustering phase"),
        HyperparameterSpec.ofReal(
            OptimizerSpec.MOMENTUM, momentum, 0, 0.999, "momentum (sgd only)"));
  }
}
