/**
 * The {@link org.dec4j.api.objective.ClusteringObjective} service-provider interface, for deep
 * clustering methods, and what the runtime's training loop exchanges with a method's
 * {@link org.dec4j.api.objective.ClusteringSession}: the loop settings
 * ({@link org.dec4j.api.objective.TrainingPlan}, {@link org.dec4j.api.objective.OptimizerSpec}),
 * the run context ({@link org.dec4j.api.objective.ClusteringContext}, with the runtime's
 * {@link org.dec4j.api.objective.KMeans}), mini-batches ({@link org.dec4j.api.objective.Batch}) and
 * progress ({@link org.dec4j.api.objective.Progress}).
 *
 * <p>Shared building blocks keep methods short: {@link org.dec4j.api.objective.ClusteringMath}
 * (DEC's Student's t kernel, target distribution and KL divergence, computed stably),
 * {@link org.dec4j.api.objective.StudentTSession} (the session DEC-style methods extend) and
 * {@link org.dec4j.api.objective.CommonHyperparameters} (the names every method spells the same
 * way). A method module declares {@code provides org.dec4j.api.objective.ClusteringObjective with ...}
 * and requires only {@code org.dec4j.api}; the {@code dec-testkit} module checks it against the
 * contract described on {@link org.dec4j.api.objective.ClusteringObjective}.
 */
package org.dec4j.api.objective;
