package org.dec4j.suite.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.Runner;
import org.dec4j.runtime.metrics.ClusteringMetrics;
import org.dec4j.suite.report.ReportModel.Cell;
import org.dec4j.suite.report.ReportModel.Column;
import org.dec4j.suite.report.ReportModel.Metric;
import org.dec4j.suite.report.ReportModel.Row;
import org.dec4j.suite.report.ReportModel.Stats;

/**
 * The self-contained HTML report: one file with inline CSS and SVG, no external resource, so it
 * opens offline and can be mailed or attached as it is. Its only script records page errors into
 * the {@code data-errors} attribute of {@code <body>} and counts the charts that have a size, for
 * automated checks in a headless browser.
 */
final class Html {
  private static final String[] METRIC_COLORS = {"#2b6cb0", "#dd6b20", "#2f855a"};

  private Html() {}

  /**
   * Renders the report.
   *
   * @param model the results
   * @param maps the 2-D map of each cell's first run, by {@link ReportModel#key(Cell)} (absent when
   *     not drawn)
   * @param generatedAt when the report was made
   * @return the HTML document
   */
  static String render(
      ReportModel model, Map<String, EmbeddingMaps.MapData> maps, Instant generatedAt) {
    return render(model, maps, generatedAt, new LinkedHashMap<>());
  }

  /** The folder beside the report that holds every chart as an SVG file. */
  static final String FIGURES = "figures";

  /**
   * Renders the report and collects its charts, each to be written as a file of its own.
   *
   * @param model the results
   * @param maps the 2-D maps by {@link ReportModel#mapKey}
   * @param generatedAt when the report was made
   * @param figures receives each chart: its path relative to the report ({@code figures/<data
   *     set>/<method>-<what>.svg}) to its SVG element
   * @return the HTML document
   */
  static String render(
      ReportModel model,
      Map<String, EmbeddingMaps.MapData> maps,
      Instant generatedAt,
      Map<String, String> figures) {
    StringBuilder b = new StringBuilder(1 << 20);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>")
        .append(escape(model.title))
        .append(" — dec4j report</title>\n")
        .append("<script>")
        .append(SELF_CHECK)
        .append("</script>\n")
        .append("<style>")
        .append(CSS)
        .append("      svg.chart { display: block; }\n")
        .append(SVG_CSS)
        .append("</style>\n</head>\n<body>\n");
    int runs = model.cells().stream().mapToInt(c -> c.runs().size()).sum();
    b.append("<header><h1>")
        .append(escape(model.title))
        .append("</h1><p class=\"sub\">dec4j comparison report · ")
        .append(runs)
        .append(" runs · ")
        .append(model.columns.size())
        .append(model.columns.size() == 1 ? " data set" : " data sets")
        .append(" · ")
        .append(model.rows.size())
        .append(" methods · seeds ")
        .append(escape(String.join(", ", model.seeds().stream().map(String::valueOf).toList())))
        .append(" · generated ")
        .append(generatedAt.truncatedTo(ChronoUnit.SECONDS))
        .append("</p>\n");
    b.append("<nav><a href=\"#summary\">Summary</a>");
    for (Column c : model.columns) {
      b.append("<a href=\"#ds-")
          .append(c.key())
          .append("\">")
          .append(escape(c.label()))
          .append("</a>");
    }
    b.append(
        "<a href=\"#runs\">Runs</a><a href=\"#provenance\">Provenance</a></nav></header>\n<main>\n");

    summary(b, model);
    for (Column c : model.columns) {
      dataset(b, model, c, maps, figures);
    }
    runsTable(b, model);
    provenance(b, model);
    b.append(
        "</main>\n<footer>Made by dec4j from the result files beside this page; tables also in "
            + "<a href=\"summary.md\">summary.md</a>, <a href=\"summary.tex\">summary.tex</a>, "
            + "<a href=\"summary.csv\">summary.csv</a> and <a href=\"runs.csv\">runs.csv</a>.</footer>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void summary(StringBuilder b, ReportModel model) {
    b.append(
        "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"scroll\"><table class=\"summary\">\n<thead>");
    b.append("<tr><th rowspan=\"2\">Method</th>");
    for (Column c : model.columns) {
      b.append("<th colspan=\"3\" class=\"group\">")
          .append(escape(c.label()))
          .append("<br><span class=\"muted\">")
          .append(c.size())
          .append(" samples, k = ")
          .append(c.clusters())
          .append("</span></th>");
    }
    b.append("</tr>\n<tr>");
    for (int i = 0; i < model.columns.size(); i++) {
      for (Metric m : Metric.values()) {
        b.append("<th>").append(m.title).append("</th>");
      }
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (Row r : model.rows) {
      b.append("<tr><th class=\"method\">").append(escape(r.label())).append("</th>");
      for (Column c : model.columns) {
        Cell cell = model.cell(c, r);
        for (Metric m : Metric.values()) {
          boolean best = cell != null && model.best(cell, m);
          b.append(best ? "<td class=\"best\">" : "<td>")
              .append(escape(Tables.value(model, cell, m)))
              .append("</td>");
        }
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n<p class=\"caption\">")
        .append(escape(Tables.caption(model)))
        .append("</p>\n");
    List<Tables.Against> against = Tables.against(model);
    if (!against.isEmpty()) {
      b.append(
          "<h3>Against published figures</h3>\n<div class=\"scroll\"><table class=\"published\">\n<thead><tr>"
              + "<th>Data set</th><th>Method</th><th>Metric</th><th>Measured</th><th>Published</th><th>Difference</th>"
              + "<th>Source</th></tr></thead>\n<tbody>\n");
      for (Tables.Against a : against) {
        b.append("<tr><td>")
            .append(escape(a.dataset()))
            .append("</td><td>")
            .append(escape(a.method()))
            .append("</td><td>")
            .append(a.metric())
            .append("</td><td>")
            .append(escape(a.measured()))
            .append("</td><td>")
            .append(a.published())
            .append("</td><td>")
            .append(escape(a.difference()))
            .append("</td><td>")
            .append(escape(a.source()))
            .append("</td></tr>\n");
      }
      b.append(
          "</tbody></table></div>\n<p class=\"caption\">Difference: measured mean minus published figure, "
              + "in points (0.01).</p>\n");
    }
    if (!model.notes.isEmpty()) {
      b.append("<ul class=\"notes\">");
      model.notes.forEach(n -> b.append("<li>").append(escape(n)).append("</li>"));
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  /**
   * Records a chart as a figure file and marks it with its file's path.
   *
   * @param figures the charts so far
   * @param path the file's path relative to the report
   * @param svg the chart
   * @return the chart, with a {@code data-file} attribute naming its file
   */
  static String figure(Map<String, String> figures, String path, String svg) {
    figures.put(path, svg);
    return svg.replaceFirst(
        " xmlns=",
        java.util.regex.Matcher.quoteReplacement(" data-file=\"" + escape(path) + "\" xmlns="));
  }

  private static String figurePath(Column c, String name) {
    return FIGURES + "/" + c.key() + "/" + name + ".svg";
  }

  private static void dataset(
      StringBuilder b,
      ReportModel model,
      Column c,
      Map<String, EmbeddingMaps.MapData> maps,
      Map<String, String> figures) {
    b.append("<section id=\"ds-")
        .append(c.key())
        .append("\"><h2>")
        .append(escape(c.label()))
        .append("</h2>\n");
    b.append("<p class=\"muted\">")
        .append(c.size())
        .append(" samples, k = ")
        .append(c.clusters())
        .append(
            c.truth() == null
                ? "; no ground truth beside the results, so no class colours or confusion matrices"
                : "")
        .append(".</p>\n");
    List<Cell> cells = new ArrayList<>();
    for (Row r : model.rows) {
      Cell cell = model.cell(c, r);
      if (cell != null) {
        cells.add(cell);
      }
    }

    scores(b, c, cells, figures);
    settings(b, model, c, cells);
    autoencoders(b, model, c);

    b.append("<h3 id=\"curves-")
        .append(c.key())
        .append(
            "\">Training curves</h3>\n<p class=\"muted\">Metrics at every refresh of the clustering phase "
                + "(iteration 0: the k-means initialisation); one line per seed, the lowest seed solid.</p>\n");
    b.append("<div class=\"grid\">\n");
    List<Cell> flat = new ArrayList<>();
    for (Cell cell : cells) {
      if (cell.runs().stream()
          .allMatch(f -> f.result().trace() == null || f.result().trace().size() < 2)) {
        flat.add(cell);
        continue;
      }
      b.append("<div class=\"card\"><h4>").append(escape(cell.row().label())).append("</h4>\n");
      b.append(figure(figures, figurePath(c, cell.row().key() + "-acc-nmi-ari"), metricChart(cell)))
          .append('\n')
          .append(figure(figures, figurePath(c, cell.row().key() + "-loss"), lossChart(cell)));
      for (String name : diagnosticNames(cell)) {
        b.append('\n')
            .append(
                figure(
                    figures,
                    figurePath(c, cell.row().key() + "-" + ReportModel.safe(name)),
                    diagnosticChart(cell, name)));
      }
      b.append("\n</div>\n");
    }
    b.append("</div>\n");
    if (!flat.isEmpty()) {
      b.append("<p class=\"muted\">No clustering iterations (the result is the initialisation): ");
      b.append(escape(String.join(", ", flat.stream().map(x -> x.row().label()).toList())))
          .append(".</p>\n");
    }
    String comparison = cells.size() - flat.size() > 1 ? accComparison(cells) : "";
    comparison =
        comparison.isEmpty() ? "" : figure(figures, figurePath(c, "acc-every-method"), comparison);
    if (!comparison.isEmpty()) {
      b.append("<div class=\"card wide\"><h4>ACC of every method</h4>\n")
          .append(comparison)
          .append("</div>\n");
    }

    boolean allSeeds = "all".equals(model.options.mapSeeds());
    b.append("<h3 id=\"maps-")
        .append(c.key())
        .append("\">Embedding maps</h3>\n<p class=\"muted\">")
        .append(model.options.mapName())
        .append(
            " of the final embedding of a sample of the data "
                + (allSeeds
                    ? "(every seed)"
                    : "(lowest seed; report.map_seeds: all, or --map-seeds all, maps every seed)")
                + ", coloured by cluster (crosses: cluster centres) and by true class. "
                + (c.truth() == null
                    ? ""
                    : "Each cluster takes the colour of the class it is matched to (as in ACC), so the "
                        + "two maps of a method agree where the clustering is right. ")
                + "</p>\n"
                + "<div class=\"grid\">\n");
    int drawn = 0;
    for (Cell cell : cells) {
      for (RunFile f : allSeeds ? cell.runs() : List.of(cell.first())) {
        RunResult r = f.result();
        EmbeddingMaps.MapData map = maps.get(ReportModel.mapKey(cell, r.config().seed(), -1));
        if (map == null) {
          continue;
        }
        drawn++;
        b.append("<div class=\"card\"><h4>")
            .append(escape(cell.row().label()))
            .append(" <span class=\"muted\">seed ")
            .append(r.config().seed())
            .append("</span></h4>\n<div class=\"pair\">");
        String name = cell.row().key() + "-map-seed" + r.config().seed();
        b.append(
            figure(
                figures,
                figurePath(c, name + "-by-cluster"),
                Svg.scatter(
                    "by cluster",
                    map.xy(),
                    byCluster(map, r.assignments(), c.truth()),
                    map.rows().length,
                    300,
                    300,
                    legend(c))));
        if (c.truth() != null) {
          b.append(
              figure(
                  figures,
                  figurePath(c, name + "-by-class"),
                  Svg.scatter(
                      "by true class",
                      java.util.Arrays.copyOf(map.xy(), map.rows().length),
                      byClass(map, c.truth()),
                      map.rows().length,
                      300,
                      300,
                      legend(c))));
        }
        b.append("</div></div>\n");
      }
    }
    b.append("</div>\n");
    if (drawn == 0) {
      b.append("<p class=\"muted\">No maps (")
          .append(
              model.options.map().equals("none")
                  ? "report.map is none"
                  : "the results keep no embedding sample")
          .append(").</p>\n");
    }
    progression(b, model, c, cells, maps, figures);
    gallery(b, c, cells, figures);

    if (c.truth() != null) {
      b.append("<h3 id=\"confusion-")
          .append(c.key())
          .append(
              "\">Confusion matrices</h3>\n<p class=\"muted\">Rows: true classes; columns: clusters, each placed "
                  + "under the class it is matched to (Hungarian matching, as in ACC); shade: share of the row; lowest seed."
                  + "</p>\n<div class=\"grid\">\n");
      for (Cell cell : cells) {
        confusion(b, cell, c.truth());
      }
      b.append("</div>\n");
    }
    b.append("</section>\n");
  }

  /**
   * The legend of a data set's maps: one colour per class (a cluster takes its matched class's).
   */
  private static List<Svg.Legend> legend(Column c) {
    int k = Math.max(c.clusters(), c.truth() == null ? 0 : c.truth().classCount());
    List<Svg.Legend> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new Svg.Legend(Integer.toString(i), Svg.color(i), false));
    }
    return out;
  }

  /**
   * The colour group of each mapped point by its cluster (as its matched class), then of each
   * centre.
   */
  private static int[] byCluster(EmbeddingMaps.MapData map, int[] assignments, GroundTruth truth) {
    int n = map.rows().length;
    Map<Integer, Integer> colour = clusterColours(assignments, truth);
    int[] groups = new int[map.xy().length];
    for (int i = 0; i < n; i++) {
      groups[i] = colour.getOrDefault(assignments[map.rows()[i]], assignments[map.rows()[i]]);
    }
    for (int j = 0; j < map.centroids(); j++) {
      groups[n + j] = colour.getOrDefault(j, j);
    }
    return groups;
  }

  private static int[] byClass(EmbeddingMaps.MapData map, GroundTruth truth) {
    int[] groups = new int[map.rows().length];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = truth.labels()[map.rows()[i]];
    }
    return groups;
  }

  /**
   * The embedding of each method's lowest seed at the start, the middle and the end of its
   * clustering phase, as the DEC paper's Figure 5: coloured by true class when known (else by the
   * clusters of the moment), with the centres of the moment as crosses in their matched class's
   * colour.
   */
  private static void progression(
      StringBuilder b,
      ReportModel model,
      Column c,
      List<Cell> cells,
      Map<String, EmbeddingMaps.MapData> maps,
      Map<String, String> figures) {
    StringBuilder cards = new StringBuilder();
    for (Cell cell : cells) {
      RunResult r = cell.first().result();
      long seed = r.config().seed();
      if (r.snapshots() == null || r.snapshots().isEmpty() || r.sample() == null) {
        continue;
      }
      List<String> panels = new ArrayList<>();
      for (var snapshot : r.snapshots()) {
        EmbeddingMaps.MapData map = maps.get(ReportModel.mapKey(cell, seed, snapshot.iteration()));
        if (map != null) {
          panels.add(
              figure(
                  figures,
                  figurePath(c, cell.row().key() + "-forming-iteration" + snapshot.iteration()),
                  progressPanel(
                      map,
                      r.sample().indices(),
                      snapshot.labels(),
                      c,
                      snapshot.iteration() == 0
                          ? "iteration 0 (k-means start)"
                          : "iteration " + snapshot.iteration())));
        }
      }
      EmbeddingMaps.MapData last = maps.get(ReportModel.mapKey(cell, seed, -1));
      if (panels.isEmpty() || last == null) {
        continue;
      }
      int[] sampleLabels = new int[r.sample().indices().length];
      for (int i = 0; i < sampleLabels.length; i++) {
        sampleLabels[i] = r.assignments()[r.sample().indices()[i]];
      }
      panels.add(
          figure(
              figures,
              figurePath(c, cell.row().key() + "-forming-iteration" + r.iterations()),
              progressPanel(
                  last,
                  r.sample().indices(),
                  sampleLabels,
                  c,
                  "iteration " + r.iterations() + " (end)")));
      cards
          .append("<div class=\"card\"><h4>")
          .append(escape(cell.row().label()))
          .append(" <span class=\"muted\">seed ")
          .append(seed)
          .append("</span></h4>\n<div class=\"pair\">");
      panels.forEach(cards::append);
      cards.append("</div></div>\n");
    }
    if (cards.isEmpty()) {
      return;
    }
    b.append("<h3 id=\"forming-")
        .append(c.key())
        .append("\">Clusters forming</h3>\n<p class=\"muted\">")
        .append(model.options.mapName())
        .append(
            " of the same sample's embedding at the start, the middle and the end of the clustering phase "
                + "(lowest seed), as the DEC paper's Figure 5; ")
        .append(
            c.truth() == null ? "coloured by the clusters of the moment" : "coloured by true class")
        .append(
            ", crosses: the cluster centres of the moment. Each map is laid out on its own, so positions do not "
                + "carry over from one to the next.</p>\n<div class=\"grid\">\n")
        .append(cards)
        .append("</div>\n");
  }

  private static String progressPanel(
      EmbeddingMaps.MapData map, int[] sampleRows, int[] sampleLabels, Column c, String title) {
    GroundTruth truth = c.truth();
    Map<Integer, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < sampleRows.length; i++) {
      position.put(sampleRows[i], i);
    }
    int n = map.rows().length;
    int[] clusters = new int[n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      clusters[i] = sampleLabels[position.get(map.rows()[i])];
      classes[i] = truth == null ? clusters[i] : truth.labels()[map.rows()[i]];
    }
    // the centres take the colour of the class their cluster of the moment matches on the sample
    Map<Integer, Integer> colour = truth == null ? Map.of() : clusterColoursOf(clusters, classes);
    int[] groups = new int[map.xy().length];
    System.arraycopy(classes, 0, groups, 0, n);
    for (int j = 0; j < map.centroids(); j++) {
      groups[n + j] = colour.getOrDefault(j, j);
    }
    return Svg.scatter(title, map.xy(), groups, n, 260, 260, legend(c));
  }

  /**
   * Each method's most confident samples per cluster as pictures (lowest seed), as the DEC paper's
   * Figure 2: one row per cluster, in the order of the classes they are matched to, a red frame
   * round a sample whose true class is not its cluster's matched class.
   */
  private static void gallery(
      StringBuilder b, Column c, List<Cell> cells, Map<String, String> figures) {
    StringBuilder cards = new StringBuilder();
    for (Cell cell : cells) {
      RunResult r = cell.first().result();
      if (r.gallery() == null || r.gallery().clusters().isEmpty()) {
        continue;
      }
      cards
          .append("<div class=\"card\"><h4>")
          .append(escape(cell.row().label()))
          .append(" <span class=\"muted\">seed ")
          .append(r.config().seed())
          .append(", by ")
          .append("q".equals(r.gallery().measure()) ? "q" : "distance to the centre")
          .append("</span></h4>\n")
          .append(
              figure(
                  figures,
                  figurePath(c, cell.row().key() + "-most-confident"),
                  GallerySvg.svg(
                      r.gallery(), r.assignments(), c.truth(), "most confident samples")))
          .append("\n</div>\n");
    }
    if (cards.isEmpty()) {
      return;
    }
    b.append("<h3 id=\"gallery-")
        .append(c.key())
        .append(
            "\">Most confident samples</h3>\n<p class=\"muted\">The samples each cluster holds most "
                + "confidently (10, lowest seed), as the DEC paper's Figure 2: those with "
                + "the largest soft assignment q to the cluster, or, for methods without one (DCN, the k-means baselines), "
                + "those nearest its centre in the embedding. Rows: clusters, by the class each is matched to"
                + (c.truth() == null ? "" : "; a red frame marks a sample of another class")
                + ".</p>\n<div class=\"grid\">\n")
        .append(cards)
        .append("</div>\n");
  }

  /**
   * The colour index of each cluster: that of its Hungarian-matched class (the class label), so a
   * cluster and its class look alike; unmatched clusters (more clusters than classes) get indices
   * after the largest class label. Without ground truth, each cluster keeps its own label.
   */
  static Map<Integer, Integer> clusterColours(int[] assignments, GroundTruth truth) {
    if (truth == null || assignments == null || assignments.length != truth.labels().length) {
      return new java.util.HashMap<>();
    }
    return clusterColoursOf(assignments, truth.labels());
  }

  /** {@link #clusterColours(int[], GroundTruth)} against the classes of the same rows. */
  static Map<Integer, Integer> clusterColoursOf(int[] assignments, int[] truth) {
    Map<Integer, Integer> out = new java.util.HashMap<>();
    int[] classes = ClusteringMetrics.labels(truth);
    int[] clusters = ClusteringMetrics.labels(assignments);
    int[] matched = ClusteringMetrics.matching(truth, assignments);
    int next = classes[classes.length - 1] + 1;
    for (int j = 0; j < clusters.length; j++) {
      out.put(clusters[j], matched[j] >= 0 ? classes[matched[j]] : next++);
    }
    return out;
  }

  private static String metricChart(Cell cell) {
    List<Svg.Line> lines = new ArrayList<>();
    for (int s = 0; s < cell.runs().size(); s++) {
      for (Metric m : Metric.values()) {
        lines.add(
            traceLine(
                cell,
                s,
                m.title,
                METRIC_COLORS[m.ordinal()],
                e -> e.scores() == null ? Double.NaN : m.value.applyAsDouble(e.scores())));
      }
    }
    List<Svg.Legend> legend = new ArrayList<>();
    for (Metric m : Metric.values()) {
      legend.add(new Svg.Legend(m.title, METRIC_COLORS[m.ordinal()], false));
    }
    seedsLegend(cell, legend);
    return Svg.lineChart(
        "ACC / NMI / ARI",
        "iteration",
        lines,
        new Svg.Range(0, lastIteration(cell), 0, 1, true),
        330,
        220,
        legend);
  }

  private static String lossChart(Cell cell) {
    List<Svg.Line> lines = new ArrayList<>();
    for (int s = 0; s < cell.runs().size(); s++) {
      lines.add(traceLine(cell, s, "loss", "#6b46c1", TraceEntry::loss));
    }
    List<Svg.Legend> legend = new ArrayList<>(List.of(new Svg.Legend("loss", "#6b46c1", false)));
    seedsLegend(cell, legend);
    return Svg.lineChart(
        "loss (mean since the previous refresh)",
        "iteration",
        lines,
        new Svg.Range(0, lastIteration(cell), Double.NaN, Double.NaN, true),
        330,
        220,
        legend);
  }

  /** With several seeds: the lowest is drawn solid, the others dashed. */
  private static void seedsLegend(Cell cell, List<Svg.Legend> legend) {
    if (cell.runs().size() > 1) {
      legend.add(new Svg.Legend("seed " + cell.first().result().config().seed(), "#5a6474", false));
      legend.add(new Svg.Legend("other seeds", "#5a6474", true));
    }
  }

  /** The last iteration of a cell's runs, where its charts' x axes end. */
  private static double lastIteration(Cell cell) {
    int last = 0;
    for (RunFile f : cell.runs()) {
      last = Math.max(last, f.result().iterations());
    }
    return last;
  }

  /** The names of the method's own diagnostics in a cell's traces, in the order first reported. */
  static List<String> diagnosticNames(Cell cell) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (RunFile f : cell.runs()) {
      if (f.result().trace() != null) {
        f.result().trace().forEach(e -> names.addAll(e.diagnostics().keySet()));
      }
    }
    return List.copyOf(names);
  }

  /**
   * A diagnostic the method reported at every refresh (ClusteringSession.diagnostics()), one line
   * per seed.
   */
  private static String diagnosticChart(Cell cell, String name) {
    List<Svg.Line> lines = new ArrayList<>();
    for (int s = 0; s < cell.runs().size(); s++) {
      lines.add(
          traceLine(cell, s, name, "#b7791f", e -> e.diagnostics().getOrDefault(name, Double.NaN)));
    }
    List<Svg.Legend> legend = new ArrayList<>(List.of(new Svg.Legend(name, "#b7791f", false)));
    seedsLegend(cell, legend);
    return Svg.lineChart(
        name + " (method diagnostic)",
        "iteration",
        lines,
        new Svg.Range(0, lastIteration(cell), Double.NaN, Double.NaN, true),
        330,
        220,
        legend);
  }

  /**
   * One value of the trace of a cell's s-th run (by seed) over the iterations; the lowest seed
   * solid.
   */
  private static Svg.Line traceLine(
      Cell cell,
      int s,
      String name,
      String color,
      java.util.function.ToDoubleFunction<TraceEntry> value) {
    RunResult r = cell.runs().get(s).result();
    List<TraceEntry> t = r.trace() == null ? List.of() : r.trace();
    double[] x = new double[t.size()];
    double[] y = new double[t.size()];
    for (int i = 0; i < t.size(); i++) {
      x[i] = t.get(i).iteration();
      y[i] = value.applyAsDouble(t.get(i));
    }
    return new Svg.Line(
        name + ", seed " + r.config().seed(), color, x, y, s == 0 ? 1.0 : 0.45, s != 0);
  }

  /**
   * The lines of the "ACC of every method" chart: per method with clustering iterations, the mean
   * ACC over the seeds that reached each refresh, against the share of that method's run (0: the
   * k-means initialisation, 1: its last iteration), so a method that ran 3 iterations is as wide as
   * one that ran 560; per method without iterations (the k-means baselines), its mean final ACC as
   * a dashed horizontal line. Methods without ACC (no ground truth) are left out, so every legend
   * entry has a line.
   */
  static List<Svg.Line> accComparisonLines(List<Cell> cells) {
    List<Svg.Line> lines = new ArrayList<>();
    int colour = 0;
    for (Cell cell : cells) {
      String label = cell.row().label();
      double end = lastIteration(cell);
      if (end <= 0) {
        Stats s = cell.metrics().get(Metric.ACC);
        if (s.n() > 0) {
          lines.add(
              new Svg.Line(
                  label + String.format(Locale.ROOT, " (no iterations): %.3f", s.mean()),
                  Svg.color(colour++),
                  new double[] {0, 1},
                  new double[] {s.mean(), s.mean()},
                  0.9,
                  true));
        }
        continue;
      }
      TreeMap<Integer, double[]> sums = new TreeMap<>();
      for (RunFile f : cell.runs()) {
        for (TraceEntry e :
            f.result().trace() == null ? List.<TraceEntry>of() : f.result().trace()) {
          if (e.scores() != null) {
            double[] s = sums.computeIfAbsent(e.iteration(), k -> new double[2]);
            s[0] += e.scores().acc();
            s[1]++;
          }
        }
      }
      if (sums.isEmpty()) {
        continue;
      }
      double[] x = new double[sums.size()];
      double[] y = new double[sums.size()];
      int j = 0;
      for (var e : sums.entrySet()) {
        x[j] = e.getKey() / end;
        y[j++] = e.getValue()[0] / e.getValue()[1];
      }
      lines.add(
          new Svg.Line(
              label
                  + String.format(
                      Locale.ROOT, " (%d iterations): %.3f at the end", (int) end, y[y.length - 1]),
              Svg.color(colour++),
              x,
              y,
              1.0,
              false));
    }
    return lines;
  }

  /**
   * The chart of {@link #accComparisonLines}, its legend below it; empty when no method has a line.
   */
  private static String accComparison(List<Cell> cells) {
    List<Svg.Line> lines = accComparisonLines(cells);
    if (lines.isEmpty()) {
      return "";
    }
    List<Svg.Legend> legend =
        lines.stream().map(l -> new Svg.Legend(l.name(), l.color(), l.dashed())).toList();
    return Svg.lineChart(
        "mean ACC over seeds",
        "share of each method's clustering phase (0: k-means start, 1: " + "its last iteration)",
        lines,
        new Svg.Range(0, 1, Double.NaN, Double.NaN, false),
        680,
        260,
        legend);
  }

  private static void confusion(StringBuilder b, Cell cell, GroundTruth truth) {
    RunResult r = cell.first().result();
    if (r.assignments() == null || r.assignments().length != truth.labels().length) {
      return;
    }
    int[][] table = ClusteringMetrics.contingency(truth.labels(), r.assignments());
    int[] classes = ClusteringMetrics.labels(truth.labels());
    int[] clusters = ClusteringMetrics.labels(r.assignments());
    int[] matched = ClusteringMetrics.matching(truth.labels(), r.assignments());
    // Columns: for each class in order its matched cluster, then the unmatched clusters.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      for (int j = 0; j < clusters.length; j++) {
        if (matched[j] == i) {
          order.add(j);
        }
      }
    }
    for (int j = 0; j < clusters.length; j++) {
      if (matched[j] < 0) {
        order.add(j);
      }
    }
    b.append("<div class=\"card\"><h4>")
        .append(escape(cell.row().label()))
        .append(" <span class=\"muted\">seed ")
        .append(r.config().seed())
        .append("</span></h4>\n<table class=\"confusion\"><tr><th>class \\ cluster</th>");
    for (int j : order) {
      b.append("<th>").append(clusters[j]).append("</th>");
    }
    b.append("</tr>\n");
    for (int i = 0; i < classes.length; i++) {
      int total = 0;
      for (int v : table[i]) {
        total += v;
      }
      b.append("<tr><th>").append(classes[i]).append("</th>");
      for (int j : order) {
        double share = total == 0 ? 0 : (double) table[i][j] / total;
        boolean diagonal = matched[j] == i;
        b.append(
            String.format(
                Locale.ROOT,
                "<td%s style=\"background:rgba(43,108,176,%.3f);color:%s\" "
                    + "title=\"class %d, cluster %d: %d of %d\">%d</td>",
                diagonal ? " class=\"diag\"" : "",
                share,
                share > 0.55 ? "#fff" : "#1a202c",
                classes[i],
                clusters[j],
                table[i][j],
                total,
                table[i][j]));
      }
      b.append("</tr>\n");
    }
    b.append("</table></div>\n");
  }

  private static void runsTable(StringBuilder b, ReportModel model) {
    b.append(
            "<section id=\"runs\"><h2>Runs</h2>\n<div class=\"scroll\"><table class=\"runs\"><thead><tr>")
        .append("<th>data set</th><th>method</th><th>seed</th><th>ACC</th><th>NMI</th><th>ARI</th>")
        .append(
            "<th>initial ACC</th><th>iterations</th><th>converged</th><th>pretrain s</th><th>total s</th>")
        .append("<th>file</th></tr></thead>\n<tbody>\n");
    for (Cell cell : model.cells()) {
      for (RunFile f : cell.runs()) {
        RunResult r = f.result();
        b.append("<tr><td>")
            .append(escape(cell.column().label()))
            .append("</td><td>")
            .append(escape(cell.row().label()))
            .append("</td><td>")
            .append(r.config().seed())
            .append("</td>");
        for (Metric m : Metric.values()) {
          b.append("<td>")
              .append(
                  r.scores() == null
                      ? "–"
                      : String.format(Locale.ROOT, "%.4f", m.value.applyAsDouble(r.scores())))
              .append("</td>");
        }
        b.append("<td>")
            .append(
                r.initialScores() == null
                    ? "–"
                    : String.format(Locale.ROOT, "%.4f", r.initialScores().acc()))
            .append("</td>");
        b.append("<td>")
            .append(r.iterations())
            .append("</td><td>")
            .append(r.converged() ? "yes" : "no")
            .append("</td>");
        b.append(pretrainCell(model, f));
        b.append(
            String.format(
                Locale.ROOT,
                "<td>%.1f</td>",
                r.timings() == null ? Double.NaN : r.timings().total()));
        String path = f.path().toString().replace('\\', '/');
        b.append("<td><a href=\"")
            .append(escape(path))
            .append("\">")
            .append(escape(path))
            .append("</a></td></tr>\n");
      }
    }
    b.append(
        "</tbody></table></div>\n<p class=\"caption\">pretrain s: the run's own pretraining; "
            + "<i>shared</i>: the run started from the autoencoder another run of its seed pretrained (that run's time, "
            + "counted there); <i>cached</i>: taken from a cache made before these results; –: no autoencoder. "
            + "total s: the run's own wall time.</p></section>\n");
  }

  /** The runs table's pretraining cell: the run's own time, or whose autoencoder it reused. */
  private static String pretrainCell(ReportModel model, RunFile f) {
    RunResult r = f.result();
    ReportModel.Autoencoder ae = model.autoencoder(f);
    double own = r.timings() == null ? Double.NaN : r.timings().pretrain();
    if (ae == null) {
      return "<td class=\"muted\" title=\"no pretrained autoencoder\">–</td>";
    }
    if (own > 0 || Double.isNaN(own)) {
      return String.format(Locale.ROOT, "<td>%.1f</td>", own);
    }
    if (ae.trainer() != null) {
      RunFile t = ae.trainer().getValue();
      return String.format(
          Locale.ROOT,
          "<td class=\"shared\" title=\"%s\">shared %.1f</td>",
          escape(
              "the autoencoder "
                  + ae.trainer().getKey().label()
                  + ", seed "
                  + t.result().config().seed()
                  + " pretrained ("
                  + String.format(Locale.ROOT, "%.1f s", ae.seconds())
                  + "); this run took it from "
                  + "the cache"),
          ae.seconds());
    }
    return "<td class=\"shared\" title=\"taken from the autoencoder cache, pretrained before these results; its "
        + "time is not recorded here\">cached</td>";
  }

  /**
   * ACC, NMI and ARI of every method of a data set as bars, the mean over seeds with its standard
   * deviation.
   */
  private static void scores(
      StringBuilder b, Column c, List<Cell> cells, Map<String, String> figures) {
    if (cells.stream().noneMatch(x -> x.metrics().get(Metric.ACC).n() > 0)) {
      return;
    }
    List<String> names = new ArrayList<>();
    List<String> series = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    for (Metric m : Metric.values()) {
      series.add(m.title);
      colors.add(METRIC_COLORS[m.ordinal()]);
    }
    Svg.Bar[][] bars = new Svg.Bar[cells.size()][Metric.values().length];
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      names.add(cell.row().label());
      for (Metric m : Metric.values()) {
        Stats st = cell.metrics().get(m);
        bars[i][m.ordinal()] =
            new Svg.Bar(
                st.n() == 0 ? Double.NaN : st.mean(),
                st.n() < 2 ? 0 : st.std(),
                String.format(
                    Locale.ROOT,
                    "%s %s: %.3f \u00b1 %.3f over %d seed%s",
                    cell.row().label(),
                    m.title,
                    st.mean(),
                    st.std(),
                    st.n(),
                    st.n() == 1 ? "" : "s"));
      }
    }
    b.append("<h3 id=\"scores-")
        .append(c.key())
        .append(
            "\">Scores</h3>\n<p class=\"muted\">Mean over seeds; error bars: the sample standard deviation "
                + "(none for a single seed). Every chart of this section is also an SVG file in <a href=\"")
        .append(escape(FIGURES + "/" + c.key() + "/"))
        .append("\">")
        .append(escape(FIGURES + "/" + c.key() + "/"))
        .append("</a>, named by method and what it shows.</p>\n<div class=\"card wide\">")
        .append(
            figure(
                figures,
                figurePath(c, "scores"),
                Svg.bars("ACC, NMI and ARI on " + c.label(), names, series, colors, bars, 280)))
        .append("</div>\n");
  }

  /** The settings of each method of a data set, as its results record them, defaults marked. */
  private static void settings(StringBuilder b, ReportModel model, Column c, List<Cell> cells) {
    b.append("<h3 id=\"settings-")
        .append(c.key())
        .append(
            "\">Settings</h3>\n<p class=\"muted\">What each method ran with, as its result files record it: "
                + "values in grey are the plugin's defaults, values in bold were set otherwise (the default in brackets)."
                + "</p>\n<div class=\"grid\">\n");
    Map<String, Object> pretrainDefaults = pretrainDefaults();
    for (Cell cell : cells) {
      RunResult r = cell.first().result();
      RunConfig cfg = r.config();
      Map<String, String> plugins =
          r.provenance() == null || r.provenance().pluginVersions() == null
              ? Map.of()
              : r.provenance().pluginVersions();
      b.append("<div class=\"card settings\"><h4>")
          .append(escape(cell.row().label()))
          .append("</h4>\n")
          .append("<table class=\"kv settings\">\n");
      boolean raw = Comparison.KMEANS.equals(cell.row().method());
      kv(
          b,
          "method",
          raw
              ? "k-means on the raw features (ae-kmeans on the identity encoder)"
              : escape(cfg.method()) + version(plugins, cfg.method()));
      if (!cfg.methodParams().isEmpty()) {
        group(b, "hyperparameters");
        values(b, cfg.methodParams(), model.spec.methodDefaults().get(cfg.method()));
      }
      if (!raw) {
        group(b, "encoder");
        kv(b, "encoder", escape(cfg.encoder()) + version(plugins, cfg.encoder()));
        values(b, cfg.encoderParams(), model.spec.encoderDefaults().get(cfg.encoder()));
        group(b, "pretraining");
        PretrainConfig p = cfg.pretrain();
        if (p == null) {
          kv(b, "mode", "not recorded");
        } else {
          Map<String, Object> used = new LinkedHashMap<>();
          used.put("mode", p.mode());
          used.putAll(Runner.pretrainSettingsUsed(p));
          values(b, used, pretrainDefaults);
        }
      }
      group(b, "initialisation and data");
      kv(b, "k-means restarts", value(cfg.kmeansRestarts(), 20));
      kv(b, "data set", escape(c.dataset()) + version(plugins, c.dataset()));
      Map<String, Object> datasetDefaults = model.spec.datasetDefaults().get(cfg.dataset());
      values(b, cfg.datasetParams(), datasetDefaults);
      kv(b, "k", Integer.toString(cfg.clusters()));
      kv(
          b,
          "seeds",
          escape(
              String.join(
                  ", ",
                  cell.runs().stream()
                      .map(f -> Long.toString(f.result().config().seed()))
                      .toList())));
      if (!plugins.isEmpty()) {
        kv(
            b,
            "plugins",
            escape(
                String.join(
                    ", ",
                    new TreeMap<>(plugins)
                        .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())));
      }
      java.util.Set<String> commands = new java.util.LinkedHashSet<>();
      cell.runs()
          .forEach(
              f -> {
                if (f.result().provenance() != null && f.result().provenance().command() != null) {
                  // a suite's runs record the command and their entry, "[usps, dec, seed 0]": the
                  // command once
                  commands.add(
                      f.result().provenance().command().replaceFirst(" \\[[^\\[\\]]*\\]$", ""));
                }
              });
      if (!commands.isEmpty()) {
        kv(
            b,
            commands.size() == 1 ? "command" : "commands",
            "<code>"
                + String.join("</code><br><code>", commands.stream().map(Html::escape).toList())
                + "</code>");
      }
      b.append("</table></div>\n");
    }
    b.append("</div>\n");
  }

  /** The pretraining defaults, by the names {@link Runner#pretrainSettingsUsed} gives. */
  private static Map<String, Object> pretrainDefaults() {
    PretrainConfig d = PretrainConfig.defaults();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", d.mode());
    m.put("epochs", d.epochs());
    m.put("batch_size", d.batchSize());
    m.put("learning_rate", d.learningRate());
    m.put("optimizer", d.optimizer());
    m.put("momentum", d.momentum());
    m.put("layer_epochs", d.layerEpochs());
    m.put("dropout", d.dropout());
    m.put("init", d.init());
    return m;
  }

  private static String version(Map<String, String> plugins, String id) {
    String v = plugins.get(id);
    return v == null ? "" : " <span class=\"muted\">" + escape(v) + "</span>";
  }

  private static void group(StringBuilder b, String name) {
    b.append("<tr><th colspan=\"2\" class=\"group\">").append(escape(name)).append("</th></tr>\n");
  }

  private static void kv(StringBuilder b, String key, String html) {
    b.append("<tr><th>")
        .append(escape(key))
        .append("</th><td>")
        .append(html)
        .append("</td></tr>\n");
  }

  /** One row per setting: the value, marked as the default or followed by it. */
  private static void values(
      StringBuilder b, Map<String, Object> values, Map<String, Object> defaults) {
    for (var e : values.entrySet()) {
      kv(b, e.getKey(), value(e.getValue(), defaults == null ? null : defaults.get(e.getKey())));
    }
  }

  /** A setting's value: grey when it is the default, bold with the default in brackets when not. */
  static String value(Object value, Object defaultValue) {
    String v = ReportModel.text(value);
    if (defaultValue == null) {
      return escape(v);
    }
    String d = ReportModel.text(defaultValue);
    if (same(v, d)) {
      return "<span class=\"default\" title=\"the default\">" + escape(v) + "</span>";
    }
    return "<b>" + escape(v) + "</b> <span class=\"muted\">(default " + escape(d) + ")</span>";
  }

  private static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return a.replace(" ", "").equals(b.replace(" ", ""));
    }
  }

  /** The autoencoders the runs of a data set started from, each with its pretraining time once. */
  private static void autoencoders(StringBuilder b, ReportModel model, Column c) {
    List<ReportModel.Autoencoder> aes = model.autoencoders(c);
    if (aes.isEmpty()) {
      return;
    }
    b.append("<h3 id=\"autoencoders-")
        .append(c.key())
        .append(
            "\">Pretrained autoencoders</h3>\n<p class=\"muted\">Every method of a seed fine-tunes the same "
                + "pretrained autoencoder: the first run pretrains it and the others take it from the cache, so its time is "
                + "counted once, here and in that run's timings.</p>\n<div class=\"scroll\"><table class=\"runs autoencoders\">"
                + "<thead><tr><th>seed</th><th>encoder and pretraining</th><th>pretraining s</th><th>pretrained in</th>"
                + "<th>taken from the cache by</th><th title=\"runs with the same settings that pretrained their own copy (run at "
                + "the same time, or without the cache)\">pretrained again by</th></tr></thead>\n<tbody>\n");
    for (ReportModel.Autoencoder ae : aes) {
      List<String> others = new ArrayList<>();
      List<String> again = new ArrayList<>();
      for (var r : ae.runs()) {
        if (ae.trainer() == null || r.getValue() != ae.trainer().getValue()) {
          boolean own =
              r.getValue().result().timings() != null
                  && r.getValue().result().timings().pretrain() > 0;
          (own ? again : others).add(r.getKey().label());
        }
      }
      b.append("<tr><td>")
          .append(ae.seed())
          .append("</td><td>")
          .append(escape(ae.settings()))
          .append("</td><td>")
          .append(ae.trainer() == null ? "–" : String.format(Locale.ROOT, "%.1f", ae.seconds()))
          .append("</td><td>")
          .append(
              ae.trainer() == null
                  ? "a cache made before these results"
                  : escape(ae.trainer().getKey().label()))
          .append("</td><td>")
          .append(escape(String.join(", ", others)))
          .append("</td><td>")
          .append(escape(String.join(", ", again)))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
  }

  /**
   * Readable names of the provenance keys results record ({@code dec4j_commit}, {@code
   * max_heap_mb}).
   */
  static final Map<String, String> PROVENANCE_LABELS =
      Map.ofEntries(
          Map.entry("dec4j", "dec4j version"),
          Map.entry("dec4j_commit", "dec4j commit"),
          Map.entry("java", "Java"),
          Map.entry("djl", "DJL"),
          Map.entry("engine", "Deep learning engine"),
          Map.entry("smile", "Smile"),
          Map.entry("jackson", "Jackson"),
          Map.entry("machine os", "Operating system"),
          Map.entry("machine arch", "Architecture"),
          Map.entry("machine cores", "Processors"),
          Map.entry("machine max_heap_mb", "Java heap limit (MB)"),
          Map.entry("machine omp_num_threads", "OpenMP threads (OMP_NUM_THREADS)"));

  /**
   * A provenance key for people: its label, else the key with spaces for underscores, capitalised.
   */
  static String provenanceLabel(String key) {
    String label = PROVENANCE_LABELS.get(key);
    if (label != null) {
      return label;
    }
    String k = key.startsWith("machine ") ? key.substring("machine ".length()) : key;
    k = k.replace('_', ' ');
    return k.isEmpty() ? key : Character.toUpperCase(k.charAt(0)) + k.substring(1);
  }

  private static void provenance(StringBuilder b, ReportModel model) {
    b.append("<section id=\"provenance\"><h2>Provenance</h2>\n");
    Map<String, String> seen = new TreeMap<>();
    for (Cell cell : model.cells()) {
      Provenance p = cell.first().result().provenance();
      if (p == null) {
        continue;
      }
      seen.putIfAbsent("dec4j", p.dec4jVersion());
      if (p.libraries() != null) {
        p.libraries().forEach(seen::putIfAbsent);
      }
      if (p.machine() != null) {
        p.machine().forEach((k, v) -> seen.putIfAbsent("machine " + k, v));
      }
      if (p.data() != null) {
        seen.putIfAbsent(
            "Data: " + cell.column().label(),
            p.data().source()
                + " · sha256 "
                + p.data().sha256()
                + (p.data().description() == null ? "" : " · " + p.data().description()));
      }
    }
    b.append(
        "<p class=\"muted\">From the first result of each table cell; every result file holds its own "
            + "provenance, configuration and per-iteration trace.</p>\n<table class=\"kv\">");
    seen.forEach(
        (k, v) ->
            b.append("<tr><th>")
                .append(escape(provenanceLabel(k)))
                .append("</th><td>")
                .append(escape(v))
                .append("</td></tr>\n"));
    b.append("</table>\n");
    plugins(b, model);
    b.append("</section>\n");
  }

  /**
   * Every build of a plugin the results were made with: id, version, the jar it was loaded from and
   * the jar's SHA-256 (two builds with the same version differ there), from all results.
   */
  private static void plugins(StringBuilder b, ReportModel model) {
    java.util.Set<List<String>> rows =
        new java.util.TreeSet<>(java.util.Comparator.comparing(Object::toString));
    for (Cell cell : model.cells()) {
      for (RunFile f : cell.runs()) {
        Provenance p = f.result().provenance();
        if (p == null) {
          continue;
        }
        if (!p.plugins().isEmpty()) {
          p.plugins()
              .forEach(x -> rows.add(List.of(x.kind(), x.id(), x.version(), x.jar(), x.sha256())));
        } else if (p.pluginVersions() != null) {
          p.pluginVersions().forEach((id, version) -> rows.add(List.of("", id, version, "", "")));
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    b.append(
        "<h3>Plugins</h3>\n<div class=\"scroll\"><table class=\"plugins\"><thead><tr><th>kind</th><th>id</th>"
            + "<th>version</th><th>jar</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      b.append("<tr><td>")
          .append(escape(r.get(0)))
          .append("</td><td>")
          .append(escape(r.get(1)))
          .append("</td><td>")
          .append(escape(r.get(2)))
          .append("</td><td>")
          .append(r.get(3).isEmpty() ? "–" : escape(r.get(3)))
          .append("</td><td><code>")
          .append(r.get(4).isEmpty() ? "–" : escape(r.get(4)))
          .append("</code></td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
  }

  /**
   * Escapes text for HTML and XML.
   *
   * @param s the text (null gives the empty string)
   * @return the escaped text
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** Records page errors and counts charts with a size, for checks in a headless browser. */
  private static final String SELF_CHECK =
      """
      (function () {
        var errors = [];
        // Capturing, so resources that fail to load (which do not bubble) count too.
        window.addEventListener('error', function (e) {
          var t = e.target;
          errors.push(e.message ? String(e.message) : 'failed to load ' + (t && (t.src || t.href || t.tagName)));
        }, true);
        var original = console.error;
        console.error = function () {
          errors.push(Array.prototype.join.call(arguments, ' '));
          return original.apply(console, arguments);
        };
        window.addEventListener('load', function () {
          // Pictures (opaque PNG data URIs in SVG image elements) that decode: each has loaded or failed
          // by now, and drawing one on a canvas decodes it at once (an asynchronous decode() could finish
          // after a headless browser has taken the page); a picture that does not decode draws nothing.
          var images = document.querySelectorAll('svg image');
          var canvas = document.createElement('canvas');
          canvas.width = 4;
          canvas.height = 4;
          var context = canvas.getContext('2d', { willReadFrequently: true });
          var decoded = 0;
          images.forEach(function (el) {
            context.clearRect(0, 0, 4, 4);
            try {
              context.drawImage(el, 0, 0, 4, 4);
            } catch (e) {
              return;
            }
            var alpha = context.getImageData(0, 0, 4, 4).data;
            for (var i = 3; i < alpha.length; i += 4) {
              if (alpha[i] !== 0) {
                decoded++;
                return;
              }
            }
          });
          document.body.setAttribute('data-images', String(images.length));
          document.body.setAttribute('data-images-decoded', String(decoded));
          var charts = document.querySelectorAll('svg.chart');
          var drawn = 0;
          charts.forEach(function (svg) {
            var box = svg.getBoundingClientRect();
            if (box.width > 0 && box.height > 0 && svg.querySelector('polyline, circle, path, image, rect.bar')) {
              drawn++;
            }
          });
          document.body.setAttribute('data-charts', String(charts.length));
          document.body.setAttribute('data-charts-drawn', String(drawn));
          document.body.setAttribute('data-errors', String(errors.length));
          document.body.setAttribute('data-error-text', errors.join(' | '));
        });
      })();
      """;

  /** The styles of the charts' text, in the page and in each chart's own file. */
  static final String SVG_CSS =
      """
      svg .ct { font-size: 12px; font-weight: 600; fill: #2d3748; }
      svg .yt { font-size: 10px; fill: #5a6474; text-anchor: end; }
      svg .xt { font-size: 10px; fill: #5a6474; text-anchor: middle; }
      svg .xl { font-size: 11px; fill: #5a6474; text-anchor: middle; }
      svg .gl { font-size: 12px; fill: #2d3748; font-weight: 600; }
      svg .gs { font-size: 10px; fill: #5a6474; }
      svg .lg { font-size: 11px; fill: #2d3748; }
      """;

  /**
   * A chart as a file of its own: an XML declaration, and its styles (which the page gives all
   * charts) inside it.
   *
   * @param svg the chart as the page holds it
   * @return the SVG document
   */
  static String standalone(String svg) {
    String style =
        "<style>svg { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Helvetica, Arial, "
            + "sans-serif; } "
            + SVG_CSS.replaceAll("\\s+", " ").trim()
            + "</style>";
    int end = svg.indexOf('>');
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + svg.substring(0, end + 1)
        + "\n"
        + style
        + svg.substring(end + 1)
        + "\n";
  }

  private static final String CSS =
      """
      :root { --ink: #1a202c; --muted: #5a6474; --line: #d8dbe2; --accent: #2b6cb0; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
        background: #f4f5f8; }
      header { background: #1f2a3c; color: #fff; padding: 18px 28px 0; }
      header h1 { margin: 0; font-size: 22px; }
      header .sub { margin: 4px 0 10px; color: #c8d0dc; }
      nav { display: flex; gap: 4px; flex-wrap: wrap; }
      nav a { color: #dfe6f0; text-decoration: none; padding: 6px 10px; border-radius: 6px 6px 0 0; }
      nav a:hover { background: #f4f5f8; color: var(--ink); }
      main { padding: 8px 28px 28px; max-width: 1500px; }
      section { margin-top: 18px; }
      h2 { font-size: 19px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 18px 0 4px; }
      h4 { margin: 0 0 6px; font-size: 14px; }
      .muted { color: var(--muted); font-weight: normal; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; background: #fff; }
      table.summary th, table.summary td { padding: 6px 12px; border-bottom: 1px solid var(--line); }
      table.summary td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      table.summary th.group { text-align: center; border-bottom: 1px solid #9aa3b2; }
      table.summary th.method { text-align: left; }
      td.best { font-weight: 700; background: #eef5ee; }
      .caption { color: var(--muted); max-width: 900px; }
      .grid { display: flex; flex-wrap: wrap; gap: 14px; }
      .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
      .card.wide { margin-top: 14px; display: inline-block; }
      .pair { display: flex; gap: 8px; }
      .legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 6px 0; color: var(--muted); }
      .legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
        vertical-align: -1px; }
      table.confusion { font-size: 11px; font-variant-numeric: tabular-nums; }
      table.confusion th { padding: 2px 5px; color: var(--muted); font-weight: 600; }
      table.confusion td { padding: 2px 5px; text-align: right; min-width: 34px; border: 1px solid #fff; }
      table.confusion td.diag { outline: 2px solid #1f2a3c; outline-offset: -2px; }
      table.runs { font-size: 12px; }
      table.runs th, table.runs td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left;
        white-space: nowrap; }
      table.kv th { text-align: left; padding: 3px 12px 3px 0; color: var(--muted); font-weight: 600;
        vertical-align: top; }
      table.kv td { padding: 3px 0; word-break: break-all; }
      table.kv { background: transparent; }
      ul.notes { color: #9c4221; }
      table.settings { font-size: 12px; }
      table.settings th.group { padding-top: 8px; color: var(--ink); border-bottom: 1px solid var(--line); }
      table.settings td { word-break: normal; }
      table.settings code { font-size: 11px; word-break: break-all; }
      .card.settings { max-width: 440px; }
      span.default { color: #8a93a3; }
      td.shared { color: var(--muted); font-style: italic; }
      footer { padding: 16px 28px 28px; color: var(--muted); }
      """;
}
