package org.dec4j.plugin.dcn;

import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.CommonHyperparameters;

/**
 * DCN, the Deep Clustering Network: an autoencoder trained jointly with k-means in its embedding
 * space (Yang, Fu, Sidiropoulos and Hong, "Towards K-means-friendly Spaces: Simultaneous Deep
 * Learning and Clustering", ICML 2017).
 *
 * <p>Per sample the objective is {@code l(g(f(x_i)), x_i) + (lambda / 2) ||f(x_i) - M s_i||^2} with
 * M the k centroids and s_i a one-hot assignment. It is minimised by alternating, batch by batch, a
 * gradient step on the network with M and s fixed, a hard re-assignment of the batch's samples, and
 * an incremental k-means step on M whose learning rate is one over a per-cluster count. {@link
 * DcnSession} gives the exact rules and the reference facts behind them.
 *
 * <p>Hyperparameters and the source of each default:
 *
 * <ul>
 *   <li>{@code lambda} 2: the authors' raw-MNIST script for the d-500-500-2000-10 network
 *       (boyangumn/DCN-New, {@code run_raw_mnist.py}) weights the per-sample squared reconstruction
 *       error and the squared distance to the centroid equally ({@code lbd = 1, beta = 1}), which
 *       is {@code l + (lambda / 2) ||.||^2} with lambda = 2. The earlier release (boyangumn/DCN,
 *       with the deeper network 2000-1000-500-500-250-50) used {@code lbd = 0.05, beta = 1}, i.e.
 *       lambda = 40; the PyTorch port xuyxu/Deep-Clustering-Network defaults to lambda = 1. At most
 *       1000: beyond it the k-means term's gradient makes the default SGD step diverge (on the test
 *       kit's data, 10^6 did);
 *   <li>{@code initial_count} 100: the reference code starts every cluster's count at 100 ({@code
 *       count = 100*numpy.ones(nClass)}), so the first centroid steps are about 1/100 rather than
 *       1; the paper does not mention it;
 *   <li>{@code batch_size} 256 and {@code epochs} 50 (DCN-New raw MNIST: {@code batch_size 256},
 *       {@code training_epochs 50}; the reference runs a fixed number of epochs);
 *   <li>{@code max_iter} unbounded: an optional cap on top of {@code epochs}, the budget being
 *       {@code min(max_iter, epochs * ceil(n / batch_size))};
 *   <li>{@code update_interval} 0, meaning one epoch ({@code ceil(n / batch_size)} iterations), the
 *       unit in which the reference counts its training (it scores the labels every 5 epochs);
 *   <li>{@code tol} 0, i.e. never stop early: the reference has no label-change criterion;
 *   <li>{@code optimizer} sgd with {@code lr} 0.0001 and {@code momentum} 0.9 (DCN-New raw MNIST:
 *       {@code finetune_lr 0.0001, mu 0.9}, constant step; the reference's momentum is Nesterov's
 *       and its biases take twice the step, which the runtime's heavy-ball SGD does not model);
 *       {@code lr} at most 0.01: SGD on the summed squared errors diverges from about 0.1 on the
 *       test kit's data (0.03 still trains);
 *   <li>{@code shuffle} true: DCN-New permutes the data once when loading it (seed 0) and then
 *       takes consecutive batches; a seeded permutation per epoch is the nearest the runtime offers
 *       that still mixes classes within batches.
 * </ul>
 */
public final class DcnObjective implements ClusteringObjective {
  /** The objective's id. */
  static final String ID = "dcn";

  /** Weight lambda of the k-means term (which is multiplied by lambda / 2). */
  static final String LAMBDA = "lambda";

  /** Passes over the data. */
  static final String EPOCHS = "epochs";

  /** The count every cluster starts with. */
  static final String INITIAL_COUNT = "initial_count";

  /** Whether batches come from a fresh permutation each epoch. */
  static final String SHUFFLE = TrainingPlan.SHUFFLE;

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "Deep Clustering Network: autoencoder plus online k-means in the embedding (Yang et al., ICML 2017)",
          hyperparameters(),
          Dec4jApi.VERSION);

  /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
  public DcnObjective() {}

  /**
   * Returns the id {@code dcn}, the version and the hyperparameters with the defaults of the
   * authors' raw-MNIST experiment (see the class description for their sources).
   */
  @Override
  public PluginInfo info() {
    return INFO;
  }

  /**
   * Starts a DCN run.
   *
   * @param context validated {@code dcn} hyperparameters, k, seed, sizes and runtime services
   * @return a session alternating network steps and online k-means
   */
  @Override
  public ClusteringSession start(ClusteringContext context) {
    return new DcnSession(context);
  }

  private static List<HyperparameterSpec> hyperparameters() {
    List<HyperparameterSpec> list = new ArrayList<>();
    list.add(
        HyperparameterSpec.ofReal(
            LAMBDA,
            2.0,
            0,
            1000,
            "weight of the k-means term: loss = ||x - g(f(x))||^2 + lambda/2 ||f(x) - M s||^2 per sample"));
    list.add(
        HyperparameterSpec.ofInt(
            INITIAL_COUNT,
            100,
            0,
            Integer.MAX_VALUE,
            "per-cluster count before the first centroid update; a centroid moves by 1/count per sample"));
    list.add(CommonHyperparameters.batchSize(256));
    list.add(
        HyperparameterSpec.ofInt(
            EPOCHS, 50, 0, 1_000_000, "passes over the data in the clustering phase"));
    list.add(CommonHyperparameters.maxIter(Integer.MAX_VALUE));
    list.add(
        HyperparameterSpec.ofInt(
            TrainingPlan.UPDATE_INTERVAL,
            0,
            0,
            Integer.MAX_VALUE,
            "iterations between label refreshes on all data; 0 means one epoch, ceil(n / batch_size)"));
    list.add(CommonHyperparameters.tol(0.0));
    list.addAll(CommonHyperparameters.optimizer("sgd", 1e-4, 0.9, 0.01));
    list.add(CommonHyperparameters.shuffle(true));
    return List.copyOf(list);
  }
}
