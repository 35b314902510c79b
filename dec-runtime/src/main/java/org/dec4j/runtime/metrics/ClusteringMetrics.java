package org.dec4j.runtime.metrics;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.dec4j.api.result.Scores;

/**
 * External clustering metrics against ground-truth classes, numerically equal to the references
 * deep-clustering papers report with: unsupervised accuracy as DEC/IDEC's {@code cluster_acc}
 * (scipy's {@code linear_sum_assignment}), NMI as scikit-learn's {@code
 * normalized_mutual_info_score} and ARI as its {@code adjusted_rand_score}.
 *
 * <p>Labels may be any {@code int}s, negative ones included (DBSCAN-style noise, Smile's {@code
 * OUTLIER}); only equality matters. Where an index refers to a class or a cluster, class {@code i}
 * is the i-th smallest distinct value of {@code truth} and cluster {@code j} the j-th smallest
 * distinct value of {@code predicted}, as {@link #labels(int[])} lists them.
 *
 * <p>Every method rejects {@code null} arrays, arrays of different lengths and empty arrays. The
 * cost is O(n log n) for sorting plus, for accuracy and matching, O(k^3) for the assignment, with k
 * the larger of the class and cluster counts.
 */
public final class ClusteringMetrics {
  /** numpy's {@code finfo(float64).eps}: sklearn zeroes smaller MI terms as rounding noise. */
  private static final double FLOAT64_EPS = Math.ulp(1.0);

  private ClusteringMetrics() {}

  /**
   * Unsupervised clustering accuracy: the largest fraction of samples whose cluster, mapped to a
   * class by a one-to-one map, equals their class (Xie et al., DEC, ICML 2016, eq. 10).
   *
   * <p>The map is the maximum-weight matching on the contingency table, found with the Hungarian
   * method (Kuhn 1955; Munkres 1957). With more clusters than classes the clusters left unmatched
   * count as wrong; with fewer, the classes left unmatched do. Equal to scipy's {@code
   * linear_sum_assignment} on the negated contingency table, matched count over n.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return accuracy in (0, 1]
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static double accuracy(int[] truth, int[] predicted) {
    return accuracy(Pairs.of(truth, predicted));
  }

  /**
   * Normalised mutual information with arithmetic-mean normalisation and natural logarithms: I(T;
   * P) / ((H(T) + H(P)) / 2), the "NMI_sum" variant of Vinh, Epps and Bailey, "Information
   * Theoretic Measures for Clusterings Comparison", JMLR 11, 2010, and scikit-learn's default.
   *
   * <p>Edge cases as scikit-learn 1.2: both labelings a single cluster gives 1.0 (nothing is split,
   * a perfect match); exactly one of them a single cluster gives 0.0. Mutual-information terms
   * smaller than the float64 machine epsilon are dropped, as scikit-learn does.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return NMI in [0, 1]
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static double nmi(int[] truth, int[] predicted) {
    return nmi(Pairs.of(truth, predicted).cells());
  }

  /**
   * Adjusted Rand index of Hubert and Arabie, "Comparing partitions", Journal of Classification 2,
   * 1985: the Rand index corrected for chance under the permutation model, as scikit-learn's {@code
   * adjusted_rand_score}.
   *
   * <p>Computed from exact pair counts (64-bit, products in {@link BigInteger}), so any n a Java
   * array holds is safe, and rounded once at the end as scikit-learn does with Python integers.
   * When no pair is split by one labeling but joined by the other (in particular n = 1, or both
   * labelings a single cluster) the result is 1.0.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return ARI in [-0.5, 1]
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static double ari(int[] truth, int[] predicted) {
    return ari(Pairs.of(truth, predicted).cells());
  }

  /**
   * Accuracy, NMI and ARI together, sharing one pass over the labels.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return the three scores, each as its own method computes it
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static Scores scores(int[] truth, int[] predicted) {
    Pairs pairs = Pairs.of(truth, predicted);
    Cells cells = pairs.cells();
    return new Scores(accuracy(pairs), nmi(cells), ari(cells));
  }

  /**
   * The contingency table: entry [i][j] counts the samples of class i put in cluster j.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return a fresh classes x clusters table; rows and columns in {@link #labels(int[])} order
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static int[][] contingency(int[] truth, int[] predicted) {
    return Pairs.of(truth, predicted).table();
  }

  /**
   * The cluster-to-class map behind {@link #accuracy(int[], int[])}, for confusion matrices.
   *
   * @param truth ground-truth class of each sample
   * @param predicted cluster of each sample
   * @return for each cluster (in {@link #labels(int[])} order of {@code predicted}) the index of
   *     its matched class (in that order of {@code truth}), or -1 for a cluster left unmatched
   *     because there are more clusters than classes
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static int[] matching(int[] truth, int[] predicted) {
    return clusterToClass(Pairs.of(truth, predicted).table());
  }

  /**
   * The recall of every class under the matching behind {@link #accuracy(int[], int[])}: the share
   * of its samples in the cluster matched to it. A class absorbed into a larger class's cluster
   * gets recall 0 even when ACC is high, which is how DEC fails on imbalanced data.
   *
   * @param truth ground-truth class of each sample, in [0, classes)
   * @param predicted cluster of each sample
   * @param classes the class count; classes without samples are listed with size 0 and recall 0
   * @return one entry per class, by label; the cluster is the predicted label value, or -1
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static java.util.List<org.dec4j.api.result.ClassRecall> perClassRecall(
      int[] truth, int[] predicted, int classes) {
    int[][] table = contingency(truth, predicted);
    int[] classValues = labels(truth);
    int[] clusterValues = labels(predicted);
    int[] clusterToClass = clusterToClass(table);
    java.util.List<org.dec4j.api.result.ClassRecall> out = new java.util.ArrayList<>();
    for (int c = 0; c < classes; c++) {
      int row = Arrays.binarySearch(classValues, c);
      if (row < 0) {
        out.add(new org.dec4j.api.result.ClassRecall(c, 0, -1, 0));
        continue;
      }
      int size = Arrays.stream(table[row]).sum();
      int cluster = -1;
      int hit = 0;
      for (int j = 0; j < clusterToClass.length; j++) {
        if (clusterToClass[j] == row) {
          cluster = clusterValues[j];
          hit = table[row][j];
        }
      }
      out.add(new org.dec4j.api.result.ClassRecall(c, size, cluster, (double) hit / size));
    }
    return out;
  }

  /**
   * The distinct values of a labeling in ascending order: the meaning of the class and cluster
   * indices used by {@link #contingency(int[], int[])} and {@link #matching(int[], int[])}.
   *
   * @param labeling labels of any int values
   * @return a fresh sorted array without repeats
   */
  public static int[] labels(int[] labeling) {
    Objects.requireNonNull(labeling, "labeling");
    return Arrays.stream(labeling).sorted().distinct().toArray();
  }

  private static double accuracy(Pairs pairs) {
    int[][] table = pairs.table();
    int[] clusterToClass = clusterToClass(table);
    long matched = 0;
    for (int cluster = 0; cluster < clusterToClass.length; cluster++) {
      if (clusterToClass[cluster] >= 0) {
        matched += table[clusterToClass[cluster]][cluster];
      }
    }
    return (double) matched / pairs.n();
  }

  private static int[] clusterToClass(int[][] table) {
    int classes = table.length;
    int clusters = table[0].length;
    int[][] byCluster = new int[clusters][classes];
    for (int i = 0; i < classes; i++) {
      for (int j = 0; j < clusters; j++) {
        byCluster[j][i] = table[i][j];
      }
    }
    return LinearAssignment.maximize(byCluster);
  }

  /** Mirrors scikit-learn 1.2's {@code mutual_info_score} term by term, then its NMI branches. */
  private static double nmi(Cells cells) {
    int classes = cells.rowSums().length;
    int clusters = cells.colSums().length;
    if (classes == 1 && clusters == 1) {
      return 1.0;
    }
    if (classes == 1 || clusters == 1) {
      return 0.0; // one side has zero entropy, so I = 0
    }
    double n = cells.n();
    double logN = Math.log(n);
    double mi = 0;
    for (int c = 0; c < cells.count().length; c++) {
      double count = cells.count()[c];
      double share = count / n;
      long outer = (long) cells.rowSums()[cells.row()[c]] * cells.colSums()[cells.col()[c]];
      double term =
          share * (Math.log(count) - logN) + share * (-Math.log((double) outer) + logN + logN);
      if (Math.abs(term) >= FLOAT64_EPS) {
        mi += term;
      }
    }
    if (mi <= 0) {
      return 0.0;
    }
    double mean = (entropy(cells.rowSums(), n) + entropy(cells.colSums(), n)) / 2;
    return mi / mean;
  }

  private static double entropy(int[] sizes, double n) {
    double logN = Math.log(n);
    double sum = 0;
    for (int size : sizes) {
      sum += (size / n) * (Math.log(size) - logN);
    }
    return -sum;
  }

  /** scikit-learn's {@code pair_confusion_matrix} (ordered pairs) and ARI formula, exactly. */
  private static double ari(Cells cells) {
    long n = cells.n();
    long sumSquares = 0;
    for (int count : cells.count()) {
      sumSquares += (long) count * count;
    }
    long rowSquares = sumOfSquares(cells.rowSums());
    long colSquares = sumOfSquares(cells.colSums());
    long together = sumSquares - n; // same class, same cluster
    long splitByCluster = rowSquares - sumSquares; // same class, different clusters
    long joinedByCluster = colSquares - sumSquares; // different classes, same cluster
    long apart = n * n - splitByCluster - joinedByCluster - sumSquares;
    if (splitByCluster == 0 && joinedByCluster == 0) {
      return 1.0;
    }
    BigInteger tp = BigInteger.valueOf(together);
    BigInteger tn = BigInteger.valueOf(apart);
    BigInteger fn = BigInteger.valueOf(splitByCluster);
    BigInteger fp = BigInteger.valueOf(joinedByCluster);
    BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp));
    BigInteger denominator = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
    return 2.0 * numerator.doubleValue() / denominator.doubleValue();
  }

  private static long sumOfSquares(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += (long) v * v;
    }
    return sum;
  }

  /**
   * Both labelings recoded to contiguous indices 0..k-1 in ascending label order.
   *
   * @param classOf class index of each sample
   * @param clusterOf cluster index of each sample
   * @param classes number of distinct truth labels
   * @param clusters number of distinct predicted labels
   */
  private record Pairs(int[] classOf, int[] clusterOf, int classes, int clusters) {
    static Pairs of(int[] truth, int[] predicted) {
      Objects.requireNonNull(truth, "truth");
      Objects.requireNonNull(predicted, "predicted");
      if (truth.length != predicted.length || truth.length == 0) {
        throw new IllegalArgumentException(
            "truth and predicted must be non-empty and of equal length, got lengths "
                + truth.length
                + " and "
                + predicted.length);
      }
      int[] classLabels = labels(truth);
      int[] clusterLabels = labels(predicted);
      return new Pairs(
          recode(truth, classLabels),
          recode(predicted, clusterLabels),
          classLabels.length,
          clusterLabels.length);
    }

    private static int[] recode(int[] labeling, int[] sortedDistinct) {
      int[] codes = new int[labeling.length];
      for (int i = 0; i < labeling.length; i++) {
        codes[i] = Arrays.binarySearch(sortedDistinct, labeling[i]);
      }
      return codes;
    }

    int n() {
      return classOf.length;
    }

    /** Dense classes x clusters counts (memory grows with classes * clusters). */
    int[][] table() {
      int[][] table = new int[classes][clusters];
      for (int i = 0; i < classOf.length; i++) {
        table[classOf[i]][clusterOf[i]]++;
      }
      return table;
    }

    /**
     * The non-zero table cells in row-major order, from sorting pair codes: memory O(n) whatever
     * the class and cluster counts, so NMI and ARI stay cheap even when every sample is its own
     * cluster.
     */
    Cells cells() {
      long[] codes = new long[classOf.length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (long) classOf[i] * clusters + clusterOf[i];
      }
      Arrays.sort(codes);
      int distinct = 0;
      for (int i = 0; i < codes.length; i++) {
        if (i == 0 || codes[i] != codes[i - 1]) {
          distinct++;
        }
      }
      int[] row = new int[distinct];
      int[] col = new int[distinct];
      int[] count = new int[distinct];
      int[] rowSums = new int[classes];
      int[] colSums = new int[clusters];
      int cell = -1;
      for (int i = 0; i < codes.length; i++) {
        if (i == 0 || codes[i] != codes[i - 1]) {
          cell++;
          row[cell] = (int) (codes[i] / clusters);
          col[cell] = (int) (codes[i] % clusters);
        }
        count[cell]++;
        rowSums[row[cell]]++;
        colSums[col[cell]]++;
      }
      return new Cells(codes.length, row, col, count, rowSums, colSums);
    }
  }

  /**
   * A sparse contingency table.
   *
   * @param n number of samples
   * @param row class index of each non-zero cell
   * @param col cluster index of each non-zero cell
   * @param count samples in each non-zero cell
   * @param rowSums samples per class
   * @param colSums samples per cluster
   */
  private record Cells(int n, int[] row, int[] col, int[] count, int[] rowSums, int[] colSums) {}
}
