package org.dec4j.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A stand-in for MNIST in its four IDX files, small enough for tests: 28 x 28 images of ten
 * classes, class c a bright 8 x 8 square at its own place with noise, labels i mod 10.
 */
final class TinyMnist {
  private TinyMnist() {}

  /**
   * Writes {@code train-*-ubyte} and {@code t10k-*-ubyte} (uncompressed) into a folder.
   *
   * @param dir the folder, e.g. {@code <data dir>/mnist}
   * @param train images of the train split
   * @param test images of the test split
   */
  static void write(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(21);
    write(dir, "train", train, random);
    write(dir, "t10k", test, random);
  }

  private static void write(Path dir, String part, int n, SplittableRandom random)
      throws IOException {
    try (DataOutputStream images =
            new DataOutputStream(out(dir.resolve(part + "-images-idx3-ubyte")));
        DataOutputStream labels =
            new DataOutputStream(out(dir.resolve(part + "-labels-idx1-ubyte")))) {
      images.writeInt(0x00000803);
      images.writeInt(n);
      images.writeInt(28);
      images.writeInt(28);
      labels.writeInt(0x00000801);
      labels.writeInt(n);
      for (int i = 0; i < n; i++) {
        int c = i % 10;
        int top = 2 + (c / 5) * 12;
        int left = 1 + (c % 5) * 5;
        byte[] image = new byte[28 * 28];
        for (int y = 0; y < 28; y++) {
          for (int x = 0; x < 28; x++) {
            boolean inside = y >= top && y < top + 8 && x >= left && x < left + 8;
            int v = (inside ? 200 : 0) + random.nextInt(40);
            image[y * 28 + x] = (byte) Math.min(255, v);
          }
        }
        images.write(image);
        labels.writeByte(c);
      }
    }
  }

  private static OutputStream out(Path file) throws IOException {
    return new java.io.BufferedOutputStream(Files.newOutputStream(file));
  }
}
