package org.dec4j.runtime.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dec4j.api.objective.OptimizerSpec;

/**
 * One optimisation step over a fixed set of trainable arrays: record the loss, back-propagate,
 * update each array in place with MXNet's fused Adam or momentum-SGD kernel.
 *
 * <p>The optimiser state (moments, velocities) is owned here and created before the first step,
 * outside any {@link NDScope}, so a caller may wrap each step in a scope that frees everything the
 * step allocated. So are the handles to the arrays' gradient buffers (MXNet writes every backward
 * pass into the same buffer), which saves two native calls per array and step. The update rules are Keras': Adam with the bias correction folded into the step
 * size, and SGD with heavy-ball momentum {@code v = m v - lr g; w += v}.
 */
public final class GradientStep implements AutoCloseable {
  private final List<NDArray> weights;
  private final List<NDArray> gradients;
  private final List<NDArray[]> states;
  private final OptimizerSpec spec;
  private int t;

  /**
   * The arrays of network parameters, keyed by their unique ids, as the constructor takes them.
   *
   * @param parameters the parameters, in update order
   * @return id to array
   */
  public static Map<String, NDArray> trainable(List<Parameter> parameters) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      out.put(p.getId(), p.getArray());
    }
    return out;
  }

  /**
   * Creates the step and its optimiser state.
   *
   * @param trainable arrays with gradients attached, by a stable unique key
   * @param spec the optimiser
   */
  public GradientStep(Map<String, NDArray> trainable, OptimizerSpec spec) {
    this.weights = new ArrayList<>(new LinkedHashMap<>(trainable).values());
    this.spec = spec;
    this.states = new ArrayList<>();
    this.gradients = new ArrayList<>();
    for (NDArray w : weights) {
      NDArray g = w.getGradient();
      NDScope.unregister(g);
      gradients.add(g);
      int slots = spec.kind() == OptimizerSpec.Kind.ADAM ? 2 : spec.momentum() > 0 ? 1 : 0;
      NDArray[] s = new NDArray[slots];
      for (int i = 0; i < slots; i++) {
        s[i] = w.zerosLike();
        NDScope.unregister(s[i]);
      }
      states.add(s);
    }
  }

  /**
   * Runs the step: {@link #backward} then {@link #update}.
   *
   * @param loss builds the scalar loss; called while gradients are recorded
   * @return the loss (not synchronised: reading it waits for the step to finish)
   */
  public NDArray run(Supplier<NDArray> loss) {
    NDArray value = backward(loss);
    update();
    return value;
  }

  /**
   * Records the loss and back-propagates it into the arrays' gradient buffers, without updating
   * anything (the benchmark times the two halves of a step apart).
   *
   * @param loss builds the scalar loss; called while gradients are recorded
   * @return the loss (not synchronised)
   */
  public NDArray backward(Supplier<NDArray> loss) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray value = loss.get();
      collector.backward(value);
      return value;
    }
  }

  /** Updates every array in place from its gradient buffer, one fused kernel call per array. */
  public void update() {
    t++;
    float lr = (float) spec.learningRate();
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      NDArray g = gradients.get(i);
      NDArray[] s = states.get(i);
      NDList out = new NDList(w);
      if (spec.kind() == OptimizerSpec.Kind.ADAM) {
        float corrected = (float) (lr * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
        w.getNDArrayInternal().adamUpdate(new NDList(w, g, s[0], s[1]), out, lr, corrected, 0f, 1f, -1f,
            (float) spec.beta1(), (float) spec.beta2(), (float) spec.epsilon(), false, false);
      } else if (s.length == 1) {
        w.getNDArrayInternal().sgdUpdate(new NDList(w, g, s[0]), out, lr, 0f, 1f, -1f, (float) spec.momentum(),
            false);
      } else {
        w.getNDArrayInternal().sgdUpdate(new NDList(w, g), out, lr, 0f, 1f, -1f, 0f, false);
      }
    }
  }

  /** {@return the trainable arrays, in update order} */
  public List<NDArray> weights() {
    return List.copyOf(weights);
  }

  /**
   * Adds the optimiser state (step count, moments or velocities, in trainable order) to a
   * checkpoint.
   *
   * @param out the checkpoint
   * @param prefix prefix of the entries' names
   */
  public void save(TensorFile out, String prefix) {
    out.putLongs(prefix + "t", new long[] {t});
    for (int i = 0; i < states.size(); i++) {
      NDArray[] s = states.get(i);
      for (int slot = 0; slot < s.length; slot++) {
        out.putFloats(prefix + i + "." + slot, s[slot].toFloatArray(), s[slot].getShape().getShape());
      }
    }
  }

  /**
   * Restores the optimiser state {@link #save} wrote, in place, after checking every entry's shape.
   *
   * @param in the checkpoint
   * @param prefix prefix of the entries' names
   * @throws org.dec4j.api.DataException when an entry is missing or does not fit
   */
  public void restore(TensorFile in, String prefix) {
    long step = in.longs(prefix + "t", 1)[0];
    List<float[]> values = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      NDArray[] s = states.get(i);
      for (int slot = 0; slot < s.length; slot++) {
        values.add(in.floats(prefix + i + "." + slot, s[slot].getShape().getShape()));
      }
    }
    if (in.contains(prefix + states.size() + ".0")) {
      throw new org.dec4j.api.DataException("the checkpoint's optimiser state is for more than the "
          + states.size() + " trainable arrays of this run");
    }
    int at = 0;
    for (NDArray[] s : states) {
      for (NDArray slot : s) {
        slot.set(java.nio.FloatBuffer.wrap(values.get(at++)));
      }
    }
    t = Math.toIntExact(step);
  }

  /** Frees the optimiser state and the gradient handles (not the gradients, which belong to the arrays). */
  @Override
  public void close() {
    for (NDArray g : gradients) {
      g.close();
    }
    for (NDArray[] s : states) {
      for (NDArray a : s) {
        a.close();
      }
    }
  }
}
