package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.ChooseK;
import org.junit.jupiter.api.Test;

/**
 * The stand-alone chart of {@code dec4j choose-k} (dec-runtime's ChooseKTest runs the search
 * itself).
 */
class CurvesTest {
  @Test
  void theChooseKChartHasGTheSilhouetteAndNmiOverIntegerK() {
    var rows =
        List.of(
            new ChooseK.Row(2, new Scores(0.5, 0.4, 0.3), 0.1, 0.12, 0.83, 0.41, 100, 1.5),
            new ChooseK.Row(3, new Scores(0.9, 0.8, 0.7), 0.1, 0.11, 0.91, 0.62, 100, 1.5),
            new ChooseK.Row(4, null, 0.1, 0.2, 0.5, 0.33, 100, 1.5));
    var result =
        new ChooseK.Result("dec", "blobs", Map.of(), 0, 450, 150, rows, 3, 3, 3, null, null, null);
    String svg = Curves.chooseK(result);
    assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("<style>"), svg);
    assertTrue(
        svg.contains("dec on blobs: choosing k") && svg.contains("number of clusters k"), svg);
    assertTrue(
        svg.contains("generalizability G") && svg.contains("NMI") && svg.contains("silhouette"),
        svg);
    assertEquals(List.of("2", "3", "4"), SvgTest.ticks(svg, "xt"), svg);
  }
}
