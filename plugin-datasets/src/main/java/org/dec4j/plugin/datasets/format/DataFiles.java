package org.dec4j.plugin.datasets.format;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dec4j.api.DataException;

/**
 * Opens data files for reading, gzip or plain, and turns I/O failures into {@link DataException}s
 * that name the file and the position.
 *
 * <p>Compression is detected from the first two bytes (the gzip magic {@code 1f 8b}), not from the
 * file name, so {@code train-images-idx3-ubyte} that is secretly gzipped, or a {@code .gz} that was
 * already unpacked, both load.
 */
public final class DataFiles {
  /**
   * Buffer size for file and inflater streams: large enough that reads are not per-byte syscalls.
   */
  static final int BUFFER = 1 << 16;

  private DataFiles() {}

  /**
   * Opens a file for reading, transparently inflating gzip.
   *
   * @param file the file
   * @return a buffered stream of the (uncompressed) content
   * @throws DataException when the file is missing, unreadable, empty or has a broken gzip header
   */
  public static InputStream open(Path file) {
    try {
      if (Files.size(file) == 0) {
        throw new DataException(file + ": file is empty");
      }
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        try {
          return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
        } catch (IOException e) {
          raw.close();
          throw new DataException(
              file
                  + ": corrupt gzip header ("
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                  + ")",
              e);
        }
      }
      return raw;
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (IOException e) {
      throw DataException.reading(file, e);
    }
  }

  /** Returns whether the file starts with the gzip magic bytes. */
  static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Turns an I/O failure while reading a file's content into a {@link DataException}.
   *
   * @param file the file being read
   * @param position where reading had got to, e.g. {@code "byte 1234 of the uncompressed data"}
   * @param e the failure
   * @return the exception to throw
   */
  public static DataException failure(Path file, String position, IOException e) {
    boolean gz = isGzip(file);
    if (e instanceof EOFException) {
      return new DataException(
          file + ": " + (gz ? "gzip stream is truncated" : "file is truncated") + " at " + position,
          e);
    }
    if (e instanceof ZipException) {
      return new DataException(
          file + ": corrupt gzip data at " + position + " (" + e.getMessage() + ")", e);
    }
    return new DataException(
        file + ": read failed at " + position + " (" + DataException.describe(e) + ")", e);
  }

  /**
   * Reads exactly {@code dst.length} bytes, or fails naming the file and how far it got.
   *
   * @param in the stream
   * @param dst where to put the bytes
   * @param file the file, for messages
   * @param what what the bytes are, e.g. {@code "image data"}
   * @param offset the uncompressed offset of {@code dst[0]} in the file, for messages
   * @throws DataException when the stream ends early or is corrupt
   */
  public static void readFully(InputStream in, byte[] dst, Path file, String what, long offset) {
    int done = 0;
    try {
      while (done < dst.length) {
        int n = in.read(dst, done, Math.min(BUFFER, dst.length - done));
        if (n < 0) {
          throw new DataException(
              file
                  + ": file ends after "
                  + done
                  + " of "
                  + dst.length
                  + " bytes of "
                  + what
                  + " (uncompressed byte "
                  + (offset + done)
                  + ")");
        }
        done += n;
      }
    } catch (IOException e) {
      throw failure(file, "uncompressed byte " + (offset + done) + " (reading " + what + ")", e);
    }
  }

  /**
   * Reads up to {@code count} bytes, growing the buffer as data arrives, so that a corrupt header
   * claiming gigabytes costs memory only for the bytes the file really holds.
   *
   * @param in the stream
   * @param count the number of bytes wanted, at most {@code Integer.MAX_VALUE - 16}
   * @return exactly {@code count} bytes, or fewer when the stream ended first
   * @throws IOException on a read failure
   */
  static byte[] readUpTo(InputStream in, long count) throws IOException {
    if (count < 0 || count > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("count " + count);
    }
    byte[] buf = new byte[(int) Math.min(count, 1 << 20)];
    int done = 0;
    while (done < count) {
      if (done == buf.length) {
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(count, buf.length * 2L));
      }
      int n = in.read(buf, done, Math.min(BUFFER, buf.length - done));
      if (n < 0) {
        return java.util.Arrays.copyOf(buf, done);
      }
      done += n;
    }
    return buf;
  }

  /**
   * Checks that a stream has nothing left, which also makes gzip verify its CRC trailer.
   *
   * @param in the stream
   * @param file the file, for messages
   * @param offset the uncompressed offset reached, for messages
   * @param expected what the content should have held, for messages
   * @throws DataException when bytes are left over or the trailer is corrupt
   */
  public static void expectEnd(InputStream in, Path file, long offset, String expected) {
    try {
      long extra = 0;
      byte[] skip = new byte[8192];
      int n;
      while ((n = in.read(skip)) > 0) {
        extra += n;
      }
      if (extra > 0) {
        throw new DataException(
            file
                + ": "
                + extra
                + " unexpected bytes after uncompressed byte "
                + offset
                + "; the header promised "
                + expected);
      }
    } catch (IOException e) {
      throw failure(file, "the end of the data (uncompressed byte " + offset + ")", e);
    }
  }
}
