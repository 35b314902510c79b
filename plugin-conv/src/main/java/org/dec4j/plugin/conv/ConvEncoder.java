package org.dec4j.plugin.conv;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;

/**
 * The convolutional autoencoder of DCEC (Guo, Liu, Zhu and Yin, "Deep Clustering with Convolutional
 * Autoencoders", ICONIP 2017; the authors' Keras code, {@code ConvAE.py}): three strided
 * convolutions, a linear embedding, and the mirror image with transposed convolutions.
 *
 * <pre>
 * encoder: C x H x W -> conv 32, 5x5, stride 2, "same", ReLU -> conv 64, 5x5, stride 2, "same", ReLU
 *          -> conv 128, 3x3, stride 2, ReLU ("same" when H is a multiple of 8, else "valid")
 *          -> flatten -> dense 10 (linear: the embedding)
 * decoder: dense 128 x h3 x w3, ReLU -> reshape -> transposed conv 64, 3x3, stride 2, ReLU
 *          -> transposed conv 32, 5x5, stride 2, ReLU -> transposed conv C, 5x5, stride 2 (linear)
 * </pre>
 *
 * On MNIST's 28 x 28 images the feature maps are 14, 7 and 3 pixels wide and the decoder returns 7,
 * 14 and 28; on USPS's 16 x 16 images (a multiple of 8, so the third convolution pads as the
 * reference's does) 8, 4, 2 and back. Keras' "same" padding puts the odd pixel of padding at the
 * bottom and right, MXNet pads symmetrically; the sizes are the same, the kernels see the image
 * shifted by at most one pixel. The filter counts are the {@value #FILTERS} hyperparameter, the
 * last one the embedding's width. For one-channel images the last transposed convolution computes a
 * second, unused channel, which works around a fault of MXNet 1.9.1's oneDNN (see the code).
 *
 * <p>The runtime hands the blocks flat rows (b x H*W*C, the channels of a pixel next to each other
 * as {@link ImageShape} lays them out); the encoder reshapes them to b x C x H x W images (MXNet's
 * layout) using the shape the data set declares ({@link EncoderSpec#image()}), and the decoder
 * returns its output to the rows' layout and flattens it again. A data set that declares no image
 * shape is refused with a message.
 */
public final class ConvEncoder implements Encoder {
  /** The provider id. */
  public static final String ID = "conv";

  /** Filters of the three convolutions, then the embedding's width. */
  public static final String FILTERS = "filters";

  private static final PluginInfo INFO =
      new PluginInfo(
          ID,
          "0.1.0",
          "DCEC's convolutional autoencoder for images: conv 32-5x5/2, 64-5x5/2, 128-3x3/2, dense 10, mirrored with "
              + "transposed convolutions",
          List.of(
              HyperparameterSpec.ofIntList(
                  FILTERS,
                  List.of(32, 64, 128, 10),
                  1,
                  4096,
                  "filters of the three convolutions, then the embedding's width (exactly four numbers)")),
          Dec4jApi.VERSION);

  @Override
  public PluginInfo info() {
    return INFO;
  }

  @Override
  public Autoencoder create(EncoderSpec spec) {
    List<Integer> f = spec.hyperparameters().getIntList(FILTERS);
    if (f.size() != 4) {
      throw new ConfigException(
          ID
              + ": "
              + FILTERS
              + " = "
              + f
              + ": give four numbers, the three convolutions' "
              + "filters and the embedding's width, e.g. [32, 64, 128, 10]");
    }
    ImageShape image = spec.image();
    if (image == null) {
      throw new ConfigException(
          ID
              + ": the data set declares no image shape for its "
              + spec.inputDim()
              + " features, and a convolutional encoder needs one; use the 'mlp' encoder, or a data set of images "
              + "(mnist, fashion-mnist, usps)");
    }
    Geometry g = Geometry.of(image);
    int c = image.channels();

    SequentialBlock encoder =
        new SequentialBlock()
            .add(toImages(image))
            .add(conv(f.get(0), 5, 2))
            .add(Activation.reluBlock())
            .add(conv(f.get(1), 5, 2))
            .add(Activation.reluBlock())
            .add(conv(f.get(2), 3, g.pad3()))
            .add(Activation.reluBlock())
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(f.get(3)).build());

    SequentialBlock decoder =
        new SequentialBlock()
            .add(Linear.builder().setUnits((long) f.get(2) * g.h3() * g.w3()).build())
            .add(Activation.reluBlock())
            .add(reshape(f.get(2), g.h3(), g.w3()))
            .add(deconv(f.get(1), 3, g.pad3(), g.adj3h(), g.adj3w()))
            .add(Activation.reluBlock())
            .add(deconv(f.get(0), 5, 2, g.adj2h(), g.adj2w()))
            .add(Activation.reluBlock())
            .add(deconv(Math.max(2, c), 5, 2, g.adj1h(), g.adj1w()));
    if (c == 1) {
      // MXNet 1.9.1's oneDNN cannot run the backward pass of a one-filter transposed convolution
      // fed
      // by another ("could not create a primitive descriptor for a reorder primitive", on MNIST's
      // 14 -> 28 layer): it computes two channels and keeps the first, the same function with one
      // unused filter (32 x 25 + 1 weights that receive no gradient).
      decoder.add(LambdaBlock.singleton(x -> x.get(":, 0:1"), "first-channel"));
    }
    if (c > 1) {
      // back to the rows' layout: b x H x W x C
      decoder.add(LambdaBlock.singleton(x -> x.transpose(0, 2, 3, 1), "to-rows"));
    }
    decoder.add(Blocks.batchFlattenBlock());
    return new Autoencoder(encoder, decoder, f.get(3), List.of());
  }

  /**
   * The feature-map sizes of the architecture for an image shape, and the output paddings that make
   * each transposed convolution return the size its convolution took.
   *
   * @param h1 height after the first convolution
   * @param w1 width after the first convolution
   * @param h2 height after the second
   * @param w2 width after the second
   * @param h3 height after the third
   * @param w3 width after the third
   * @param pad3 the third convolution's padding: 1 ("same") when H is a multiple of 8, else 0
   *     ("valid")
   * @param adj3h output padding of the first transposed convolution, in height
   * @param adj3w output padding of the first transposed convolution, in width
   * @param adj2h output padding of the second, in height
   * @param adj2w output padding of the second, in width
   * @param adj1h output padding of the last, in height
   * @param adj1w output padding of the last, in width
   */
  record Geometry(
      int h1,
      int w1,
      int h2,
      int w2,
      int h3,
      int w3,
      int pad3,
      int adj3h,
      int adj3w,
      int adj2h,
      int adj2w,
      int adj1h,
      int adj1w) {

    static Geometry of(ImageShape image) {
      int h = image.height();
      int w = image.width();
      // The reference chooses the third convolution's padding by the height alone.
      int pad3 = h % 8 == 0 ? 1 : 0;
      int h1 = out(h, 5, 2);
      int w1 = out(w, 5, 2);
      int h2 = out(h1, 5, 2);
      int w2 = out(w1, 5, 2);
      int h3 = out(h2, 3, pad3);
      int w3 = out(w2, 3, pad3);
      if (h3 < 1 || w3 < 1) {
        throw new ConfigException(
            ID
                + ": images of "
                + image
                + " are too small for three stride-2 convolutions "
                + "(the third would have no output)");
      }
      return new Geometry(
          h1,
          w1,
          h2,
          w2,
          h3,
          w3,
          pad3,
          adj(h2, h3, 3, pad3),
          adj(w2, w3, 3, pad3),
          adj(h1, h2, 5, 2),
          adj(w1, w2, 5, 2),
          adj(h, h1, 5, 2),
          adj(w, w1, 5, 2));
    }

    /** A stride-2 convolution's output size. */
    private static int out(int in, int kernel, int pad) {
      return Math.floorDiv(in + 2 * pad - kernel, 2) + 1;
    }

    /**
     * The output padding that makes a stride-2 transposed convolution of {@code in} return {@code
     * target}.
     */
    private static int adj(int target, int in, int kernel, int pad) {
      int a = target - ((in - 1) * 2 - 2 * pad + kernel);
      if (a < 0 || a > 1) {
        throw new IllegalStateException("no output padding maps " + in + " back to " + target);
      }
      return a;
    }
  }

  /** Flat rows (b x H*W*C, channels innermost) to MXNet's b x C x H x W. */
  private static Block toImages(ImageShape image) {
    if (image.channels() == 1) {
      return reshape(1, image.height(), image.width());
    }
    return LambdaBlock.singleton(
        x ->
            x.reshape(new Shape(-1, image.height(), image.width(), image.channels()))
                .transpose(0, 3, 1, 2),
        "to-images");
  }

  private static Block reshape(int channels, int height, int width) {
    return LambdaBlock.singleton(x -> x.reshape(new Shape(-1, channels, height, width)), "reshape");
  }

  private static Block conv(int filters, int kernel, int pad) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(2, 2))
        .optPadding(new Shape(pad, pad))
        .build();
  }

  private static Block deconv(int filters, int kernel, int pad, int adjH, int adjW) {
    return new TransposedConv2d(filters, kernel, pad, adjH, adjW);
  }
}
