package org.dec4j.runtime.nn;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.dec4j.api.objective.OptimizerSpec;

/** Turns an {@link OptimizerSpec} into a DJL optimiser (MXNet's fused update kernels). */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Creates the optimiser.
   *
   * @param spec the spec
   * @return a new optimiser with fresh state
   */
  public static Optimizer create(OptimizerSpec spec) {
    Tracker lr = Tracker.fixed((float) spec.learningRate());
    return switch (spec.kind()) {
      case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum((float) spec.momentum()).build();
      case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optBeta1((float) spec.beta1())
          .optBeta2((float) spec.beta2()).optEpsilon((float) spec.epsilon()).build();
    };
  }
}
