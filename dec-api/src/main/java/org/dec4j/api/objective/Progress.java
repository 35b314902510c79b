package org.dec4j.api.objective;

/**
 * Where a run stands at a refresh, for {@link ClusteringSession#converged(Progress)}.
 *
 * @param iteration the iteration about to be run (0 at the first refresh)
 * @param refreshes how many refreshes have happened, this one included
 * @param labelChange the fraction of samples whose hard label changed since the previous refresh
 *     (or since initialisation)
 */
public record Progress(int iteration, int refreshes, double labelChange) {}
