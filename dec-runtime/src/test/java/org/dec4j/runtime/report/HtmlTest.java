package org.dec4j.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pieces of the HTML report that have a right answer. */
class HtmlTest {
  @Test
  void aClusterIsColouredLikeItsMatchedClass() {
    int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    // Cluster 7 holds class 2, cluster 3 class 0, cluster 5 class 1 (with one sample of class 2),
    // and cluster 9 is a fourth cluster that no class is left for.
    int[] clusters = {3, 3, 3, 5, 5, 5, 7, 7, 5, 9};
    Map<Integer, Integer> colour = Html.clusterColours(clusters, new GroundTruth("t", "t", "x", 3, truth));
    assertEquals(Map.of(3, 0, 5, 1, 7, 2, 9, 3), colour);
    assertEquals(Map.of(), Html.clusterColours(clusters, null), "without ground truth clusters keep their labels");
  }

  @Test
  void textIsEscaped() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Html.escape("a <b> & \"c\" 'd'"));
  }
}
