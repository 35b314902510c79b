package org.dec4j.suite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.runtime.ChooseK;
import org.dec4j.runtime.ChooseK.Row;

/** Stand-alone SVG line charts (with their own styles), for files outside a report. */
public final class Curves {
  private Curves() {}

  /**
   * One chart of several curves over the same x values, as a complete SVG document.
   *
   * @param title the title above the plot
   * @param xLabel the x axis label
   * @param x the x values
   * @param series name to y values (NaN ones skipped), drawn in order
   * @param width width in pixels
   * @param height height in pixels
   * @return the SVG document
   */
  public static String svg(
      String title,
      String xLabel,
      double[] x,
      Map<String, double[]> series,
      int width,
      int height) {
    List<Svg.Line> lines = new ArrayList<>();
    int i = 0;
    for (var e : series.entrySet()) {
      lines.add(new Svg.Line(e.getKey(), Svg.color(i++), x, e.getValue(), 1, false));
    }
    String chart =
        Svg.lineChart(
            title,
            xLabel,
            lines,
            new Svg.Range(Double.NaN, Double.NaN, Double.NaN, Double.NaN, integerX(x)),
            width,
            height);
    String style =
        "<style>.ct{font:600 12px sans-serif;fill:#2d3748}.yt{font:10px sans-serif;fill:#5a6474;"
            + "text-anchor:end}.xt,.xl{font:10px sans-serif;fill:#5a6474;text-anchor:middle}</style>\n";
    int open = chart.indexOf('>') + 1;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + chart.substring(0, open)
        + "\n"
        + style
        + chart.substring(open);
  }

  /**
   * G, the silhouette and (with labels) NMI over k of a {@code choose-k} search, as an SVG
   * document. (It was {@code ChooseK.svg} before reports moved out of the runtime.)
   *
   * @param r the result
   * @return the SVG text
   */
  public static String chooseK(ChooseK.Result r) {
    double[] x = r.rows().stream().mapToDouble(Row::k).toArray();
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put(
        "generalizability G", r.rows().stream().mapToDouble(Row::generalizability).toArray());
    if (r.rows().stream().anyMatch(x2 -> x2.scores() != null)) {
      series.put(
          "NMI",
          r.rows().stream()
              .mapToDouble(x2 -> x2.scores() == null ? Double.NaN : x2.scores().nmi())
              .toArray());
    }
    series.put("silhouette", r.rows().stream().mapToDouble(Row::silhouette).toArray());
    return svg(
        r.method() + " on " + r.dataset() + ": choosing k",
        "number of clusters k",
        x,
        series,
        640,
        360);
  }

  private static boolean integerX(double[] x) {
    for (double v : x) {
      if (v != Math.rint(v)) {
        return false;
      }
    }
    return true;
  }
}
