package org.dec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dec4j.api.DataException;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.runtime.metrics.LabelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dec4j score}: ACC, NMI and ARI of any clustering's labels against ground truth. */
@Command(
    name = "score",
    description =
        "Score predicted clusters against true classes: ACC (Hungarian-matched), "
            + "NMI and ARI, computed as scikit-learn does (the same functions as every dec4j run). Labels are one column "
            + "of a CSV/TSV/whitespace file (a header row is optional) or a .npy array.")
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "FILE",
      description = "The true classes.")
  Path truth;

  @Option(
      names = "--pred",
      required = true,
      paramLabel = "FILE",
      description = "The predicted clusters, e.g. the output of 'dec4j predict'.")
  Path pred;

  @Option(
      names = "--truth-column",
      paramLabel = "NAME|INDEX",
      description =
          "The column of --truth (default: a "
              + "column named cluster, label, labels, class, y, target or prediction, else the only one).")
  String truthColumn;

  @Option(
      names = "--pred-column",
      paramLabel = "NAME|INDEX",
      description = "The column of --pred (default as for " + "--truth-column).")
  String predColumn;

  @Option(
      names = "--matching",
      description = "Also print the one-to-one matching of clusters to classes behind ACC.")
  boolean matching;

  @Override
  public Integer call() {
    LabelFile.Column t = LabelFile.read(truth, truthColumn, "--truth-column");
    LabelFile.Column p = LabelFile.read(pred, predColumn, "--pred-column");
    if (t.size() != p.size()) {
      throw new DataException(
          "--truth "
              + truth
              + " has "
              + t.size()
              + " labels (column "
              + t.column()
              + "), --pred "
              + pred
              + " has "
              + p.size()
              + " (column "
              + p.column()
              + "); they must label the same samples in the same"
              + " order");
    }
    int[] classes = ClusteringMetrics.labels(t.labels());
    int[] clusters = ClusteringMetrics.labels(p.labels());
    Scores s = ClusteringMetrics.scores(t.labels(), p.labels());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s  (%d samples, %d classes, %d clusters)%n",
        s,
        t.size(),
        classes.length,
        clusters.length);
    if (matching) {
      int[] match = ClusteringMetrics.matching(t.labels(), p.labels());
      int[][] table = ClusteringMetrics.contingency(t.labels(), p.labels());
      out.println("cluster  class  matched  size");
      for (int j = 0; j < clusters.length; j++) {
        int size = 0;
        for (int[] row : table) {
          size += row[j];
        }
        String cls = match[j] < 0 ? "-" : Integer.toString(classes[match[j]]);
        int matched = match[j] < 0 ? 0 : table[match[j]][j];
        out.printf(Locale.ROOT, "%7d  %5s  %7d  %4d%n", clusters[j], cls, matched, size);
      }
    }
    out.flush();
    return 0;
  }
}
