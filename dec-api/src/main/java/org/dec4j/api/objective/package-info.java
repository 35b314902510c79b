/**
 * The {@link org.dec4j.api.objective.ClusteringObjective} service-provider interface, for deep
 * clustering methods, and what the runtime's training loop exchanges with a method's {@link
 * org.dec4j.api.objective.ClusteringSession}: the loop settings ({@link
 * org.dec4j.api.objective.TrainingPlan}, {@link org.dec4j.api.objective.OptimizerSpec}), the run
 * context ({@link org.dec4j.api.objective.ClusteringContext}, with the runtime's {@link
 * org.dec4j.api.objective.KMeans}), mini-batches ({@link org.dec4j.api.objective.Batch}) and
 * progress ({@link org.dec4j.api.objective.Progress}).
 *
 * <p>Optional building blocks that keep methods short (DEC's math, a session DEC-style methods
 * extend, the common hyperparameter declarations) are in {@link org.dec4j.api.objective.support}. A
 * method module declares {@code provides org.dec4j.api.objective.ClusteringObjective with ...} and
 * requires only {@code org.dec4j.api}; the {@code dec-testkit} module checks it against the
 * contract described on {@link org.dec4j.api.objective.ClusteringObjective}.
 */
package org.dec4j.api.objective;
