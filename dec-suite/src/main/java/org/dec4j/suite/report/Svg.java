package org.dec4j.suite.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: line charts and scatter plots, drawn here so the report
 * needs no script library and no network, and renders the same in any browser.
 */
final class Svg {
  /** Ten well-separated colours; further groups get hues spaced by the golden angle. */
  private static final String[] PALETTE = {
    "#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#975a16", "#d53f8c", "#4a5568",
    "#b7791f", "#0987a0"
  };

  private static final int LEFT = 52;
  private static final int RIGHT = 14;
  private static final int TOP = 26;
  private static final int BOTTOM = 38;

  private Svg() {}

  /**
   * The colour of a group.
   *
   * @param i the group index, from 0
   * @return a CSS colour
   */
  static String color(int i) {
    if (i >= 0 && i < PALETTE.length) {
      return PALETTE[i];
    }
    double hue = (i * 137.508) % 360;
    return String.format(Locale.ROOT, "hsl(%.0f, 62%%, %d%%)", hue, 38 + (i % 3) * 8);
  }

  /**
   * A line of a line chart.
   *
   * @param name shown on hover
   * @param color stroke colour
   * @param x x values
   * @param y y values, NaN ones skipped
   * @param opacity stroke opacity
   * @param dashed whether the stroke is dashed
   */
  record Line(String name, String color, double[] x, double[] y, double opacity, boolean dashed) {}

  /**
   * The ranges of a line chart's axes.
   *
   * @param xMin the lower x bound, NaN to fit the data
   * @param xMax the upper x bound, NaN to fit the data (the data's maximum when larger)
   * @param yMin the lower y bound, NaN to fit the data (the data's minimum when smaller)
   * @param yMax the upper y bound, NaN to fit the data (the data's maximum when larger)
   * @param integerX whether x counts something (iterations): ticks at whole numbers only
   */
  record Range(double xMin, double xMax, double yMin, double yMax, boolean integerX) {}

  /**
   * A line chart. Lines of few points (up to {@value #MARKED_POINTS}) get a marker on each point,
   * so a short run stays visible beside long ones; a line of one point is a marker.
   *
   * @param title the title above the plot
   * @param xLabel the x axis label
   * @param lines the lines
   * @param range the axes' bounds
   * @param width width in pixels
   * @param height height in pixels
   * @return an {@code <svg class="chart">} element
   */
  static String lineChart(
      String title, String xLabel, List<Line> lines, Range range, int width, int height) {
    return lineChart(title, xLabel, lines, range, width, height, List.of());
  }

  /**
   * An entry of a chart's legend.
   *
   * @param name the text
   * @param color the colour
   * @param dashed whether it stands for a dashed line
   */
  record Legend(String name, String color, boolean dashed) {}

  /**
   * A line chart with a legend below it, so the chart is complete as a file of its own.
   *
   * @param title the title above the plot
   * @param xLabel the x axis label
   * @param lines the lines
   * @param range the axes' bounds
   * @param width width in pixels
   * @param height height in pixels of the chart without its legend
   * @param legend the legend's entries, in order (empty for none)
   * @return an {@code <svg class="chart">} element, taller than {@code height} by the legend's rows
   */
  static String lineChart(
      String title,
      String xLabel,
      List<Line> lines,
      Range range,
      int width,
      int height,
      List<Legend> legend) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        if (Double.isFinite(l.y()[i]) && Double.isFinite(l.x()[i])) {
          x0 = Math.min(x0, l.x()[i]);
          x1 = Math.max(x1, l.x()[i]);
          y0 = Math.min(y0, l.y()[i]);
          y1 = Math.max(y1, l.y()[i]);
        }
      }
    }
    double[] xs = axisRange(x0, x1, range.xMin(), range.xMax(), range.integerX());
    double[] ys = axisRange(y0, y1, range.yMin(), range.yMax(), false);
    Frame f = new Frame(width, height, xs[0], xs[1], ys[0], ys[1]);
    StringBuilder legendMarks = new StringBuilder();
    int rows = legend(legendMarks, legend, width, height);
    StringBuilder b = open(title, width, height + rows * LEGEND_ROW + (rows > 0 ? 4 : 0));
    axes(b, f, xLabel, range.integerX());
    b.append(legendMarks);
    for (Line l : lines) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < l.x().length; i++) {
        if (Double.isFinite(l.y()[i]) && Double.isFinite(l.x()[i])) {
          points.add(fmt(f.px(l.x()[i])) + "," + fmt(f.py(l.y()[i])));
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      String style =
          String.format(
              Locale.ROOT,
              " stroke=\"%s\" stroke-opacity=\"%.2f\"%s",
              l.color(),
              l.opacity(),
              l.dashed() ? " stroke-dasharray=\"5 3\"" : "");
      b.append("<g class=\"series\" data-name=\"")
          .append(Html.escape(l.name()))
          .append("\"><title>")
          .append(Html.escape(l.name()))
          .append("</title>");
      if (points.size() > 1) {
        b.append("<polyline fill=\"none\" stroke-width=\"1.8\"")
            .append(style)
            .append(" points=\"")
            .append(String.join(" ", points))
            .append("\"/>");
      }
      if (points.size() <= MARKED_POINTS) {
        for (String p : points) {
          String[] xy = p.split(",");
          b.append("<circle cx=\"")
              .append(xy[0])
              .append("\" cy=\"")
              .append(xy[1])
              .append("\" r=\"")
              .append(points.size() == 1 ? "3.5" : "2.5")
              .append("\" fill=\"")
              .append(l.color())
              .append(String.format(Locale.ROOT, "\" fill-opacity=\"%.2f\"/>", l.opacity()));
        }
      }
      b.append("</g>\n");
    }
    return b.append("</svg>").toString();
  }

  private static final int LEGEND_ROW = 16;

  /** Draws legend entries in rows below a chart of the given height; returns the number of rows. */
  private static int legend(StringBuilder b, List<Legend> legend, int width, int height) {
    if (legend.isEmpty()) {
      return 0;
    }
    int x = 12;
    int row = 0;
    for (Legend l : legend) {
      int w = 26 + (int) Math.ceil(6.1 * l.name().length()) + 14;
      if (x + w > width - 4 && x > 12) {
        x = 12;
        row++;
      }
      int y = height + 8 + row * LEGEND_ROW;
      b.append(
          String.format(
              Locale.ROOT,
              "<line class=\"key\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" "
                  + "stroke=\"%s\" stroke-width=\"2.5\"%s/><text x=\"%d\" y=\"%d\" class=\"lg\">%s</text>%n",
              x,
              x + 20,
              y,
              y,
              l.color(),
              l.dashed() ? " stroke-dasharray=\"5 3\"" : "",
              x + 26,
              y + 4,
              Html.escape(l.name())));
      x += w;
    }
    return row + 1;
  }

  /** Lines with at most this many points are drawn with a marker on each. */
  static final int MARKED_POINTS = 12;

  /**
   * An axis' bounds: the given ones where set, else the data's, widened to whole tick steps; a
   * single value (or none) gets a range around it rather than a degenerate one.
   *
   * @param lo the data's minimum (infinite when there are no data)
   * @param hi the data's maximum
   * @param min the lower bound to show, or NaN to fit the data
   * @param max the upper bound to show, or NaN to fit the data
   * @param integer whether the axis counts (whole-number ticks)
   * @return {lower, upper}, lower &lt; upper
   */
  static double[] axisRange(double lo, double hi, double min, double max, boolean integer) {
    boolean empty = !(lo <= hi);
    if (empty) {
      lo = Double.isNaN(min) ? 0 : min;
      hi = Double.isNaN(max) ? lo + 1 : max;
    }
    double a = Double.isNaN(min) ? lo : Math.min(min, lo);
    double b = Double.isNaN(max) ? hi : Math.max(max, hi);
    if (b - a < 1e-12 * Math.max(1, Math.abs(a))) {
      // one value: a tenth of its size either side (a unit for 0 or a count), never a sliver
      double pad =
          integer ? Math.max(1, Math.abs(a) * 0.1) : Math.abs(a) > 1e-9 ? Math.abs(a) * 0.1 : 1;
      a = Double.isNaN(min) ? a - pad : a;
      b = Double.isNaN(max) ? b + pad : b;
      if (!(b > a)) {
        b = a + pad;
      }
    } else {
      double pad = integer ? 0 : (b - a) * 0.05;
      a = Double.isNaN(min) ? a - pad : a;
      b = Double.isNaN(max) ? b + pad : b;
    }
    double step = step(a, b, integer);
    if (Double.isNaN(min)) {
      a = Math.floor(a / step + 1e-9) * step;
    }
    if (Double.isNaN(max)) {
      b = Math.ceil(b / step - 1e-9) * step;
    }
    return new double[] {a, b};
  }

  /** A round tick step giving about five ticks over [lo, hi]; at least 1 on a counting axis. */
  static double step(double lo, double hi, boolean integer) {
    double raw = (hi - lo) / 5;
    if (!(raw > 0)) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = 10 * mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= m * mag * (1 + 1e-9)) {
        step = m * mag;
        break;
      }
    }
    if (integer) {
      step = Math.max(1, step == 2.5 ? 2 : Math.rint(step) == step ? step : Math.ceil(step));
    }
    return step;
  }

  /**
   * A scatter plot of 2-D points coloured by group, with optional centroid markers.
   *
   * @param title the title above the plot
   * @param xy the points, one {x, y} per row
   * @param group the colour group of each point
   * @param centroids rows of {@code xy} from this index on are centroids, drawn as crosses in the
   *     colour of their group; {@code xy.length} for none
   * @param width width in pixels
   * @param height height in pixels
   * @return an {@code <svg class="chart">} element
   */
  static String scatter(
      String title, double[][] xy, int[] group, int centroids, int width, int height) {
    return scatter(title, xy, group, centroids, width, height, List.of());
  }

  /**
   * A scatter plot with a legend of its groups' colours below it.
   *
   * @param title the title above the plot
   * @param xy the points
   * @param group the colour group of each point
   * @param centroids rows of {@code xy} from this index on are centroids
   * @param width width in pixels
   * @param height height in pixels of the plot without its legend
   * @param legend the legend's entries (empty for none)
   * @return an {@code <svg class="chart">} element
   */
  static String scatter(
      String title,
      double[][] xy,
      int[] group,
      int centroids,
      int width,
      int height,
      List<Legend> legend) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (double[] p : xy) {
      x0 = Math.min(x0, p[0]);
      x1 = Math.max(x1, p[0]);
      y0 = Math.min(y0, p[1]);
      y1 = Math.max(y1, p[1]);
    }
    double padX = Math.max((x1 - x0) * 0.04, 1e-6);
    double padY = Math.max((y1 - y0) * 0.04, 1e-6);
    Frame f = new Frame(width, height, x0 - padX, x1 + padX, y0 - padY, y1 + padY, 10, 10, TOP, 10);
    StringBuilder legendMarks = new StringBuilder();
    int rows = legend(legendMarks, legend, width, height - 4);
    StringBuilder b = open(title, width, height + rows * LEGEND_ROW);
    b.append(legendMarks);
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfbfd\" "
                + "stroke=\"#d8dbe2\"/>%n",
            f.left,
            f.top,
            width - f.left - f.right,
            height - f.top - f.bottom));
    for (int i = 0; i < Math.min(centroids, xy.length); i++) {
      b.append("<circle cx=\"")
          .append(fmt(f.px(xy[i][0])))
          .append("\" cy=\"")
          .append(fmt(f.py(xy[i][1])))
          .append("\" r=\"2.3\" fill=\"")
          .append(color(group[i]))
          .append("\"/>");
      if (i % 8 == 7) {
        b.append('\n');
      }
    }
    b.append('\n');
    for (int i = centroids; i < xy.length; i++) {
      double cx = f.px(xy[i][0]);
      double cy = f.py(xy[i][1]);
      String path =
          String.format(
              Locale.ROOT,
              "M%s %sL%s %sM%s %sL%s %s",
              fmt(cx - 5),
              fmt(cy - 5),
              fmt(cx + 5),
              fmt(cy + 5),
              fmt(cx - 5),
              fmt(cy + 5),
              fmt(cx + 5),
              fmt(cy - 5));
      b.append("<path d=\"")
          .append(path)
          .append("\" stroke=\"#fff\" stroke-width=\"5\"/>")
          .append("<path d=\"")
          .append(path)
          .append("\" stroke=\"")
          .append(color(group[i]))
          .append("\" stroke-width=\"2.5\"><title>cluster centre</title></path>\n");
    }
    return b.append("</svg>").toString();
  }

  /**
   * A bar of a bar chart: a mean with its error bar.
   *
   * @param mean the bar's height, NaN for no bar
   * @param error the error bar's half length (a standard deviation), 0 or NaN for none
   * @param tip shown on hover
   */
  record Bar(double mean, double error, String tip) {}

  /**
   * A grouped bar chart on [0, 1] with error bars: one group per category (a method), one bar per
   * series (a metric) in the series' colour.
   *
   * @param title the title above the plot
   * @param categories the groups' labels
   * @param series the series' names, for the legend
   * @param colors the series' colours
   * @param bars {@code bars[category][series]}
   * @param height height in pixels (the width follows from the number of bars)
   * @return an {@code <svg class="chart bars">} element
   */
  static String bars(
      String title,
      List<String> categories,
      List<String> series,
      List<String> colors,
      Bar[][] bars,
      int height) {
    int bar = 16;
    int group = series.size() * bar + 22;
    int legend = 26;
    int width = Math.max(300, LEFT + RIGHT + categories.size() * group);
    int bottom = 56;
    Frame f = new Frame(width, height, 0, 1, 0, 1, LEFT, RIGHT, TOP + legend - 8, bottom);
    StringBuilder b = open(title, width, height);
    for (int s = 0; s < series.size(); s++) {
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\" class=\"lg\">%s</text>%n",
              LEFT + s * 70,
              TOP - 4,
              colors.get(s),
              LEFT + s * 70 + 14,
              TOP + 5,
              Html.escape(series.get(s))));
    }
    int plotWidth = width - f.left - f.right;
    int plotHeight = height - f.top - f.bottom;
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
                + "stroke=\"#c9ced8\"/>%n",
            f.left,
            f.top,
            plotWidth,
            plotHeight));
    for (double t : ticks(0, 1, false)) {
      double y = f.py(t);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"#eceef2\"/>"
                  + "<text x=\"%d\" y=\"%s\" class=\"yt\">%s</text>%n",
              f.left,
              f.left + plotWidth,
              fmt(y),
              fmt(y),
              f.left - 5,
              fmt(y + 3.5),
              tick(t, 0.2)));
    }
    double slot = (double) plotWidth / Math.max(1, categories.size());
    for (int c = 0; c < categories.size(); c++) {
      double x0 = f.left + c * slot + (slot - series.size() * bar) / 2;
      for (int s = 0; s < series.size(); s++) {
        Bar v = bars[c][s];
        if (v == null || !Double.isFinite(v.mean())) {
          continue;
        }
        double x = x0 + s * bar;
        double top = f.py(Math.max(0, Math.min(1, v.mean())));
        b.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%d\" height=\"%s\" "
                    + "fill=\"%s\"><title>%s</title></rect>",
                fmt(x + 1),
                fmt(top),
                bar - 2,
                fmt(f.py(0) - top),
                colors.get(s),
                Html.escape(v.tip())));
        if (Double.isFinite(v.error()) && v.error() > 0) {
          double lo = f.py(Math.max(0, v.mean() - v.error()));
          double hi = f.py(Math.min(1, v.mean() + v.error()));
          double mid = x + bar / 2.0;
          b.append(
              String.format(
                  Locale.ROOT,
                  "<path class=\"err\" d=\"M%s %sV%sM%s %sH%sM%s %sH%s\" "
                      + "stroke=\"#1a202c\" stroke-width=\"1.2\" fill=\"none\"/>",
                  fmt(mid),
                  fmt(lo),
                  fmt(hi),
                  fmt(mid - 4),
                  fmt(lo),
                  fmt(mid + 4),
                  fmt(mid - 4),
                  fmt(hi),
                  fmt(mid + 4)));
        }
      }
      // "idec (gamma=0.1)" on two lines: the method, then what tells the variant apart
      String label = categories.get(c);
      int cut = label.indexOf(" (");
      String cx = fmt(f.left + (c + 0.5) * slot);
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%s\" y=\"%d\" class=\"xt\">%s</text>",
              cx,
              f.top + plotHeight + 14,
              Html.escape(cut < 0 ? label : label.substring(0, cut))));
      if (cut >= 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%s\" y=\"%d\" class=\"xt\">%s</text>",
                cx,
                f.top + plotHeight + 27,
                Html.escape(label.substring(cut + 1))));
      }
      b.append('\n');
    }
    return b.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int width, int height) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n",
            width,
            height,
            width,
            height,
            Html.escape(title)));
    b.append("<title>").append(Html.escape(title)).append("</title>\n");
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"16\" class=\"ct\">%s</text>%n",
            LEFT - 40,
            Html.escape(title)));
    return b;
  }

  private static void axes(StringBuilder b, Frame f, String xLabel, boolean integerX) {
    int w = f.width - f.left - f.right;
    int h = f.height - f.top - f.bottom;
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
                + "stroke=\"#c9ced8\"/>%n",
            f.left,
            f.top,
            w,
            h));
    double yStep = step(f.y0, f.y1, false);
    for (double t : ticks(f.y0, f.y1, false)) {
      double y = f.py(t);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"#eceef2\"/>"
                  + "<text x=\"%d\" y=\"%s\" class=\"yt\">%s</text>%n",
              f.left,
              f.left + w,
              fmt(y),
              fmt(y),
              f.left - 5,
              fmt(y + 3.5),
              tick(t, yStep)));
    }
    double xStep = step(f.x0, f.x1, integerX);
    for (double t : ticks(f.x0, f.x1, integerX)) {
      double x = f.px(t);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\" stroke=\"#eceef2\"/>"
                  + "<text x=\"%s\" y=\"%d\" class=\"xt\">%s</text>%n",
              fmt(x),
              fmt(x),
              f.top,
              f.top + h,
              fmt(x),
              f.top + h + 14,
              tick(t, xStep)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"xl\">%s</text>%n",
            f.left + w / 2,
            f.height - 6,
            Html.escape(xLabel)));
  }

  /**
   * About five round tick values within [lo, hi].
   *
   * @param lo the lower bound
   * @param hi the upper bound
   * @param integer whether the axis counts: whole-number ticks only
   * @return the ticks, ascending
   */
  static List<Double> ticks(double lo, double hi, boolean integer) {
    double step = step(lo, hi, integer);
    List<Double> out = new ArrayList<>();
    for (long i = (long) Math.ceil(lo / step - 1e-9);
        i * step <= hi + step * 1e-9 && out.size() < 20;
        i++) {
      double t = i * step;
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  /** A tick's label: as many decimals as the step needs, thousands as "k" on long counting axes. */
  static String tick(double v, double step) {
    if (step >= 1 && v == Math.rint(v)) {
      return Math.abs(v) >= 10_000 && v % 1000 == 0 && step >= 1000
          ? (long) (v / 1000) + "k"
          : Long.toString((long) v);
    }
    int decimals = 0;
    while (decimals < 6
        && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals)))
            > 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Plot area and data ranges. */
  private static final class Frame {
    final int width;
    final int height;
    final double x0;
    final double x1;
    final double y0;
    final double y1;
    final int left;
    final int right;
    final int top;
    final int bottom;

    Frame(int width, int height, double x0, double x1, double y0, double y1) {
      this(width, height, x0, x1, y0, y1, LEFT, RIGHT, TOP, BOTTOM);
    }

    Frame(
        int width,
        int height,
        double x0,
        double x1,
        double y0,
        double y1,
        int left,
        int right,
        int top,
        int bottom) {
      this.width = width;
      this.height = height;
      this.x0 = x0;
      this.x1 = x1;
      this.y0 = y0;
      this.y1 = y1;
      this.left = left;
      this.right = right;
      this.top = top;
      this.bottom = bottom;
    }

    double px(double x) {
      return left + (x - x0) / (x1 - x0) * (width - left - right);
    }

    double py(double y) {
      return height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom);
    }
  }
}
