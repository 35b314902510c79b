package org.dec4j.runtime.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One optimisation step over a fixed set of trainable arrays: record the loss, back-propagate,
 * update each array with the optimiser's fused kernel.
 */
public final class GradientStep {
  private final Map<String, NDArray> trainable;
  private final Optimizer optimizer;

  /**
   * Creates the step.
   *
   * @param trainable arrays with gradients attached, by a stable unique key (the optimiser's state
   *     key)
   * @param optimizer the optimiser
   */
  public GradientStep(Map<String, NDArray> trainable, Optimizer optimizer) {
    this.trainable = new LinkedHashMap<>(trainable);
    this.optimizer = optimizer;
  }

  /**
   * Runs the step.
   *
   * @param loss builds the scalar loss; called while gradients are recorded
   * @return the loss (not synchronised: reading it waits for the step to finish)
   */
  public NDArray run(Supplier<NDArray> loss) {
    NDArray value;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      value = loss.get();
      collector.backward(value);
    }
    for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
      NDArray weight = e.getValue();
      optimizer.update(e.getKey(), weight, weight.getGradient());
    }
    return value;
  }
}
