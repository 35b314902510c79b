package org.dec4j.plugin.dec;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringObjective;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.CommonHyperparameters;
import org.dec4j.api.objective.support.StudentTSession;

/**
 * Deep Embedded Clustering (Xie, Girshick and Farhadi, "Unsupervised Deep Embedding for Clustering
 * Analysis", ICML 2016).
 *
 * <p>The decoder is dropped after pretraining. Soft assignment q_ij is a Student's t kernel (alpha
 * = 1) between embedding z_i and centroid mu_j; the target p_ij = (q_ij^2 / f_j) normalised per
 * sample, with f_j the soft cluster frequency, is recomputed on all data every {@code
 * update_interval} iterations; the encoder and the centroids minimise KL(P || Q) by SGD; training
 * stops when fewer than {@code tol} of the hard labels change between two refreshes. Defaults
 * follow the authors' Caffe code and the Keras re-implementation (batch 256, SGD lr 0.01 momentum
 * 0.9, update_interval 140, tol 0.001, 20,000 iterations at most).
 */
public final class DecObjective implements ClusteringObjective {
  /** Degrees of freedom of the Student's t kernel. */
  public static final String ALPHA = "alpha";

  private static final PluginInfo INFO;

  static {
    List<HyperparameterSpec> h = new ArrayList<>();
    h.add(CommonHyperparameters.batchSize(256));
    h.add(CommonHyperparameters.maxIter(20_000));
    h.add(
        CommonHyperparameters.updateInterval(
            140, "iterations between recomputations of the target P"));
    h.add(CommonHyperparameters.tol(0.001));
    h.addAll(CommonHyperparameters.optimizer("sgd", 0.01, 0.9));
    h.add(
        HyperparameterSpec.ofReal(
            ALPHA, 1.0, 1e-6, 1e6, "degrees of freedom of the Student's t kernel"));
    // DEC-keras takes batches in data order; a per-epoch permutation does not depend on how a file
    // happens to be sorted, so it is the default here (shuffle=false restores the reference order).
    h.add(CommonHyperparameters.shuffle(true));
    INFO =
        new PluginInfo(
            "dec",
            "0.1.0",
            "Deep Embedded Clustering (Xie et al., ICML 2016)",
            h,
            Dec4jApi.VERSION);
  }

  @Override
  public PluginInfo info() {
    return INFO;
  }

  @Override
  public ClusteringSession start(ClusteringContext context) {
    Hyperparameters h = context.hyperparameters();
    return new Session(context, TrainingPlan.from(h, false), h.getDouble(ALPHA));
  }

  /** DEC's session: the clustering loss alone. */
  private static final class Session extends StudentTSession {
    Session(ClusteringContext context, TrainingPlan plan, double alpha) {
      super(context, plan, alpha);
    }

    @Override
    public NDArray loss(Batch batch) {
      return clusteringLoss(batch);
    }
  }
}
