package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;

class DataChecksTest {

  private static LoadedDataset data(float[][] rows) {
    int d = rows[0].length;
    float[] flat = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return new LoadedDataset(
        "toy",
        new FeatureMatrix(flat, rows.length, d),
        null,
        0,
        new DataProvenance("test", List.of(), "", ""));
  }

  @Test
  void identicalRowsCannotBeClustered() {
    LoadedDataset same = data(new float[][] {{1, 2}, {1, 2}, {1, 2}});
    DataException e = assertThrows(DataException.class, () -> DataChecks.check(same, 2));
    assertTrue(
        e.getMessage().contains("'toy'") && e.getMessage().contains("all rows are identical"),
        e.getMessage());
  }

  @Test
  void fewerDistinctRowsThanClustersIsRefused() {
    LoadedDataset three = data(new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 0}, {0, 0}});
    DataException e = assertThrows(DataException.class, () -> DataChecks.check(three, 4));
    assertTrue(
        e.getMessage().contains("only 3 distinct samples") && e.getMessage().contains("k = 4"),
        e.getMessage());
    assertEquals(0, DataChecks.check(three, 3), "three distinct rows suffice for k = 3");
  }

  @Test
  void moreClustersThanSamplesIsAConfigError() {
    LoadedDataset two = data(new float[][] {{0}, {1}});
    ConfigException e = assertThrows(ConfigException.class, () -> DataChecks.check(two, 3));
    assertTrue(e.getMessage().contains("k = 3") && e.getMessage().contains("(2)"), e.getMessage());
  }

  @Test
  void constantColumnsAreCountedNotRefused() {
    LoadedDataset x = data(new float[][] {{0, 5, 1}, {0, 5, 2}, {0, 5, 3}});
    assertEquals(2, DataChecks.check(x, 3));
  }
}
