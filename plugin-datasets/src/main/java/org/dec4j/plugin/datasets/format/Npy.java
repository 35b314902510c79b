package org.dec4j.plugin.datasets.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dec4j.api.DataException;

/**
 * Reader for NumPy {@code .npy} files and {@code .npz} archives.
 *
 * <p>A {@code .npy} file is the magic {@code \x93NUMPY}, a version (1.0, 2.0 or 3.0), a
 * little-endian header length (2 bytes in version 1, 4 bytes after), and a header holding a Python
 * dict literal with {@code descr}, {@code fortran_order} and {@code shape}; the raw array follows.
 * Object arrays ({@code descr '|O'}) hold a pickle instead, read by {@link Unpickler}. An {@code
 * .npz} file is a zip archive of {@code .npy} entries, one per array name.
 *
 * <p>Format: NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays".
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private Npy() {}

  /**
   * Reads a {@code .npy} file (optionally gzipped).
   *
   * @param file the file
   * @return the array; for an object array, its elements in {@link NdArray#objects()}
   * @throws DataException naming the file and the problem
   */
  public static NdArray read(Path file) {
    try (InputStream in = DataFiles.open(file)) {
      long size = DataFiles.isGzip(file) ? -1 : Files.size(file);
      NdArray a = read(in, file.toString(), size);
      return a;
    } catch (IOException e) {
      throw DataFiles.failure(file, "close", e);
    }
  }

  /**
   * Reads every array of a {@code .npz} archive.
   *
   * @param file the archive
   * @return the arrays by name (the entry name without {@code .npy}), in archive order
   * @throws DataException naming the file, the entry and the problem
   */
  public static Map<String, NdArray> readNpz(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": file not found");
    }
    Map<String, NdArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().endsWith(".npy")) {
          continue;
        }
        String name = e.getName().substring(0, e.getName().length() - 4);
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e), DataFiles.BUFFER)) {
          out.put(name, read(in, file + " entry " + e.getName(), e.getSize()));
        }
      }
    } catch (IOException e) {
      throw new DataException(
          file + ": not a readable .npz (zip) archive (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new DataException(file + ": the archive holds no .npy entries");
    }
    return out;
  }

  /**
   * Reads one {@code .npy} stream.
   *
   * @param in the stream at the magic
   * @param origin the file (and entry), for messages
   * @param size the stream length when known, else -1
   * @return the array
   */
  static NdArray read(InputStream in, String origin, long size) {
    byte[] start = new byte[8];
    readFully(in, start, origin, "the .npy magic and version", 0);
    for (int i = 0; i < MAGIC.length; i++) {
      if (start[i] != MAGIC[i]) {
        throw new DataException(origin + ": not a .npy file (no \\x93NUMPY magic at byte 0)");
      }
    }
    int major = start[6] & 0xFF;
    if (major < 1 || major > 3) {
      throw new DataException(
          origin + ": unsupported .npy format version " + major + "." + (start[7] & 0xFF));
    }
    byte[] lenBytes = new byte[major == 1 ? 2 : 4];
    readFully(in, lenBytes, origin, "the header length", 8);
    long headerLen = 0;
    for (int i = 0; i < lenBytes.length; i++) {
      headerLen |= (long) (lenBytes[i] & 0xFF) << (8 * i);
    }
    long offset = 8L + lenBytes.length;
    if (headerLen > 1 << 20 || (size >= 0 && offset + headerLen > size)) {
      throw new DataException(
          origin + ": .npy header length " + headerLen + " at byte 8 is corrupt");
    }
    byte[] headerBytes = new byte[(int) headerLen];
    readFully(in, headerBytes, origin, "the header", offset);
    String header =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    offset += headerLen;
    Object parsed = new Literal(header, origin).parseTop();
    if (!(parsed instanceof Map<?, ?> dict)) {
      throw new DataException(origin + ": .npy header is not a dict: " + header.trim());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new DataException(
          origin
              + ": .npy header has no simple 'descr' (structured arrays are not supported): "
              + header.trim());
    }
    if (!descr.matches("[<>|=](O|[fiub][0-9]+)")) {
      throw new DataException(
          origin + ": unsupported dtype '" + descr + "' (numeric or object arrays only)");
    }
    boolean fortran = Boolean.TRUE.equals(dict.get("fortran_order"));
    if (!(dict.get("shape") instanceof List<?> shapeList)) {
      throw new DataException(origin + ": .npy header has no shape tuple: " + header.trim());
    }
    int[] shape = new int[shapeList.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(shapeList.get(i) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
        throw new DataException(origin + ": invalid shape " + shapeList);
      }
      shape[i] = (int) (long) n;
      count *= n;
      if (count > Integer.MAX_VALUE) {
        // Checked at every step so the product cannot overflow a long.
        throw new DataException(
            origin + ": shape " + shapeList + " describes more than 2^31 values");
      }
    }
    if (descr.equals("|O")) {
      Object value = Unpickler.load(in, origin, offset, size < 0 ? -1 : size - offset);
      if (value instanceof NdArray a) {
        return a;
      }
      throw new DataException(
          origin
              + ": the pickled object array holds a "
              + (value == null ? "None" : value.getClass().getSimpleName())
              + ", not an ndarray");
    }
    NdArray probe = new NdArray(descr, shape, fortran, new byte[0], null, origin);
    long bytes = count * probe.itemSize();
    if (bytes > Integer.MAX_VALUE - 16 || (size >= 0 && offset + bytes > size)) {
      throw new DataException(
          origin
              + ": shape "
              + shapeList
              + " of "
              + descr
              + " needs "
              + bytes
              + " bytes after the header at byte "
              + offset
              + ", but the file "
              + (size >= 0 ? "has only " + (size - offset) : "is too small"));
    }
    byte[] data;
    try {
      data = DataFiles.readUpTo(in, bytes);
    } catch (IOException e) {
      throw new DataException(
          origin
              + ": read failed at byte "
              + offset
              + " or later ("
              + DataException.describe(e)
              + ")",
          e);
    }
    if (data.length < bytes) {
      throw new DataException(
          origin
              + ": file is truncated at byte "
              + (offset + data.length)
              + " (reading array data, "
              + (bytes - data.length)
              + " bytes missing)");
    }
    return new NdArray(descr, shape, fortran, data, null, origin);
  }

  private static void readFully(
      InputStream in, byte[] dst, String origin, String what, long offset) {
    int done = 0;
    try {
      while (done < dst.length) {
        int n = in.read(dst, done, dst.length - done);
        if (n < 0) {
          throw new DataException(
              origin
                  + ": file is truncated at byte "
                  + (offset + done)
                  + " (reading "
                  + what
                  + ", "
                  + (dst.length - done)
                  + " bytes missing)");
        }
        done += n;
      }
    } catch (IOException e) {
      throw new DataException(
          origin
              + ": read failed at byte "
              + (offset + done)
              + " ("
              + DataException.describe(e)
              + ")",
          e);
    }
  }

  /**
   * A parser for the Python literal in a .npy header: dicts, tuples, lists, strings, ints,
   * booleans.
   */
  private static final class Literal {
    /**
     * A .npy header is a flat dict; anything this deep is corrupt (and would exhaust the stack).
     */
    private static final int MAX_DEPTH = 64;

    private final String s;
    private int depth;
    private final String origin;
    private int i;

    Literal(String s, String origin) {
      this.s = s;
      this.origin = origin;
    }

    Object parseTop() {
      Object v = value();
      skip();
      if (i != s.length()) {
        throw error("trailing text");
      }
      return v;
    }

    private Object value() {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
      try {
        return parseValue();
      } finally {
        depth--;
      }
    }

    private Object parseValue() {
      skip();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<Object, Object> m = new LinkedHashMap<>();
          while (true) {
            skip();
            if (peek('}')) {
              i++;
              return m;
            }
            Object k = value();
            skip();
            expect(':');
            Object v = value();
            m.put(k, v);
            skip();
            if (peek(',')) {
              i++;
            }
          }
        }
        case '(', '[' -> {
          char close = c == '(' ? ')' : ']';
          i++;
          List<Object> l = new ArrayList<>();
          while (true) {
            skip();
            if (peek(close)) {
              i++;
              return l;
            }
            l.add(value());
            skip();
            if (peek(',')) {
              i++;
            }
          }
        }
        case '\'', '"' -> {
          int end = s.indexOf(c, i + 1);
          if (end < 0) {
            throw error("unterminated string");
          }
          String v = s.substring(i + 1, end);
          i = end + 1;
          return v;
        }
        default -> {
          int start = i;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
          }
          String word = s.substring(start, i);
          switch (word) {
            case "True" -> {
              return Boolean.TRUE;
            }
            case "False" -> {
              return Boolean.FALSE;
            }
            case "None" -> {
              return null;
            }
            default -> {
              try {
                return Long.parseLong(
                    word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
              } catch (NumberFormatException e) {
                throw error("unexpected '" + (word.isEmpty() ? String.valueOf(c) : word) + "'");
              }
            }
          }
        }
      }
    }

    private boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private DataException error(String what) {
      String text = s.trim();
      return new DataException(
          origin
              + ": malformed .npy header at character "
              + i
              + " ("
              + what
              + "): "
              + (text.length() <= 200 ? text : text.substring(0, 200) + "..."));
    }
  }
}
