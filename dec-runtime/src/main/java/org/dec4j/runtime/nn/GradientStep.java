package org.dec4j.runtime.nn;

import ai.djl.engine.Engine;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dec4j.api.ConfigException;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.runtime.NativeSettings;

/**
 * One optimisation step over a fixed set of trainable arrays: record the loss, back-propagate,
 * update each array in place by Adam or momentum SGD.
 *
 * <p>The update rules are Keras': Adam with the bias correction folded into the step size, and SGD
 * with heavy-ball momentum {@code v = m v - lr g; w += v}. Two kernels compute them, with the same
 * results bit for bit:
 *
 * <ul>
 *   <li>{@link Kernel#FUSED} (the default for dense float32 CPU arrays): one pass over all arrays
 *       in plain Java loops ({@link FusedKernels}), after waiting for the engine: each array and
 *       its gradient are copied to the Java heap, where the loop vectorises, and the array back;
 *       the optimiser state lives on the heap. The pass is cut into pieces of {@value #PIECE}
 *       elements, shared out among as many threads as MXNet's operators use (the calling thread and
 *       pooled ones); each element's arithmetic is the same whichever thread does it;
 *   <li>{@link Kernel#MXNET}: MXNet's fused {@code adam_update} / {@code sgd_mom_update} kernel,
 *       called once per array, state in MXNet arrays. MXNet's kernels take ~4 ns per parameter on
 *       one core and do not get faster with more threads; the Java pass is 2-4 times faster.
 * </ul>
 *
 * <p>The optimiser state (moments, velocities) is owned here and created before the first step,
 * outside any {@link NDScope}, so a caller may wrap each step in a scope that frees everything the
 * step allocated. So are the handles to the arrays' gradient buffers (MXNet writes every backward
 * pass into the same buffer), which saves two native calls per array and step.
 */
public final class GradientStep implements AutoCloseable {
  /** How the update is computed; both give the same results, bit for bit. */
  public enum Kernel {
    /** Java loops over all arrays' memory in one pass. */
    FUSED,
    /** MXNet's fused update kernel, one call per array. */
    MXNET
  }

  /**
   * The system property that chooses the kernel of steps created without one: {@code fused}, {@code
   * mxnet} or {@code auto} (the default: {@link #defaultKernel}'s choice). The command-line tools
   * take it from {@code DEC4J_JAVA_OPTS}, e.g. {@code -Ddec4j.optimizer.kernel=mxnet}.
   */
  public static final String KERNEL_PROPERTY = "dec4j.optimizer.kernel";

  /**
   * The kernel a step created without one uses, as {@link #KERNEL_PROPERTY} asks.
   *
   * @param viewable whether every array is a dense float32 CPU array (the fused kernel's need)
   * @return the kernel
   * @throws ConfigException when the property has another value, or asks for {@code fused} where it
   *     cannot run
   */
  public static Kernel defaultKernel(boolean viewable) {
    String value = System.getProperty(KERNEL_PROPERTY, "auto").strip();
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "auto", "" -> viewable ? Kernel.FUSED : Kernel.MXNET;
      case "mxnet" -> Kernel.MXNET;
      case "fused" -> {
        if (!viewable) {
          throw new ConfigException(
              "-D"
                  + KERNEL_PROPERTY
                  + "=fused: the fused optimiser kernel needs dense float32 CPU arrays, and this"
                  + " network has others; use mxnet or auto");
        }
        yield Kernel.FUSED;
      }
      default ->
          throw new ConfigException(
              "-D"
                  + KERNEL_PROPERTY
                  + "='"
                  + value
                  + "' is not a kernel; use fused, mxnet or auto");
    };
  }

  private final List<NDArray> weights;
  private final List<NDArray> gradients;
  private final OptimizerSpec spec;
  private final Kernel kernel;
  private final int slots;

  /** {@link Kernel#MXNET}'s state: per array, its slots. */
  private final List<NDArray[]> states;

  /** {@link Kernel#FUSED}'s state: per array, its slots. */
  private final float[][][] memory;

  /**
   * {@link Kernel#FUSED}'s heap copies of each array and its gradient: a piece is copied into the
   * same place as it has in the array, so the loop indexes every operand alike.
   */
  private final float[][] weightCopy;

  private final float[][] gradientCopy;

  /** {@link Kernel#FUSED}'s pieces: array index, first and end element. */
  private final int[][] pieces;

  /** How many threads share {@link Kernel#FUSED}'s pass, the calling one included. */
  private final int threads;

  private int t;

  /**
   * Elements per piece of the fused pass: 256 KB of each operand, small enough to stay in the cache
   * from copy-in to copy-out and to share the work of one step out evenly.
   */
  static final int PIECE = 1 << 16;

  /** Pooled threads that help with the fused pass; idle ones end after a minute. */
  private static final ExecutorService HELPERS =
      Executors.newCachedThreadPool(
          Thread.ofPlatform().name("dec4j-optimizer-", 0).daemon(true).factory());

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
   * Creates the step and its optimiser state, with the kernel {@link #KERNEL_PROPERTY} asks for: by
   * default {@link Kernel#FUSED} (MXNet's kernel when an array is not a dense float32 CPU array).
   *
   * @param trainable arrays with gradients attached, by a stable unique key
   * @param spec the optimiser
   * @throws ConfigException when {@link #KERNEL_PROPERTY} is invalid
   */
  public GradientStep(Map<String, NDArray> trainable, OptimizerSpec spec) {
    this(trainable, spec, null);
  }

  /**
   * Creates the step and its optimiser state.
   *
   * @param trainable arrays with gradients attached, by a stable unique key
   * @param spec the optimiser
   * @param kernel the kernel, or null for {@link #defaultKernel}'s
   * @throws IllegalArgumentException when {@link Kernel#FUSED} is asked for and not available
   */
  public GradientStep(Map<String, NDArray> trainable, OptimizerSpec spec, Kernel kernel) {
    this(trainable, spec, kernel, NativeSettings.ompThreads(), PIECE);
  }

  /**
   * Creates the step with the fused pass's sharing given (the tests cut small arrays).
   *
   * @param threads threads sharing {@link Kernel#FUSED}'s pass, at least 1
   * @param piece elements per piece, at least 1
   */
  GradientStep(
      Map<String, NDArray> trainable, OptimizerSpec spec, Kernel kernel, int threads, int piece) {
    if (threads < 1 || piece < 1) {
      throw new IllegalArgumentException("threads " + threads + ", piece " + piece);
    }
    this.threads = threads;
    this.weights = new ArrayList<>(new LinkedHashMap<>(trainable).values());
    this.spec = spec;
    this.slots = spec.kind() == OptimizerSpec.Kind.ADAM ? 2 : spec.momentum() > 0 ? 1 : 0;
    boolean viewable = weights.stream().allMatch(NativeArrays::viewable);
    if (kernel == Kernel.FUSED && !viewable) {
      throw new IllegalArgumentException("the fused kernel needs dense float32 CPU arrays");
    }
    this.kernel = kernel != null ? kernel : defaultKernel(viewable);
    this.gradients = new ArrayList<>();
    for (NDArray w : weights) {
      NDArray g = w.getGradient();
      NDScope.unregister(g);
      gradients.add(g);
    }
    if (this.kernel == Kernel.FUSED) {
      states = null;
      memory = new float[weights.size()][slots][];
      weightCopy = new float[weights.size()][];
      gradientCopy = new float[weights.size()][];
      List<int[]> cut = new ArrayList<>();
      for (int i = 0; i < weights.size(); i++) {
        int n = Math.toIntExact(weights.get(i).size());
        for (int s = 0; s < slots; s++) {
          memory[i][s] = new float[n];
        }
        weightCopy[i] = new float[n];
        gradientCopy[i] = new float[n];
        for (int from = 0; from < n; from += piece) {
          cut.add(new int[] {i, from, Math.min(n, from + piece)});
        }
      }
      pieces = cut.toArray(int[][]::new);
    } else {
      memory = null;
      weightCopy = null;
      gradientCopy = null;
      pieces = null;
      states = new ArrayList<>();
      for (NDArray w : weights) {
        NDArray[] s = new NDArray[slots];
        for (int i = 0; i < slots; i++) {
          s[i] = w.zerosLike();
          NDScope.unregister(s[i]);
        }
        states.add(s);
      }
    }
  }

  /** {@return the kernel this step updates with} */
  public Kernel kernel() {
    return kernel;
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

  /**
   * Updates every array in place from its gradient buffer. With {@link Kernel#FUSED} this waits for
   * the engine to finish the backward pass first.
   */
  public void update() {
    t++;
    float lr = (float) spec.learningRate();
    float corrected =
        (float) (lr * Math.sqrt(1 - Math.pow(spec.beta2(), t)) / (1 - Math.pow(spec.beta1(), t)));
    if (kernel == Kernel.FUSED) {
      fused(lr, corrected);
      return;
    }
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      NDArray g = gradients.get(i);
      NDArray[] s = states.get(i);
      NDList out = new NDList(w);
      if (spec.kind() == OptimizerSpec.Kind.ADAM) {
        w.getNDArrayInternal()
            .adamUpdate(
                new NDList(w, g, s[0], s[1]),
                out,
                lr,
                corrected,
                0f,
                1f,
                -1f,
                (float) spec.beta1(),
                (float) spec.beta2(),
                (float) spec.epsilon(),
                false,
                false);
      } else if (s.length == 1) {
        w.getNDArrayInternal()
            .sgdUpdate(
                new NDList(w, g, s[0]), out, lr, 0f, 1f, -1f, (float) spec.momentum(), false);
      } else {
        w.getNDArrayInternal().sgdUpdate(new NDList(w, g), out, lr, 0f, 1f, -1f, 0f, false);
      }
    }
  }

  /**
   * The update as {@link Kernel#MXNET} computes it (weight decay 0, gradient scale 1, no clipping),
   * with every parameter as MXNet reads it from the decimal DJL passes ({@link MxnetFloats}).
   */
  private void fused(float lr, float corrected) {
    boolean adam = spec.kind() == OptimizerSpec.Kind.ADAM;
    float rate = MxnetFloats.asPassed(adam ? corrected : lr);
    float beta1 = MxnetFloats.asPassed((float) spec.beta1());
    float beta2 = MxnetFloats.asPassed((float) spec.beta2());
    float epsilon = MxnetFloats.asPassed((float) spec.epsilon());
    float momentum = MxnetFloats.asPassed((float) spec.momentum());
    JnaUtils.waitAll();
    MemorySegment[] wm = new MemorySegment[weights.size()];
    MemorySegment[] gm = new MemorySegment[weights.size()];
    for (int i = 0; i < wm.length; i++) {
      wm[i] = NativeArrays.segment(weights.get(i));
      gm[i] = NativeArrays.segment(gradients.get(i));
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int p = next.getAndIncrement(); p < pieces.length; p = next.getAndIncrement()) {
            piece(
                pieces[p],
                wm[pieces[p][0]],
                gm[pieces[p][0]],
                adam,
                rate,
                beta1,
                beta2,
                epsilon,
                momentum);
          }
        };
    int helpers = Math.min(threads, pieces.length) - 1;
    if (helpers <= 0) {
      work.run();
      return;
    }
    // Each helper, and this thread after its share, race to claim the helper's turn: a helper that
    // has not started by then (its core busy elsewhere) is not waited for, and does nothing.
    AtomicBoolean[] begun = new AtomicBoolean[helpers];
    List<Future<?>> helping = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      AtomicBoolean mine = new AtomicBoolean();
      begun[h] = mine;
      helping.add(
          HELPERS.submit(
              () -> {
                if (mine.compareAndSet(false, true)) {
                  work.run();
                }
              }));
    }
    work.run();
    for (int h = 0; h < helpers; h++) {
      if (!begun[h].compareAndSet(false, true)) {
        try {
          helping.get(h).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted during the optimiser step", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("the optimiser step failed", e.getCause());
        }
      }
    }
  }

  /**
   * Updates one piece: elements {@code piece[1]} to {@code piece[2]} of array {@code piece[0]},
   * whose memory is {@code wm}, its gradient's {@code gm}.
   */
  private void piece(
      int[] piece,
      MemorySegment wm,
      MemorySegment gm,
      boolean adam,
      float rate,
      float beta1,
      float beta2,
      float epsilon,
      float momentum) {
    int i = piece[0];
    int from = piece[1];
    int to = piece[2];
    long offset = (long) from * Float.BYTES;
    float[] w = weightCopy[i];
    float[] g = gradientCopy[i];
    // Loops over heap arrays vectorise, loops over native memory do not (JDK 25): copy in and
    // out.
    MemorySegment.copy(wm, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, w, from, to - from);
    MemorySegment.copy(gm, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, g, from, to - from);
    float[][] s = memory[i];
    if (adam) {
      FusedKernels.adam(w, g, s[0], s[1], from, to, rate, beta1, beta2, epsilon, 0f, 1f);
    } else if (s.length == 1) {
      FusedKernels.sgdMomentum(w, g, s[0], from, to, rate, momentum, 0f, 1f);
    } else {
      FusedKernels.sgd(w, g, from, to, rate, 0f, 1f);
    }
    MemorySegment.copy(w, from, wm, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, to - from);
  }

  /** {@return the trainable arrays, in update order} */
  public List<NDArray> weights() {
    return List.copyOf(weights);
  }

  private long[] shape(int array) {
    return weights.get(array).getShape().getShape();
  }

  private float[] slot(int array, int slot) {
    return kernel == Kernel.FUSED
        ? memory[array][slot].clone()
        : states.get(array)[slot].toFloatArray();
  }

  private void setSlot(int array, int slot, float[] values) {
    if (kernel == Kernel.FUSED) {
      System.arraycopy(values, 0, memory[array][slot], 0, values.length);
    } else {
      states.get(array)[slot].set(java.nio.FloatBuffer.wrap(values));
    }
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
    for (int i = 0; i < weights.size(); i++) {
      for (int slot = 0; slot < slots; slot++) {
        out.putFloats(prefix + i + "." + slot, slot(i, slot), shape(i));
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
    for (int i = 0; i < weights.size(); i++) {
      for (int slot = 0; slot < slots; slot++) {
        values.add(in.floats(prefix + i + "." + slot, shape(i)));
      }
    }
    if (in.contains(prefix + weights.size() + ".0")) {
      throw new org.dec4j.api.DataException(
          "the checkpoint's optimiser state is for more than the "
              + weights.size()
              + " trainable arrays of this run");
    }
    int at = 0;
    for (int i = 0; i < weights.size(); i++) {
      for (int slot = 0; slot < slots; slot++) {
        setSlot(i, slot, values.get(at++));
      }
    }
    t = Math.toIntExact(step);
  }

  /**
   * Frees the optimiser state and the gradient handles (not the gradients, which belong to the
   * arrays).
   */
  @Override
  public void close() {
    for (NDArray g : gradients) {
      g.close();
    }
    if (states != null) {
      for (NDArray[] s : states) {
        for (NDArray a : s) {
          a.close();
        }
      }
    }
  }
}
