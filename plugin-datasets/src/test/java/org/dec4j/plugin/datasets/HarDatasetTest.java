package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarDatasetTest {
  @TempDir Path tmp;

  private final HarDataset har = new HarDataset();

  /**
   * A row in the UCI HAR style: 561 values like " 2.8858451e-001", feature j of row r = (r - j) /
   * 1000.
   */
  private static String row(int r) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 561; j++) {
      sb.append(String.format(Locale.ROOT, " %.7e", (r - j) / 1000.0));
    }
    return sb.append('\n').toString();
  }

  private void writeSet(
      Path dir,
      String trainPrefix,
      String testPrefix,
      int nTrain,
      int nTest,
      String yTrain,
      String yTest) {
    StringBuilder x = new StringBuilder();
    for (int r = 0; r < nTrain; r++) {
      x.append(row(r));
    }
    write(dir.resolve(trainPrefix + "X_train.txt"), x.toString());
    write(dir.resolve(trainPrefix + "y_train.txt"), yTrain);
    StringBuilder t = new StringBuilder();
    for (int r = 0; r < nTest; r++) {
      t.append(row(nTrain + r));
    }
    write(dir.resolve(testPrefix + "X_test.txt"), t.toString());
    write(dir.resolve(testPrefix + "y_test.txt"), yTest);
  }

  @Test
  void flatFilesLoadWithLabelsShiftedToZero() {
    writeSet(tmp.resolve("har"), "", "", 3, 2, "1\n6\n3\n", "2\n5\n");
    LoadedDataset d = load(har, Map.of(), tmp);
    assertEquals(5, d.size());
    assertEquals(561, d.dimension());
    assertEquals(6, d.classCount());
    assertArrayEquals(new int[] {0, 5, 2, 1, 4}, d.labels());
    assertEquals(-0.002f, d.features().get(1, 3), 1e-7f);
    assertEquals(4, d.provenance().files().size());
  }

  @Test
  void unpackedUciZipLayoutIsFound() {
    writeSet(tmp.resolve("UCI HAR Dataset"), "train/", "test/", 2, 1, "4\n4\n", "1\n");
    LoadedDataset d = load(har, Map.of("split", "test"), tmp);
    assertArrayEquals(new int[] {0}, d.labels());
    assertTrue(d.provenance().files().getFirst().endsWith("UCI HAR Dataset/test/X_test.txt"));
  }

  @Test
  void labelOutsideOneToSixIsRejected() {
    writeSet(tmp, "", "", 2, 1, "1\n7\n", "1\n");
    DataException e = assertThrows(DataException.class, () -> load(har, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("y_train.txt: line 2: label 7 is outside the class range [1, 6]"),
        e.getMessage());
  }

  @Test
  void raggedFeatureRowAndCountMismatch() {
    writeSet(tmp, "", "", 2, 1, "1\n2\n", "1\n2\n");
    DataException e = assertThrows(DataException.class, () -> load(har, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("sample/label count mismatch")
            && e.getMessage().contains("has 1 rows but"),
        e.getMessage());
    write(tmp.resolve("X_test.txt"), row(0).replace(" -5.6000000e-01", ""));
    DataException ragged =
        assertThrows(DataException.class, () -> load(har, Map.of("split", "test"), tmp));
    assertTrue(
        ragged.getMessage().contains("X_test.txt: line 1 (data row) has 560 fields, expected 561"),
        ragged.getMessage());
  }

  @Test
  void missingFilesSayWhereToGetThem() {
    DataException e = assertThrows(DataException.class, () -> load(har, Map.of(), tmp));
    String m = e.getMessage();
    assertTrue(m.contains("Missing: X_train.txt, y_train.txt, X_test.txt, y_test.txt [flat]"), m);
    assertTrue(
        m.contains("train/X_train.txt") && m.contains("UCI HAR Dataset/train/X_train.txt"), m);
    assertTrue(
        m.contains("archive.ics.uci.edu/dataset/240")
            && m.contains("put them in " + tmp.resolve("har")),
        m);
  }
}
