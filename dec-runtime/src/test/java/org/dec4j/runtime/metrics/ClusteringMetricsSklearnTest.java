package org.dec4j.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dec4j.api.result.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agreement with scikit-learn / scipy on every case of the generated fixture file, to 1e-9. */
class ClusteringMetricsSklearnTest {
  private static final double TOLERANCE = 1e-9;

  static List<SklearnFixtures.Case> cases() {
    return SklearnFixtures.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void accuracyMatchesScipyHungarian(SklearnFixtures.Case c) {
    assertEquals(c.acc(), ClusteringMetrics.accuracy(c.truth(), c.predicted()), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nmiMatchesSklearn(SklearnFixtures.Case c) {
    assertEquals(c.nmi(), ClusteringMetrics.nmi(c.truth(), c.predicted()), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ariMatchesSklearn(SklearnFixtures.Case c) {
    assertEquals(c.ari(), ClusteringMetrics.ari(c.truth(), c.predicted()), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scoresEqualTheSingleMetrics(SklearnFixtures.Case c) {
    Scores s = ClusteringMetrics.scores(c.truth(), c.predicted());
    assertAll(
        () -> assertEquals(ClusteringMetrics.accuracy(c.truth(), c.predicted()), s.acc()),
        () -> assertEquals(ClusteringMetrics.nmi(c.truth(), c.predicted()), s.nmi()),
        () -> assertEquals(ClusteringMetrics.ari(c.truth(), c.predicted()), s.ari()));
  }

  @Test
  void fixturesRecordTheirProvenanceAndCoverTheEdgeCases() {
    JsonNode doc = SklearnFixtures.document();
    JsonNode versions = doc.get("versions");
    assertFalse(versions.get("sklearn").asText().isBlank());
    assertFalse(versions.get("scipy").asText().isBlank());
    Set<String> names =
        cases().stream().map(SklearnFixtures.Case::name).collect(Collectors.toSet());
    assertTrue(cases().size() >= 35, "expected ~40 cases, got " + cases().size());
    for (String required :
        List.of(
            "n1",
            "n2-both-split",
            "both-single-cluster-n100",
            "truth-single-pred-5-n200",
            "negative-labels-with-minus-one-n500",
            "10-classes-vs-3-clusters-n2000",
            "10-classes-vs-15-clusters-n3000")) {
      assertTrue(names.contains(required), "fixture case missing: " + required);
    }
  }
}
