package org.dec4j.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.Seeds;

/**
 * Autoencoder pretraining: end to end, or greedy layer-wise denoising followed by end-to-end
 * fine-tuning (Xie et al., ICML 2016, section 3.2; Vincent et al., JMLR 2010). Both use the mean
 * squared reconstruction error and Adam, or momentum SGD when configured, as the Keras
 * re-implementations of DEC and IDEC do.
 */
public final class Pretrainer {
  private final Network network;
  private final NDArray data;
  private final PretrainConfig config;
  private final long seed;
  private final ProgressSink progress;
  private Checkpointer checkpoints = Checkpointer.NONE;
  private Resume resume;
  private int sinceCheckpoint;
  private double elapsedBefore;
  private long started;

  /**
   * Where a resumed run picks up: a stage (layer i, or the end-to-end stage) and epochs done in it.
   */
  private record Resume(TensorFile file, int stage, int epoch, boolean complete, double loss) {}

  /**
   * Creates a pretrainer.
   *
   * @param network the network to train in place
   * @param data n x d training data
   * @param config settings
   * @param seed seed for batch order
   * @param progress progress sink
   */
  public Pretrainer(
      Network network, NDArray data, PretrainConfig config, long seed, ProgressSink progress) {
    this.network = network;
    this.data = data;
    this.config = config;
    this.seed = seed;
    this.progress = progress;
  }

  /**
   * Saves checkpoints through a checkpointer at the end of epochs, and resumes from its latest
   * checkpoint (if it has one) when {@link #run()} starts.
   *
   * @param checkpointer the phase's checkpointer
   * @return this pretrainer
   */
  public Pretrainer withCheckpoints(Checkpointer checkpointer) {
    this.checkpoints = checkpointer;
    return this;
  }

  /** {@return seconds spent pretraining, including those before a resumed checkpoint} */
  public double seconds() {
    return elapsedBefore + (started == 0 ? 0 : (System.nanoTime() - started) / 1e9);
  }

  /**
   * Runs the configured pretraining, from its last checkpoint when there is one.
   *
   * @return the final epoch's mean reconstruction loss (NaN when nothing was trained)
   * @throws org.dec4j.api.DataException when the checkpoint does not fit this network
   */
  public double run() {
    started = System.nanoTime();
    try {
      resume = readCheckpoint();
    } catch (org.dec4j.api.DataException e) {
      throw new ResumeException(checkpoints.file(), e);
    }
    if (resume != null && resume.complete()) {
      return resume.loss();
    }
    double loss;
    switch (config.mode()) {
      case "none":
        return Double.NaN;
      case "stacked":
        List<Autoencoder.Stage> stages = network.autoencoder().stages();
        if (stages.isEmpty()) {
          throw new ConfigException(
              "pretrain mode 'stacked' needs an encoder with layer-wise stages");
        }
        NDArray input = data;
        try (NDManager scratch = data.getManager().newSubManager()) {
          for (int i = 0; i < stages.size(); i++) {
            Autoencoder.Stage stage = stages.get(i);
            if (resume == null || resume.stage() <= i) {
              trainStage(stage, input, i, stages.size());
            }
            input = network.applyAll(stage.encoder(), input, scratch);
          }
        }
        loss = endToEnd("finetune", stages.size());
        break;
      default:
        loss = endToEnd("pretrain", 0);
    }
    if (checkpoints.enabled()) {
      // Finished pretraining is always kept: without a cache it is the start of the clustering
      // phase.
      TensorFile done = new TensorFile();
      meta(done, -1, 0, true, loss);
      network.weights(done);
      checkpoints.save(done);
    }
    if (org.dec4j.runtime.Stop.atSavePoint()) {
      throw org.dec4j.runtime.Stop.stopped(
          "after pretraining" + (checkpoints.enabled() ? ", with a checkpoint of it" : ""));
    }
    return loss;
  }

  private Resume readCheckpoint() {
    TensorFile file = checkpoints.latest();
    if (file == null) {
      return null;
    }
    Map<String, Object> meta = readMeta(file, checkpoints.file());
    if (!config.mode().equals(meta.get("mode"))) {
      throw new org.dec4j.api.DataException(
          checkpoints.file()
              + ": a checkpoint of '"
              + meta.get("mode")
              + "' pretraining, not '"
              + config.mode()
              + "'");
    }
    network.load(file, checkpoints.file());
    int stage = ((Number) meta.get("stage")).intValue();
    int epoch = ((Number) meta.get("epoch")).intValue();
    boolean complete = Boolean.TRUE.equals(meta.get("complete"));
    double loss = file.doubles("loss", 1)[0];
    elapsedBefore = ((Number) meta.get("seconds")).doubleValue();
    progress.info(
        complete
            ? "pretraining already finished; resuming after it from " + checkpoints.file()
            : String.format(
                Locale.ROOT,
                "resuming pretraining from %s (%s, %d epochs done)",
                checkpoints.file(),
                stage < network.autoencoder().stages().size() && config.mode().equals("stacked")
                    ? "layer " + (stage + 1)
                    : "end to end",
                epoch));
    return new Resume(file, stage, epoch, complete, loss);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readMeta(TensorFile file, java.nio.file.Path where) {
    try {
      Map<String, Object> meta =
          org.dec4j.runtime.Json.mapper().readValue(file.text("meta"), Map.class);
      for (String key : new String[] {"mode", "stage", "epoch", "seconds"}) {
        Object v = meta.get(key);
        if (key.equals("mode") ? !(v instanceof String) : !(v instanceof Number)) {
          throw new org.dec4j.api.DataException(
              where + ": checkpoint metadata has no valid '" + key + "'");
        }
      }
      return meta;
    } catch (java.io.IOException | ClassCastException e) {
      throw new org.dec4j.api.DataException(
          where + ": unreadable checkpoint metadata (" + e.getMessage() + ")", e);
    }
  }

  private void meta(TensorFile out, int stage, int epoch, boolean complete, double loss) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("mode", config.mode());
    meta.put("stage", stage);
    meta.put("epoch", epoch);
    meta.put("complete", complete);
    meta.put("seconds", seconds());
    out.putDoubles("loss", new double[] {loss});
    try {
      out.putText("meta", org.dec4j.runtime.Json.mapper().writeValueAsString(meta));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private double endToEnd(String phase, int stageIndex) {
    Map<String, NDArray> params = GradientStep.trainable(network.parameters(true));
    return train(
        phase,
        stageIndex,
        params,
        config.epochs(),
        data,
        epoch -> {},
        (x, training) -> {
          NDArray xhat = network.decode(network.encode(x, true), true);
          return ClusteringMath.meanSquaredError(x, xhat);
        });
  }

  private void trainStage(Autoencoder.Stage stage, NDArray input, int index, int count) {
    List<Parameter> ps = new java.util.ArrayList<>(stage.encoder().getParameters().values());
    ps.addAll(stage.decoder().getParameters().values());
    float rate = (float) config.dropout();
    // The dropout masks come from the engine's generator; seeding it per epoch makes them depend on
    // (seed, layer, epoch) alone, so a run resumed at an epoch boundary draws the same masks.
    train(
        String.format(Locale.ROOT, "layer %d/%d", index + 1, count),
        index,
        GradientStep.trainable(ps),
        config.layerEpochs(),
        input,
        epoch -> Seeds.of(seed).seedDropout(index, epoch),
        (x, training) -> {
          NDArray corrupted = Dropout.dropout(x, rate, true).singletonOrThrow();
          NDArray h = network.apply(stage.encoder(), corrupted, true);
          NDArray hc = Dropout.dropout(h, rate, true).singletonOrThrow();
          NDArray y = network.apply(stage.decoder(), hc, true);
          return ClusteringMath.meanSquaredError(x, y);
        });
  }

  private interface LossFn {
    NDArray apply(NDArray x, boolean training);
  }

  private double train(
      String phase,
      int stageIndex,
      Map<String, NDArray> params,
      int epochs,
      NDArray input,
      java.util.function.IntConsumer beforeEpoch,
      LossFn lossFn) {
    if (epochs == 0) {
      return Double.NaN;
    }
    int n = (int) input.getShape().get(0);
    BatchSampler sampler =
        new BatchSampler(n, config.batchSize(), true, Seeds.of(seed).batchOrder());
    int perEpoch = sampler.batchesPerEpoch();
    progress.start(phase, epochs);
    double last = Double.NaN;
    long started = System.nanoTime();
    int first = 0;
    try (NDManager epochManager = input.getManager().newSubManager();
        GradientStep step = new GradientStep(params, optimizer(config))) {
      if (resume != null && resume.stage() == stageIndex && resume.epoch() > 0) {
        first = resume.epoch();
        try {
          step.restore(resume.file(), "opt.");
          int[] state = resume.file().ints("sampler", 2);
          sampler.restore(state[0], state[1]);
        } catch (org.dec4j.api.DataException | IllegalArgumentException e) {
          throw new ResumeException(checkpoints.file(), e);
        }
        last = resume.loss();
        progress.resumed(first, String.format(Locale.ROOT, "loss %.5f (resumed)", last));
      }
      NDArray lossSum = epochManager.zeros(new ai.djl.ndarray.types.Shape());
      for (int epoch = first; epoch < epochs; epoch++) {
        beforeEpoch.accept(epoch);
        lossSum.muli(0);
        for (int b = 0; b < perEpoch; b++) {
          int at = epoch + 1;
          org.dec4j.runtime.Stop.atBatch(
              checkpoints.enabled(),
              () ->
                  String.format(
                      Locale.ROOT,
                      "in %s epoch %d of %d; its last checkpoint is kept",
                      phase,
                      at,
                      epochs));
          int[] idx = sampler.next();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = input.get(input.getManager().create(idx));
            NDArray loss = step.run(() -> lossFn.apply(x, true));
            lossSum.addi(loss);
          }
        }
        last = lossSum.getFloat() / perEpoch;
        org.dec4j.runtime.NonFiniteException.check(
            last,
            phase,
            "the mean reconstruction loss",
            String.format(Locale.ROOT, "in epoch %d of %d", epoch + 1, epochs));
        progress.advance(epoch + 1, String.format(Locale.ROOT, "loss %.5f", last));
        sinceCheckpoint++;
        // A stop waits for this point (a few seconds at most) to save the epoch; the last epoch is
        // saved as finished pretraining by run().
        boolean stop = epoch + 1 < epochs && org.dec4j.runtime.Stop.atSavePoint();
        if (epoch + 1 < epochs
            && (checkpoints.due(sinceCheckpoint) || stop && checkpoints.enabled())) {
          TensorFile out = new TensorFile();
          meta(out, stageIndex, epoch + 1, false, last);
          network.weights(out);
          step.save(out, "opt.");
          out.putInts("sampler", new int[] {sampler.epochsStarted(), sampler.position()});
          checkpoints.save(out);
          sinceCheckpoint = 0;
        }
        if (stop) {
          throw org.dec4j.runtime.Stop.stopped(
              String.format(
                  Locale.ROOT,
                  "after %s epoch %d of %d%s",
                  phase,
                  epoch + 1,
                  epochs,
                  checkpoints.enabled() ? ", with a checkpoint of it" : ""));
        }
      }
    }
    progress.finish(
        String.format(
            Locale.ROOT,
            "%s: %d epochs, loss %.5f, %.1f s/epoch",
            phase,
            epochs,
            last,
            (System.nanoTime() - started) / 1e9 / Math.max(1, epochs - first)));
    return last;
  }

  /**
   * The optimiser pretraining uses.
   *
   * @param config the settings
   * @return Adam, or SGD with the configured momentum
   */
  static OptimizerSpec optimizer(PretrainConfig config) {
    return "sgd".equals(config.optimizer())
        ? OptimizerSpec.sgd(config.learningRate(), config.momentum())
        : OptimizerSpec.adam(config.learningRate());
  }
}
