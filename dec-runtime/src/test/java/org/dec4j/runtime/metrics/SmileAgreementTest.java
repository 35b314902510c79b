package org.dec4j.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;
import smile.validation.metric.NormalizedMutualInformation;

/**
 * Why the metrics do not delegate to Smile 6.3.0, kept as a check that fails when that changes.
 *
 * <p>Smile's {@code NormalizedMutualInformation.sum} (arithmetic mean) and {@code
 * AdjustedRandIndex.of} agree with scikit-learn to 1e-9 on every non-degenerate fixture, which also
 * cross-checks our implementation, but return NaN (0/0) where scikit-learn returns 1.0: NMI when
 * both labelings have a single cluster (n = 1 included), ARI then too and also when both labelings
 * put every sample in its own cluster. Smile's contingency table is also O(n k1 k2) to build.
 */
class SmileAgreementTest {
  private static final Set<String> NMI_NAN =
      Set.of("n1", "n1-negative", "n2-both-single", "both-single-cluster-n100");
  private static final Set<String> ARI_NAN =
      Set.of(
          "n1",
          "n1-negative",
          "n2-both-single",
          "both-single-cluster-n100",
          "n2-both-split",
          "n3-all-distinct",
          "all-distinct-permuted-n50");

  @Test
  void smileDiffersFromSklearnOnlyOnTheDegenerateCases() {
    Set<String> nmiDiffers = new TreeSet<>();
    Set<String> ariDiffers = new TreeSet<>();
    List<String> unexplained = new ArrayList<>();
    for (SklearnFixtures.Case c : SklearnFixtures.cases()) {
      double smileNmi = NormalizedMutualInformation.sum(c.truth(), c.predicted());
      double smileAri = AdjustedRandIndex.of(c.truth(), c.predicted());
      double oursNmi = ClusteringMetrics.nmi(c.truth(), c.predicted());
      double oursAri = ClusteringMetrics.ari(c.truth(), c.predicted());
      if (!(Math.abs(smileNmi - c.nmi()) <= 1e-9)) {
        nmiDiffers.add(c.name());
        if (!Double.isNaN(smileNmi)) {
          unexplained.add(c.name() + ": Smile NMI " + smileNmi + " vs " + c.nmi());
        }
      } else {
        assertEquals(smileNmi, oursNmi, 1e-9, c.name());
      }
      if (!(Math.abs(smileAri - c.ari()) <= 1e-9)) {
        ariDiffers.add(c.name());
        if (!Double.isNaN(smileAri)) {
          unexplained.add(c.name() + ": Smile ARI " + smileAri + " vs " + c.ari());
        }
      } else {
        assertEquals(smileAri, oursAri, 1e-9, c.name());
      }
    }
    assertEquals(List.of(), unexplained);
    assertEquals(new TreeSet<>(NMI_NAN), nmiDiffers, "cases where Smile's NMI is NaN");
    assertEquals(new TreeSet<>(ARI_NAN), ariDiffers, "cases where Smile's ARI is NaN");
  }
}
