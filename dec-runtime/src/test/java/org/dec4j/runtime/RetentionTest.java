package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.ClassSubsample;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;

/**
 * The {@code retention} option every data set takes: proportions, determinism, refusals,
 * provenance.
 */
class RetentionTest {
  private static final int PER_CLASS = 4000;

  /** Ten classes of PER_CLASS rows each (or no labels), the row index as the only feature. */
  private static Dataset toy(boolean labelled) {
    return new Dataset() {
      @Override
      public PluginInfo info() {
        return new PluginInfo(
            "toy",
            "1",
            "ten classes",
            List.of(HyperparameterSpec.ofInt("size", 1, 1, 10, "unused")));
      }

      @Override
      public LoadedDataset load(DatasetRequest request) {
        int n = 10 * PER_CLASS;
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
          x[i] = i;
          y[i] = i % 10;
        }
        FeatureMatrix f = new FeatureMatrix(x, n, 1);
        return new LoadedDataset(
            "toy",
            f,
            labelled ? y : null,
            labelled ? 10 : 0,
            new DataProvenance(
                "generated", List.of(), LoadedDataset.checksum(f, labelled ? y : null), "size=1"));
      }
    };
  }

  private static LoadedDataset load(Dataset d, String retention, long seed) {
    Map<String, Object> options = new LinkedHashMap<>();
    if (retention != null) {
      options.put("retention", retention);
    }
    return DatasetOptions.load(d, options, List.of(), seed, false);
  }

  @Test
  void linearRetentionKeepsEachClassAtItsRate() {
    LoadedDataset data = load(toy(true), "linear:0.1", 7);
    ClassSubsample s = data.provenance().subsample();
    int[] counts = new int[10];
    for (int y : data.labels()) {
      counts[y]++;
    }
    for (int c = 0; c < 10; c++) {
      double rate = 0.1 + 0.9 * c / 9;
      assertEquals(rate, s.rates().get(c), 1e-12, "rate of class " + c);
      assertEquals(PER_CLASS, s.available().get(c));
      assertEquals(counts[c], s.kept().get(c), "provenance counts the rows kept of class " + c);
      // Five binomial standard deviations: a failure here is a wrong rate, not bad luck.
      double sd = Math.sqrt(PER_CLASS * rate * (1 - rate));
      assertEquals(PER_CLASS * rate, counts[c], 5 * sd + 1e-9, "kept of class " + c);
    }
    assertEquals(data.size(), s.keptTotal());
    assertEquals(
        LoadedDataset.checksum(data.features(), data.labels()),
        data.provenance().sha256(),
        "the checksum is the subset's");
    assertTrue(counts[9] > 8 * counts[0], "the largest class is about 1/r_min times the smallest");
    // Rows keep their order and their label.
    float previous = -1;
    for (int i = 0; i < data.size(); i++) {
      float row = data.features().get(i, 0);
      assertTrue(row > previous);
      assertEquals((int) row % 10, data.labels()[i]);
      previous = row;
    }
  }

  @Test
  void explicitRatesPerClass() {
    LoadedDataset data = load(toy(true), "1,0,0.5,1,1,1,1,1,1,0.25", 3);
    List<Integer> kept = data.provenance().subsample().kept();
    assertEquals(PER_CLASS, kept.get(0));
    assertEquals(0, kept.get(1));
    assertEquals(PER_CLASS * 0.5, kept.get(2), 5 * Math.sqrt(PER_CLASS * 0.25));
    assertEquals(PER_CLASS * 0.25, kept.get(9), 5 * Math.sqrt(PER_CLASS * 0.1875));
    assertEquals(10, data.classCount(), "the class count stays, even for a class with no row left");
  }

  @Test
  void theSameSeedDrawsTheSameRowsAnotherSeedOthers() {
    LoadedDataset a = load(toy(true), "linear:0.3", 11);
    LoadedDataset b = load(toy(true), "linear:0.3", 11);
    LoadedDataset c = load(toy(true), "linear:0.3", 12);
    assertArrayEquals(a.features().values(), b.features().values());
    assertEquals(a.provenance(), b.provenance());
    assertFalse(java.util.Arrays.equals(a.features().values(), c.features().values()));
  }

  @Test
  void withoutTheOptionEveryRowIsKeptAndNothingIsRecorded() {
    LoadedDataset all = load(toy(true), null, 1);
    assertEquals(10 * PER_CLASS, all.size());
    assertNull(all.provenance().subsample());
    assertEquals(
        Map.of("size", 1),
        DatasetOptions.resolve(toy(true), Map.of()),
        "configurations without retention stay as they were");
  }

  @Test
  void unlabelledDataAreRefusedWithAMessage() {
    DataException e = assertThrows(DataException.class, () -> load(toy(false), "linear:0.1", 1));
    assertTrue(
        e.getMessage().contains("toy")
            && e.getMessage().contains("no labels")
            && e.getMessage().contains("retention=linear:0.1"),
        e.getMessage());
  }

  @Test
  void malformedRulesAreRefusedBeforeLoading() {
    for (String[] bad :
        new String[][] {
          {"linear:0", "(0, 1]"},
          {"linear:1.5", "(0, 1]"},
          {"linear:x", "'x' is not a number"},
          {"0.5", "one rate per class"},
          {"0,0,0", "nothing would be kept"},
          {"0.5,1.2", "outside [0, 1]"}
        }) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> DatasetOptions.resolve(toy(true), Map.of("retention", bad[0])),
              bad[0]);
      assertTrue(
          e.getMessage().contains("toy: retention '" + bad[0] + "'")
              && e.getMessage().contains(bad[1]),
          e.getMessage());
    }
    ConfigException count = assertThrows(ConfigException.class, () -> load(toy(true), "0.5,1", 1));
    assertTrue(
        count.getMessage().contains("gives 2 rates, but the data set has 10 classes"),
        count.getMessage());
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> DatasetOptions.resolve(toy(true), Map.of("retension", "linear:0.1")));
    assertTrue(
        unknown.getMessage().contains("'retension'") && unknown.getMessage().contains("retention"),
        unknown.getMessage());
  }
}
