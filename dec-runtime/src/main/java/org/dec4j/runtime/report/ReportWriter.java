package org.dec4j.runtime.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.report.ReportModel.Cell;

/**
 * Writes the report of a result folder: {@code summary.csv} (one row per data set and method),
 * {@code runs.csv} (one row per run), {@code summary.md} and {@code summary.tex} (mean ± std over
 * seeds, best of each column in bold) and the self-contained {@code report.html} (the table,
 * metric and loss curves per method, t-SNE or UMAP maps of the final embeddings coloured by cluster and by
 * class, confusion matrices).
 *
 * <p>The report depends only on the result files (and the ground truths and cached maps beside
 * them), so it can be remade at any time, and a folder merged from several shards gives the same
 * tables as one process would.
 */
public final class ReportWriter {
  /** The report's file names. */
  public static final List<String> FILES = List.of("summary.csv", "runs.csv", "summary.md", "summary.tex",
      "report.html");

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
   */
  public record Written(Path folder, int runs, int datasets, int methods, String markdown, List<Path> files,
      List<String> notes) {}

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
      List<Cell> cells = model.cells().stream().filter(c -> c.first().result().sample() != null).toList();
      if (!cells.isEmpty()) {
        progress.start("maps", cells.size());
        long t0 = System.nanoTime();
        int done = 0;
        for (Cell cell : cells) {
          try {
            EmbeddingMaps.MapData map = EmbeddingMaps.map(cell.first().result(), spec.options(),
                folder.resolve(ResultFolder.MAPS));
            if (map != null) {
              maps.put(ReportModel.key(cell), map);
            } else {
              notes.add("no map for " + cell.row().label() + " on " + cell.column().label()
                  + ": " + spec.options().mapName() + " gave no finite layout");
            }
          } catch (RuntimeException | LinkageError e) {
            String why = EmbeddingMaps.why(e, spec.options().mapName());
            if (e instanceof LinkageError) {
              // a native library is missing: every other map would fail the same way
              notes.add("no " + spec.options().mapName() + " maps: " + why);
              break;
            }
            notes.add("no map for " + cell.row().label() + " on " + cell.column().label() + ": " + why);
          }
          progress.advance(++done, cell.column().label() + " " + cell.row().label());
        }
        progress.finish(String.format(Locale.ROOT, "maps: %d %s maps in %.1f s", cells.size(), spec.options().mapName(),
            (System.nanoTime() - t0) / 1e9));
      }
    }
    String markdown = Tables.markdown(model);
    List<Path> files = new ArrayList<>();
    String[] contents = {Tables.summaryCsv(model), Tables.runsCsv(model), markdown, Tables.latex(model),
        Html.render(model, maps, Instant.now())};
    for (int i = 0; i < FILES.size(); i++) {
      Path file = folder.resolve(FILES.get(i));
      Json.writeTextAtomically(file, contents[i]);
      files.add(file);
    }
    return new Written(folder, runs.size() - (int) model.notes.stream().filter(n -> n.contains("repeats")).count(),
        model.columns.size(), model.rows.size(), markdown, files, notes);
  }
}
