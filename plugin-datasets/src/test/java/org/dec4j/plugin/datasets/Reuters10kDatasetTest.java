package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.resource;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Reuters10kDatasetTest {
  static final float[] X = {0.5f, 1.25f, 0f, 2f, -1.5f, 3.75f, 0f, 0f, 1f, 4.5f, 0.125f, -2f};

  @TempDir Path tmp;

  private final Reuters10kDataset reuters = new Reuters10kDataset();

  @Test
  void readsDecsPickledDict() {
    write(tmp.resolve("reuters-10k/reutersidf10k.npy"), resource("format/reuters-mini-p3.npy"));
    LoadedDataset d = load(reuters, Map.of(), tmp);
    assertEquals(4, d.size());
    assertEquals(3, d.dimension());
    assertEquals(4, d.classCount());
    assertArrayEquals(X, d.features().values());
    assertArrayEquals(new int[] {0, 1, 2, 3}, d.labels());
    assertTrue(
        d.provenance().description().contains("data dtype <f4"), d.provenance().description());
  }

  @Test
  void readsNpzForm() {
    write(tmp.resolve("reutersidf10k.npz"), resource("format/reuters-mini.npz"));
    LoadedDataset d = load(reuters, Map.of(), tmp);
    assertArrayEquals(X, d.features().values());
  }

  @Test
  void labelOutsideTheFourClassesIsRejected() {
    byte[] b = resource("format/reuters-mini-p2.npy");
    // the int32 label payload 0,1,2,3 ends the pickle; make the last label 7
    String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.lastIndexOf("\u0003\u0000\u0000\u0000");
    b[at] = 7;
    write(tmp.resolve("reutersidf10k.npy"), b);
    DataException e = assertThrows(DataException.class, () -> load(reuters, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("'label' entry 3 is 7, outside the class range [0, 3]"),
        e.getMessage());
  }

  /** A version-1 .npy of little-endian floats or longs (header padded to 64 bytes). */
  private static byte[] npy(String descr, int[] shape, java.nio.ByteBuffer data) {
    StringBuilder h =
        new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (");
    for (int s : shape) {
      h.append(s).append(", ");
    }
    h.append("), }");
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length(), 0});
    out.writeBytes(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  @Test
  void nonFiniteFeatureIsRejectedWithItsPosition() throws Exception {
    java.nio.ByteBuffer x =
        java.nio.ByteBuffer.allocate(16)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putFloat(1f)
            .putFloat(2f)
            .putFloat(Float.NaN)
            .putFloat(4f);
    java.nio.ByteBuffer y =
        java.nio.ByteBuffer.allocate(16)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(0)
            .putLong(1);
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry("data.npy"));
      z.write(npy("<f4", new int[] {2, 2}, x));
      z.putNextEntry(new java.util.zip.ZipEntry("label.npy"));
      z.write(npy("<i8", new int[] {2}, y));
    }
    write(tmp.resolve("reutersidf10k.npz"), zip.toByteArray());
    DataException e = assertThrows(DataException.class, () -> load(reuters, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("reutersidf10k.npz: 'data' row 1, column 0 is NaN"),
        e.getMessage());
  }

  @Test
  void plainArrayIsNotDecsFormat() {
    write(tmp.resolve("reutersidf10k.npy"), resource("format/u1.npy"));
    DataException e = assertThrows(DataException.class, () -> load(reuters, Map.of(), tmp));
    assertTrue(e.getMessage().contains("expected DEC's format"), e.getMessage());
  }

  @Test
  void missingFileSaysHowToBuildIt() {
    DataException e = assertThrows(DataException.class, () -> load(reuters, Map.of(), tmp));
    String m = e.getMessage();
    assertTrue(m.contains("Missing: reutersidf10k.npy [DEC .npy]; or reutersidf10k.npz"), m);
    assertTrue(m.contains("Looked in: " + tmp.resolve("reuters-10k") + ", " + tmp), m);
    assertTrue(
        m.contains("make_reuters_data") && m.contains("put them in " + tmp.resolve("reuters-10k")),
        m);
    assertTrue(!m.contains("--download"), m);
  }
}
