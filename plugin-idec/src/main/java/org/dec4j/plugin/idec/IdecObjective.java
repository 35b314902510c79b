package org.dec4j.plugin.idec;

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
 * IDEC: DEC's clustering loss plus the autoencoder's reconstruction loss, so that the clustering
 * term cannot distort the embedding freely (Guo, Gao, Liu and Yin, "Improved Deep Embedded
 * Clustering with Local Structure Preservation", IJCAI 2017).
 *
 * <p>The objective is {@code L = L_r + gamma * L_c}: {@code L_r} the mean squared reconstruction
 * error of the decoder, {@code L_c} DEC's {@code KL(P || Q)} between the sharpened target P and the
 * Student's t soft assignment Q. Encoder, decoder and centroids are trained together by mini-batch
 * gradient descent; P is recomputed on all data every {@code update_interval} iterations, and
 * training stops when fewer than {@code tol} of the labels changed between two refreshes. See
 * {@link IdecSession} for the loss and the reference facts it follows.
 *
 * <p>{@code L_r} is a mean of squared feature errors, so it grows with the square of the inputs'
 * scale while {@code L_c} does not: the weight {@code gamma} gives the clustering term depends on
 * how the data are scaled. The paper's MNIST inputs are pixels / 50 (the reference loads MNIST as
 * the DEC authors' Caffe code prepared it, {@code x * 0.02}); on pixels / 255 the same {@code
 * gamma} weighs {@code L_c} 26 times more.
 *
 * <p>Defaults are those of the paper's MNIST experiments as the authors' reference code runs them
 * (XifengGuo/IDEC, {@code IDEC.py}, argument defaults and its {@code mnist} branch):
 *
 * <ul>
 *   <li>{@code gamma} 0.1 ({@code --gamma}, "coefficient of clustering loss"; Keras {@code
 *       loss_weights=[gamma, 1]} on {@code kld} and {@code mse});
 *   <li>{@code alpha} 1 (DEC's {@code ClusteringLayer} default, the Student's t with one degree of
 *       freedom);
 *   <li>{@code batch_size} 256, {@code max_iter} 20000 ({@code --maxiter 2e4}), {@code
 *       update_interval} 140 (MNIST; the reference recommends 30 for USPS and 3 for REUTERS-10K),
 *       {@code tol} 0.001;
 *   <li>{@code optimizer} adam with {@code lr} 0.001 (Keras' {@code 'adam'} for MNIST, its default
 *       learning rate); {@code momentum} 0.99 is the reference's SGD setting for USPS and
 *       REUTERS-10K ({@code SGD(lr=0.1, momentum=0.99)}), used only when {@code optimizer} is sgd;
 *   <li>{@code shuffle} true: the reference trains on consecutive slices of the data in their
 *       stored order; a seeded permutation per epoch does not depend on how a file happens to be
 *       sorted, so it is dec4j's default for every method ({@code shuffle=false} restores the
 *       reference order: consecutive slices, a partial last slice, then wrap around).
 * </ul>
 */
public final class IdecObjective implements ClusteringObjective {
  /** The objective's id. */
  static final String ID = "idec";

  /** Weight of the clustering loss. */
  static final String GAMMA = "gamma";

  /** Degrees of freedom of the Student's t kernel. */
  static final String ALPHA = "alpha";

  /** Whether batches come from a fresh permutation each epoch. */
  static final String SHUFFLE = TrainingPlan.SHUFFLE;

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "Improved Deep Embedded Clustering: DEC's KL loss plus reconstruction (Guo et al., IJCAI 2017)",
          hyperparameters(),
          Dec4jApi.VERSION);

  /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
  public IdecObjective() {}

  /**
   * Returns the id {@code idec}, the version and the hyperparameters with the defaults of the
   * paper's MNIST experiments (see the class description for their sources).
   */
  @Override
  public PluginInfo info() {
    return INFO;
  }

  /**
   * Starts an IDEC run.
   *
   * @param context validated {@code idec} hyperparameters, k, seed, sizes and runtime services
   * @return a session that trains encoder, decoder and centroids on {@code L_r + gamma * L_c}
   */
  @Override
  public ClusteringSession start(ClusteringContext context) {
    return new IdecSession(context);
  }

  private static List<HyperparameterSpec> hyperparameters() {
    List<HyperparameterSpec> list = new ArrayList<>();
    list.add(
        HyperparameterSpec.ofReal(
            GAMMA,
            0.1,
            0,
            1e6,
            "weight gamma of the clustering loss KL(P||Q) against the reconstruction loss"));
    list.add(
        HyperparameterSpec.ofReal(
            ALPHA, 1.0, 1e-6, 1e6, "degrees of freedom of the Student's t soft assignment"));
    list.add(CommonHyperparameters.batchSize(256));
    list.add(CommonHyperparameters.maxIter(20_000));
    list.add(
        CommonHyperparameters.updateInterval(
            140, "iterations between recomputations of the target distribution P on all data"));
    list.add(CommonHyperparameters.tol(0.001));
    list.addAll(CommonHyperparameters.optimizer("adam", 0.001, 0.99));
    list.add(CommonHyperparameters.shuffle(true));
    return List.copyOf(list);
  }
}
