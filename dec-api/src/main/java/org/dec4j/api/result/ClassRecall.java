package org.dec4j.api.result;

/**
 * How one true class fared in a clustering: the share of its samples that landed in the cluster the
 * Hungarian matching behind ACC assigned to it. DEC's known failure on imbalanced data is to absorb
 * a small class into a large cluster, which shows here as a recall near 0 while ACC still looks
 * good.
 *
 * @param label the class
 * @param size the samples of that class
 * @param cluster the cluster matched to the class, or -1 when it was matched to none (more classes
 *     than clusters)
 * @param recall the share of the class's samples in that cluster, in [0, 1]
 */
public record ClassRecall(int label, int size, int cluster, double recall) {}
