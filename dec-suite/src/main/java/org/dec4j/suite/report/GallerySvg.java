package org.dec4j.suite.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.result.Gallery;

/**
 * Draws a {@link Gallery} as SVG: a row per cluster with its most confident samples as pictures
 * (PNG {@code data:} URIs), the DEC paper's Figure 2 (Xie, Girshick and Farhadi, ICML 2016).
 */
final class GallerySvg {
  /** Width of the row labels. */
  private static final int LABEL = 118;

  /** Displayed size of a sample's picture, and the gap between pictures. */
  private static final int CELL = 40;

  private static final int GAP = 4;
  private static final int TOP = 26;

  private GallerySvg() {}

  /**
   * The gallery's picture.
   *
   * @param gallery the gallery
   * @param assignments the run's clusters, to match clusters to classes
   * @param truth the ground truth, or null
   * @param title the title above it
   * @return an {@code <svg class="chart gallery">} element
   */
  static String svg(Gallery gallery, int[] assignments, GroundTruth truth, String title) {
    Map<Integer, Integer> matched = Html.clusterColours(assignments, truth);
    List<Gallery.Exemplars> rows = new ArrayList<>(gallery.clusters());
    rows.sort(
        Comparator.comparingInt(
                (Gallery.Exemplars e) -> matched.getOrDefault(e.cluster(), Integer.MAX_VALUE))
            .thenComparingInt(Gallery.Exemplars::cluster));
    int columns = rows.stream().mapToInt(e -> e.rows().length).max().orElse(1);
    int width = LABEL + columns * (CELL + GAP) + 6;
    int height = TOP + rows.size() * (CELL + GAP) + 4;
    ImageShape shape = gallery.shape();
    int size = shape.values();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart gallery\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n",
            width,
            height,
            width,
            height,
            Html.escape(title)));
    b.append("<title>").append(Html.escape(title)).append("</title>\n");
    b.append(
        String.format(
            Locale.ROOT, "<text x=\"12\" y=\"16\" class=\"ct\">%s</text>%n", Html.escape(title)));
    int y = TOP;
    for (Gallery.Exemplars e : rows) {
      Integer cls = matched.get(e.cluster());
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"4\" y=\"%d\" class=\"gl\">cluster %d</text>"
                  + "<text x=\"4\" y=\"%d\" class=\"gs\">%s%,d samples</text>%n",
              y + 15,
              e.cluster(),
              y + 30,
              cls == null ? "" : "class " + cls + " \u00b7 ",
              e.size()));
      for (int i = 0; i < e.rows().length; i++) {
        int x = LABEL + i * (CELL + GAP);
        byte[] pixels = java.util.Arrays.copyOfRange(e.pixels(), i * size, (i + 1) * size);
        int row = e.rows()[i];
        Integer truthClass =
            truth == null || row >= truth.labels().length ? null : truth.labels()[row];
        String tip =
            "row "
                + row
                + (truthClass == null ? "" : ", class " + truthClass)
                + ", "
                + ("q".equals(gallery.measure())
                    ? String.format(Locale.ROOT, "q %.3f", e.confidence()[i])
                    : String.format(Locale.ROOT, "distance %.3f", -e.confidence()[i]));
        b.append(
            String.format(
                Locale.ROOT,
                "<image x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    + "preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"%s\"><title>%s</title></image>",
                x,
                y,
                CELL,
                CELL,
                Png.dataUri(shape.width(), shape.height(), shape.channels(), pixels),
                Html.escape(tip)));
        if (cls != null && truthClass != null && !truthClass.equals(cls)) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "<rect class=\"miss\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
                      + "fill=\"none\" stroke=\"#e53e3e\" stroke-width=\"2.5\"/>",
                  x - 1.0,
                  y - 1.0,
                  CELL + 2,
                  CELL + 2));
        }
      }
      b.append('\n');
      y += CELL + GAP;
    }
    return b.append("</svg>").toString();
  }
}
