package org.example.dkm;

import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.CommonHyperparameters;

/**
 * Deep k-means with soft assignments, after Fard, Thonet and Gaussier, "Deep k-Means: Jointly
 * clustering with k-Means and learning representations" (Pattern Recognition Letters, 2020).
 *
 * <p>Per batch the loss is {@code mse(x, g(f(x))) + lambda * mean_i sum_j G_ij ||f(x_i) - mu_j||^2}
 * with {@code G_ij = softmax_j(-alpha ||f(x_i) - mu_j||^2)}: k-means' distortion with a soft
 * assignment, differentiable in the encoder, the decoder and the centroids mu, which start from
 * k-means on the pretrained embedding. The inverse temperature alpha grows by {@code alpha_growth} at
 * every refresh (up to {@code alpha_max}), so the assignment hardens towards k-means' as training
 * goes on; the paper anneals alpha per epoch, a refresh is this plugin's unit. Training stops when
 * fewer than {@code tol} of the hard labels (nearest centroid) change between refreshes.
 *
 * <p>Hyperparameters and their defaults are declared once, in {@link #info()}.
 */
public final class DeepKMeansObjective implements ClusteringObjective {
  /** Weight of the k-means term against the reconstruction error. */
  static final String LAMBDA = "lambda";
  /** Initial inverse temperature of the soft assignment. */
  static final String ALPHA = "alpha";
  /** Factor applied to alpha at every refresh. */
  static final String ALPHA_GROWTH = "alpha_growth";
  /** Upper bound of alpha. */
  static final String ALPHA_MAX = "alpha_max";

  private static final PluginInfo INFO = new PluginInfo("dkm", "1.0.0",
      "Deep k-means: reconstruction plus an annealed soft k-means loss (Fard et al., 2020)", hyperparameters(),
      Dec4jApi.VERSION);

  /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
  public DeepKMeansObjective() {}

  /** {@return the id {@code dkm}, the version, and the hyperparameters with their defaults} */
  @Override
  public PluginInfo info() {
    return INFO;
  }

  /**
   * Starts a run.
   *
   * @param context validated {@code dkm} hyperparameters, k, seed, sizes and runtime services
   * @return the run's session
   */
  @Override
  public ClusteringSession start(ClusteringContext context) {
    Hyperparameters h = context.hyperparameters();
    return new DeepKMeansSession(context, TrainingPlan.from(h, true), h.getDouble(LAMBDA), h.getDouble(ALPHA),
        h.getDouble(ALPHA_GROWTH), h.getDouble(ALPHA_MAX));
  }

  private static List<HyperparameterSpec> hyperparameters() {
    List<HyperparameterSpec> list = new ArrayList<>();
    list.add(HyperparameterSpec.ofReal(LAMBDA, 0.1, 0, 1e6,
        "weight of the soft k-means term against the reconstruction error"));
    list.add(HyperparameterSpec.ofReal(ALPHA, 1.0, 1e-6, 1e6, "initial inverse temperature of the soft assignment"));
    list.add(HyperparameterSpec.ofReal(ALPHA_GROWTH, 1.5, 1, 100, "factor applied to alpha at every refresh"));
    list.add(HyperparameterSpec.ofReal(ALPHA_MAX, 1000, 1e-6, 1e9, "upper bound of alpha"));
    list.add(CommonHyperparameters.batchSize(256));
    list.add(CommonHyperparameters.maxIter(5_000));
    list.add(CommonHyperparameters.updateInterval(140, "iterations between label refreshes (and alpha steps)"));
    list.add(CommonHyperparameters.tol(0.001));
    list.addAll(CommonHyperparameters.optimizer("adam", 0.001, 0.9));
    list.add(CommonHyperparameters.shuffle(true));
    return List.copyOf(list);
  }
}
