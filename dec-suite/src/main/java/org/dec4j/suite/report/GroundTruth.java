package org.dec4j.suite.report;

/**
 * The true classes of a data set, kept beside the results so that reports can draw confusion
 * matrices and colour maps by class without loading the data again (results hold the predicted
 * clusters only).
 *
 * @param dataset the data set id
 * @param key the data set's folder name under {@code runs/}
 * @param sha256 the checksum of the loaded data, as in each result's provenance
 * @param classCount the number of classes
 * @param labels the class of every sample
 */
public record GroundTruth(
    String dataset, String key, String sha256, int classCount, int[] labels) {}
