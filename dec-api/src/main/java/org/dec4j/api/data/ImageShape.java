package org.dec4j.api.data;

import org.dec4j.api.DataException;

/**
 * The shape of the images a data set's rows hold, each row being one image flattened channel by
 * channel, then row by row (C x H x W, the layout of a DJL or MXNet image batch). Declared by a
 * data set in {@link LoadedDataset#image()} and handed to encoders in
 * {@link org.dec4j.api.encoder.EncoderSpec#image()}, so a convolutional encoder can see the
 * images behind the flat rows.
 *
 * @param channels C, at least 1 (1 for grey levels)
 * @param height H in pixels, at least 1
 * @param width W in pixels, at least 1
 */
public record ImageShape(int channels, int height, int width) {

  /** Checks that every dimension is positive and the product fits an int. */
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new DataException("image shape " + channels + " x " + height + " x " + width + ": every dimension must be"
          + " at least 1");
    }
    if ((long) channels * height * width > Integer.MAX_VALUE) {
      throw new DataException("image shape " + channels + " x " + height + " x " + width + " is too large");
    }
  }

  /** {@return C x H x W, the number of features of one image} */
  public int pixels() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + " x " + height + " x " + width;
  }
}
