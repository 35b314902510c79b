package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.ari;
import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.kmeans;
import static org.dec4j.plugin.datasets.TestSupport.nearestMeanAccuracy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDatasetTest {
  private final SyntheticDataset synthetic = new SyntheticDataset();

  private LoadedDataset generate(Map<String, ?> options, long seed) {
    return synthetic.load(
        new DatasetRequest(synthetic.info().resolve(options), List.of(), seed, false));
  }

  @Test
  void defaultsAreFourClustersOf2500In100Dimensions() {
    LoadedDataset d = generate(Map.of(), 1);
    assertEquals(10_000, d.size());
    assertEquals(100, d.dimension());
    assertEquals(4, d.classCount());
    assertArrayEquals(new int[] {2500, 2500, 2500, 2500}, counts(d.labels(), 4));
    for (float v : d.features().values()) {
      assertTrue(v > 0 && v < 1, "sigmoid output must be in (0, 1): " + v);
    }
    assertTrue(d.provenance().files().isEmpty());
    assertTrue(
        d.provenance().description().contains("k=4, m=2500, d=100"), d.provenance().description());
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    Map<String, Object> o = Map.of("k", 3, "m", 50, "d", 20);
    LoadedDataset a = generate(o, 5);
    LoadedDataset b = generate(o, 5);
    LoadedDataset c = generate(o, 6);
    assertArrayEquals(a.features().values(), b.features().values());
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.provenance().sha256(), b.provenance().sha256());
    assertFalse(Arrays.equals(a.features().values(), c.features().values()));
  }

  @Test
  void rowsAreShuffled() {
    int[] labels = generate(Map.of("k", 4, "m", 100, "d", 5), 3).labels();
    int runs = 1;
    for (int i = 1; i < labels.length; i++) {
      runs += labels[i] != labels[i - 1] ? 1 : 0;
    }
    assertTrue(runs > 100, "labels must not come in four blocks; runs = " + runs);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 10})
  void clustersStayWellSeparatedInTheAmbientSpace(int k) {
    for (long seed = 1; seed <= 3; seed++) {
      LoadedDataset d = generate(Map.of("k", k, "m", 200, "d", 100), seed);
      double acc =
          nearestMeanAccuracy(d.features().values(), d.size(), d.dimension(), d.labels(), k);
      assertTrue(acc >= 0.98, "k=" + k + " seed=" + seed + ": nearest-centroid accuracy " + acc);
    }
  }

  @Test
  void defaultShapeIsRecoverableByKMeans() {
    LoadedDataset d = generate(Map.of("m", 250), 11);
    double score = ari(d.labels(), kmeans(d.features().values(), d.size(), d.dimension(), 4, 3));
    assertTrue(score >= 0.9, "ARI of k-means on the default generator: " + score);
  }

  @Test
  void tooLargeIsAConfigError() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> generate(Map.of("k", 1000, "m", 1_000_000, "d", 100), 1));
    assertTrue(e.getMessage().startsWith("synthetic: k x m x d"), e.getMessage());
  }
}
