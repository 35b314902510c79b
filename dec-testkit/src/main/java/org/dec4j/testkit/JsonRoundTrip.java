package org.dec4j.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a value as JSON and reads it back with a plain Jackson mapper, as result files are. */
final class JsonRoundTrip {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonRoundTrip() {}

  static <T> T roundTrip(T value, Class<T> type) {
    try {
      return MAPPER.readValue(MAPPER.writeValueAsString(value), type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "JSON round trip of " + type.getSimpleName() + " failed: " + e.getMessage(), e);
    }
  }
}
