package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.ari;
import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.kmeans;
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

class BlobsDatasetTest {
  private final BlobsDataset blobs = new BlobsDataset();

  private LoadedDataset generate(Map<String, ?> options, long seed) {
    return blobs.load(new DatasetRequest(blobs.info().resolve(options), List.of(), seed, false));
  }

  @Test
  void sizesAreBalancedAndShapeFollowsOptions() {
    LoadedDataset d = generate(Map.of("n", 10, "k", 3, "d", 4), 1);
    assertEquals(10, d.size());
    assertEquals(4, d.dimension());
    assertEquals(3, d.classCount());
    assertArrayEquals(new int[] {4, 3, 3}, counts(d.labels(), 3));
  }

  @Test
  void spreadControlsTheDistanceToTheBlobMean() {
    LoadedDataset d = generate(Map.of("n", 3000, "k", 1, "d", 2, "spread", 2.0), 4);
    float[] v = d.features().values();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < 3000; i++) {
      mx += v[2 * i];
      my += v[2 * i + 1];
    }
    mx /= 3000;
    my /= 3000;
    double var = 0;
    for (int i = 0; i < 3000; i++) {
      var += Math.pow(v[2 * i] - mx, 2) + Math.pow(v[2 * i + 1] - my, 2);
    }
    double sd = Math.sqrt(var / (2 * 3000));
    assertEquals(2.0, sd, 0.1);
    assertTrue(Math.abs(mx) <= 10 + 0.5 && Math.abs(my) <= 10 + 0.5, "centre inside the box");
  }

  @Test
  void deterministicForASeed() {
    Map<String, Object> o = Map.of("n", 200, "k", 4);
    assertArrayEquals(generate(o, 9).features().values(), generate(o, 9).features().values());
    assertFalse(
        Arrays.equals(generate(o, 9).features().values(), generate(o, 10).features().values()));
  }

  @Test
  void wellSeparatedBlobsAreFoundByKMeans() {
    LoadedDataset d = generate(Map.of("n", 600, "k", 5, "d", 10, "spread", 0.5), 2);
    double score = ari(d.labels(), kmeans(d.features().values(), d.size(), d.dimension(), 5, 5));
    assertTrue(score >= 0.9, "ARI " + score);
  }

  @Test
  void moreBlobsThanPointsIsAConfigError() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> generate(Map.of("n", 2, "k", 3), 1));
    assertTrue(e.getMessage().contains("blobs: k = 3"), e.getMessage());
  }
}
