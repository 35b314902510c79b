package org.dec4j.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.dec4j.api.DataException;
import org.dec4j.api.OutputException;

/** JSON reading and atomic writing of configs and results. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  /** Returns the shared mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Writes a value as JSON to a temporary file beside the target, then renames it into place, so a
   * reader never sees a half-written file.
   *
   * @param file the target
   * @param value the value
   */
  public static void writeAtomically(Path file, Object value) {
    atomically(file, tmp -> MAPPER.writeValue(tmp.toFile(), value));
  }

  /**
   * Writes text (UTF-8) the same way: complete or not at all.
   *
   * @param file the target
   * @param text the content
   */
  public static void writeTextAtomically(Path file, String text) {
    atomically(file, tmp -> Files.writeString(tmp, text));
  }

  /**
   * Copies a file the same way, so the target is never half-written.
   *
   * @param from the source
   * @param to the target
   */
  public static void copyAtomically(Path from, Path to) {
    atomically(to, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
  }

  /** Writes into a temporary file beside {@code file}, then renames it into place. */
  private static void atomically(Path file, Writer writer) {
    checkWritable(file);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        readableByAll(tmp);
        writer.write(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw OutputException.writing(file, e);
    }
  }

  /**
   * Checks, without writing anything, that a file can be written where it is asked for: it is not a
   * directory, the nearest existing folder above it is a folder, and that folder (or the file) is
   * writable. Commands call it before a run, so that an output path that cannot work fails at once,
   * not after hours of training.
   *
   * @param file the output file
   * @throws OutputException naming the file and the reason
   */
  public static void checkWritable(Path file) {
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new OutputException("cannot write " + file + ": it is a directory");
    }
    Path existing = target.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new OutputException(
          "cannot write " + file + ": " + existing + " is a file, not a directory");
    }
    boolean writable =
        Files.exists(target)
            ? Files.isWritable(target) && Files.isWritable(existing)
            : Files.isWritable(existing);
    if (!writable) {
      throw new OutputException(
          "cannot write "
              + file
              + ": permission denied (or a read-only file system) in "
              + existing);
    }
  }

  /** Temporary files are private (rw-------); results and reports are meant to be shared. */
  private static void readableByAll(Path tmp) throws IOException {
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the default permissions stay
    }
  }

  /** Fills a temporary file. */
  @FunctionalInterface
  private interface Writer {
    void write(Path tmp) throws IOException;
  }

  /**
   * Reads a JSON file.
   *
   * @param file the file
   * @param type the type
   * @param <T> the type
   * @return the value
   */
  public static <T> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + DataException.describe(e), e);
    }
    try {
      return MAPPER.readValue(bytes, type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new DataException(
          "cannot read " + file + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + DataException.describe(e), e);
    }
  }
}
