package org.dec4j.api.result;

/**
 * External clustering metrics against ground truth.
 *
 * @param acc unsupervised accuracy: the best one-to-one matching of clusters to classes (Hungarian)
 * @param nmi normalised mutual information, arithmetic-mean normalisation (scikit-learn's default)
 * @param ari adjusted Rand index
 */
public record Scores(double acc, double nmi, double ari) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "ACC %.4f  NMI %.4f  ARI %.4f", acc, nmi, ari);
  }
}
