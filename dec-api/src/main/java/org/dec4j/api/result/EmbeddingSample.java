package org.dec4j.api.result;

/**
 * The final embedding of a seeded random sample of the data, kept in a result so reports can draw a
 * 2-D map (t-SNE or UMAP) of it without rerunning the network.
 *
 * @param indices the sampled rows of the data set, ascending
 * @param points their embeddings f(x), one row per index
 * @param centroids the cluster centres in the same space
 */
public record EmbeddingSample(int[] indices, float[][] points, float[][] centroids) {}
