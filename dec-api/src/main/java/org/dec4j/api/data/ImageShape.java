package org.dec4j.api.data;

import java.util.Locale;
import org.dec4j.api.ConfigException;

/**
 * The layout of features that are the pixels of an image: {@code height x width x channels} values
 * per sample, row by row, the channels of a pixel next to each other (as MNIST's files and a
 * flattened {@code [h, w, c]} array hold them). Reports use it to draw samples as images, e.g. the
 * most confident samples of each cluster (Xie, Girshick and Farhadi, "Unsupervised Deep Embedding
 * for Clustering Analysis", ICML 2016, Figure 2).
 *
 * @param height rows of pixels
 * @param width pixels per row
 * @param channels values per pixel: 1 (grey) or 3 (red, green, blue)
 * @since API level 2
 */
public record ImageShape(int height, int width, int channels) {
  /** Checks the sizes. */
  public ImageShape {
    if (height < 1 || width < 1) {
      throw new ConfigException(
          "image shape " + height + "x" + width + ": height and width must be at least 1");
    }
    if (channels != 1 && channels != 3) {
      throw new ConfigException(
          "image shape "
              + height
              + "x"
              + width
              + "x"
              + channels
              + ": channels must be 1 "
              + "(grey) or 3 (RGB)");
    }
  }

  /**
   * A grey image.
   *
   * @param height rows of pixels
   * @param width pixels per row
   * @return the shape
   */
  public static ImageShape gray(int height, int width) {
    return new ImageShape(height, width, 1);
  }

  /**
   * Reads {@code HxW} (grey) or {@code HxWxC}, e.g. {@code 28x28}, {@code 32x32x3}.
   *
   * @param text the shape
   * @return the shape
   * @throws ConfigException naming the text when it is not of that form
   */
  public static ImageShape parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*[x×]\\s*");
    try {
      if (parts.length == 2) {
        return gray(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
      if (parts.length == 3) {
        return new ImageShape(
            Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new ConfigException(
        "image shape '" + text + "': write HEIGHTxWIDTH or HEIGHTxWIDTHxCHANNELS, e.g. 28x28");
  }

  /** {@return the number of features of one image: height x width x channels} */
  public int values() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + (channels == 1 ? "" : "x" + channels);
  }
}
