package org.dec4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.junit.jupiter.api.DynamicNode;

/**
 * The contract every encoder plugin must pass, as a fluent runner.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *   return EncoderTestKit.encoder(new MyEncoder())
 *       .input(new ImageShape(1, 28, 28))      // the inputs to build for (default: 20 plain features)
 *       .refuses(20, null)                     // an input it must turn away with a message
 *       .tests();
 * }
 * }</pre>
 *
 * <p>The checks, in order: the metadata checks every plugin shares (see {@link ObjectiveTestKit});
 * then, for every input, the blocks are built, initialised as the runtime initialises them (with a
 * b x d input and a b x m embedding; weights drawn Glorot-uniform, biases zero) and checked: the
 * encoder maps b x d to b x m and the decoder b x m back to b x d for several batch sizes; the
 * stages, if any, are made of the very blocks of the encoder and decoder (so stacked pretraining
 * trains the whole network); a reconstruction loss sends a finite, non-zero gradient to every
 * parameter; two builds have the same parameters in the same order, with the same names and shapes
 * (the runtime's weight files and autoencoder cache rely on it); weights copied by position into a
 * fresh build give the same embedding and reconstruction (a save/load round trip); and inference
 * gives the same output twice. Inputs given to {@link #refuses} must be refused with a {@link
 * ConfigException} that says why, when {@code create} is called, not later.
 */
public final class EncoderTestKit {
  static final String BUILDS = "create() builds an encoder and a decoder for every input";
  static final String SHAPES =
      "the encoder maps b x d to b x m and the decoder b x m back to b x d";
  static final String STAGES = "the stages are made of the encoder's and decoder's own blocks";
  static final String GRADIENTS =
      "a reconstruction loss reaches every parameter with a finite, non-zero gradient";
  static final String SAME_BUILD =
      "two builds have the same parameters, in order, with the same names and shapes";
  static final String ROUND_TRIP =
      "weights copied into a fresh build give the same embedding and reconstruction";
  static final String INFERENCE = "inference gives the same output twice";
  static final String REFUSALS =
      "inputs it cannot build for are refused by create() with a ConfigException saying why";

  private static final int[] BATCHES = {1, 3, 8};

  private final Encoder encoder;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final List<Input> inputs = new ArrayList<>();
  private final List<Input> refused = new ArrayList<>();
  private long seed = 7;

  /** An input to build for: d features, and the image shape behind them or null. */
  private record Input(int dim, ImageShape image) {
    @Override
    public String toString() {
      return image == null ? dim + " features" : "images of " + image;
    }
  }

  private EncoderTestKit(Encoder encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /**
   * Starts a contract run for an encoder.
   *
   * @param encoder a provider instance, constructed as {@link java.util.ServiceLoader} would
   * @return the kit, to configure and run
   */
  public static EncoderTestKit encoder(Encoder encoder) {
    return new EncoderTestKit(encoder);
  }

  /**
   * Sets a hyperparameter of the builds (e.g. small widths to keep the checks quick).
   *
   * @param name a declared name
   * @param value its value, as a user would give it
   * @return this kit
   */
  public EncoderTestKit param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /**
   * Adds an input of plain features to build for (default, when no input is added: 20 features).
   *
   * @param dim the feature count d
   * @return this kit
   */
  public EncoderTestKit input(int dim) {
    inputs.add(new Input(dim, null));
    return this;
  }

  /**
   * Adds an input of images to build for.
   *
   * @param image the images' shape; d is its pixel count
   * @return this kit
   */
  public EncoderTestKit input(ImageShape image) {
    inputs.add(new Input(image.values(), image));
    return this;
  }

  /**
   * Adds an input the encoder must refuse in {@code create} with a {@link ConfigException}.
   *
   * @param dim the feature count
   * @param image the image shape, or null
   * @return this kit
   */
  public EncoderTestKit refuses(int dim, ImageShape image) {
    refused.add(new Input(dim, image));
    return this;
  }

  /**
   * Sets the seed of the weights and the inputs (default 7).
   *
   * @param seed the seed
   * @return this kit
   */
  public EncoderTestKit seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** {@return every check's outcome, after running all of them} */
  public ContractResults execute() {
    return checks().run();
  }

  /** {@return the checks as JUnit dynamic tests, in one container named after the plugin} */
  public Stream<DynamicNode> tests() {
    return checks().dynamicTests();
  }

  private List<Input> inputs() {
    return inputs.isEmpty() ? List.of(new Input(20, null)) : inputs;
  }

  private Checks checks() {
    String id;
    try {
      id = encoder.info().id();
    } catch (RuntimeException e) {
      id = encoder.getClass().getName();
    }
    Checks checks = new Checks("encoder '" + id + "'");
    MetadataChecks.add(checks, encoder::info);

    checks.add(
        BUILDS,
        () -> {
          List<String> built = new ArrayList<>();
          for (Input in : inputs()) {
            Autoencoder a = build(in);
            if (a == null || a.encoder() == null || a.decoder() == null) {
              return MetadataChecks.fail(
                  "create() for "
                      + in
                      + " returned no "
                      + (a == null ? "autoencoder" : a.encoder() == null ? "encoder" : "decoder"));
            }
            if (a.embeddingDim() < 1) {
              return MetadataChecks.fail(
                  "create() for " + in + " declares embedding dimension " + a.embeddingDim());
            }
            built.add(in + " -> " + a.embeddingDim());
          }
          return MetadataChecks.pass(String.join(", ", built));
        });
    checks.add(
        SHAPES,
        () ->
            forEach(
                (in, net) -> {
                  for (int b : BATCHES) {
                    NDArray x = net.input(b);
                    NDArray z = net.forward(net.a.encoder(), x, false);
                    if (!z.getShape().equals(new Shape(b, net.a.embeddingDim()))) {
                      return "for "
                          + in
                          + " the encoder maps "
                          + x.getShape()
                          + " to "
                          + z.getShape()
                          + ", not ("
                          + b
                          + ", "
                          + net.a.embeddingDim()
                          + ")";
                    }
                    NDArray y = net.forward(net.a.decoder(), z, false);
                    if (!y.getShape().equals(x.getShape())) {
                      return "for "
                          + in
                          + " the decoder maps "
                          + z.getShape()
                          + " to "
                          + y.getShape()
                          + ", not "
                          + x.getShape();
                    }
                  }
                  return null;
                },
                "batches " + Arrays.toString(BATCHES)));
    checks.add(
        STAGES,
        () -> {
          int stages = 0;
          for (Input in : inputs()) {
            Autoencoder a = build(in);
            List<Parameter> all = new ArrayList<>(a.encoder().getParameters().values());
            all.addAll(a.decoder().getParameters().values());
            for (Autoencoder.Stage s : a.stages()) {
              stages++;
              for (Block part : List.of(s.encoder(), s.decoder())) {
                for (Parameter p : part.getParameters().values()) {
                  if (all.stream().noneMatch(q -> q == p)) {
                    return MetadataChecks.fail(
                        "for "
                            + in
                            + " stage "
                            + a.stages().indexOf(s)
                            + " has parameter '"
                            + p.getName()
                            + "' that is not in the encoder or decoder: stacked pretraining would train a copy");
                  }
                }
              }
            }
          }
          return stages == 0
              ? new Outcome.Skipped("no stages: the encoder offers end-to-end pretraining only")
              : MetadataChecks.pass(stages + " stages");
        });
    checks.add(
        GRADIENTS,
        () ->
            forEach(
                (in, net) -> {
                  NDArray x = net.input(8);
                  List<Parameter> ps = net.parameters();
                  for (Parameter p : ps) {
                    p.getArray().setRequiresGradient(true);
                  }
                  try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y =
                        net.forward(net.a.decoder(), net.forward(net.a.encoder(), x, true), true);
                    NDArray loss = y.sub(x).square().mean();
                    collector.backward(loss);
                  }
                  for (Parameter p : ps) {
                    // Reduced on the engine: MXNet keeps some convolution gradients in oneDNN's
                    // blocked layout,
                    // which a read to the host cannot reorder (a 1-channel 5x5 kernel's, on MXNet
                    // 1.9.1).
                    double sum =
                        p.getArray()
                            .getGradient()
                            .abs()
                            .sum()
                            .toType(DataType.FLOAT64, false)
                            .getDouble();
                    boolean finite = Double.isFinite(sum);
                    boolean nonZero = sum > 0;
                    if (!finite || !nonZero) {
                      return "for "
                          + in
                          + " parameter '"
                          + p.getName()
                          + "' "
                          + p.getArray().getShape()
                          + " gets "
                          + (finite ? "a zero" : "a non-finite")
                          + " gradient";
                    }
                  }
                  return null;
                },
                "MSE reconstruction, batch 8"));
    checks.add(
        SAME_BUILD,
        () ->
            forEach(
                (in, net) -> {
                  try (Net other = new Net(in, build(in), seed + 1)) {
                    List<Parameter> a = net.parameters();
                    List<Parameter> b = other.parameters();
                    if (a.size() != b.size()) {
                      return "for "
                          + in
                          + " two builds have "
                          + a.size()
                          + " and "
                          + b.size()
                          + " parameters";
                    }
                    for (int i = 0; i < a.size(); i++) {
                      if (!a.get(i).getName().equals(b.get(i).getName())
                          || !a.get(i)
                              .getArray()
                              .getShape()
                              .equals(b.get(i).getArray().getShape())) {
                        return "for "
                            + in
                            + " parameter "
                            + i
                            + " is '"
                            + a.get(i).getName()
                            + "' "
                            + a.get(i).getArray().getShape()
                            + " in one build and '"
                            + b.get(i).getName()
                            + "' "
                            + b.get(i).getArray().getShape()
                            + " in another";
                      }
                    }
                  }
                  return null;
                },
                ""));
    checks.add(
        ROUND_TRIP,
        () ->
            forEach(
                (in, net) -> {
                  try (Net other = new Net(in, build(in), seed + 1)) {
                    List<Parameter> from = net.parameters();
                    List<Parameter> to = other.parameters();
                    for (int i = 0; i < from.size(); i++) {
                      to.get(i)
                          .getArray()
                          .set(FloatBuffer.wrap(from.get(i).getArray().toFloatArray()));
                    }
                    NDArray x = net.input(5);
                    NDArray z = net.forward(net.a.encoder(), x, false);
                    NDArray z2 = other.forward(other.a.encoder(), x, false);
                    if (!Arrays.equals(z.toFloatArray(), z2.toFloatArray())) {
                      return "for " + in + " a build with copied weights embeds differently";
                    }
                    if (!Arrays.equals(
                        net.forward(net.a.decoder(), z, false).toFloatArray(),
                        other.forward(other.a.decoder(), z, false).toFloatArray())) {
                      return "for " + in + " a build with copied weights reconstructs differently";
                    }
                  }
                  return null;
                },
                ""));
    checks.add(
        INFERENCE,
        () ->
            forEach(
                (in, net) -> {
                  NDArray x = net.input(4);
                  float[] a = net.forward(net.a.encoder(), x, false).toFloatArray();
                  float[] b = net.forward(net.a.encoder(), x, false).toFloatArray();
                  return Arrays.equals(a, b)
                      ? null
                      : "for " + in + " two inference passes differ (dropout or noise left on?)";
                },
                ""));
    checks.add(
        REFUSALS,
        () -> {
          if (refused.isEmpty()) {
            return new Outcome.Skipped("no input to refuse was given (refuses(d, image))");
          }
          for (Input in : refused) {
            try {
              build(in);
              return MetadataChecks.fail("create() accepted " + in + ", which it should refuse");
            } catch (ConfigException e) {
              if (e.getMessage() == null || e.getMessage().isBlank()) {
                return MetadataChecks.fail("create() refused " + in + " with an empty message");
              }
            }
          }
          return MetadataChecks.pass(refused.size() + " refused");
        });
    return checks;
  }

  private Autoencoder build(Input in) {
    Hyperparameters h = encoder.info().resolve(params);
    return encoder.create(new EncoderSpec(in.dim(), h, in.image()));
  }

  /** A check on one built and initialised network; returns a problem, or null. */
  private interface NetCheck {
    String check(Input in, Net net);
  }

  private Outcome forEach(NetCheck check, String detail) {
    for (Input in : inputs()) {
      try (Net net = new Net(in, build(in), seed)) {
        String problem = check.check(in, net);
        if (problem != null) {
          return MetadataChecks.fail(problem);
        }
      } catch (RuntimeException e) {
        return new Outcome.Failed("for " + in + ": " + e.getMessage(), e);
      }
    }
    return MetadataChecks.pass(detail);
  }

  /** The blocks of one build, initialised as the runtime does, in a manager of their own. */
  private static final class Net implements AutoCloseable {
    final Autoencoder a;
    private final Input in;
    private final NDManager manager;
    private final ParameterStore store;
    private final SplittableRandom random;

    Net(Input in, Autoencoder a, long seed) {
      this.in = in;
      this.a = a;
      this.manager = NDManager.newBaseManager();
      this.store = new ParameterStore(manager, false);
      this.random = new SplittableRandom(seed);
      a.encoder().initialize(manager, DataType.FLOAT32, new Shape(1, in.dim()));
      a.decoder().initialize(manager, DataType.FLOAT32, new Shape(1, a.embeddingDim()));
      for (Parameter p : parameters()) {
        NDArray array = p.getArray();
        long[] shape = array.getShape().getShape();
        float[] values = new float[(int) array.size()];
        if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.RUNNING_VAR) {
          Arrays.fill(values, 1f);
        } else if (shape.length >= 2) {
          long receptive = 1;
          for (int d = 2; d < shape.length; d++) {
            receptive *= shape[d];
          }
          double limit = Math.sqrt(6.0 / ((shape[0] + shape[1]) * (double) receptive));
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
          }
        }
        array.set(FloatBuffer.wrap(values));
      }
    }

    List<Parameter> parameters() {
      List<Parameter> out = new ArrayList<>(a.encoder().getParameters().values());
      out.addAll(a.decoder().getParameters().values());
      return out;
    }

    /** A batch of b inputs in [0, 1), as pixels scaled to [0, 1] would be. */
    NDArray input(int b) {
      float[] v = new float[b * in.dim()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextDouble();
      }
      return manager.create(v, new Shape(b, in.dim()));
    }

    NDArray forward(Block block, NDArray x, boolean training) {
      return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
