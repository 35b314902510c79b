package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.encoder.EncoderSpec;
import org.dec4j.api.objective.SessionState;
import org.dec4j.runtime.nn.Network;
import org.dec4j.runtime.nn.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache entry is loaded only when its record says it is the entry asked for and its weights match
 * their hash.
 */
class AutoencoderCacheTest {
  @TempDir Path temp;

  private static Map<String, Object> description(String data, long seed) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("data_sha256", data);
    d.put("encoder", "mlp");
    d.put("encoder_params", Map.of("dims", java.util.List.of(4, 2)));
    d.put("seed", seed);
    return d;
  }

  private static Network network(NDManager manager, long seed) {
    var encoder = PluginRegistry.discover().encoder("mlp");
    return new Network(
        encoder.create(new EncoderSpec(5, encoder.info().resolve(Map.of("dims", "4,2")))),
        5,
        manager,
        seed);
  }

  private static float[] weights(Network n) {
    return n.parameters(true).getFirst().getArray().toFloatArray();
  }

  @Test
  void onlyTheEntryOfTheRunIsLoaded() throws Exception {
    AutoencoderCache.Id a = AutoencoderCache.Id.of(description("aa", 0));
    AutoencoderCache.Id b = AutoencoderCache.Id.of(description("aa", 1));
    try (NDManager manager = NDManager.newBaseManager();
        Network saved = network(manager, 7);
        Network other = network(manager, 8)) {
      Path file = a.file(temp);
      AutoencoderCache.save(file, a, saved);
      AutoencoderCache.load(file, a, other);
      assertArrayEquals(weights(saved), weights(other), "the entry of the run is loaded");

      try (Network fresh = network(manager, 9)) {
        float[] untouched = weights(fresh);
        String wrongKey =
            assertThrows(DataException.class, () -> AutoencoderCache.load(file, b, fresh))
                .getMessage();
        assertTrue(
            wrongKey.startsWith(
                file + ": it holds the entry of key " + a.key() + ", not " + b.key()),
            wrongKey);
        assertArrayEquals(untouched, weights(fresh), "a refused entry leaves the weights alone");

        // The same key claimed for other data (a forged or colliding key): the description tells.
        AutoencoderCache.Id forged =
            new AutoencoderCache.Id(
                a.key(), AutoencoderCache.Id.of(description("bb", 0)).description());
        String otherData =
            assertThrows(DataException.class, () -> AutoencoderCache.load(file, forged, fresh))
                .getMessage();
        assertTrue(
            otherData.contains("pretrained for other data or settings (data_sha256 aa, needed bb)"),
            otherData);

        // Weights changed after the entry was written (the file's own CRC made right again).
        TensorFile in = TensorFile.read(file);
        TensorFile changed = new TensorFile();
        for (String name : in.names()) {
          if (in.isText(name)) {
            changed.putText(name, in.text(name));
            continue;
          }
          SessionState.Entry e = in.entry(name);
          switch (e.values()) {
            case float[] v -> {
              float[] w = v.clone();
              w[0] += 1;
              changed.putFloats(name, w, e.shape());
            }
            case int[] v -> changed.putInts(name, v, e.shape());
            default -> throw new AssertionError(name);
          }
        }
        changed.write(file);
        String tampered =
            assertThrows(DataException.class, () -> AutoencoderCache.load(file, a, fresh))
                .getMessage();
        assertTrue(tampered.contains("do not match the hash"), tampered);

        // An entry without a record (an older format's, or any weights file).
        saved.save(file);
        String old =
            assertThrows(DataException.class, () -> AutoencoderCache.load(file, a, fresh))
                .getMessage();
        assertTrue(old.contains("no cache record"), old);
        assertArrayEquals(untouched, weights(fresh));
      }
    }
  }
}
