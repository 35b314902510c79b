/**
 * Building blocks for writing a clustering method, kept apart from the contract in {@link
 * org.dec4j.api.objective} (as JUnit 5 keeps {@code engine.support} apart from its engine SPI):
 * nothing here is required, and the runtime never looks at it.
 *
 * <ul>
 *   <li>{@link org.dec4j.api.objective.support.ClusteringMath}: DEC's Student's t kernel, target
 *       distribution and KL divergence, computed stably, and small array helpers;
 *   <li>{@link org.dec4j.api.objective.support.StudentTSession}: the session DEC-style methods
 *       extend (centroids as a parameter, the target refreshed on all data, checkpoints);
 *   <li>{@link org.dec4j.api.objective.support.CommonHyperparameters}: declarations of the
 *       hyperparameters every method spells the same way, which {@link
 *       org.dec4j.api.objective.TrainingPlan#from} reads.
 * </ul>
 */
package org.dec4j.api.objective.support;
