package org.dec4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.ConfigException;

/**
 * The figures {@code tools/bench/pytorch_reference.py} printed on this machine, which {@code dec4j
 * bench --pytorch FILE} sets beside its own rows: a ratio per row and thread count, from a run
 * taken beside dec4j's, instead of figures from another machine or day.
 *
 * <p>The file is the script's standard output: a first line {@code torch VERSION, threads ..., data
 * (ROWS, COLS), load (...)}, a header line, then one line per row: name, median, min, max, thread
 * count, load. Rows are matched by name ({@code " (ms)"} dropped; the sgemm rows by their kind) and
 * thread count.
 *
 * @param source the file, for messages
 * @param version PyTorch's version as the script printed it
 * @param rows the rows of the data the script measured
 * @param cols the columns of that data
 * @param figures the figures by {@link #key(String)} and thread count
 */
record PytorchFigures(
    Path source, String version, int rows, int cols, Map<String, Figure> figures) {

  /**
   * One row of the script's table.
   *
   * @param median the median of its repetitions
   * @param min the smallest
   * @param max the largest
   * @param rate whether larger is faster (GFLOP/s), not a time
   */
  record Figure(double median, double min, double max, boolean rate) {

    /** {@return dec4j's time over PyTorch's for the same work; below 1 means dec4j is faster} */
    double ratio(double dec4jMedian) {
      return rate ? median / dec4jMedian : dec4jMedian / median;
    }
  }

  private static final Pattern HEAD =
      Pattern.compile("^torch (\\S+), threads [^,]*(?:,[0-9]+)*, data \\((\\d+), (\\d+)\\)");
  private static final Pattern ROW =
      Pattern.compile(
          "^(.+?)\\s+(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s+(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)"
              + "\\s+(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s+(\\d+)(?:\\s+load1.*)?$");

  PytorchFigures {
    figures = Map.copyOf(figures);
  }

  /**
   * Reads the script's output.
   *
   * @param file the saved standard output of {@code pytorch_reference.py}
   * @return its figures
   * @throws ConfigException naming the file and what is wrong with it
   */
  static PytorchFigures read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("bench --pytorch: " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("bench --pytorch: cannot read " + file + ": " + e.getMessage());
    }
    Matcher head = lines.isEmpty() ? null : HEAD.matcher(lines.get(0));
    if (head == null || !head.find()) {
      throw new ConfigException(
          "bench --pytorch: "
              + file
              + " does not start as the output of tools/bench/pytorch_reference.py does "
              + "('torch VERSION, threads ..., data (ROWS, COLS), ...'); save that script's "
              + "standard output and give the file");
    }
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      Matcher m = ROW.matcher(lines.get(i).strip());
      if (!m.matches()) {
        continue;
      }
      String name = m.group(1).strip();
      double median = Double.parseDouble(m.group(2));
      double min = Double.parseDouble(m.group(3));
      double max = Double.parseDouble(m.group(4));
      int threads = Integer.parseInt(m.group(5));
      if (!(median > 0) || threads < 1) {
        throw new ConfigException(
            "bench --pytorch: "
                + file
                + " line "
                + (i + 1)
                + ": '"
                + name
                + "' has median "
                + m.group(2)
                + " at "
                + threads
                + " threads; a figure must be positive");
      }
      figures.put(
          key(name) + "@" + threads, new Figure(median, min, max, name.contains("GFLOP/s")));
    }
    if (figures.isEmpty()) {
      throw new ConfigException(
          "bench --pytorch: "
              + file
              + " has no rows (name, median, min, max, threads); did the script finish?");
    }
    return new PytorchFigures(
        file,
        head.group(1),
        Integer.parseInt(head.group(2)),
        Integer.parseInt(head.group(3)),
        figures);
  }

  /**
   * The name both tables share for a row: {@code " (ms)"} and the sgemm rows' unit dropped, and
   * dec4j's timings of its other optimiser kernel matched with PyTorch's optimiser.
   *
   * @param name a row name of either table
   * @return its key
   */
  static String key(String name) {
    String k = name.strip();
    if (k.endsWith(" (ms)")) {
      k = k.substring(0, k.length() - " (ms)".length());
    }
    if (k.startsWith("sgemm ")) {
      return "sgemm " + k.split("\\s+")[1];
    }
    // Both of dec4j's optimiser kernels are set beside PyTorch's one.
    for (String suffix : new String[] {", MXNet", ", fused"}) {
      if (k.startsWith("step: ") && k.endsWith(" update" + suffix)) {
        return k.substring(0, k.length() - suffix.length());
      }
    }
    return k;
  }

  /**
   * The PyTorch figure of a dec4j row at a thread count.
   *
   * @param dec4jRow the name of dec4j's row
   * @param threads the OpenMP thread count the row ran with
   * @return the figure, if the script measured that row at that count
   */
  Optional<Figure> find(String dec4jRow, int threads) {
    return Optional.ofNullable(figures.get(key(dec4jRow) + "@" + threads));
  }

  /** {@return the setup line that says where the ratios come from} */
  String describe() {
    return String.format(
        Locale.ROOT,
        "pytorch  %s (torch %s, data %d x %d): 'vs pytorch' is dec4j's time over PyTorch's "
            + "at the same thread count (below 1: dec4j faster), PyTorch's median in brackets",
        source,
        version,
        rows,
        cols);
  }
}
