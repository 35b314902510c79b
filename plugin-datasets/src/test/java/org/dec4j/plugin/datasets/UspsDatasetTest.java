package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UspsDatasetTest {
  @TempDir Path tmp;

  private final UspsDataset usps = new UspsDataset();

  /** One ESL text line: label then 256 values; value j of row r is ((r + j) mod 5) / 2 - 1. */
  private static String eslLine(int label, int r) {
    StringBuilder sb = new StringBuilder().append(label);
    for (int j = 0; j < 256; j++) {
      sb.append(' ').append(((r + j) % 5) / 2.0 - 1);
    }
    return sb.append(" \n").toString();
  }

  private void writeText(Path dir, int nTrain, int nTest) {
    StringBuilder train = new StringBuilder();
    for (int r = 0; r < nTrain; r++) {
      train.append(eslLine(r % 10, r));
    }
    StringBuilder test = new StringBuilder();
    for (int r = 0; r < nTest; r++) {
      test.append(eslLine((nTrain + r) % 10, nTrain + r));
    }
    write(dir.resolve("zip.train.gz"), gzip(train.toString().getBytes(StandardCharsets.US_ASCII)));
    write(dir.resolve("zip.test"), test.toString());
  }

  private void writeH5(Path file, int nTrain, int nTest) {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      int[][] parts = {{0, nTrain}, {nTrain, nTest}};
      String[] names = {"train", "test"};
      for (int s = 0; s < 2; s++) {
        float[][] data = new float[parts[s][1]][256];
        int[] target = new int[parts[s][1]];
        for (int i = 0; i < data.length; i++) {
          int r = parts[s][0] + i;
          for (int j = 0; j < 256; j++) {
            data[i][j] = (float) ((((r + j) % 5) / 2.0 - 1 + 1) / 2);
          }
          target[i] = r % 10;
        }
        WritableGroup g = h5.putGroup(names[s]);
        g.putDataset("data", data);
        g.putDataset("target", target);
      }
    }
  }

  @Test
  void textFormIsMappedToUnitRange() {
    writeText(tmp.resolve("usps"), 3, 2);
    LoadedDataset d = load(usps, Map.of(), tmp);
    assertEquals(5, d.size());
    assertEquals(256, d.dimension());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, d.labels());
    assertEquals(0f, d.features().get(0, 0));
    assertEquals(0.25f, d.features().get(0, 1));
    assertEquals(1f, d.features().get(0, 4));
    assertTrue(d.provenance().description().contains("form=text"), d.provenance().description());
    assertEquals(org.dec4j.api.data.ImageShape.gray(16, 16), d.image());
  }

  @Test
  void smallH5AndTextGiveTheSameMatrix() {
    writeText(tmp, 4, 3);
    writeH5(tmp.resolve("usps.h5"), 4, 3);
    LoadedDataset h5 = load(usps, Map.of(), tmp);
    LoadedDataset text = load(usps, Map.of("format", "text"), tmp);
    assertTrue(h5.provenance().description().contains("form=h5"), h5.provenance().description());
    assertArrayEquals(text.labels(), h5.labels());
    assertArrayEquals(text.features().values(), h5.features().values(), 1e-6f);
    assertEquals(3, load(usps, Map.of("format", "h5", "split", "test"), tmp).size());
  }

  @Test
  void h5WithoutTheRequestedGroupNamesTheDataset() {
    try (WritableHdfFile h5 = HdfFile.write(tmp.resolve("usps.h5"))) {
      h5.putGroup("train").putDataset("data", new float[1][256]);
    }
    DataException e =
        assertThrows(DataException.class, () -> load(usps, Map.of("format", "h5"), tmp));
    assertTrue(
        e.getMessage().contains("usps.h5") && e.getMessage().contains("/train/target"),
        e.getMessage());
  }

  @Test
  void textValueOutsideMinusOneToOneIsRejected() {
    write(tmp.resolve("zip.train"), eslLine(1, 0) + eslLine(2, 1).replaceFirst(" -1\\.0", " 1.5"));
    DataException e =
        assertThrows(
            DataException.class, () -> load(usps, Map.of("split", "train", "format", "text"), tmp));
    assertTrue(
        e.getMessage().contains("line 2, column 5: value 1.5 is outside [-1, 1]"), e.getMessage());
  }

  @Test
  void textLabelOutsideTheClassRangeIsRejected() {
    write(tmp.resolve("zip.test"), eslLine(3, 0) + eslLine(10, 1));
    DataException e =
        assertThrows(DataException.class, () -> load(usps, Map.of("split", "test"), tmp));
    assertTrue(
        e.getMessage().contains("line 2: label 10 is outside the class range [0, 9]"),
        e.getMessage());
  }

  @Test
  void missingFilesNameBothForms() {
    DataException e = assertThrows(DataException.class, () -> load(usps, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("usps.h5 [HDF5]; or zip.train.gz, zip.test.gz [ESL text]"),
        e.getMessage());
    DataException h5 =
        assertThrows(DataException.class, () -> load(usps, Map.of("format", "h5"), tmp));
    assertTrue(
        !h5.getMessage().contains("--download"),
        "usps.h5 has no verified download: " + h5.getMessage());
  }

  @Test
  void realH5AndTextFormsAgree() {
    Path shared = TestSupport.sharedOrSkip("usps");
    LoadedDataset h5 = load(usps, Map.of("format", "h5"), shared.getParent());
    LoadedDataset text = load(usps, Map.of("format", "text"), shared.getParent());
    assertEquals(9298, h5.size());
    assertEquals(256, h5.dimension());
    assertEquals(10, h5.classCount());
    assertArrayEquals(h5.labels(), text.labels());
    float maxDiff = 0;
    float[] a = h5.features().values();
    float[] b = text.features().values();
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    }
    assertTrue(maxDiff <= 1e-6f, "h5 and text differ by " + maxDiff);
    assertArrayEquals(
        new int[] {1194, 1005, 731, 658, 652, 556, 664, 645, 542, 644},
        counts(java.util.Arrays.copyOf(h5.labels(), 7291), 10));
  }
}
