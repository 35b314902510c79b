package org.dec4j.api.result;

/**
 * The embedding of a result's sample rows ({@link EmbeddingSample#indices()}) at one refresh of the
 * clustering phase, so reports can map how the clusters formed: the DEC paper's Figure 5 shows the
 * embedding at the start, during and at the end of the clustering phase (Xie, Girshick and Farhadi,
 * ICML 2016).
 *
 * @param iteration the iteration of the refresh (0: the k-means initialisation)
 * @param points the sample rows' embeddings f(x) then, one row per index
 * @param centroids the cluster centres then, in the same space
 * @param labels the sample rows' clusters then
 * @since API level 2
 */
public record EmbeddingSnapshot(
    int iteration, float[][] points, float[][] centroids, int[] labels) {}
