package org.dec4j.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dec4j.api.DataException;
import org.dec4j.api.objective.SessionState;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.TensorFile;

/**
 * The pretrained-autoencoder cache: one {@link TensorFile} per entry, {@code ae-<key>.params}, the
 * key hashing everything that determines the weights (the data checksum, the encoder and its
 * hyperparameters, the pretraining settings, the seed).
 *
 * <p>An entry is trusted by what it holds, not by its name: beside the weights it records its
 * format, its key, the description the key was made from and a SHA-256 of the weights, and {@link
 * #load} checks all of them. A file copied over another entry of the same shape, one written by an
 * older format or one whose weights were changed is refused, with the reason, and the caller
 * pretrains again and replaces it.
 */
final class AutoencoderCache {
  /** The entry format; part of the key, so entries of older formats are never even found. */
  static final int FORMAT = 3;

  /** The name of the entry's record (a JSON text entry of the tensor file). */
  private static final String RECORD = "cache";

  private AutoencoderCache() {}

  /**
   * An entry's identity.
   *
   * @param key 16 hex digits of the description's SHA-256
   * @param description what determines the weights: format, data checksum, encoder, its
   *     hyperparameters, pretraining settings, seed
   */
  record Id(String key, Map<String, Object> description) {
    /**
     * Makes the identity of a description.
     *
     * @param description what determines the weights (its {@code format} is set here)
     * @return the identity
     */
    static Id of(Map<String, Object> description) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("format", FORMAT);
      d.putAll(description);
      // Through JSON and back, so that it compares equal to what a file records (numbers, lists).
      Map<String, Object> canonical = parse(json(d));
      byte[] digest = sha256().digest(json(canonical).getBytes(StandardCharsets.UTF_8));
      return new Id(HexFormat.of().formatHex(digest, 0, 8), canonical);
    }

    /** {@return the entry's file in a cache folder} */
    Path file(Path dir) {
      return dir.resolve("ae-" + key + ".params");
    }
  }

  /**
   * Writes a network's weights as the entry of an identity.
   *
   * @param file the entry's file
   * @param id its identity
   * @param network the pretrained network
   * @throws IOException when the file cannot be written
   */
  static void save(Path file, Id id, Network network) throws IOException {
    TensorFile out = network.weights(new TensorFile());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("format", FORMAT);
    record.put("key", id.key());
    record.put("description", id.description());
    record.put("weights_sha256", weightsHash(out));
    out.putText(RECORD, json(record));
    out.write(file);
  }

  /**
   * Loads an entry into a network after checking that it is the entry of {@code id}.
   *
   * @param file the entry's file
   * @param id the identity the caller needs
   * @param network receives the weights (unchanged when the entry is refused)
   * @throws DataException naming the file and why it is not usable
   */
  static void load(Path file, Id id, Network network) {
    TensorFile in = TensorFile.read(file);
    if (!in.contains(RECORD)) {
      throw new DataException(
          file + ": no cache record (written by an older dec4j, or not a cache entry)");
    }
    Map<String, Object> record;
    try {
      record = parse(in.text(RECORD));
    } catch (DataException e) {
      throw new DataException(file + ": unreadable cache record (" + e.getMessage() + ")", e);
    }
    Object format = record.get("format");
    if (!(format instanceof Number n) || n.intValue() != FORMAT) {
      throw new DataException(file + ": cache format " + format + ", not " + FORMAT);
    }
    if (!id.key().equals(record.get("key"))) {
      throw new DataException(
          file
              + ": it holds the entry of key "
              + record.get("key")
              + ", not "
              + id.key()
              + " (a copied or renamed file)");
    }
    if (!(record.get("description") instanceof Map<?, ?> recorded)
        || !recorded.equals(id.description())) {
      throw new DataException(
          file
              + ": it was pretrained for other data or settings ("
              + difference(record.get("description"), id.description())
              + ")");
    }
    if (!Objects.equals(record.get("weights_sha256"), weightsHash(in))) {
      throw new DataException(
          file + ": its weights do not match the hash it records (changed after it was written)");
    }
    network.load(in, file);
  }

  /** The first field in which a recorded description differs from the needed one. */
  private static String difference(Object recorded, Map<String, Object> needed) {
    if (!(recorded instanceof Map<?, ?> r)) {
      return "no description recorded";
    }
    for (var e : needed.entrySet()) {
      if (!Objects.equals(r.get(e.getKey()), e.getValue())) {
        return e.getKey() + " " + r.get(e.getKey()) + ", needed " + e.getValue();
      }
    }
    return "it records more fields than " + needed.keySet();
  }

  /** SHA-256 of every weight entry: name, shape and values, in file order. */
  static String weightsHash(TensorFile file) {
    MessageDigest sha = sha256();
    for (String name : file.names()) {
      if (name.equals(RECORD)) {
        continue;
      }
      SessionState.Entry e = file.entry(name);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      ByteBuffer shape = ByteBuffer.allocate(8 * e.shape().length);
      for (long d : e.shape()) {
        shape.putLong(d);
      }
      sha.update(shape.array());
      switch (e.values()) {
        case float[] v -> {
          ByteBuffer b = ByteBuffer.allocate(4 * v.length);
          b.asFloatBuffer().put(v);
          sha.update(b.array());
        }
        case int[] v -> {
          ByteBuffer b = ByteBuffer.allocate(4 * v.length);
          b.asIntBuffer().put(v);
          sha.update(b.array());
        }
        default ->
            throw new DataException("unexpected entry '" + name + "' in a cached autoencoder");
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) {
    try {
      return Json.mapper().readValue(text, Map.class);
    } catch (IOException e) {
      throw new DataException(e.getMessage(), e);
    }
  }
}
