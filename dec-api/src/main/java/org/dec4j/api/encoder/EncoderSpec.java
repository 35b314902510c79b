package org.dec4j.api.encoder;

import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.ImageShape;

/**
 * What an {@link Encoder} is asked to build.
 *
 * @param inputDim the data dimension d
 * @param hyperparameters validated architecture hyperparameters
 * @param image the shape of the images behind the d features when the data set declares one ({@link
 *     org.dec4j.api.data.LoadedDataset#image()}), else null; the rows the blocks receive are still
 *     flat (b x d, each row H x W x C as {@link ImageShape} lays it out), so a convolutional
 *     encoder reshapes them to images itself
 */
public record EncoderSpec(int inputDim, Hyperparameters hyperparameters, ImageShape image) {

  /**
   * A request for rows that are not declared to be images (API level 2's constructor).
   *
   * @param inputDim the data dimension d
   * @param hyperparameters validated architecture hyperparameters
   */
  public EncoderSpec(int inputDim, Hyperparameters hyperparameters) {
    this(inputDim, hyperparameters, null);
  }

  /** Checks that the image shape, when given, has d pixels. */
  public EncoderSpec {
    if (image != null && image.values() != inputDim) {
      throw new org.dec4j.api.ConfigException(
          "images of "
              + image
              + " = "
              + image.values()
              + " values do not fit "
              + inputDim
              + " input features");
    }
  }
}
