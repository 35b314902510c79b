package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Axis ranges and ticks of the report's charts, for the short runs that made them degenerate. */
class SvgTest {
  /** The labels of the x (class xt) or y (class yt) ticks of a chart. */
  static List<String> ticks(String svg, String cls) {
    Matcher m = Pattern.compile("<text [^>]*class=\"" + cls + "\">([^<]*)</text>").matcher(svg);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Svg.Line line(double[] x, double[] y) {
    return new Svg.Line("l", "#000", x, y, 1, false);
  }

  @Test
  void aOneRefreshLossChartIsAPointOnAnIterationAxisFromZeroNotADotOn139To141() {
    String svg =
        Svg.lineChart(
            "loss",
            "iteration",
            List.of(line(new double[] {0, 140}, new double[] {Double.NaN, 0.0342})),
            new Svg.Range(0, 140, Double.NaN, Double.NaN, true),
            330,
            220);
    List<String> x = ticks(svg, "xt");
    assertEquals("0", x.get(0), "the iteration axis starts at 0: " + x);
    assertTrue(x.stream().allMatch(t -> t.matches("\\d+")), "whole iterations: " + x);
    assertFalse(x.contains("139.0") || x.contains("141.0"), x.toString());
    List<String> y = ticks(svg, "yt");
    assertTrue(y.size() >= 3, "a single value gets a range around it: " + y);
    assertEquals(y.size(), y.stream().distinct().count(), "distinct tick labels: " + y);
    double lo = Double.parseDouble(y.get(0));
    double hi = Double.parseDouble(y.get(y.size() - 1));
    assertTrue(
        lo < 0.0342 && 0.0342 < hi && hi - lo < 0.05, "around the value, not swamping it: " + y);
    assertTrue(svg.contains("<circle"), "the point is drawn");
  }

  @Test
  void iterationTicksAreWholeNumbers() {
    String svg =
        Svg.lineChart(
            "ACC",
            "iteration",
            List.of(line(new double[] {0, 1, 2}, new double[] {0.5, 0.6, 0.65})),
            new Svg.Range(0, 2, 0, 1, true),
            330,
            220);
    assertEquals(List.of("0", "1", "2"), ticks(svg, "xt"));
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), ticks(svg, "yt"));
  }

  @Test
  void ticksAreRoundAndLabelledWithTheDecimalsTheStepNeeds() {
    assertEquals(List.of(0.0, 200.0, 400.0, 600.0), Svg.ticks(0, 600, true));
    assertEquals("2.5", Svg.tick(2.5, 0.5));
    assertEquals("0.25", Svg.tick(0.25, 0.05));
    assertEquals("20k", Svg.tick(20_000, 5_000));
    double[] r = Svg.axisRange(0.61, 0.73, Double.NaN, Double.NaN, false);
    assertTrue(r[0] <= 0.61 && r[1] >= 0.73 && r[1] - r[0] < 0.3, r[0] + " " + r[1]);
    double[] single = Svg.axisRange(0, 0, Double.NaN, Double.NaN, false);
    assertTrue(single[0] < 0 && single[1] > 0, "zero alone: " + single[0] + " " + single[1]);
  }
}
