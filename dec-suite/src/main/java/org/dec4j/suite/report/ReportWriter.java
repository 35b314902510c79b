package org.dec4j.suite.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.suite.report.ReportModel.Cell;

/**
 * Writes the report of a result folder: {@code summary.csv} (one row per data set and method),
 * {@code runs.csv} (one row per run), {@code summary.md} and {@code summary.tex} (mean ± std over
 * seeds, best of each column in bold), the self-contained {@code report.html} (the table, bar
 * charts of the scores, each method's settings, metric and loss curves per method, t-SNE or UMAP
 * maps of the embeddings coloured by cluster and by class, the most confident samples of image
 * data, confusion matrices) and every chart as an SVG file under {@code figures/<data set>/}.
 *
 * <p>The report depends only on the result files (and the ground truths and cached maps beside
 * them), so it can be remade at any time, and a folder merged from several shards gives the same
 * tables as one process would.
 */
public final class ReportWriter {
  /** The report's file names. */
  public static final List<String> FILES =
      List.of("summary.csv", "runs.csv", "summary.md", "summary.tex", "report.html");

  private ReportWriter() {}

  /**
   * What was written.
   *
   * @param folder the result folder
   * @param runs results reported
   * @param datasets data sets
   * @param methods method variants
   * @param markdown the Markdown table, for printing
   * @param files the files written
   * @param notes problems worth telling (repeated results, maps left out)
   * @param figures every chart of the report as an SVG file, under {@code figures/<data set>/}
   */
  public record Written(
      Path folder,
      int runs,
      int datasets,
      int methods,
      String markdown,
      List<Path> files,
      List<String> notes,
      List<Path> figures) {}

  /**
   * Reports a folder's results.
   *
   * @param folder the result folder ({@link ResultFolder})
   * @param spec title, order and options
   * @param progress progress of the maps, which take a few seconds each
   * @return what was written
   */
  public static Written write(Path folder, ReportSpec spec, ProgressSink progress) {
    List<RunFile> runs = ResultFolder.runs(folder);
    ReportModel model = ReportModel.build(runs, ResultFolder.truths(folder), spec);
    List<String> notes = new ArrayList<>(model.notes);
    Map<String, EmbeddingMaps.MapData> maps = new LinkedHashMap<>();
    if (!"none".equals(spec.options().map())) {
      List<MapJob> jobs = mapJobs(model, spec.options(), folder.resolve(ResultFolder.MAPS));
      if (!jobs.isEmpty()) {
        progress.start("maps", jobs.size());
        long t0 = System.nanoTime();
        int done = 0;
        for (MapJob job : jobs) {
          try {
            EmbeddingMaps.MapData map = job.make().get();
            if (map != null) {
              maps.put(job.key(), map);
            } else {
              notes.add(
                  "no map for "
                      + job.what()
                      + ": "
                      + spec.options().mapName()
                      + " gave no finite layout");
            }
          } catch (RuntimeException | LinkageError e) {
            String why = EmbeddingMaps.why(e, spec.options().mapName());
            if (e instanceof LinkageError) {
              // a native library is missing: every other map would fail the same way
              notes.add("no " + spec.options().mapName() + " maps: " + why);
              break;
            }
            notes.add("no map for " + job.what() + ": " + why);
          }
          progress.advance(++done, job.what());
        }
        progress.finish(
            String.format(
                Locale.ROOT,
                "maps: %d %s maps in %.1f s",
                jobs.size(),
                spec.options().mapName(),
                (System.nanoTime() - t0) / 1e9));
      }
    }
    String markdown = Tables.markdown(model);
    List<Path> files = new ArrayList<>();
    Map<String, String> charts = new LinkedHashMap<>();
    String[] contents = {
      Tables.summaryCsv(model),
      Tables.runsCsv(model),
      markdown,
      Tables.latex(model),
      Html.render(model, maps, Instant.now(), charts)
    };
    List<Path> figures = writeFigures(folder, charts);
    for (int i = 0; i < FILES.size(); i++) {
      Path file = folder.resolve(FILES.get(i));
      Json.writeTextAtomically(file, contents[i]);
      files.add(file);
    }
    return new Written(
        folder,
        runs.size() - (int) model.notes.stream().filter(n -> n.contains("repeats")).count(),
        model.columns.size(),
        model.rows.size(),
        markdown,
        files,
        notes,
        figures);
  }

  /**
   * Writes every chart of the report as an SVG file under {@code figures/}, for papers, and deletes
   * the SVG files there that the report no longer draws (a method renamed, a seed removed).
   *
   * @param folder the result folder
   * @param charts path relative to the folder to the chart
   * @return the files written
   */
  static List<Path> writeFigures(Path folder, Map<String, String> charts) {
    List<Path> written = new ArrayList<>();
    for (var e : charts.entrySet()) {
      Path file = folder.resolve(e.getKey());
      Json.writeTextAtomically(file, Html.standalone(e.getValue()));
      written.add(file);
    }
    Path dir = folder.resolve(Html.FIGURES);
    if (java.nio.file.Files.isDirectory(dir)) {
      try (var all = java.nio.file.Files.walk(dir)) {
        for (Path p : all.filter(p -> p.getFileName().toString().endsWith(".svg")).toList()) {
          if (!written.contains(p)) {
            java.nio.file.Files.deleteIfExists(p);
          }
        }
      } catch (java.io.IOException e) {
        throw new org.dec4j.api.DataException("cannot tidy " + dir + ": " + e.getMessage(), e);
      }
    }
    return written;
  }

  /**
   * A map to draw.
   *
   * @param key its key in the maps {@link Html} draws ({@link ReportModel#mapKey})
   * @param what for messages
   * @param make draws it (or reads it from the cache)
   */
  record MapJob(String key, String what, java.util.function.Supplier<EmbeddingMaps.MapData> make) {}

  /**
   * The maps a report draws: each method's final embedding, of its lowest seed or of every seed
   * ({@link ReportOptions#mapSeeds()}), and of the lowest seed at the start and middle of the
   * clustering phase ({@link ReportOptions#mapProgress()}).
   */
  static List<MapJob> mapJobs(ReportModel model, ReportOptions options, Path cache) {
    List<MapJob> jobs = new ArrayList<>();
    for (Cell cell : model.cells()) {
      String what = cell.row().label() + " on " + cell.column().label();
      List<RunFile> runs = "all".equals(options.mapSeeds()) ? cell.runs() : List.of(cell.first());
      for (RunFile f : runs) {
        if (f.result().sample() != null) {
          long seed = f.result().config().seed();
          jobs.add(
              new MapJob(
                  ReportModel.mapKey(cell, seed, -1),
                  what + (runs.size() > 1 ? ", seed " + seed : ""),
                  () -> EmbeddingMaps.map(f.result(), options, cache)));
        }
      }
      RunFile first = cell.first();
      if (options.mapProgress()
          && first.result().sample() != null
          && first.result().snapshots() != null) {
        for (var snapshot : first.result().snapshots()) {
          jobs.add(
              new MapJob(
                  ReportModel.mapKey(cell, first.result().config().seed(), snapshot.iteration()),
                  what + " at iteration " + snapshot.iteration(),
                  () -> EmbeddingMaps.map(first.result(), snapshot, options, cache)));
        }
      }
    }
    return jobs;
  }
}
