package org.dec4j.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.objective.ClusteringMath;
import org.dec4j.api.objective.OptimizerSpec;
import org.dec4j.api.result.PretrainConfig;
import org.dec4j.runtime.ProgressSink;

/**
 * Autoencoder pretraining: end to end, or greedy layer-wise denoising followed by end-to-end
 * fine-tuning (Xie et al., ICML 2016, section 3.2; Vincent et al., JMLR 2010). Both use Adam and
 * the mean squared reconstruction error, as the Keras re-implementations of DEC and IDEC do.
 */
public final class Pretrainer {
  private final Network network;
  private final NDArray data;
  private final PretrainConfig config;
  private final long seed;
  private final ProgressSink progress;

  /**
   * Creates a pretrainer.
   *
   * @param network the network to train in place
   * @param data n x d training data
   * @param config settings
   * @param seed seed for batch order
   * @param progress progress sink
   */
  public Pretrainer(Network network, NDArray data, PretrainConfig config, long seed, ProgressSink progress) {
    this.network = network;
    this.data = data;
    this.config = config;
    this.seed = seed;
    this.progress = progress;
  }

  /**
   * Runs the configured pretraining.
   *
   * @return the final epoch's mean reconstruction loss (NaN when nothing was trained)
   */
  public double run() {
    switch (config.mode()) {
      case "none":
        return Double.NaN;
      case "stacked":
        List<Autoencoder.Stage> stages = network.autoencoder().stages();
        if (stages.isEmpty()) {
          throw new ConfigException("pretrain mode 'stacked' needs an encoder with layer-wise stages");
        }
        NDArray input = data;
        try (NDManager scratch = data.getManager().newSubManager()) {
          for (int i = 0; i < stages.size(); i++) {
            Autoencoder.Stage stage = stages.get(i);
            trainStage(stage, input, i, stages.size());
            input = network.applyAll(stage.encoder(), input, scratch);
          }
        }
        return endToEnd("finetune");
      default:
        return endToEnd("pretrain");
    }
  }

  private double endToEnd(String phase) {
    Map<String, NDArray> params = trainable(network.parameters(true));
    return train(phase, params, config.epochs(), data, (x, training) -> {
      NDArray xhat = network.decode(network.encode(x, true), true);
      return ClusteringMath.meanSquaredError(x, xhat);
    });
  }

  private void trainStage(Autoencoder.Stage stage, NDArray input, int index, int count) {
    List<Parameter> ps = new java.util.ArrayList<>(stage.encoder().getParameters().values());
    ps.addAll(stage.decoder().getParameters().values());
    float rate = (float) config.dropout();
    train(String.format(Locale.ROOT, "layer %d/%d", index + 1, count), trainable(ps), config.layerEpochs(), input,
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

  private double train(String phase, Map<String, NDArray> params, int epochs, NDArray input, LossFn lossFn) {
    if (epochs == 0) {
      return Double.NaN;
    }
    int n = (int) input.getShape().get(0);
    BatchSampler sampler = new BatchSampler(n, config.batchSize(), true, seed);
    int perEpoch = sampler.batchesPerEpoch();
    progress.start(phase, epochs);
    double last = Double.NaN;
    long started = System.nanoTime();
    try (NDManager epochManager = input.getManager().newSubManager();
        GradientStep step = new GradientStep(params, OptimizerSpec.adam(config.learningRate()))) {
      NDArray lossSum = epochManager.zeros(new ai.djl.ndarray.types.Shape());
      for (int epoch = 0; epoch < epochs; epoch++) {
        lossSum.muli(0);
        for (int b = 0; b < perEpoch; b++) {
          int[] idx = sampler.next();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = input.get(input.getManager().create(idx));
            NDArray loss = step.run(() -> lossFn.apply(x, true));
            lossSum.addi(loss);
          }
        }
        last = lossSum.getFloat() / perEpoch;
        progress.advance(epoch + 1, String.format(Locale.ROOT, "loss %.5f", last));
      }
    }
    progress.finish(String.format(Locale.ROOT, "%s: %d epochs, loss %.5f, %.1f s/epoch", phase, epochs, last,
        (System.nanoTime() - started) / 1e9 / epochs));
    return last;
  }

  private static Map<String, NDArray> trainable(List<Parameter> parameters) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      out.put(p.getId(), p.getArray());
    }
    return out;
  }
}
