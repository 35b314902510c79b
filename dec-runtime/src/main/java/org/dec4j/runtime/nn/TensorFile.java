package org.dec4j.runtime.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.dec4j.api.DataException;
import org.dec4j.api.objective.SessionState;

/**
 * A small file of named, typed arrays: network weights, optimiser state, checkpoints.
 *
 * <p>Layout (big-endian): the magic {@code DEC4JT}, a version byte, the entry count, then per entry
 * its name (modified UTF-8, as {@link DataOutputStream#writeUTF}), a type byte ({@code F} float32,
 * {@code D} float64, {@code I} int32, {@code J} int64, {@code S} UTF-8 text), the rank, the
 * dimensions and the values; finally a CRC-32 of everything before it. Reading checks every size
 * against the bytes actually present before allocating, and the checksum before parsing, so a
 * truncated or corrupt file fails with a {@link DataException} naming it, never with a huge
 * allocation or a half-loaded state. Writing goes to a temporary file that is flushed to disk and
 * renamed over the target, so a reader (or a run killed mid-write) never sees a partial file.
 */
public final class TensorFile {
  private static final byte[] MAGIC = {'D', 'E', 'C', '4', 'J', 'T'};
  private static final int VERSION = 1;
  private static final int MAX_RANK = 8;

  /** By name, in file order: an array ({@link SessionState.Entry}, the API's record) or text. */
  private final Map<String, Object> entries = new LinkedHashMap<>();

  private final Path origin;

  /** Creates an empty file to fill and write. */
  public TensorFile() {
    this(null);
  }

  private TensorFile(Path origin) {
    this.origin = origin;
  }

  /**
   * Adds floats.
   *
   * @param name the entry
   * @param values the values (not copied)
   * @param shape the dimensions; none means a vector
   * @return this file
   */
  public TensorFile putFloats(String name, float[] values, long... shape) {
    return put(name, values, values.length, shape);
  }

  /**
   * Adds doubles.
   *
   * @param name the entry
   * @param values the values (not copied)
   * @param shape the dimensions; none means a vector
   * @return this file
   */
  public TensorFile putDoubles(String name, double[] values, long... shape) {
    return put(name, values, values.length, shape);
  }

  /**
   * Adds ints.
   *
   * @param name the entry
   * @param values the values (not copied)
   * @param shape the dimensions; none means a vector
   * @return this file
   */
  public TensorFile putInts(String name, int[] values, long... shape) {
    return put(name, values, values.length, shape);
  }

  /**
   * Adds longs.
   *
   * @param name the entry
   * @param values the values (not copied)
   * @param shape the dimensions; none means a vector
   * @return this file
   */
  public TensorFile putLongs(String name, long[] values, long... shape) {
    return put(name, values, values.length, shape);
  }

  /**
   * Adds text (e.g. JSON metadata).
   *
   * @param name the entry
   * @param text the text
   * @return this file
   */
  public TensorFile putText(String name, String text) {
    entries.put(name, text);
    return this;
  }

  /**
   * Adds an array entry, e.g. one a clustering session saved in its {@link SessionState}.
   *
   * @param name the entry
   * @param entry the values and their shape (the values are not copied)
   * @return this file
   */
  public TensorFile put(String name, SessionState.Entry entry) {
    long[] shape = entry.shape();
    if (shape.length > MAX_RANK) {
      throw new IllegalArgumentException(name + ": rank " + shape.length + " exceeds " + MAX_RANK);
    }
    entries.put(name, entry);
    return this;
  }

  private TensorFile put(String name, Object values, int length, long[] shape) {
    long[] dims = shape.length == 0 ? new long[] {length} : shape.clone();
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    if (n != length || dims.length > MAX_RANK) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(dims) + " does not fit " + length + " values");
    }
    entries.put(name, new SessionState.Entry(values, dims));
    return this;
  }

  /** {@return the entries' names in file order} */
  public Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /**
   * Tells whether the file has an entry.
   *
   * @param name the entry
   * @return whether it is there
   */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * Tells whether an entry is text rather than an array.
   *
   * @param name the entry
   * @return whether it is text
   */
  public boolean isText(String name) {
    return entries.get(name) instanceof String;
  }

  /**
   * Returns an array entry.
   *
   * @param name the entry
   * @return the values and their shape
   * @throws DataException naming the file when it is missing or text
   */
  public SessionState.Entry entry(String name) {
    if (stored(name) instanceof SessionState.Entry e) {
      return e;
    }
    throw new DataException(where() + "entry '" + name + "' is text, not an array");
  }

  private Object stored(String name) {
    Object o = entries.get(name);
    if (o == null) {
      throw new DataException(where() + "has no entry '" + name + "'");
    }
    return o;
  }

  /**
   * Returns floats of an expected shape.
   *
   * @param name the entry
   * @param shape the dimensions required; none means any
   * @return the values
   * @throws DataException naming the file, the entry and the problem
   */
  public float[] floats(String name, long... shape) {
    return typed(name, float[].class, shape);
  }

  /**
   * Returns doubles of an expected shape.
   *
   * @param name the entry
   * @param shape the dimensions required; none means any
   * @return the values
   */
  public double[] doubles(String name, long... shape) {
    return typed(name, double[].class, shape);
  }

  /**
   * Returns ints of an expected shape.
   *
   * @param name the entry
   * @param shape the dimensions required; none means any
   * @return the values
   */
  public int[] ints(String name, long... shape) {
    return typed(name, int[].class, shape);
  }

  /**
   * Returns longs of an expected shape.
   *
   * @param name the entry
   * @param shape the dimensions required; none means any
   * @return the values
   */
  public long[] longs(String name, long... shape) {
    return typed(name, long[].class, shape);
  }

  /**
   * Returns text.
   *
   * @param name the entry
   * @return the text
   */
  public String text(String name) {
    return typed(name, String.class);
  }

  private <T> T typed(String name, Class<T> type, long... shape) {
    Object o = stored(name);
    Object values = o instanceof SessionState.Entry e ? e.values() : o;
    if (!type.isInstance(values)) {
      throw new DataException(
          where() + "entry '" + name + "' is not of type " + type.getSimpleName());
    }
    long[] actual = o instanceof SessionState.Entry e ? e.shape() : new long[0];
    if (shape.length > 0 && !Arrays.equals(shape, actual)) {
      throw new DataException(
          where()
              + "entry '"
              + name
              + "' has shape "
              + Arrays.toString(actual)
              + ", expected "
              + Arrays.toString(shape));
    }
    return type.cast(values);
  }

  private String where() {
    return origin == null ? "" : origin + ": ";
  }

  /**
   * Writes the file atomically: a temporary file beside it, flushed to disk, renamed over it.
   *
   * @param file the target
   * @throws IOException on failure (the target is then unchanged)
   */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeInt(entries.size());
      for (var e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        writeEntry(out, e.getValue());
      }
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeEntry(DataOutputStream out, Object stored) throws IOException {
    if (stored instanceof String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      header(out, 'S', new long[] {utf8.length});
      out.write(utf8);
      return;
    }
    SessionState.Entry e = (SessionState.Entry) stored;
    // Values go through a big-endian buffer in bulk: per-element writes cost seconds for a network.
    switch (e.values()) {
      case float[] v -> {
        header(out, 'F', e.shape());
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        b.asFloatBuffer().put(v);
        out.write(b.array());
      }
      case double[] v -> {
        header(out, 'D', e.shape());
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        b.asDoubleBuffer().put(v);
        out.write(b.array());
      }
      case int[] v -> {
        header(out, 'I', e.shape());
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        b.asIntBuffer().put(v);
        out.write(b.array());
      }
      case long[] v -> {
        header(out, 'J', e.shape());
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        b.asLongBuffer().put(v);
        out.write(b.array());
      }
      default -> throw new IllegalStateException(e.values().getClass().getName());
    }
  }

  private static void header(DataOutputStream out, char type, long[] shape) throws IOException {
    out.writeByte(type);
    out.writeByte(shape.length);
    for (long d : shape) {
      out.writeLong(d);
    }
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @param file the file
   * @return its entries
   * @throws DataException naming the file when it is missing, truncated, corrupt or not this format
   */
  public static TensorFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (IOException e) {
      throw DataException.reading(file, e);
    } catch (OutOfMemoryError e) {
      throw new DataException(file + ": cannot read (" + e + ")", e);
    }
    if (bytes.length < MAGIC.length + 1 + 4 + 4
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new DataException(file + ": not a dec4j array file (no DEC4JT magic at byte 0)");
    }
    if (bytes[MAGIC.length] != VERSION) {
      throw new DataException(
          file
              + ": dec4j array file version "
              + bytes[MAGIC.length]
              + " is not supported"
              + " (this build reads version "
              + VERSION
              + ")");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
      throw new DataException(file + ": checksum mismatch: the file is truncated or corrupt");
    }
    in.limit(bytes.length - 4);
    in.position(MAGIC.length + 1);
    TensorFile t = new TensorFile(file);
    try {
      int count = in.getInt();
      if (count < 0 || count > in.remaining()) {
        throw new DataException(file + ": entry count " + count + " is corrupt");
      }
      for (int i = 0; i < count; i++) {
        String name = readUtf(in, file);
        t.entries.put(name, readEntry(in, file, name));
      }
      if (in.hasRemaining()) {
        throw new DataException(
            file + ": " + in.remaining() + " unexpected bytes after the last entry");
      }
    } catch (BufferUnderflowException e) {
      throw new DataException(file + ": truncated entry at byte " + in.position(), e);
    }
    return t;
  }

  private static String readUtf(ByteBuffer in, Path file) {
    int at = in.position();
    int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new DataException(file + ": entry name at byte " + at + " is truncated");
    }
    try {
      String name =
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(in.array(), at, 2 + length))
              .readUTF();
      in.position(at + 2 + length);
      return name;
    } catch (IOException e) {
      throw new DataException(file + ": entry name at byte " + at + " is malformed", e);
    }
  }

  private static Object readEntry(ByteBuffer in, Path file, String name) {
    int at = in.position();
    char type = (char) in.get();
    int rank = in.get();
    if (rank < 0 || rank > MAX_RANK) {
      throw new DataException(file + ": entry '" + name + "' at byte " + at + " has rank " + rank);
    }
    int width =
        switch (type) {
          case 'F', 'I' -> 4;
          case 'D', 'J' -> 8;
          case 'S' -> 1;
          default ->
              throw new DataException(
                  file
                      + ": entry '"
                      + name
                      + "' at byte "
                      + at
                      + " has unknown type '"
                      + type
                      + "'");
        };
    long[] shape = new long[rank];
    long n = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = in.getLong();
      if (shape[d] < 0 || shape[d] > in.remaining()) {
        throw new DataException(file + ": entry '" + name + "' has invalid dimension " + shape[d]);
      }
      n *= shape[d];
      if (n * width > in.remaining()) {
        throw new DataException(
            file
                + ": entry '"
                + name
                + "' of shape "
                + Arrays.toString(Arrays.copyOf(shape, d + 1))
                + " needs more bytes than the file holds");
      }
    }
    if (type == 'S' && rank != 1) {
      throw new DataException(file + ": text entry '" + name + "' has rank " + rank);
    }
    int count = (int) n;
    switch (type) {
      case 'F' -> {
        float[] v = new float[count];
        in.asFloatBuffer().get(v);
        in.position(in.position() + 4 * count);
        return new SessionState.Entry(v, shape);
      }
      case 'D' -> {
        double[] v = new double[count];
        in.asDoubleBuffer().get(v);
        in.position(in.position() + 8 * count);
        return new SessionState.Entry(v, shape);
      }
      case 'I' -> {
        int[] v = new int[count];
        in.asIntBuffer().get(v);
        in.position(in.position() + 4 * count);
        return new SessionState.Entry(v, shape);
      }
      case 'J' -> {
        long[] v = new long[count];
        in.asLongBuffer().get(v);
        in.position(in.position() + 8 * count);
        return new SessionState.Entry(v, shape);
      }
      default -> {
        byte[] b = new byte[count];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
      }
    }
  }
}
