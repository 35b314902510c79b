package org.dec4j.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: line charts and scatter plots, drawn here so the report
 * needs no script library and no network, and renders the same in any browser.
 */
final class Svg {
  /** Ten well-separated colours; further groups get hues spaced by the golden angle. */
  private static final String[] PALETTE = {"#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#975a16",
      "#d53f8c", "#4a5568", "#b7791f", "#0987a0"};

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
   * A line chart.
   *
   * @param title the title above the plot
   * @param xLabel the x axis label
   * @param lines the lines
   * @param yMin the lower y bound, NaN to fit the data
   * @param yMax the upper y bound, NaN to fit the data
   * @param width width in pixels
   * @param height height in pixels
   * @return an {@code <svg class="chart">} element
   */
  static String lineChart(String title, String xLabel, List<Line> lines, double yMin, double yMax, int width,
      int height) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        if (Double.isFinite(l.y()[i])) {
          x0 = Math.min(x0, l.x()[i]);
          x1 = Math.max(x1, l.x()[i]);
          y0 = Math.min(y0, l.y()[i]);
          y1 = Math.max(y1, l.y()[i]);
        }
      }
    }
    if (!Double.isFinite(x0)) {
      x0 = 0;
      x1 = 1;
      y0 = 0;
      y1 = 1;
    }
    if (!Double.isNaN(yMin)) {
      y0 = Math.min(yMin, y0);
    }
    if (!Double.isNaN(yMax)) {
      y1 = Math.max(yMax, y1);
    }
    if (x1 - x0 < 1e-12) {
      x0 -= 1;
      x1 += 1;
    }
    if (y1 - y0 < 1e-12) {
      double pad = Math.max(Math.abs(y0) * 0.05, 1e-3);
      y0 -= pad;
      y1 += pad;
    } else if (Double.isNaN(yMin) || Double.isNaN(yMax)) {
      double pad = (y1 - y0) * 0.05;
      y0 = Double.isNaN(yMin) ? y0 - pad : y0;
      y1 = Double.isNaN(yMax) ? y1 + pad : y1;
    }
    Frame f = new Frame(width, height, x0, x1, y0, y1);
    StringBuilder b = open(title, width, height);
    axes(b, f, xLabel);
    for (Line l : lines) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < l.x().length; i++) {
        if (Double.isFinite(l.y()[i])) {
          points.add(fmt(f.px(l.x()[i])) + "," + fmt(f.py(l.y()[i])));
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      String style = String.format(Locale.ROOT, " stroke=\"%s\" stroke-opacity=\"%.2f\"%s", l.color(), l.opacity(),
          l.dashed() ? " stroke-dasharray=\"5 3\"" : "");
      if (points.size() == 1) {
        String[] xy = points.get(0).split(",");
        b.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"3\" fill=\"")
            .append(l.color()).append("\"><title>").append(Html.escape(l.name())).append("</title></circle>\n");
      } else {
        b.append("<polyline fill=\"none\" stroke-width=\"1.8\"").append(style).append(" points=\"")
            .append(String.join(" ", points)).append("\"><title>").append(Html.escape(l.name()))
            .append("</title></polyline>\n");
      }
    }
    return b.append("</svg>").toString();
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
  static String scatter(String title, double[][] xy, int[] group, int centroids, int width, int height) {
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
    StringBuilder b = open(title, width, height);
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfbfd\" "
        + "stroke=\"#d8dbe2\"/>%n", f.left, f.top, width - f.left - f.right, height - f.top - f.bottom));
    for (int i = 0; i < Math.min(centroids, xy.length); i++) {
      b.append("<circle cx=\"").append(fmt(f.px(xy[i][0]))).append("\" cy=\"").append(fmt(f.py(xy[i][1])))
          .append("\" r=\"2.3\" fill=\"").append(color(group[i])).append("\"/>");
      if (i % 8 == 7) {
        b.append('\n');
      }
    }
    b.append('\n');
    for (int i = centroids; i < xy.length; i++) {
      double cx = f.px(xy[i][0]);
      double cy = f.py(xy[i][1]);
      String path = String.format(Locale.ROOT, "M%s %sL%s %sM%s %sL%s %s", fmt(cx - 5), fmt(cy - 5), fmt(cx + 5),
          fmt(cy + 5), fmt(cx - 5), fmt(cy + 5), fmt(cx + 5), fmt(cy - 5));
      b.append("<path d=\"").append(path).append("\" stroke=\"#fff\" stroke-width=\"5\"/>")
          .append("<path d=\"").append(path).append("\" stroke=\"").append(color(group[i]))
          .append("\" stroke-width=\"2.5\"><title>cluster centre</title></path>\n");
    }
    return b.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int width, int height) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n", width, height, width,
        height, Html.escape(title)));
    b.append("<title>").append(Html.escape(title)).append("</title>\n");
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"ct\">%s</text>%n", LEFT - 40,
        Html.escape(title)));
    return b;
  }

  private static void axes(StringBuilder b, Frame f, String xLabel) {
    int w = f.width - f.left - f.right;
    int h = f.height - f.top - f.bottom;
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
        + "stroke=\"#c9ced8\"/>%n", f.left, f.top, w, h));
    for (double t : ticks(f.y0, f.y1)) {
      double y = f.py(t);
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"#eceef2\"/>"
          + "<text x=\"%d\" y=\"%s\" class=\"yt\">%s</text>%n", f.left, f.left + w, fmt(y), fmt(y), f.left - 5,
          fmt(y + 3.5), tick(t, f.y1 - f.y0)));
    }
    for (double t : ticks(f.x0, f.x1)) {
      double x = f.px(t);
      b.append(String.format(Locale.ROOT, "<line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\" stroke=\"#eceef2\"/>"
          + "<text x=\"%s\" y=\"%d\" class=\"xt\">%s</text>%n", fmt(x), fmt(x), f.top, f.top + h, fmt(x),
          f.top + h + 14, tick(t, f.x1 - f.x0)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"xl\">%s</text>%n", f.left + w / 2,
        f.height - 6, Html.escape(xLabel)));
  }

  /** About five round tick values covering [lo, hi]. */
  static List<Double> ticks(double lo, double hi) {
    double range = hi - lo;
    double raw = range / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= m * mag) {
        step = m * mag;
        break;
      }
    }
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9 && out.size() < 20; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  private static String tick(double v, double range) {
    if (range >= 5 && Math.abs(v) >= 1000 && v == Math.rint(v)) {
      return Math.abs(v) >= 10_000 && v % 1000 == 0 ? (long) (v / 1000) + "k" : Long.toString((long) v);
    }
    int decimals = range >= 5 ? 0 : (int) Math.max(0, Math.ceil(-Math.log10(range / 5)) + 0);
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
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

    Frame(int width, int height, double x0, double x1, double y0, double y1, int left, int right, int top,
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
