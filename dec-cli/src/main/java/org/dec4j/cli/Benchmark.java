package org.dec4j.cli;

import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.runtime.NativeSettings;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.Runner;
import org.dec4j.runtime.Seeds;
import org.dec4j.runtime.SmileKMeans;
import org.dec4j.runtime.Versions;
import org.dec4j.runtime.internal.EngineAccess;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.nn.BatchSampler;
import org.dec4j.runtime.nn.GradientStep;
import org.dec4j.runtime.nn.MlpEncoder;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.Pretrainer;

/**
 * Measures how fast dec4j trains on this machine: seconds per pretraining epoch, per 1,000
 * clustering iterations of each method, per full-data target refresh, k-means initialisation and
 * metrics, with the dense layers' achieved GFLOP/s against a measured sgemm rate and the peak
 * memory. Every timed row is repeated and reported as median, min and max, with the 1-minute load
 * average at its start and end (a loaded machine makes every figure slower).
 *
 * <p>The clustering rows run the runtime's real clustering loop with each method's own session, so
 * they include the periodic full-data refreshes (every {@code refresh_interval} iterations) and the
 * per-refresh metrics, as a real run does. Their first interval is a warm-up and not counted; each
 * repetition is {@code ceil(iterations / interval)} whole intervals, scaled to {@code iterations}.
 *
 * <p>FLOP counts follow the usual convention for dense layers: forward {@code 2 n in out}, backward
 * twice that.
 */
public final class Benchmark {
  /** The rows, in the order they run. */
  public static final List<String> ROWS =
      List.of(
          "sgemm",
          "pretrain",
          "pretrain-sgd",
          "step",
          "refresh",
          "kmeans",
          "metrics",
          "dec",
          "idec",
          "dcn",
          "memory");

  /** Environment variables that change how MXNet, OpenMP and the BLAS use threads. */
  static final List<String> THREAD_ENV =
      List.of(
          "MXNET_ENGINE_TYPE",
          "MXNET_CPU_WORKER_NTHREADS",
          "MXNET_CPU_PRIORITY_NTHREADS",
          "MXNET_EXEC_BULK_EXEC_TRAIN",
          "MXNET_MKLDNN_ENABLED",
          "OMP_NUM_THREADS",
          "MKL_NUM_THREADS",
          "OPENBLAS_NUM_THREADS",
          "KMP_AFFINITY",
          "OMP_PROC_BIND",
          "OMP_WAIT_POLICY");

  /**
   * What to measure.
   *
   * @param dataset data set id, or {@code random} for a uniform random matrix
   * @param datasetOptions the data set's options
   * @param dataPath where data files are looked for
   * @param randomRows rows of the random matrix (used for {@code random}, or when the data set is
   *     missing)
   * @param randomDim columns of the random matrix
   * @param dims encoder widths after the input
   * @param batchSize batch size of pretraining and clustering
   * @param repetitions timed repetitions of every row (a warm-up comes first where it matters)
   * @param iterations clustering iterations per repetition
   * @param refreshInterval clustering iterations between full-data refreshes
   * @param kmeansRestarts restarts of the k-means row
   * @param rows the rows to run, from {@link #ROWS}
   * @param seed seed of the data, weights and batch order
   */
  public record Options(
      String dataset,
      Map<String, Object> datasetOptions,
      List<Path> dataPath,
      int randomRows,
      int randomDim,
      List<Integer> dims,
      int batchSize,
      int repetitions,
      int iterations,
      int refreshInterval,
      int kmeansRestarts,
      List<String> rows,
      long seed) {

    /** Checks the values, naming the field. */
    public Options {
      datasetOptions = Map.copyOf(datasetOptions);
      dataPath = List.copyOf(dataPath);
      dims = List.copyOf(dims);
      rows = List.copyOf(rows);
      positive("random rows", randomRows);
      positive("random dimension", randomDim);
      positive("batch size", batchSize);
      positive("repetitions", repetitions);
      positive("iterations", iterations);
      positive("refresh interval", refreshInterval);
      positive("k-means restarts", kmeansRestarts);
      for (String row : rows) {
        if (!ROWS.contains(row)) {
          throw new ConfigException(
              "bench row '" + row + "' is unknown; rows are " + String.join(", ", ROWS));
        }
      }
    }

    private static void positive(String name, int value) {
      if (value < 1) {
        throw new ConfigException("bench " + name + " = " + value + " must be >= 1");
      }
    }
  }

  /**
   * One measured row.
   *
   * @param name what was measured
   * @param unit the unit of the samples
   * @param samples one value per repetition
   * @param gflops achieved GFLOP/s at the median, or NaN when not counted
   * @param cpu process CPU seconds per unit of the row (all threads, mean over the repetitions), or
   *     NaN
   * @param loadBefore 1-minute load average when the row started
   * @param loadAfter 1-minute load average when it ended
   * @param note extra facts (sizes, memory drift), may be empty
   * @param pytorch PyTorch's figure of the same row at the same thread count ({@code bench
   *     --pytorch}), or null
   */
  public record Row(
      String name,
      String unit,
      double[] samples,
      double gflops,
      double cpu,
      double loadBefore,
      double loadAfter,
      String note,
      PytorchFigures.Figure pytorch) {
    /** {@return the median sample} */
    public double median() {
      double[] s = samples.clone();
      Arrays.sort(s);
      int m = s.length / 2;
      return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /**
     * {@return this row with PyTorch's figure of the same row}
     *
     * @param figure PyTorch's figure, or null
     */
    public Row comparedWith(PytorchFigures.Figure figure) {
      return new Row(name, unit, samples, gflops, cpu, loadBefore, loadAfter, note, figure);
    }

    /** {@return the smallest sample} */
    public double min() {
      return Arrays.stream(samples).min().orElse(Double.NaN);
    }

    /** {@return the largest sample} */
    public double max() {
      return Arrays.stream(samples).max().orElse(Double.NaN);
    }

    /**
     * {@return the table line of this row, with this process's OpenMP thread count in the thr
     * column}
     */
    public String format() {
      String ref = "";
      if (pytorch != null) {
        ref =
            String.format(
                Locale.ROOT, "%.2fx (%s)", pytorch.ratio(median()), trim(pytorch.median()));
      }
      return String.format(
              Locale.ROOT,
              "%-26s %9s %9s %9s  %-9s %3d %9s %7s  %5.2f-%5.2f  %-16s %s",
              name,
              num(median()),
              num(min()),
              num(max()),
              unit,
              NativeSettings.ompThreads(),
              num(cpu),
              Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.1f", gflops),
              loadBefore,
              loadAfter,
              ref,
              note)
          .stripTrailing();
    }
  }

  /** The column titles matching {@link Row#format()}. */
  public static final String TABLE_HEADER =
      String.format(
          Locale.ROOT,
          "%-26s %9s %9s %9s  %-9s %3s %9s %7s  %-11s  %-16s %s",
          "row",
          "median",
          "min",
          "max",
          "unit",
          "thr",
          "cpu",
          "GFLOP/s",
          "load1",
          "vs pytorch",
          "notes");

  /**
   * What a benchmark produced.
   *
   * @param setup the settings lines (data, JVM, threads)
   * @param rows the measured rows
   */
  public record Report(List<String> setup, List<Row> rows) {}

  private final Runner runner;
  private final PytorchFigures pytorch;

  /**
   * Creates a benchmark over the given plugins (the methods and data sets come from there).
   *
   * @param registry the plugins
   */
  public Benchmark(PluginRegistry registry) {
    this(registry, null);
  }

  /**
   * Creates a benchmark whose rows are set beside PyTorch's figures from this machine.
   *
   * @param registry the plugins
   * @param pytorch what {@code tools/bench/pytorch_reference.py} printed here, or null
   */
  Benchmark(PluginRegistry registry, PytorchFigures pytorch) {
    this.runner = new Runner(registry);
    this.pytorch = pytorch;
  }

  /**
   * Runs the selected rows, printing each line as soon as it is known.
   *
   * @param options what to measure
   * @param out receives the setup lines, the table header and one line per row
   * @param progress progress of the long phases
   * @return everything printed, as data
   */
  public Report run(Options options, Consumer<String> out, ProgressSink progress) {
    for (String method : options.rows()) {
      if (List.of("dec", "idec", "dcn").contains(method)) {
        runner.registry().objective(method);
      }
    }
    Data data = loadData(options, progress);
    List<String> setup = setup(options, data);
    int n = data.features().rows();
    int d = data.features().cols();
    String mismatch = pytorch == null ? null : pytorchMismatch(options, n, d);
    if (pytorch != null) {
      setup.add(mismatch == null ? pytorch.describe() : "pytorch  no ratios: " + mismatch);
    }
    setup.forEach(out);
    out.accept(TABLE_HEADER);
    List<Row> rows = new ArrayList<>();
    PytorchFigures figures = mismatch == null ? pytorch : null;
    int threads = NativeSettings.ompThreads();
    Consumer<Row> emit =
        measured -> {
          Row row =
              figures == null
                  ? measured
                  : measured.comparedWith(figures.find(measured.name(), threads).orElse(null));
          rows.add(row);
          out.accept(row.format());
        };
    Seeds.of(options.seed()).seedEngine();
    if (options.rows().contains("sgemm")) {
      sgemm(options, emit);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(data.features().values(), new Shape(n, d));
      Encoder encoder = runner.registry().encoder(MlpEncoder.ID);
      Hyperparameters encoderParams =
          encoder.info().resolve(Map.of(MlpEncoder.DIMS, options.dims()));
      Autoencoder blocks = encoder.create(new EncoderSpec(d, encoderParams));
      List<Integer> widths = new ArrayList<>();
      widths.add(d);
      widths.addAll(options.dims());
      long macs = 0;
      for (int i = 0; i + 1 < widths.size(); i++) {
        macs += (long) widths.get(i) * widths.get(i + 1);
      }
      try (Network network = new Network(blocks, d, manager, options.seed())) {
        if (options.rows().contains("pretrain")) {
          pretrain(options, network, x, 2 * macs, false, emit, progress);
        }
        if (options.rows().contains("pretrain-sgd")) {
          pretrain(options, network, x, 2 * macs, true, emit, progress);
        }
        if (options.rows().contains("step")) {
          step(options, network, x, 2 * macs, emit);
        }
        SmileKMeans oneRestart = new SmileKMeans(1, 300, 1e-4);
        NDArray z = null;
        if (options.rows().contains("refresh")
            || options.rows().contains("kmeans")
            || options.rows().contains("metrics")) {
          z = network.embedAll(x, manager);
        }
        if (options.rows().contains("refresh")) {
          refresh(options, network, x, data, macs, oneRestart, emit);
        }
        if (options.rows().contains("kmeans")) {
          kmeans(options, z, data.classes(), emit);
        }
        if (options.rows().contains("metrics")) {
          metrics(options, z, data, oneRestart, emit);
        }
        for (String method : List.of("dec", "idec", "dcn")) {
          if (options.rows().contains(method)) {
            cluster(options, method, network, x, data, macs, emit, progress);
          }
        }
      }
    }
    if (options.rows().contains("memory")) {
      emit.accept(memory());
    }
    return new Report(setup, rows);
  }

  /** The features, labels and class count being measured on, and where they come from. */
  private record Data(FeatureMatrix features, int[] labels, int classes, String source) {}

  private Data loadData(Options options, ProgressSink progress) {
    String fallback = null;
    if (!"random".equals(options.dataset())) {
      try {
        LoadedDataset loaded =
            runner.load(
                options.dataset(),
                options.datasetOptions(),
                options.dataPath(),
                false,
                options.seed());
        int classes = Math.max(2, loaded.classCount());
        int[] labels =
            loaded.labels() != null
                ? loaded.labels()
                : randomLabels(loaded.size(), classes, options.seed());
        return new Data(loaded.features(), labels, classes, loaded.id());
      } catch (DataException e) {
        fallback = options.dataset() + " not usable (" + e.getMessage() + ")";
        progress.info(fallback + "; measuring on a random matrix of the same shape");
      }
    }
    int n = options.randomRows();
    int d = options.randomDim();
    float[] values = new float[Math.multiplyExact(n, d)];
    SplittableRandom random = new SplittableRandom(options.seed());
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    String source = "random uniform [0,1)" + (fallback == null ? "" : ", because " + fallback);
    return new Data(
        new FeatureMatrix(values, n, d), randomLabels(n, 10, options.seed()), 10, source);
  }

  private static int[] randomLabels(int n, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x1abe15L);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  /**
   * Why PyTorch's figures do not describe the same work as this run, or null when they do: the
   * script measures its data's shape with the d-500-500-2000-10 network, batch 256 and a refresh
   * every 140 iterations.
   */
  private String pytorchMismatch(Options options, int n, int d) {
    List<String> differences = new ArrayList<>();
    if (n != pytorch.rows() || d != pytorch.cols()) {
      differences.add(
          String.format(
              Locale.ROOT,
              "its data is %d x %d, this run's %d x %d",
              pytorch.rows(),
              pytorch.cols(),
              n,
              d));
    }
    if (!options.dims().equals(PYTORCH_DIMS)) {
      differences.add("its network is d-" + joined(PYTORCH_DIMS));
    }
    if (options.batchSize() != 256) {
      differences.add("its batch size is 256");
    }
    if (options.refreshInterval() != 140) {
      differences.add("it refreshes every 140 iterations");
    }
    return differences.isEmpty()
        ? null
        : pytorch.source() + " measured other work (" + String.join("; ", differences) + ")";
  }

  /** The network {@code pytorch_reference.py} measures. */
  private static final List<Integer> PYTORCH_DIMS = List.of(500, 500, 2000, 10);

  private static List<String> setup(Options options, Data data) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "data     %s: %d x %d, k = %d",
            data.source(),
            data.features().rows(),
            data.features().cols(),
            data.classes()));
    lines.add(
        String.format(
            Locale.ROOT,
            "network  d-%s, batch %d, refresh every %d iterations, %d repetitions "
                + "(median, min, max)",
            joined(options.dims()),
            options.batchSize(),
            options.refreshInterval(),
            options.repetitions()));
    var runtime = ManagementFactory.getRuntimeMXBean();
    lines.add(
        String.format(
            Locale.ROOT,
            "jvm      %s %s, %d processors, max heap %d MB, args: %s",
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20,
            String.join(
                " ",
                runtime.getInputArguments().stream()
                    .filter(a -> !a.startsWith("--module-path") && !a.startsWith("-Djdk.module"))
                    .toList())));
    Map<String, String> libs = Versions.libraries();
    lines.add(
        "engine   djl "
            + libs.get("djl")
            + ", "
            + libs.get("engine")
            + ", "
            + EngineAccess.engine().nativeFeatures()
            + ", optimiser kernel "
            + kernelName(GradientStep.defaultKernel(true))
            + " (-D"
            + GradientStep.KERNEL_PROPERTY
            + "="
            + System.getProperty(GradientStep.KERNEL_PROPERTY, "auto")
            + "; the other timed beside it)");
    StringBuilder env = new StringBuilder("threads ");
    for (String name : THREAD_ENV) {
      String value = NativeSettings.nativeEnv(name);
      env.append(' ').append(name).append('=').append(value == null ? "unset" : value);
    }
    lines.add(env.toString());
    lines.add(
        String.format(Locale.ROOT, "machine  %s, load average %s", cpuModel(), loadAverages()));
    return lines;
  }

  /**
   * The best dense matrix product rate: MXNet's FullyConnected (oneDNN's sgemm in the MKL build),
   * the kernel the layers use, and for comparison {@code matMul} (the bundled OpenBLAS).
   */
  private static void sgemm(Options options, Consumer<Row> emit) {
    double load = load();
    int size = 2048;
    double flops = 2.0 * size * size * size;
    double[] rates = new double[options.repetitions()];
    double[] blas = new double[options.repetitions()];
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(size, size));
      NDArray b = m.randomUniform(-1, 1, new Shape(size, size));
      for (int r = -1; r < rates.length; r++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          long t = System.nanoTime();
          a.getNDArrayInternal().linear(a, b, null).singletonOrThrow().get(0, 0).getFloat();
          long t2 = System.nanoTime();
          a.matMul(b).get(0, 0).getFloat();
          long t3 = System.nanoTime();
          if (r >= 0) {
            rates[r] = flops / ((t2 - t) / 1e9) / 1e9;
            blas[r] = flops / ((t3 - t2) / 1e9) / 1e9;
          }
        }
      }
    }
    emit.accept(
        new Row(
            "sgemm " + size + "^3 (peak)",
            "GFLOP/s",
            rates,
            Double.NaN,
            Double.NaN,
            load,
            load(),
            String.format(
                Locale.ROOT,
                "float32 FullyConnected (oneDNN); matMul (OpenBLAS) %.1f",
                median(blas)),
            null));
  }

  private static void pretrain(
      Options options,
      Network network,
      NDArray x,
      long forwardMacsPerRow,
      boolean sgd,
      Consumer<Row> emit,
      ProgressSink progress) {
    double load = load();
    int epochs = options.repetitions() + 1;
    // SGD as DEC-keras' recipe runs it, with a small rate: it runs on the network the Adam row
    // trained, and the time does not depend on it.
    PretrainConfig config =
        sgd
            ? new PretrainConfig(
                "end-to-end",
                epochs,
                0,
                options.batchSize(),
                0.01,
                0.2,
                "sgd",
                PretrainConfig.DEFAULT_MOMENTUM)
            : new PretrainConfig("end-to-end", epochs, 0, options.batchSize(), 0.001, 0.2);
    Clock clock = new Clock("pretrain", progress);
    new Pretrainer(network, x, config, options.seed(), clock).run();
    double[] seconds = clock.intervals(1, options.repetitions(), 1);
    double cpu = clock.cpu(1, options.repetitions(), 1);
    long n = x.getShape().get(0);
    double flops = 3.0 * 2 * forwardMacsPerRow * n;
    emit.accept(
        new Row(
            sgd ? "pretrain epoch, SGD" : "pretrain epoch",
            "s/epoch",
            seconds,
            flops / median(seconds) / 1e9,
            cpu,
            load,
            load(),
            String.format(
                Locale.ROOT,
                "%s, 1 warm-up epoch not counted, rss %s",
                sgd ? "SGD with momentum 0.9" : "Adam",
                rss()),
            null));
  }

  /** Batches per repetition of the {@code step} rows. */
  static final int STEP_BATCHES = 40;

  /**
   * One pretraining step taken apart, so the time around the matrix products can be told from them:
   * the forward pass and loss alone, forward and backward, the optimiser's update alone, and the
   * whole step as pretraining takes it. Every batch of every part waits for the engine to finish,
   * so a part's time is its own; the parts run in turn over the same batches, after one warm-up
   * repetition.
   *
   * <p>The updates are timed on stale gradients again and again, which moves the weights far from
   * anything training would reach (on random data the embedding became infinite, and the clustering
   * rows after it failed), so the weights are put back as they were found: the rows after this one
   * time the network the pretraining rows left.
   */
  static void step(
      Options options, Network network, NDArray x, long forwardMacsPerRow, Consumer<Row> emit) {
    Map<String, NDArray> trainable = GradientStep.trainable(network.parameters(true));
    List<NDArray> weights = List.copyOf(trainable.values());
    List<float[]> found = weights.stream().map(NDArray::toFloatArray).toList();
    try {
      timeStep(options, network, x, forwardMacsPerRow, emit, trainable);
    } finally {
      for (int i = 0; i < weights.size(); i++) {
        weights.get(i).set(FloatBuffer.wrap(found.get(i)));
      }
    }
  }

  /** {@link #step}'s timing, on the network's {@code trainable} arrays. */
  private static void timeStep(
      Options options,
      Network network,
      NDArray x,
      long forwardMacsPerRow,
      Consumer<Row> emit,
      Map<String, NDArray> trainable) {
    double load = load();
    int n = (int) x.getShape().get(0);
    BatchSampler sampler = new BatchSampler(n, options.batchSize(), true, options.seed());
    int[][] batches = new int[STEP_BATCHES][];
    long rows = 0;
    for (int i = 0; i < batches.length; i++) {
      batches[i] = sampler.next();
      rows += batches[i].length;
    }
    // The default kernel (as -Ddec4j.optimizer.kernel chooses it), and the other one beside it,
    // for Adam (pretraining's and IDEC's optimiser) and SGD with momentum (DEC's, and pretraining's
    // in DEC-keras' recipe).
    GradientStep.Kernel kernel = GradientStep.defaultKernel(true);
    GradientStep.Kernel other =
        kernel == GradientStep.Kernel.FUSED ? GradientStep.Kernel.MXNET : GradientStep.Kernel.FUSED;
    String otherName = kernelName(other);
    String[] parts = {
      "forward + loss",
      "forward + backward",
      "Adam update",
      "whole step",
      "Adam update, " + otherName,
      "SGD update",
      "SGD update, " + otherName
    };
    // Dense-layer FLOPs per batch of each part (backward: twice the forward), averaged over the
    // batches.
    double forward = 2.0 * forwardMacsPerRow * rows / batches.length;
    double[] flops = {
      forward, 3 * forward, Double.NaN, 3 * forward, Double.NaN, Double.NaN, Double.NaN
    };
    double[][] ms = new double[parts.length][options.repetitions()];
    long[] cpu = new long[parts.length];
    OptimizerSpec adam = OptimizerSpec.adam(0.001);
    // A small rate: the SGD parts run on the same network after the Adam ones.
    OptimizerSpec sgd = OptimizerSpec.sgd(1e-6, 0.9);
    try (GradientStep step = new GradientStep(trainable, adam, kernel);
        GradientStep adamOther = new GradientStep(trainable, adam, other);
        GradientStep sgdStep = new GradientStep(trainable, sgd, kernel);
        GradientStep sgdOther = new GradientStep(trainable, sgd, other)) {
      for (int r = -1; r < options.repetitions(); r++) {
        for (int part = 0; part < parts.length; part++) {
          long c = cpuNanos();
          long t = System.nanoTime();
          for (int[] batch : batches) {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              NDArray xb =
                  part == 0 || part == 1 || part == 3 ? x.get(x.getManager().create(batch)) : null;
              Supplier<NDArray> loss =
                  () ->
                      ClusteringMath.meanSquaredError(
                          xb, network.decode(network.encode(xb, true), true));
              switch (part) {
                case 0 -> loss.get();
                case 1 -> step.backward(loss);
                case 2 -> step.update();
                case 3 -> step.run(loss);
                case 4 -> adamOther.update();
                case 5 -> sgdStep.update();
                default -> sgdOther.update();
              }
              JnaUtils.waitAll();
            }
          }
          if (r >= 0) {
            ms[part][r] = (System.nanoTime() - t) / 1e6 / batches.length;
            cpu[part] += cpuNanos() - c;
          }
        }
      }
    }
    long params = trainable.values().stream().mapToLong(NDArray::size).sum();
    String arrays =
        String.format(Locale.ROOT, "%d arrays, %.2f M parameters", trainable.size(), params / 1e6);
    for (int part = 0; part < parts.length; part++) {
      double median = median(ms[part]);
      emit.accept(
          new Row(
              "step: " + parts[part],
              "ms/batch",
              ms[part],
              flops[part] / median / 1e6,
              cpu[part] / 1e6 / options.repetitions() / batches.length,
              load,
              load(),
              switch (part) {
                case 0 ->
                    "pretraining's batch, d-"
                        + joined(options.dims())
                        + " and back, MSE, no gradients";
                case 1 -> "recorded, back-propagated into the gradient buffers";
                case 2, 5 -> describe(kernel, part == 2, true) + ", " + arrays;
                case 3 ->
                    "both, as pretraining runs it; every part waits for the engine after each batch";
                default -> describe(other, part == 4, false) + ", " + arrays;
              },
              null));
    }
  }

  /** {@return the kernel's short name in row labels} */
  private static String kernelName(GradientStep.Kernel kernel) {
    return kernel == GradientStep.Kernel.FUSED ? "fused" : "MXNet";
  }

  private static String describe(GradientStep.Kernel kernel, boolean adam, boolean chosen) {
    String what =
        kernel == GradientStep.Kernel.FUSED
            ? "one pass over all arrays in Java loops"
            : "MXNet's " + (adam ? "adam_update" : "sgd_mom_update") + " called once per array";
    return what + (chosen ? " (the kernel in use)" : " (the other kernel, for comparison)");
  }

  private void refresh(
      Options options,
      Network network,
      NDArray x,
      Data data,
      long encoderMacs,
      SmileKMeans kmeans,
      Consumer<Row> emit) {
    double load = load();
    try (NDManager sessionManager = x.getManager().newSubManager()) {
      ClusteringContext context =
          context(options, "dec", Map.of(), data, network, sessionManager, kmeans);
      double[] seconds = new double[options.repetitions()];
      long cpu0 = 0;
      double cpu;
      double embedSeconds;
      try (ClusteringSession session = runner.registry().objective("dec").start(context)) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          session.initialize(network.embedAll(x, sessionManager));
        }
        double[] embedding = new double[seconds.length];
        for (int r = -1; r < seconds.length; r++) {
          long t0 = System.nanoTime();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            network.embedAll(x, sessionManager);
            JnaUtils.waitAll();
          }
          if (r == 0) {
            cpu0 = cpuNanos();
          }
          long t = System.nanoTime();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            session.refresh(network.embedAll(x, sessionManager), 0);
          }
          if (r >= 0) {
            embedding[r] = (t - t0) / 1e9;
            seconds[r] = (System.nanoTime() - t) / 1e9;
          }
        }
        cpu = (cpuNanos() - cpu0) / 1e9 / seconds.length;
        embedSeconds = median(embedding);
      }
      double flops = 2.0 * encoderMacs(network, x) * x.getShape().get(0);
      emit.accept(
          new Row(
              "target refresh (all data)",
              "s",
              seconds,
              flops / median(seconds) / 1e9,
              cpu,
              load,
              load(),
              String.format(
                  Locale.ROOT,
                  "embed all rows, q, p, argmax (DEC); the embedding alone %.2f s (%.1f GFLOP/s)",
                  embedSeconds,
                  flops / embedSeconds / 1e9),
              null));
    }
  }

  private static void kmeans(Options options, NDArray z, int k, Consumer<Row> emit) {
    double load = load();
    SmileKMeans kmeans = new SmileKMeans(options.kmeansRestarts(), 300, 1e-4);
    double[] seconds = new double[options.repetitions()];
    long cpu0 = cpuNanos();
    for (int r = 0; r < seconds.length; r++) {
      long t = System.nanoTime();
      kmeans.fit(z, k, options.seed() + r);
      seconds[r] = (System.nanoTime() - t) / 1e9;
    }
    double cpu = (cpuNanos() - cpu0) / 1e9 / seconds.length;
    emit.accept(
        new Row(
            "k-means init",
            "s",
            seconds,
            Double.NaN,
            cpu,
            load,
            load(),
            String.format(
                Locale.ROOT,
                "Smile, %d restarts, k = %d on the embedding",
                options.kmeansRestarts(),
                k),
            null));
  }

  private static void metrics(
      Options options, NDArray z, Data data, SmileKMeans kmeans, Consumer<Row> emit) {
    double load = load();
    int[] predicted = kmeans.fit(z, data.classes(), options.seed()).labels();
    double[] seconds = new double[options.repetitions()];
    long cpu0 = 0;
    for (int r = -1; r < seconds.length; r++) {
      if (r == 0) {
        cpu0 = cpuNanos();
      }
      long t = System.nanoTime();
      ClusteringMetrics.scores(data.labels(), predicted);
      if (r >= 0) {
        seconds[r] = (System.nanoTime() - t) / 1e9;
      }
    }
    double cpu = (cpuNanos() - cpu0) / 1e9 / seconds.length;
    emit.accept(
        new Row(
            "metrics (ACC, NMI, ARI)",
            "s",
            seconds,
            Double.NaN,
            cpu,
            load,
            load(),
            "all rows, Hungarian matching included",
            null));
  }

  private void cluster(
      Options options,
      String method,
      Network network,
      NDArray x,
      Data data,
      long encoderMacs,
      Consumer<Row> emit,
      ProgressSink progress) {
    double load = load();
    int interval = options.refreshInterval();
    int perRep = (options.iterations() + interval - 1) / interval;
    int intervals = 1 + perRep * options.repetitions();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put(TrainingPlan.MAX_ITER, intervals * interval + 1);
    params.put(TrainingPlan.UPDATE_INTERVAL, interval);
    params.put(TrainingPlan.TOL, 0.0);
    params.put(TrainingPlan.BATCH_SIZE, options.batchSize());
    params.put("epochs", 1_000_000);
    try (NDManager sessionManager = x.getManager().newSubManager()) {
      ClusteringContext context =
          context(
              options,
              method,
              params,
              data,
              network,
              sessionManager,
              new SmileKMeans(1, 300, 1e-4));
      Clock clock = new Clock("cluster", progress);
      try (ClusteringSession session = runner.registry().objective(method).start(context)) {
        EngineAccess.engine().cluster(network, x, data.labels(), options.seed(), clock, session);
        double scale = options.iterations() / (double) (perRep * interval);
        double[] seconds = clock.intervals(1, options.repetitions(), perRep);
        for (int r = 0; r < seconds.length; r++) {
          seconds[r] *= scale;
        }
        double cpu = clock.cpu(1, options.repetitions(), perRep) * scale;
        boolean decoder = session.plan().needsReconstruction();
        long stepMacs = decoder ? 2 * encoderMacs(network, x) : encoderMacs(network, x);
        // DCN embeds the batch again after the step, for its online k-means update.
        long afterMacs = "dcn".equals(method) ? encoderMacs(network, x) : 0;
        double flops =
            options.iterations()
                * (6.0 * stepMacs * options.batchSize()
                    + 2.0 * afterMacs * options.batchSize()
                    + 2.0 * encoderMacs(network, x) * data.features().rows() / interval);
        // From the end of the first repetition: allocator pools and code caches grow while warming
        // up.
        int from = options.repetitions() > 1 ? 1 + perRep : 1;
        long drift = clock.nativeAt(clock.marks() - 1) - clock.nativeAt(from);
        emit.accept(
            new Row(
                method + " " + options.iterations() + " iterations",
                "s",
                seconds,
                flops / median(seconds) / 1e9,
                cpu,
                load,
                load(),
                String.format(
                    Locale.ROOT,
                    "%s, refreshes included, native memory %+d MB over the last %d iterations",
                    session.plan().optimizer().kind().name().toLowerCase(Locale.ROOT),
                    drift >> 20,
                    (clock.marks() - 1 - from) * interval),
                null));
      }
    }
  }

  private static long encoderMacs(Network network, NDArray x) {
    long macs = 0;
    for (var p : network.parameters(false)) {
      Shape s = p.getArray().getShape();
      if (s.dimension() == 2) {
        macs += s.get(0) * s.get(1);
      }
    }
    return macs;
  }

  private ClusteringContext context(
      Options options,
      String method,
      Map<String, Object> params,
      Data data,
      Network network,
      NDManager manager,
      SmileKMeans kmeans) {
    ClusteringObjective objective = runner.registry().objective(method);
    Map<String, Object> known = new LinkedHashMap<>();
    for (HyperparameterSpec h : objective.info().hyperparameters()) {
      if (params.containsKey(h.name())) {
        known.put(h.name(), params.get(h.name()));
      }
    }
    return EngineAccess.engine()
        .context(
            objective.info().resolve(known),
            data.classes(),
            data.features().rows(),
            network.embeddingDim(),
            options.seed(),
            manager,
            kmeans);
  }

  private static Row memory() {
    double load = load();
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    long peakRss = procStatus("VmHWM");
    return new Row(
        "peak memory (rss)",
        "MB",
        new double[] {peakRss >> 20},
        Double.NaN,
        Double.NaN,
        load,
        load,
        String.format(
            Locale.ROOT,
            "java heap peak %d MB (sum of pool peaks), native = rss - heap",
            heap >> 20),
        null);
  }

  /** Records the time (and resident memory) of every progress mark of one phase. */
  private static final class Clock implements ProgressSink {
    private final String phase;
    private final ProgressSink delegate;
    private final List<long[]> marks = new ArrayList<>();
    private boolean active;

    Clock(String phase, ProgressSink delegate) {
      this.phase = phase;
      this.delegate = delegate;
    }

    @Override
    public void start(String name, long total) {
      active = phase.equals(name);
      if (active) {
        marks.clear();
        marks.add(new long[] {System.nanoTime(), rssBytes(), heapCommitted(), cpuNanos()});
      }
      delegate.start(name, total);
    }

    @Override
    public void advance(long done, String status) {
      if (active) {
        marks.add(new long[] {System.nanoTime(), rssBytes(), heapCommitted(), cpuNanos()});
      }
      delegate.advance(done, status);
    }

    @Override
    public void resumed(long done, String status) {
      delegate.resumed(done, status);
    }

    @Override
    public void finish(String summary) {
      active = false;
      delegate.finish(summary);
    }

    @Override
    public void info(String message) {
      delegate.info(message);
    }

    int marks() {
      return marks.size();
    }

    /** Resident memory outside the Java heap (native arrays, MXNet, code), at a mark. */
    long nativeAt(int mark) {
      return marks.get(mark)[1] - marks.get(mark)[2];
    }

    /**
     * Mean process CPU seconds per {@code width} marks over the same span as {@link #intervals}.
     */
    double cpu(int first, int count, int width) {
      return (marks.get(first + count * width)[3] - marks.get(first)[3]) / 1e9 / count;
    }

    /** Seconds between marks {@code first + r * width} and {@code first + (r + 1) * width}. */
    double[] intervals(int first, int count, int width) {
      if (marks.size() < first + count * width + 1) {
        throw new IllegalStateException(
            phase
                + " reported "
                + marks.size()
                + " progress marks, expected "
                + (first + count * width + 1));
      }
      double[] out = new double[count];
      for (int r = 0; r < count; r++) {
        out[r] = (marks.get(first + (r + 1) * width)[0] - marks.get(first + r * width)[0]) / 1e9;
      }
      return out;
    }
  }

  private static double median(double[] values) {
    return new Row("", "", values, 0, 0, 0, 0, "", null).median();
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    double a = Math.abs(v);
    return String.format(
        Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.4f" : "%.6f", v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String joined(List<Integer> dims) {
    StringBuilder s = new StringBuilder();
    for (int w : dims) {
      s.append(s.isEmpty() ? "" : "-").append(w);
    }
    return s.toString();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String loadAverages() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f (1 min)", load());
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not Linux: the architecture is all we say.
    }
    return System.getProperty("os.arch");
  }

  /** CPU time of the whole process (every thread, native ones included), in nanoseconds. */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long heapCommitted() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }

  private static long rssBytes() {
    return procStatus("VmRSS");
  }

  private static String rss() {
    return (rssBytes() >> 20) + " MB";
  }

  /** A {@code /proc/self/status} field in bytes, 0 when unavailable. */
  private static long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) << 10;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not Linux.
    }
    return 0;
  }
}
