package org.dec4j.plugin.datasets.format;

import static org.dec4j.plugin.datasets.TestSupport.resource;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
  static final float[] X = {0.5f, 1.25f, 0f, 2f, -1.5f, 3.75f, 0f, 0f, 1f, 4.5f, 0.125f, -2f};

  @TempDir Path dir;

  private Path copy(String name) {
    return write(dir.resolve(name), resource("format/" + name));
  }

  /** Encodes a version-1 .npy file (the header padded to 64 bytes as NumPy does). */
  static byte[] npy(String header, byte[] data, int major) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int prefix = 8 + (major == 1 ? 2 : 4);
    StringBuilder h = new StringBuilder(header);
    while ((prefix + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    int len = h.length();
    if (major == 1) {
      out.writeBytes(new byte[] {(byte) len, (byte) (len >>> 8)});
    } else {
      out.writeBytes(
          new byte[] {(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)});
    }
    out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reuters-mini-p2.npy", "reuters-mini-p3.npy", "reuters-mini-p4.npy"})
  void readsDecStylePickledDictWrittenByNumpy(String name) {
    NdArray top = Npy.read(copy(name));
    assertEquals('O', top.kind());
    assertEquals(1, top.objects().size());
    Map<?, ?> dict = (Map<?, ?>) top.objects().getFirst();
    NdArray data = (NdArray) dict.get("data");
    NdArray label = (NdArray) dict.get("label");
    assertArrayEquals(new int[] {4, 3}, data.shape());
    assertArrayEquals(X, data.toFloats());
    assertArrayEquals(new int[] {0, 1, 2, 3}, label.toInts());
  }

  @Test
  void readsNpzArchive() {
    Map<String, NdArray> arrays = Npy.readNpz(copy("reuters-mini.npz"));
    assertEquals(java.util.List.of("data", "label"), java.util.List.copyOf(arrays.keySet()));
    assertArrayEquals(X, arrays.get("data").toFloats());
    assertArrayEquals(new int[] {0, 1, 2, 3}, arrays.get("label").toInts());
  }

  @Test
  void fortranOrderedBigEndianIsReturnedRowMajor() {
    NdArray a = Npy.read(copy("fortran-be-f8.npy"));
    assertEquals(">f8", a.descr());
    assertTrue(a.fortranOrder());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.toFloats());
  }

  @Test
  void unsignedBytesAreNotSignExtended() {
    NdArray a = Npy.read(copy("u1.npy"));
    assertArrayEquals(new int[] {0, 7, 255}, a.toInts());
    assertArrayEquals(new float[] {0, 7, 255}, a.toFloats());
  }

  @Test
  void version2HeaderIsRead() {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(9);
    Path f =
        write(
            dir.resolve("v2.npy"),
            npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", b.array(), 2));
    assertArrayEquals(new int[] {-5, 9}, Npy.read(f).toInts());
  }

  @Test
  void notNumpyIsRejected() {
    Path f = write(dir.resolve("x.npy"), "hello, this is text".getBytes(StandardCharsets.US_ASCII));
    DataException e = assertThrows(DataException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
  }

  @Test
  void truncatedArrayDataIsRejectedWithSizes() {
    byte[] full =
        npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", new byte[24], 1);
    Path f = write(dir.resolve("short.npy"), Arrays.copyOf(full, full.length - 4));
    DataException e = assertThrows(DataException.class, () -> Npy.read(f));
    assertTrue(
        e.getMessage().contains("needs 24 bytes") && e.getMessage().contains("has only 20"),
        e.getMessage());
  }

  @Test
  void truncatedPickleIsRejectedWithOffset() {
    byte[] full = resource("format/reuters-mini-p3.npy");
    Path f = write(dir.resolve("cut.npy"), Arrays.copyOf(full, 300));
    DataException e = assertThrows(DataException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(
        e.getMessage()
            .matches(
                "(?s).*(truncated|more than the file holds).*byte.*|(?s).*byte.*(truncated|more than the file holds).*"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[('a', '<f4'), ('b', '<f4')]", "'<U5'", "'<c8'"})
  void unsupportedDtypesAreNamed(String descr) {
    Path f =
        write(
            dir.resolve("s.npy"),
            npy(
                "{'descr': " + descr + ", 'fortran_order': False, 'shape': (1,), }",
                new byte[8],
                1));
    DataException e = assertThrows(DataException.class, () -> Npy.read(f));
    assertTrue(
        e.getMessage().contains("structured") || e.getMessage().contains("unsupported dtype"),
        e.getMessage());
  }

  @Test
  void malformedHeaderIsRejected() {
    Path f = write(dir.resolve("h.npy"), npy("{'descr': '<f4', 'shape': (2,, }", new byte[8], 1));
    DataException e = assertThrows(DataException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("malformed .npy header"), e.getMessage());
  }
}
