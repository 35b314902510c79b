package org.dec4j.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
  @TempDir Path dir;

  @Test
  void everyTypeSurvivesBitForBit() throws Exception {
    float[] f = {1.5f, Float.NaN, -0f, Float.MIN_VALUE, 3e38f, 0.1f};
    double[] d = {Math.PI, -1e-300, Double.NaN};
    Path file = dir.resolve("a.bin");
    new TensorFile()
        .putFloats("f", f, 2, 3)
        .putDoubles("d", d)
        .putInts("i", new int[] {-1, 7})
        .putLongs("j", new long[] {Long.MIN_VALUE})
        .putText("meta", "{\"é\": 1}")
        .write(file);
    TensorFile back = TensorFile.read(file);
    assertEquals(List.of("f", "d", "i", "j", "meta"), List.copyOf(back.names()));
    float[] f2 = back.floats("f", 2, 3);
    for (int i = 0; i < f.length; i++) {
      assertEquals(Float.floatToRawIntBits(f[i]), Float.floatToRawIntBits(f2[i]), "float " + i);
    }
    double[] d2 = back.doubles("d");
    for (int i = 0; i < d.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(d[i]), Double.doubleToRawLongBits(d2[i]), "double " + i);
    }
    assertArrayEquals(new int[] {-1, 7}, back.ints("i", 2));
    assertArrayEquals(new long[] {Long.MIN_VALUE}, back.longs("j"));
    assertEquals("{\"é\": 1}", back.text("meta"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void wrongShapeTypeOrNameIsADataExceptionNamingTheFile() throws Exception {
    Path file = dir.resolve("b.bin");
    new TensorFile().putFloats("w", new float[6], 2, 3).write(file);
    TensorFile t = TensorFile.read(file);
    DataException shape = assertThrows(DataException.class, () -> t.floats("w", 3, 2));
    assertTrue(
        shape.getMessage().contains(file.toString()) && shape.getMessage().contains("[2, 3]"),
        shape.getMessage());
    assertThrows(DataException.class, () -> t.ints("w"));
    DataException missing = assertThrows(DataException.class, () -> t.floats("v"));
    assertTrue(missing.getMessage().contains("'v'"), missing.getMessage());
  }

  @Test
  void corruptionAndTruncationAreDetected() throws Exception {
    Path file = dir.resolve("c.bin");
    new TensorFile().putFloats("w", new float[] {1, 2, 3, 4}).write(file);
    byte[] good = Files.readAllBytes(file);
    byte[] flipped = good.clone();
    flipped[good.length - 8] ^= 1;
    Files.write(file, flipped);
    DataException e = assertThrows(DataException.class, () -> TensorFile.read(file));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 3));
    assertThrows(DataException.class, () -> TensorFile.read(file));
    Files.write(
        file,
        "hello world, not a tensor file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    e = assertThrows(DataException.class, () -> TensorFile.read(file));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    e = assertThrows(DataException.class, () -> TensorFile.read(dir.resolve("absent.bin")));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void aSamplerRestoredFromItsStateDrawsTheSameBatches() {
    BatchSampler original = new BatchSampler(10, 3, true, 42);
    for (int i = 0; i < 9; i++) {
      original.next();
    }
    BatchSampler restored = new BatchSampler(10, 3, true, 42);
    restored.restore(original.epochsStarted(), original.position());
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(original.next(), restored.next(), "batch " + i + " after the restore");
    }
    assertThrows(IllegalStateException.class, () -> restored.restore(1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new BatchSampler(10, 3, true, 42).restore(1, 11));
  }
}
