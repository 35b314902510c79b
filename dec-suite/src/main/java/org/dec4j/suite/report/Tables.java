package org.dec4j.suite.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.api.result.Timings;
import org.dec4j.suite.report.ReportModel.Cell;
import org.dec4j.suite.report.ReportModel.Column;
import org.dec4j.suite.report.ReportModel.Metric;
import org.dec4j.suite.report.ReportModel.Row;
import org.dec4j.suite.report.ReportModel.Stats;

/**
 * The summary as CSV, Markdown and LaTeX: methods as rows, (data set, metric) as columns, mean ±
 * sample standard deviation over seeds, the best mean of each column in bold. The Markdown and
 * LaTeX tables hold no timings, so the same results give the same tables on any machine.
 */
final class Tables {
  private Tables() {}

  /** One row per (data set, variant): means, standard deviations, iterations, times. */
  static String summaryCsv(ReportModel model) {
    StringBuilder b =
        new StringBuilder(
            "dataset,method,variant,runs,seeds,acc_mean,acc_std,nmi_mean,nmi_std,"
                + "ari_mean,ari_std,iterations_mean,converged,seconds_mean,pretrain_seconds_mean\n");
    for (Cell c : model.cells()) {
      List<String> seeds =
          c.runs().stream().map(f -> Long.toString(f.result().config().seed())).toList();
      b.append(csv(c.column().label()))
          .append(',')
          .append(csv(c.row().method()))
          .append(',')
          .append(csv(c.row().label()))
          .append(',')
          .append(c.runs().size())
          .append(',')
          .append(csv(String.join(" ", seeds)));
      for (Metric m : Metric.values()) {
        Stats s = c.metrics().get(m);
        b.append(',').append(number(s.mean())).append(',').append(number(s.std()));
      }
      b.append(',')
          .append(number(c.iterations()))
          .append(',')
          .append(c.converged())
          .append(',')
          .append(number(c.seconds()))
          .append(',')
          .append(number(c.pretrainSeconds()))
          .append('\n');
    }
    return b.toString();
  }

  /** One row per run. */
  static String runsCsv(ReportModel model) {
    StringBuilder b =
        new StringBuilder(
            "dataset,method,variant,seed,acc,nmi,ari,initial_acc,initial_nmi,"
                + "initial_ari,iterations,converged,load_seconds,pretrain_seconds,initialize_seconds,cluster_seconds,"
                + "total_seconds,file\n");
    for (Cell c : model.cells()) {
      for (RunFile f : c.runs()) {
        RunResult r = f.result();
        b.append(csv(c.column().label()))
            .append(',')
            .append(csv(c.row().method()))
            .append(',')
            .append(csv(c.row().label()))
            .append(',')
            .append(r.config().seed());
        appendScores(b, r.scores());
        appendScores(b, r.initialScores());
        b.append(',').append(r.iterations()).append(',').append(r.converged());
        Timings t = r.timings();
        if (t == null) {
          b.append(",,,,,");
        } else {
          for (double v :
              new double[] {t.load(), t.pretrain(), t.initialize(), t.cluster(), t.total()}) {
            b.append(',').append(number(v));
          }
        }
        b.append(',').append(csv(f.path().toString().replace('\\', '/'))).append('\n');
      }
    }
    return b.toString();
  }

  private static void appendScores(StringBuilder b, Scores s) {
    for (Metric m : Metric.values()) {
      b.append(',').append(s == null ? "" : number(m.value.applyAsDouble(s)));
    }
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  /** The caption shared by the Markdown, LaTeX and HTML tables. */
  static String caption(ReportModel model) {
    List<Long> seeds = model.seeds();
    StringBuilder b = new StringBuilder();
    b.append(seeds.size() > 1 ? "Mean ± sample standard deviation over seeds " : "Seed ");
    b.append(String.join(", ", seeds.stream().map(String::valueOf).toList()));
    boolean partial = false;
    for (Cell c : model.cells()) {
      partial |= c.runs().size() != c.column().seeds().size();
    }
    b.append(partial ? "; (n = …): cells with fewer runs" : "");
    b.append(
        ". ACC: unsupervised accuracy (Hungarian matching), NMI: normalised mutual information, "
            + "ARI: adjusted Rand index; bold: the best mean of its column.");
    return b.toString();
  }

  /** The cell text without markup, e.g. {@code 0.843 ± 0.012}. */
  static String value(ReportModel model, Cell cell, Metric m) {
    if (cell == null) {
      return "–";
    }
    Stats s = cell.metrics().get(m);
    if (s.n() == 0) {
      return "–";
    }
    String v = String.format(Locale.ROOT, "%.3f", s.mean());
    if (cell.column().seeds().size() > 1) {
      v += String.format(Locale.ROOT, " ± %.3f", s.std());
    }
    if (s.n() != cell.column().seeds().size()) {
      v += " (n = " + s.n() + ")";
    }
    return v;
  }

  /** A Markdown document: title, caption and the table. */
  static String markdown(ReportModel model) {
    StringBuilder b = new StringBuilder("# ").append(model.title).append(": ACC / NMI / ARI\n\n");
    b.append(caption(model)).append("\n\n");
    boolean many = model.columns.size() > 1;
    List<String> header = new ArrayList<>(List.of("Method"));
    for (Column c : model.columns) {
      for (Metric m : Metric.values()) {
        header.add(many ? c.label() + " " + m.title : m.title);
      }
    }
    if (!many && !model.columns.isEmpty()) {
      b.append("Data set: ")
          .append(model.columns.get(0).label())
          .append(" (")
          .append(model.columns.get(0).size())
          .append(" samples, k = ")
          .append(model.columns.get(0).clusters())
          .append(")\n\n");
    }
    b.append("| ").append(String.join(" | ", header)).append(" |\n|---");
    b.append("|---:".repeat(header.size() - 1)).append("|\n");
    for (Row r : model.rows) {
      b.append("| ").append(r.label().replace("|", "\\|"));
      for (Column c : model.columns) {
        Cell cell = model.cell(c, r);
        for (Metric m : Metric.values()) {
          String v = value(model, cell, m);
          b.append(" | ").append(cell != null && model.best(cell, m) ? "**" + v + "**" : v);
        }
      }
      b.append(" |\n");
    }
    againstMarkdown(b, model);
    perClassMarkdown(b, model);
    return b.toString();
  }

  /**
   * Per-class recall of the data sets subsampled with {@code retention} (the imbalanced-data
   * experiment), mean over seeds: the table that shows a small class absorbed into a large cluster,
   * which ACC hides.
   */
  private static void perClassMarkdown(StringBuilder b, ReportModel model) {
    for (Column c : model.columns) {
      List<Cell> cells = new ArrayList<>();
      int classes = 0;
      boolean subsampled = false;
      for (Row r : model.rows) {
        Cell cell = model.cell(c, r);
        if (cell == null || cell.runs().stream().anyMatch(f -> f.result().perClass() == null)) {
          continue;
        }
        subsampled |=
            cell.runs().stream()
                .anyMatch(
                    f ->
                        f.result().config().datasetParams() != null
                            && f.result()
                                    .config()
                                    .datasetParams()
                                    .get(org.dec4j.runtime.DatasetOptions.RETENTION)
                                != null);
        classes = Math.max(classes, cell.first().result().perClass().size());
        cells.add(cell);
      }
      if (!subsampled || cells.isEmpty()) {
        continue;
      }
      b.append("\n## Per-class recall: ").append(c.label()).append("\n\n");
      b.append(
          "Share of each class's samples in the cluster matched to it (the matching behind ACC), mean over "
              + "seeds; the sizes are the lowest seed's. A class near 0 was absorbed into another class's cluster.\n\n");
      List<Integer> sizes =
          cells.get(0).first().result().perClass().stream()
              .map(org.dec4j.api.result.ClassRecall::size)
              .toList();
      b.append("| Method | min");
      for (int k = 0; k < classes; k++) {
        b.append(" | ").append(k).append(k < sizes.size() ? " (" + sizes.get(k) + ")" : "");
      }
      b.append(" |\n|---").append("|---:".repeat(classes + 1)).append("|\n");
      for (Cell cell : cells) {
        double[] mean = new double[classes];
        for (RunFile f : cell.runs()) {
          for (org.dec4j.api.result.ClassRecall r : f.result().perClass()) {
            mean[r.label()] += r.recall() / cell.runs().size();
          }
        }
        b.append("| ")
            .append(cell.row().label().replace("|", "\\|"))
            .append(" | ")
            .append(
                String.format(Locale.ROOT, "%.3f", java.util.Arrays.stream(mean).min().orElse(0)));
        for (double v : mean) {
          b.append(" | ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        b.append(" |\n");
      }
    }
  }

  /**
   * One measured figure beside a published one.
   *
   * @param dataset the data set column's label
   * @param method the row's label
   * @param metric ACC, NMI or ARI
   * @param measured the measured cell text (mean ± std), or "not run"
   * @param published the published figure
   * @param difference measured mean minus published, in points (hundredths), signed; empty when not
   *     run
   * @param source where the figure was published
   */
  record Against(
      String dataset,
      String method,
      String metric,
      String measured,
      String published,
      String difference,
      String source) {}

  /** The suite's published figures against the matching cells, in the figures' order. */
  static List<Against> against(ReportModel model) {
    List<Against> out = new ArrayList<>();
    for (PublishedFigure f : model.options.published()) {
      boolean found = false;
      for (Column c : model.columns) {
        if (!c.dataset().equals(f.dataset()) && !c.label().equals(f.dataset())) {
          continue;
        }
        for (Row r : model.rows) {
          Cell cell =
              r.label().equals(f.method()) || r.method().equals(f.method())
                  ? model.cell(c, r)
                  : null;
          if (cell == null) {
            continue;
          }
          found = true;
          for (Metric m : Metric.values()) {
            Double p = f.value(m.name().toLowerCase(Locale.ROOT));
            if (p != null) {
              Stats s = cell.metrics().get(m);
              String diff =
                  s.n() == 0
                      ? ""
                      : String.format(Locale.ROOT, "%+.1f", 100 * (s.mean() - p))
                          .replaceFirst("^[-+]0\\.0$", "0.0");
              out.add(
                  new Against(
                      c.label(),
                      r.label(),
                      m.title,
                      value(model, cell, m),
                      String.format(Locale.ROOT, "%.3f", p),
                      diff,
                      f.source()));
            }
          }
        }
      }
      for (Metric m : found ? new Metric[0] : Metric.values()) {
        Double p = f.value(m.name().toLowerCase(Locale.ROOT));
        if (p != null) {
          out.add(
              new Against(
                  f.dataset(),
                  f.method(),
                  m.title,
                  "not run",
                  String.format(Locale.ROOT, "%.3f", p),
                  "",
                  f.source()));
        }
      }
    }
    return out;
  }

  private static void againstMarkdown(StringBuilder b, ReportModel model) {
    List<Against> rows = against(model);
    if (rows.isEmpty()) {
      return;
    }
    b.append("\n## Against published figures\n\n");
    b.append("Difference: measured mean minus published figure, in points (0.01).\n\n");
    b.append("| Data set | Method | Metric | Measured | Published | Difference | Source |\n");
    b.append("|---|---|---|---:|---:|---:|---|\n");
    for (Against a : rows) {
      b.append("| ")
          .append(
              String.join(
                  " | ",
                  List.of(
                          a.dataset(),
                          a.method(),
                          a.metric(),
                          a.measured(),
                          a.published(),
                          a.difference(),
                          a.source())
                      .stream()
                      .map(t -> t.replace("|", "\\|"))
                      .toList()))
          .append(" |\n");
    }
  }

  /** A LaTeX {@code table} with {@code booktabs} rules. */
  static String latex(ReportModel model) {
    StringBuilder b = new StringBuilder();
    b.append("% dec4j suite '").append(model.title).append("'; needs \\usepackage{booktabs}\n");
    b.append("\\begin{table}[t]\n\\centering\n\\small\n");
    b.append("\\caption{").append(tex(caption(model))).append("}\n");
    b.append("\\label{tab:").append(ReportModel.safe(model.title)).append("}\n");
    b.append("\\begin{tabular}{l")
        .append(" ccc".repeat(model.columns.size()))
        .append("}\n\\toprule\n");
    StringBuilder groups = new StringBuilder();
    StringBuilder rules = new StringBuilder();
    int col = 2;
    for (Column c : model.columns) {
      groups.append(" & \\multicolumn{3}{c}{").append(tex(c.label())).append('}');
      rules.append("\\cmidrule(lr){").append(col).append('-').append(col + 2).append('}');
      col += 3;
    }
    b.append(groups).append(" \\\\\n").append(rules).append('\n');
    b.append("Method");
    for (int i = 0; i < model.columns.size(); i++) {
      for (Metric m : Metric.values()) {
        b.append(" & ").append(m.title);
      }
    }
    b.append(" \\\\\n\\midrule\n");
    for (Row r : model.rows) {
      b.append(tex(r.label()));
      for (Column c : model.columns) {
        Cell cell = model.cell(c, r);
        for (Metric m : Metric.values()) {
          String v = value(model, cell, m);
          if (v.equals("–")) {
            b.append(" & --");
            continue;
          }
          String math =
              "$" + v.replace(" ± ", " \\pm ").replace(" (n = ", "^{n=").replace(")", "}") + "$";
          if (model.best(cell, m)) {
            math = "$\\mathbf{" + math.substring(1, math.length() - 1) + "}$";
          }
          b.append(" & ").append(math);
        }
      }
      b.append(" \\\\\n");
    }
    b.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    return b.toString();
  }

  /** Escapes LaTeX's special characters in text. */
  static String tex(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '±' -> b.append("$\\pm$");
        case '–' -> b.append("--");
        case '…' -> b.append("\\ldots{}");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
