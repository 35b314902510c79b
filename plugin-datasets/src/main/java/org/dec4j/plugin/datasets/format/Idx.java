package org.dec4j.plugin.datasets.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.dec4j.api.DataException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST, gzipped or plain.
 *
 * <p>An IDX file is a 4-byte magic number ({@code 0x00 0x00}, a type code, the number of
 * dimensions), one big-endian 32-bit size per dimension, then the values in row-major order. Only
 * unsigned bytes (type {@code 0x08}) are supported, which is what every MNIST-style set uses. The
 * reader checks the magic, that the header sizes are positive and fit in memory, that the data are
 * complete and that nothing follows them.
 *
 * <p>Format: LeCun et al., "THE MNIST DATABASE of handwritten digits", file format section.
 */
public final class Idx {
  private static final int UNSIGNED_BYTE = 0x08;

  private Idx() {}

  /**
   * An IDX array of unsigned bytes.
   *
   * @param dims the sizes of the dimensions, outermost first
   * @param data the values, row-major
   */
  public record Array(int[] dims, byte[] data) {
    /** Returns the number of items (the first dimension). */
    public int count() {
      return dims[0];
    }

    /** Returns the number of values per item (product of the other dimensions). */
    public int itemSize() {
      int s = 1;
      for (int i = 1; i < dims.length; i++) {
        s *= dims[i];
      }
      return s;
    }
  }

  /**
   * Reads an unsigned-byte IDX file with a given number of dimensions.
   *
   * @param file the file (gzip or plain)
   * @param dimensions the expected number of dimensions (1 for labels, 3 for images)
   * @return the array
   * @throws DataException naming the file and the problem: wrong magic, bad sizes, truncated or
   *     corrupt data, trailing bytes
   */
  public static Array read(Path file, int dimensions) {
    InputStream in = DataFiles.open(file);
    try (in) {
      byte[] magic = new byte[4];
      DataFiles.readFully(in, magic, file, "IDX magic number", 0);
      int expected = UNSIGNED_BYTE << 8 | dimensions;
      int got = bigEndian(magic, 0);
      if (got != expected) {
        throw new DataException(
            String.format(
                "%s: wrong IDX magic number 0x%08X at byte 0; expected 0x%08X"
                    + " (unsigned bytes, %d dimension%s)%s",
                file, got, expected, dimensions, dimensions == 1 ? "" : "s", hint(got)));
      }
      byte[] header = new byte[4 * dimensions];
      DataFiles.readFully(in, header, file, "IDX dimension sizes", 4);
      int[] dims = new int[dimensions];
      long total = 1;
      for (int i = 0; i < dimensions; i++) {
        dims[i] = bigEndian(header, 4 * i);
        if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
          throw new DataException(
              file
                  + ": IDX dimension "
                  + i
                  + " (header byte "
                  + (4 + 4 * i)
                  + ") has invalid size "
                  + dims[i]);
        }
        total *= dims[i];
        if (total > Integer.MAX_VALUE - 16) {
          throw new DataException(
              file
                  + ": IDX dimensions "
                  + Arrays.toString(Arrays.copyOf(dims, i + 1))
                  + " describe more than 2^31 values; the header is corrupt");
        }
      }
      long offset = 4L + header.length;
      String what = "values (header says " + describe(dims) + ")";
      byte[] data;
      try {
        data = DataFiles.readUpTo(in, total);
      } catch (IOException e) {
        throw DataFiles.failure(
            file, "uncompressed byte " + offset + " or later (reading " + what + ")", e);
      }
      if (data.length < total) {
        throw new DataException(
            file
                + ": file ends after "
                + data.length
                + " of "
                + total
                + " bytes of "
                + what
                + " (uncompressed byte "
                + (offset + data.length)
                + ")");
      }
      DataFiles.expectEnd(in, file, offset + total, describe(dims) + " = " + total + " values");
      return new Array(dims, data);
    } catch (IOException e) {
      throw DataFiles.failure(file, "close", e);
    }
  }

  private static String hint(int magic) {
    if ((magic >>> 16) == 0x1f8b) {
      return "; the file looks gzipped twice";
    }
    if ((magic & 0xFFFF0000) == 0 && (magic >>> 8 & 0xFF) == UNSIGNED_BYTE) {
      return "; it has "
          + (magic & 0xFF)
          + " dimensions (an image file given as labels, or the reverse?)";
    }
    return "";
  }

  private static String describe(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(dims[i]);
    }
    return sb.toString();
  }

  private static int bigEndian(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }
}
