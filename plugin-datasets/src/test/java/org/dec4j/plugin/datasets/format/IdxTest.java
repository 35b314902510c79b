package org.dec4j.plugin.datasets.format;

import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.dec4j.plugin.datasets.TestSupport.idx;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  private static byte[] images(int n) {
    byte[] px = new byte[n * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 37);
    }
    return idx(new int[] {n, 2, 2}, px);
  }

  @Test
  void gzipIsDetectedByContentNotName() {
    byte[] raw = images(3);
    Path plain = write(dir.resolve("a.gz"), raw);
    Path packed = write(dir.resolve("b"), gzip(raw));
    Idx.Array a = Idx.read(plain, 3);
    Idx.Array b = Idx.read(packed, 3);
    assertArrayEquals(new int[] {3, 2, 2}, a.dims());
    assertArrayEquals(a.data(), b.data());
    assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), a.data());
  }

  @Test
  void wrongMagicNamesTheFileAndBothNumbers() {
    byte[] raw = images(2);
    raw[2] = 0x0D; // float type code
    Path f = write(dir.resolve("bad-magic"), raw);
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("wrong IDX magic number 0x00000D03"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
  }

  @Test
  void imageFileReadAsLabelsGetsAHint() {
    Path f = write(dir.resolve("swapped"), images(2));
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 1));
    assertTrue(e.getMessage().contains("has 3 dimensions"), e.getMessage());
  }

  @Test
  void truncatedDataSaysHowMuchWasThere() {
    byte[] raw = images(3);
    Path f = write(dir.resolve("short"), Arrays.copyOf(raw, raw.length - 5));
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains("file ends after 7 of 12 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("3 x 2 x 2"), e.getMessage());
  }

  @Test
  void truncatedGzipIsAnError() {
    byte[] big = new byte[50_000];
    new java.util.Random(1).nextBytes(big);
    byte[] gz = gzip(idx(new int[] {12_500, 2, 2}, big));
    Path f = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("truncated") || e.getMessage().contains("ends after"),
        e.getMessage());
    assertTrue(e.getMessage().contains("uncompressed byte"), e.getMessage());
  }

  @Test
  void corruptGzipIsAnError() {
    byte[] big = new byte[50_000];
    Arrays.fill(big, (byte) 3);
    byte[] gz = gzip(idx(new int[] {12_500, 2, 2}, big));
    for (int i = 20; i < gz.length - 8; i += 3) {
      gz[i] ^= (byte) 0x5A;
    }
    Path f = write(dir.resolve("corrupt.gz"), gz);
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt gzip data at uncompressed byte 0"), e.getMessage());
  }

  @Test
  void corruptGzipTrailerIsCaught() {
    byte[] gz = gzip(images(3));
    gz[gz.length - 6] ^= 0x01; // CRC32 byte in the trailer
    Path f = write(dir.resolve("crc.gz"), gz);
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains("corrupt gzip data"), e.getMessage());
  }

  @Test
  void bytesAfterTheDeclaredDataAreRejected() {
    byte[] raw = images(2);
    Path f = write(dir.resolve("long"), Arrays.copyOf(raw, raw.length + 4));
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains("4 unexpected bytes"), e.getMessage());
  }

  @Test
  void emptyFileIsRejected() {
    Path f = write(dir.resolve("empty"), new byte[0]);
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains("file is empty"), e.getMessage());
  }

  @Test
  void absurdDimensionsAreRejectedBeforeAllocating() {
    Path f = write(dir.resolve("huge"), idx(new int[] {1 << 20, 1 << 10, 1 << 10}, new byte[0]));
    DataException e = assertThrows(DataException.class, () -> Idx.read(f, 3));
    assertTrue(e.getMessage().contains("more than 2^31"), e.getMessage());
    Path g = write(dir.resolve("zero"), idx(new int[] {1, 0, 28}, new byte[0]));
    DataException e2 = assertThrows(DataException.class, () -> Idx.read(g, 3));
    assertTrue(e2.getMessage().contains("invalid size 0"), e2.getMessage());
  }
}
