package org.dec4j.suite.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.Runner;
import org.dec4j.runtime.builtin.AeKMeansObjective;
import org.dec4j.runtime.builtin.IdentityEncoder;

/**
 * Results arranged as a table: one column group per data set, one row per method variant, one cell
 * per (data set, variant) with the runs of its seeds and their mean and standard deviation.
 *
 * <p>Everything is derived from the results' recorded configurations, so folders merged from
 * several machines (or several suites) arrange the same way as one process's: a data set is its id,
 * options and k; a variant is its method and every other setting except the seed. Labels name only
 * what differs: {@code idec (gamma=0.05)} when two IDEC variants differ in gamma alone.
 */
final class ReportModel {
  /** Baselines listed first when the order is not given. */
  private static final List<String> BASELINES = List.of(Comparison.KMEANS, AeKMeansObjective.ID);

  /** The metrics of the tables, all "higher is better". */
  enum Metric {
    ACC("ACC", Scores::acc),
    NMI("NMI", Scores::nmi),
    ARI("ARI", Scores::ari);

    final String title;
    final ToDoubleFunction<Scores> value;

    Metric(String title, ToDoubleFunction<Scores> value) {
      this.title = title;
      this.value = value;
    }
  }

  /**
   * A data set column group.
   *
   * @param key file-name-safe identity
   * @param label for people
   * @param dataset the data set id
   * @param truth its ground truth, or null when not known
   * @param size samples (from the results' assignments)
   * @param clusters k
   * @param seeds the seeds found for it
   */
  record Column(
      String key,
      String label,
      String dataset,
      GroundTruth truth,
      int size,
      int clusters,
      List<Long> seeds) {}

  /**
   * A method variant row.
   *
   * @param key file-name-safe identity
   * @param label for people
   * @param method the method id ({@code kmeans} for the raw-feature baseline)
   */
  record Row(String key, String label, String method) {}

  /**
   * Mean and sample standard deviation of one metric.
   *
   * @param n the number of values (NaN ones, from results without ground truth, left out)
   * @param mean the mean, NaN when n = 0
   * @param std the sample standard deviation, 0 when n = 1
   */
  record Stats(int n, double mean, double std) {
    static Stats of(List<Double> values) {
      List<Double> v = values.stream().filter(Double::isFinite).toList();
      if (v.isEmpty()) {
        return new Stats(0, Double.NaN, Double.NaN);
      }
      double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      return new Stats(v.size(), mean, v.size() < 2 ? 0 : Math.sqrt(ss / (v.size() - 1)));
    }
  }

  /**
   * One (data set, variant) cell.
   *
   * @param column the data set
   * @param row the variant
   * @param runs its runs, by seed
   * @param metrics the statistics per metric
   * @param iterations mean clustering iterations
   * @param converged runs whose stopping test fired
   * @param seconds mean wall time per run
   * @param pretrainSeconds mean pretraining time per run (0 when taken from the cache)
   */
  record Cell(
      Column column,
      Row row,
      List<RunFile> runs,
      Map<Metric, Stats> metrics,
      double iterations,
      int converged,
      double seconds,
      double pretrainSeconds) {
    /** The run with the lowest seed, which the maps and confusion matrices show. */
    RunFile first() {
      return runs.get(0);
    }
  }

  /**
   * One pretrained autoencoder of a data set: the runs of a seed whose settings give the same
   * weights (encoder, widths, pretraining) start from it. The first of them pretrains it and the
   * others take it from the cache, so its time is in the first one's timings alone.
   *
   * @param column the data set
   * @param seed the seed
   * @param settings the encoder and pretraining settings, for people
   * @param runs the runs that started from it, each with its method's label
   * @param trainer the run that pretrained it, or null when every run took it from a cache made
   *     before (or resumed after pretraining), so its time is not in these results
   */
  record Autoencoder(
      Column column,
      long seed,
      String settings,
      List<Map.Entry<Row, RunFile>> runs,
      Map.Entry<Row, RunFile> trainer) {
    /** {@return the seconds its pretraining took, NaN when not known} */
    double seconds() {
      return trainer == null ? Double.NaN : trainer.getValue().result().timings().pretrain();
    }
  }

  final String title;
  final ReportOptions options;
  final ReportSpec spec;
  final List<Column> columns;
  final List<Row> rows;
  final List<String> notes;
  private final Map<String, Cell> cells;
  private final Map<RunFile, Autoencoder> autoencoders;

  private ReportModel(
      ReportSpec spec,
      List<Column> columns,
      List<Row> rows,
      Map<String, Cell> cells,
      List<String> notes) {
    this.spec = spec;
    this.title = spec.title();
    this.options = spec.options();
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.cells = cells;
    this.notes = List.copyOf(notes);
    this.autoencoders = autoencoders(cells());
  }

  /**
   * Groups the runs that started from the same pretrained autoencoder; runs without one are left
   * out.
   */
  private static Map<RunFile, Autoencoder> autoencoders(List<Cell> cells) {
    Map<String, List<Map.Entry<Row, RunFile>>> groups = new LinkedHashMap<>();
    Map<String, Column> columnOf = new LinkedHashMap<>();
    Map<String, String> settingsOf = new LinkedHashMap<>();
    for (Cell cell : cells) {
      for (RunFile f : cell.runs()) {
        RunConfig c = f.result().config();
        if (!pretrained(c)) {
          continue;
        }
        String settings = autoencoderSettings(c);
        String sha =
            f.result().provenance() == null || f.result().provenance().data() == null
                ? ""
                : f.result().provenance().data().sha256();
        String key =
            cell.column().key() + "\u0000" + sha + "\u0000" + settings + "\u0000" + c.seed();
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.entry(cell.row(), f));
        columnOf.putIfAbsent(key, cell.column());
        settingsOf.putIfAbsent(key, settings);
      }
    }
    Map<RunFile, Autoencoder> out = new java.util.IdentityHashMap<>();
    for (var e : groups.entrySet()) {
      Map.Entry<Row, RunFile> trainer =
          e.getValue().stream()
              .filter(
                  r ->
                      r.getValue().result().timings() != null
                          && r.getValue().result().timings().pretrain() > 0)
              .findFirst()
              .orElse(null);
      RunConfig c = e.getValue().get(0).getValue().result().config();
      Autoencoder ae =
          new Autoencoder(
              columnOf.get(e.getKey()),
              c.seed(),
              settingsOf.get(e.getKey()),
              List.copyOf(e.getValue()),
              trainer);
      e.getValue().forEach(r -> out.put(r.getValue(), ae));
    }
    return out;
  }

  /**
   * Whether a run starts from a pretrained autoencoder (not the raw-feature baseline, not mode
   * none).
   */
  static boolean pretrained(RunConfig c) {
    return !IdentityEncoder.ID.equals(c.encoder())
        && c.pretrain() != null
        && !"none".equals(c.pretrain().mode());
  }

  /** The settings that determine a pretrained autoencoder's weights (besides data and seed). */
  static String autoencoderSettings(RunConfig c) {
    StringBuilder b = new StringBuilder(c.encoder());
    new TreeMap<>(c.encoderParams())
        .forEach((k, v) -> b.append(' ').append(k).append('=').append(text(v)));
    b.append(", ").append(c.pretrain().mode());
    Runner.pretrainSettingsUsed(c.pretrain())
        .forEach((k, v) -> b.append(' ').append(k).append('=').append(text(v)));
    return b.toString();
  }

  /**
   * The pretrained autoencoder a run started from.
   *
   * @param run a run of this model
   * @return the autoencoder, or null when the run has none (the raw-feature baseline, mode none)
   */
  Autoencoder autoencoder(RunFile run) {
    return autoencoders.get(run);
  }

  /** Every pretrained autoencoder of a data set, in the order of the runs. */
  List<Autoencoder> autoencoders(Column column) {
    List<Autoencoder> out = new ArrayList<>();
    for (Cell cell : cells()) {
      for (RunFile f : cell.runs()) {
        Autoencoder a = autoencoders.get(f);
        if (a != null && a.column().equals(column) && out.stream().noneMatch(x -> x == a)) {
          out.add(a);
        }
      }
    }
    out.sort(Comparator.comparingLong(Autoencoder::seed));
    return out;
  }

  /**
   * Arranges results.
   *
   * @param runs the result files (a repeated data set, variant and seed keeps the first)
   * @param truths ground truths by data checksum
   * @param spec title, order and options
   * @return the model
   */
  static ReportModel build(List<RunFile> runs, Map<String, GroundTruth> truths, ReportSpec spec) {
    List<String> notes = new ArrayList<>();
    Map<String, Map<String, String>> datasetFacets = new LinkedHashMap<>();
    Map<String, Map<String, String>> variantFacets = new LinkedHashMap<>();
    Map<String, String> datasetOf = new LinkedHashMap<>();
    Map<String, String> methodOf = new LinkedHashMap<>();
    Map<String, Map<String, List<RunFile>>> grouped = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (RunFile f : runs) {
      RunConfig c = f.result().config();
      Map<String, String> df =
          datasetFacets(c, spec.datasetDefaults().getOrDefault(c.dataset(), Map.of()));
      Map<String, String> vf = variantFacets(c);
      String d = c.dataset() + df;
      String v = method(c) + vf;
      if (!seen.add(d + "\u0000" + v + "\u0000" + c.seed())) {
        notes.add(f.path() + " repeats data set, method and seed of an earlier result; left out");
        continue;
      }
      datasetFacets.putIfAbsent(d, df);
      datasetOf.putIfAbsent(d, c.dataset());
      variantFacets.putIfAbsent(v, vf);
      methodOf.putIfAbsent(v, method(c));
      grouped
          .computeIfAbsent(d, k -> new LinkedHashMap<>())
          .computeIfAbsent(v, k -> new ArrayList<>())
          .add(f);
    }
    Map<String, String> datasetLabels = labels(datasetOf, datasetFacets);
    Map<String, String> variantLabels = labels(methodOf, variantFacets);

    List<Row> rows = new ArrayList<>();
    for (String v : variantFacets.keySet()) {
      rows.add(new Row(safe(variantLabels.get(v)), variantLabels.get(v), methodOf.get(v)));
    }
    Map<String, Map<String, String>> facetsByRowKey = new LinkedHashMap<>();
    variantFacets.forEach((v, f) -> facetsByRowKey.put(safe(variantLabels.get(v)), f));
    rows.sort(
        Comparator.comparingInt((Row r) -> rank(spec.methodOrder(), r.method(), true))
            .thenComparing(Row::method)
            .thenComparing(
                (a, b) -> compareFacets(facetsByRowKey.get(a.key()), facetsByRowKey.get(b.key()))));

    List<Column> columns = new ArrayList<>();
    Map<String, Cell> cells = new LinkedHashMap<>();
    Map<String, String> variantKeyToRowKey = new LinkedHashMap<>();
    variantFacets.keySet().forEach(v -> variantKeyToRowKey.put(v, safe(variantLabels.get(v))));
    for (var e : grouped.entrySet()) {
      String d = e.getKey();
      TreeSet<Long> seeds = new TreeSet<>();
      GroundTruth truth = null;
      int size = 0;
      int clusters = 0;
      for (List<RunFile> list : e.getValue().values()) {
        for (RunFile f : list) {
          seeds.add(f.result().config().seed());
          size = f.result().assignments() == null ? size : f.result().assignments().length;
          clusters = f.result().config().clusters();
          if (truth == null
              && f.result().provenance() != null
              && f.result().provenance().data() != null) {
            GroundTruth t = truths.get(f.result().provenance().data().sha256());
            if (t != null
                && f.result().assignments() != null
                && t.labels().length == f.result().assignments().length) {
              truth = t;
            }
          }
        }
      }
      Column col =
          new Column(
              safe(datasetLabels.get(d)),
              datasetLabels.get(d),
              datasetOf.get(d),
              truth,
              size,
              clusters,
              List.copyOf(seeds));
      columns.add(col);
      for (var ve : e.getValue().entrySet()) {
        String rowKey = variantKeyToRowKey.get(ve.getKey());
        Row row = rows.stream().filter(r -> r.key().equals(rowKey)).findFirst().orElseThrow();
        List<RunFile> list = new ArrayList<>(ve.getValue());
        list.sort(Comparator.comparingLong(f -> f.result().config().seed()));
        cells.put(col.key() + "\u0000" + row.key(), cell(col, row, list));
      }
    }
    columns.sort(
        Comparator.comparingInt((Column c) -> rank(spec.datasetOrder(), c.dataset(), false))
            .thenComparing(Column::label));
    return new ReportModel(spec, columns, rows, cells, notes);
  }

  private static Cell cell(Column col, Row row, List<RunFile> runs) {
    Map<Metric, Stats> metrics = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      List<Double> values = new ArrayList<>();
      for (RunFile f : runs) {
        Scores s = f.result().scores();
        values.add(s == null ? Double.NaN : m.value.applyAsDouble(s));
      }
      metrics.put(m, Stats.of(values));
    }
    double iterations = 0;
    double seconds = 0;
    double pretrain = 0;
    int converged = 0;
    for (RunFile f : runs) {
      RunResult r = f.result();
      iterations += r.iterations();
      converged += r.converged() ? 1 : 0;
      if (r.timings() != null) {
        seconds += r.timings().total();
        pretrain += r.timings().pretrain();
      }
    }
    int n = runs.size();
    return new Cell(
        col, row, List.copyOf(runs), metrics, iterations / n, converged, seconds / n, pretrain / n);
  }

  /**
   * The cell of a data set and variant.
   *
   * @param column the data set
   * @param row the variant
   * @return the cell, or null when the variant was not run on the data set
   */
  Cell cell(Column column, Row row) {
    return cells.get(column.key() + "\u0000" + row.key());
  }

  /** {@return a cell's identity, unique in the model} */
  static String key(Cell cell) {
    return cell.column().key() + "/" + cell.row().key();
  }

  /**
   * The key of a map in the maps the report draws.
   *
   * @param cell the cell
   * @param seed the run's seed
   * @param iteration the iteration of a snapshot, or -1 for the final embedding
   * @return the key
   */
  static String mapKey(Cell cell, long seed, int iteration) {
    return key(cell) + "#" + seed + (iteration < 0 ? "" : "@" + iteration);
  }

  /** Every cell, columns outer, rows inner. */
  List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    for (Column c : columns) {
      for (Row r : rows) {
        Cell cell = cell(c, r);
        if (cell != null) {
          out.add(cell);
        }
      }
    }
    return out;
  }

  /**
   * Whether a cell holds the best mean of its column, as displayed (three decimals), among at least
   * two cells with values.
   *
   * @param cell the cell
   * @param metric the metric
   * @return true to mark it
   */
  boolean best(Cell cell, Metric metric) {
    double best = Double.NEGATIVE_INFINITY;
    int withValues = 0;
    for (Row r : rows) {
      Cell c = cell(cell.column(), r);
      if (c != null && c.metrics().get(metric).n() > 0) {
        withValues++;
        best = Math.max(best, rounded(c.metrics().get(metric).mean()));
      }
    }
    Stats s = cell.metrics().get(metric);
    return withValues >= 2 && s.n() > 0 && rounded(s.mean()) == best;
  }

  private static double rounded(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The seeds of all results, for captions. */
  List<Long> seeds() {
    TreeSet<Long> all = new TreeSet<>();
    columns.forEach(c -> all.addAll(c.seeds()));
    return List.copyOf(all);
  }

  /** {@return the method id shown for a result: {@code kmeans} for k-means on the raw features} */
  static String method(RunConfig c) {
    return AeKMeansObjective.ID.equals(c.method()) && IdentityEncoder.ID.equals(c.encoder())
        ? Comparison.KMEANS
        : c.method();
  }

  private static Map<String, String> datasetFacets(RunConfig c, Map<String, Object> defaults) {
    Map<String, String> m = new LinkedHashMap<>();
    TreeMap<String, Object> params = new TreeMap<>(defaults);
    params.putAll(c.datasetParams());
    params.forEach((k, v) -> m.put(k, text(v)));
    m.put("k", Integer.toString(c.clusters()));
    return m;
  }

  private static Map<String, String> variantFacets(RunConfig c) {
    Map<String, String> m = new LinkedHashMap<>();
    c.methodParams().forEach((k, v) -> m.put(k, text(v)));
    if (!Comparison.KMEANS.equals(method(c))) {
      m.put("encoder", c.encoder());
      c.encoderParams().forEach((k, v) -> m.put("encoder." + k, text(v)));
      PretrainConfig p = c.pretrain();
      if (p != null) {
        // Only the settings the mode uses: runs that differ in an unused one (layer epochs of an
        // end-to-end autoencoder, say) started from the same autoencoder and are one variant.
        m.put("pretrain", p.mode());
        Runner.pretrainSettingsUsed(p).forEach((k, v) -> m.put("pretrain." + k, text(v)));
      }
    }
    m.put("kmeans_restarts", Integer.toString(c.kmeansRestarts()));
    return m;
  }

  /** Labels each key by its name and the facets that differ from other keys of the same name. */
  private static Map<String, String> labels(
      Map<String, String> names, Map<String, Map<String, String>> facets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : names.entrySet()) {
      Map<String, String> mine = facets.get(e.getKey());
      Set<String> differing = new java.util.LinkedHashSet<>();
      for (var o : names.entrySet()) {
        if (o.getKey().equals(e.getKey()) || !o.getValue().equals(e.getValue())) {
          continue;
        }
        Map<String, String> other = facets.get(o.getKey());
        for (var f : mine.entrySet()) {
          if (!Objects.equals(f.getValue(), other.get(f.getKey()))) {
            differing.add(f.getKey());
          }
        }
        for (String k : other.keySet()) {
          if (!mine.containsKey(k)) {
            differing.add(k);
          }
        }
      }
      // The differing settings this variant has; the ones only others have ("k=-") only when
      // nothing else tells the variants apart.
      List<String> parts = new ArrayList<>();
      for (String k : differing) {
        if (mine.containsKey(k)) {
          parts.add(k + "=" + mine.get(k));
        }
      }
      if (parts.isEmpty()) {
        differing.forEach(k -> parts.add(k + "=-"));
      }
      out.put(
          e.getKey(),
          e.getValue() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
    }
    return out;
  }

  private static int compareFacets(Map<String, String> a, Map<String, String> b) {
    for (var e : a.entrySet()) {
      String x = e.getValue();
      String y = b.get(e.getKey());
      if (y == null || x.equals(y)) {
        continue;
      }
      try {
        return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
      } catch (NumberFormatException ex) {
        return x.compareTo(y);
      }
    }
    return 0;
  }

  private static int rank(List<String> order, String id, boolean baselinesFirst) {
    int i = order.indexOf(id);
    if (i >= 0) {
      return i;
    }
    if (baselinesFirst && BASELINES.contains(id)) {
      return order.size() + BASELINES.indexOf(id);
    }
    return order.size() + BASELINES.size();
  }

  static String text(Object value) {
    if (value instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(value);
  }

  /** Letters, digits, '.', '-' and '_' only. */
  static String safe(String s) {
    String out = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return out.isEmpty() ? "x" : out;
  }
}
