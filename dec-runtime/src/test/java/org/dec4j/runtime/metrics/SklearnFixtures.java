package org.dec4j.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference cases written by {@code tools/fixtures/metrics_fixtures.py}: label vectors with
 * scikit-learn's NMI and ARI and scipy-Hungarian accuracy.
 */
final class SklearnFixtures {
  static final String RESOURCE = "/metrics/sklearn-fixtures.json";

  /**
   * One reference case.
   *
   * @param name what the case exercises
   * @param truth class labels
   * @param predicted cluster labels
   * @param acc scipy {@code linear_sum_assignment} accuracy
   * @param nmi sklearn {@code normalized_mutual_info_score}
   * @param ari sklearn {@code adjusted_rand_score}
   */
  record Case(String name, int[] truth, int[] predicted, double acc, double nmi, double ari) {
    @Override
    public String toString() {
      return name + " (n=" + truth.length + ")";
    }
  }

  private SklearnFixtures() {}

  static JsonNode document() {
    try (InputStream in = SklearnFixtures.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : document().get("cases")) {
      cases.add(
          new Case(
              c.get("name").asText(),
              ints(c.get("truth")),
              ints(c.get("predicted")),
              c.get("acc").asDouble(),
              c.get("nmi").asDouble(),
              c.get("ari").asDouble()));
    }
    return cases;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = array.get(i);
      if (!v.canConvertToInt()) {
        throw new IllegalStateException("label " + v + " does not fit an int");
      }
      out[i] = v.intValue();
    }
    return out;
  }
}
