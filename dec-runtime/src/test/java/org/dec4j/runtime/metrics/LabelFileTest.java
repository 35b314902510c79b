package org.dec4j.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label columns from text and .npy files, and the refusals that name the file. */
class LabelFileTest {
  @TempDir Path tmp;

  /**
   * A .npy file of the given dtype, shape and little- or big-endian values, as numpy.save writes
   * it.
   */
  private Path npy(String name, String descr, String shape, boolean fortran, double... values)
      throws IOException {
    String header =
        "{'descr': '"
            + descr
            + "', 'fortran_order': "
            + (fortran ? "True" : "False")
            + ", 'shape': "
            + shape
            + ", }";
    header = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
    int size = Integer.parseInt(descr.substring(2));
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + size * values.length)
            .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
    b.order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (double v : values) {
      switch (descr.substring(1)) {
        case "i4" -> b.putInt((int) v);
        case "i8" -> b.putLong((long) v);
        case "f4" -> b.putFloat((float) v);
        case "f8" -> b.putDouble(v);
        case "u1" -> b.put((byte) v);
        default -> throw new IllegalArgumentException(descr);
      }
    }
    return Files.write(tmp.resolve(name), b.array());
  }

  @Test
  void npyArraysOfEveryCommonType() throws IOException {
    assertArrayEquals(
        new int[] {2, 0, 1},
        LabelFile.read(npy("a.npy", "<i8", "(3,)", false, 2, 0, 1), null, "-c").labels());
    assertArrayEquals(
        new int[] {2, 0, 1},
        LabelFile.read(npy("b.npy", ">i4", "(3,)", false, 2, 0, 1), null, "-c").labels());
    assertArrayEquals(
        new int[] {3, 255},
        LabelFile.read(npy("c.npy", "|u1", "(2,)", false, 3, 255), null, "-c").labels());
    assertArrayEquals(
        new int[] {-1, 4},
        LabelFile.read(npy("d.npy", "<f8", "(2,)", false, -1, 4), null, "-c").labels());
    // 2 x 3, row-major and column-major: column 1 is 1, 4 either way.
    assertArrayEquals(
        new int[] {1, 4},
        LabelFile.read(npy("e.npy", "<f4", "(2, 3)", false, 0, 1, 2, 3, 4, 5), "1", "-c").labels());
    assertArrayEquals(
        new int[] {1, 4},
        LabelFile.read(npy("f.npy", "<i4", "(2, 3)", true, 0, 3, 1, 4, 2, 5), "1", "-c").labels());
  }

  @Test
  void npyRefusalsNameTheFile() throws IOException {
    Path half = npy("half.npy", "<f8", "(2,)", false, 1, 2.5);
    DataException e = assertThrows(DataException.class, () -> LabelFile.read(half, null, "-c"));
    assertTrue(
        e.getMessage().contains("half.npy: element 1 is 2.5, not an integer label"),
        e.getMessage());
    Path wide = npy("wide.npy", "<i4", "(2, 2)", false, 1, 2, 3, 4);
    ConfigException c =
        assertThrows(ConfigException.class, () -> LabelFile.read(wide, null, "--pred-column"));
    assertTrue(
        c.getMessage().contains("wide.npy has 2 unnamed columns")
            && c.getMessage().contains("--pred-column"),
        c.getMessage());
    Path text = Files.writeString(tmp.resolve("text.npy"), "0\n1\n");
    assertTrue(
        assertThrows(DataException.class, () -> LabelFile.read(text, null, "-c"))
            .getMessage()
            .contains("text.npy: not a NumPy .npy file"));
    Path cut = tmp.resolve("cut.npy");
    byte[] whole = Files.readAllBytes(npy("whole.npy", "<i8", "(3,)", false, 1, 2, 3));
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 8));
    assertTrue(
        assertThrows(DataException.class, () -> LabelFile.read(cut, null, "-c"))
            .getMessage()
            .contains("cut.npy: 3 x 1 values of 8 bytes need 24 bytes"));
  }

  @Test
  void textColumnsByNameIndexOrPreference() throws IOException {
    Path csv = Files.writeString(tmp.resolve("p.csv"), "index,cluster,q_0\n0,3,0.5\n1,\"4\",0.5\n");
    LabelFile.Column c = LabelFile.read(csv, null, "-c");
    assertEquals("cluster", c.column());
    assertArrayEquals(new int[] {3, 4}, c.labels());
    assertArrayEquals(new int[] {0, 1}, LabelFile.read(csv, "0", "-c").labels());
    assertArrayEquals(new int[] {0, 1}, LabelFile.read(csv, "index", "-c").labels());
    Path ws = Files.writeString(tmp.resolve("w.txt"), "  1   2\n  3 4.0\n");
    assertArrayEquals(new int[] {2, 4}, LabelFile.read(ws, "1", "-c").labels());
  }
}
