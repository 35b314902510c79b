package org.dec4j.suite.report;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder (8-bit grey or RGB, no filtering), for the sample pictures of the report:
 * written here so the report needs neither {@code java.desktop} nor a library, and its pictures are
 * the same bytes on every machine.
 */
final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Png() {}

  /**
   * Encodes an image.
   *
   * @param width pixels per row
   * @param height rows
   * @param channels 1 (grey) or 3 (RGB, interleaved)
   * @param pixels {@code width * height * channels} bytes, row by row
   * @return the PNG file's bytes
   */
  static byte[] encode(int width, int height, int channels, byte[] pixels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels " + channels);
    }
    int stride = width * channels;
    if (pixels.length != stride * height) {
      throw new IllegalArgumentException(
          pixels.length + " bytes for " + width + "x" + height + "x" + channels);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    ByteBuffer header = ByteBuffer.allocate(13);
    header
        .putInt(width)
        .putInt(height)
        .put((byte) 8)
        .put((byte) (channels == 1 ? 0 : 2))
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    chunk(out, "IHDR", header.array());
    byte[] raw = new byte[(stride + 1) * height];
    for (int y = 0; y < height; y++) {
      raw[y * (stride + 1)] = 0; // filter: none
      System.arraycopy(pixels, y * stride, raw, y * (stride + 1) + 1, stride);
    }
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      z.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * An image as a {@code data:} URI, for an {@code <img>} or SVG {@code <image>}.
   *
   * @param width pixels per row
   * @param height rows
   * @param channels 1 or 3
   * @param pixels the pixels
   * @return {@code data:image/png;base64,...}
   */
  static String dataUri(int width, int height, int channels, byte[] pixels) {
    return "data:image/png;base64,"
        + Base64.getEncoder().encodeToString(encode(width, height, channels, pixels));
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
