package org.dec4j.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dec4j.api.DataException;

/** JSON reading and atomic writing of configs and results. */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

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
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        MAPPER.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DataException("cannot write " + file + ": " + e.getMessage(), e);
    }
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
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
