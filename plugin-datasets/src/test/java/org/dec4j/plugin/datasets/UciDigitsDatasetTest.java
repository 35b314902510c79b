package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UciDigitsDatasetTest {
  @TempDir Path tmp;

  private final PendigitsDataset pendigits = new PendigitsDataset();
  private final OptdigitsDataset optdigits = new OptdigitsDataset();

  private static String penRow(int base, int label) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 16; j++) {
      sb.append(String.format("%3d,", (base + 10 * j) % 101));
    }
    return sb.append(' ').append(label).append('\n').toString();
  }

  private void writePen(String train, String test) {
    write(tmp.resolve("pendigits/pendigits.tra"), train);
    write(tmp.resolve("pendigits/pendigits.tes"), test);
  }

  @Test
  void optdigitsAre8x8ImagesAndPendigitsAreNot() {
    write(tmp.resolve("optdigits.tra"), "0,".repeat(64) + "4\n");
    write(tmp.resolve("optdigits.tes"), "16,".repeat(64) + "7\n");
    assertEquals(org.dec4j.api.data.ImageShape.gray(8, 8), load(optdigits, Map.of(), tmp).image());
    writePen(penRow(0, 8), penRow(50, 0));
    assertEquals(null, load(pendigits, Map.of(), tmp).image());
  }

  @Test
  void pendigitsDefaultDividesByOneHundred() {
    writePen(penRow(0, 8) + penRow(100, 2), penRow(50, 0));
    LoadedDataset d = load(pendigits, Map.of(), tmp);
    assertEquals(3, d.size());
    assertEquals(16, d.dimension());
    assertArrayEquals(new int[] {8, 2, 0}, d.labels());
    assertEquals(0.1f, d.features().get(0, 1), 1e-7f);
    assertEquals(1f, d.features().get(1, 0), 0f);
    assertTrue(
        d.provenance().description().contains("scale=range")
            && d.provenance().description().contains("/ 100"),
        d.provenance().description());
  }

  @Test
  void scaleOptionsNoneAndMinmax() {
    writePen(penRow(0, 1) + penRow(30, 2), penRow(60, 3));
    LoadedDataset raw = load(pendigits, Map.of("scale", "none"), tmp);
    assertEquals(30f, raw.features().get(1, 0));
    LoadedDataset mm = load(pendigits, Map.of("scale", "minmax"), tmp);
    assertEquals(0f, mm.features().get(0, 0));
    assertEquals(0.5f, mm.features().get(1, 0), 1e-6f);
    assertEquals(1f, mm.features().get(2, 0));
    assertEquals(1, load(pendigits, Map.of("split", "test"), tmp).size());
    assertEquals("scale=minmax", mm.scaling().setting());
    assertNull(raw.scaling());
    // The test split alone, scaled by the statistics of all rows, as a saved model predicts it.
    LoadedDataset test =
        pendigits.load(
            new org.dec4j.api.data.DatasetRequest(
                pendigits.info().resolve(Map.of("split", "test", "scale", "minmax")),
                java.util.List.of(tmp),
                0,
                false,
                mm.scaling()));
    assertArrayEquals(mm.features().row(2), test.features().row(0));
    assertEquals(
        org.dec4j.api.data.FeatureScaling.dividing("scale", "range", 16, 100),
        load(pendigits, Map.of(), tmp).scaling(),
        "range divides by the documented maximum");
  }

  @Test
  void headerLineAddedByAMirrorIsARaggedRow() {
    writePen("0,1,2,3,4,5,6,7,8,9\n" + penRow(0, 1), penRow(0, 1));
    DataException e = assertThrows(DataException.class, () -> load(pendigits, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("pendigits.tra: line 1 (data row) has 10 fields, expected 17"),
        e.getMessage());
  }

  @Test
  void valueOutsideTheDocumentedRangeIsRejected() {
    write(tmp.resolve("optdigits.tra"), "0,".repeat(10) + "17," + "0,".repeat(53) + "4\n");
    DataException e =
        assertThrows(DataException.class, () -> load(optdigits, Map.of("split", "train"), tmp));
    assertTrue(
        e.getMessage()
            .contains("line 1, column 10: value 17.0 is outside the documented range [0, 16]"),
        e.getMessage());
  }

  @Test
  void nonNumericFieldGivesLineAndColumn() {
    writePen(penRow(0, 1) + penRow(0, 1).replaceFirst("  0", "  o"), penRow(0, 1));
    DataException e = assertThrows(DataException.class, () -> load(pendigits, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("pendigits.tra: line 2, column 0: 'o' is not a number"),
        e.getMessage());
  }

  @Test
  void missingFilesPointToUci() {
    DataException e = assertThrows(DataException.class, () -> load(optdigits, Map.of(), tmp));
    assertTrue(e.getMessage().contains("Missing: optdigits.tra, optdigits.tes"), e.getMessage());
    assertTrue(e.getMessage().contains("archive.ics.uci.edu"), e.getMessage());
  }

  @Test
  void realOptdigits() {
    Path shared = TestSupport.sharedOrSkip("optdigits");
    LoadedDataset d = load(optdigits, Map.of(), shared.getParent());
    assertEquals(5620, d.size());
    assertEquals(64, d.dimension());
    assertArrayEquals(
        new int[] {376, 389, 380, 389, 387, 376, 377, 387, 380, 382},
        counts(java.util.Arrays.copyOf(d.labels(), 3823), 10));
    float max = 0;
    for (float v : d.features().values()) {
      max = Math.max(max, v);
    }
    assertEquals(1f, max);
  }

  @Test
  void realPendigits() {
    Path shared = TestSupport.sharedOrSkip("pendigits");
    LoadedDataset d = load(pendigits, Map.of(), shared.getParent());
    assertEquals(10_992, d.size());
    assertEquals(16, d.dimension());
    assertArrayEquals(
        new int[] {363, 364, 364, 336, 364, 335, 336, 364, 336, 336},
        counts(java.util.Arrays.copyOfRange(d.labels(), 7494, 10_992), 10));
    assertEquals(0.47f, d.features().get(0, 0), 1e-6f);
  }
}
