package org.dec4j.plugin.idec;

import ai.djl.ndarray.NDArray;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.TrainingPlan;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.objective.support.StudentTSession;

/**
 * One IDEC run: DEC's machinery (k-means initialised centroids trained as a parameter, target P
 * refreshed on all data, stop on label change) with the reconstruction loss added to every batch
 * (Guo et al., IJCAI 2017).
 *
 * <p>The batch loss is {@code mse(x, g(f(x))) + gamma * KL(P_batch || Q_batch)}, both terms
 * averaged over the batch, exactly as the reference compiles its Keras model ({@code
 * loss={'clustering': 'kld', 'decoder_0': 'mse'}, loss_weights=[gamma, 1]}): Keras' {@code mse}
 * averages over features and samples, its {@code kld} sums over clusters and averages over samples.
 * Gradients reach the encoder (through both terms), the decoder (through {@code L_r}) and the
 * centroids (through {@code L_c}); the target P is a constant between refreshes.
 */
final class IdecSession extends StudentTSession {
  private final double gamma;

  /**
   * Creates the session from the context's {@code idec} hyperparameters.
   *
   * @param context the run context
   */
  IdecSession(ClusteringContext context) {
    this(context, context.hyperparameters());
  }

  private IdecSession(ClusteringContext context, Hyperparameters h) {
    super(context, plan(h), h.getDouble(IdecObjective.ALPHA));
    this.gamma = h.getDouble(IdecObjective.GAMMA);
  }

  /**
   * Derives the loop settings: batches carry the reconstruction, because {@code L_r} needs it.
   *
   * @param h validated {@code idec} hyperparameters
   * @return the plan
   */
  static TrainingPlan plan(Hyperparameters h) {
    return TrainingPlan.from(h, true);
  }

  /**
   * Builds {@code L_r + gamma * L_c} for the batch (IJCAI 2017, the IDEC objective).
   *
   * @param batch the batch with its embedding and reconstruction
   * @return a scalar
   */
  @Override
  public NDArray loss(Batch batch) {
    NDArray reconstruction = ClusteringMath.meanSquaredError(batch.input(), batch.reconstruction());
    return reconstruction.add(clusteringLoss(batch).mul(gamma));
  }
}
