package org.dec4j.plugin.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.junit.jupiter.api.Test;

/** DCEC's layer sizes on MNIST and USPS, and the refusals. */
class ConvEncoderTest {
  private static Autoencoder build(ImageShape image, String filters) {
    ConvEncoder e = new ConvEncoder();
    return e.create(
        new EncoderSpec(image.values(), e.info().resolve(Map.of("filters", filters)), image));
  }

  /** The output shape after every block of a sequential block, for one image. */
  private static List<Shape> shapes(Block block, Shape input) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, input);
      List<Shape> out = new ArrayList<>();
      NDArray x = manager.zeros(input);
      ParameterStore store = new ParameterStore(manager, false);
      for (Block child : ((SequentialBlock) block).getChildren().values()) {
        x = child.forward(store, new NDList(x), false).singletonOrThrow();
        out.add(x.getShape());
      }
      return out;
    }
  }

  @Test
  void mnistFeatureMapsAreFourteenSevenThreeAndBack() {
    Autoencoder a = build(ImageShape.gray(28, 28), "32,64,128,10");
    assertEquals(10, a.embeddingDim());
    assertTrue(a.stages().isEmpty());
    List<Shape> enc = shapes(a.encoder(), new Shape(1, 784));
    assertEquals(
        List.of(
            new Shape(1, 1, 28, 28),
            new Shape(1, 32, 14, 14),
            new Shape(1, 32, 14, 14),
            new Shape(1, 64, 7, 7),
            new Shape(1, 64, 7, 7),
            new Shape(1, 128, 3, 3),
            new Shape(1, 128, 3, 3),
            new Shape(1, 1152),
            new Shape(1, 10)),
        enc);
    List<Shape> dec = shapes(a.decoder(), new Shape(1, 10));
    assertEquals(
        List.of(
            new Shape(1, 1152),
            new Shape(1, 1152),
            new Shape(1, 128, 3, 3),
            new Shape(1, 64, 7, 7),
            new Shape(1, 64, 7, 7),
            new Shape(1, 32, 14, 14),
            new Shape(1, 32, 14, 14),
            new Shape(1, 2, 28, 28),
            new Shape(1, 1, 28, 28),
            new Shape(1, 784)),
        dec);
  }

  @Test
  void uspsPadsTheThirdConvolutionAsTheReferenceDoes() {
    ConvEncoder.Geometry g = ConvEncoder.Geometry.of(ImageShape.gray(16, 16));
    assertEquals(1, g.pad3(), "16 is a multiple of 8: 'same'");
    assertEquals(List.of(8, 4, 2), List.of(g.h1(), g.h2(), g.h3()));
    ConvEncoder.Geometry m = ConvEncoder.Geometry.of(ImageShape.gray(28, 28));
    assertEquals(0, m.pad3(), "28 is not: 'valid'");
    Autoencoder a = build(ImageShape.gray(16, 16), "32,64,128,10");
    List<Shape> enc = shapes(a.encoder(), new Shape(1, 256));
    assertEquals(new Shape(1, 512), enc.get(7), "128 x 2 x 2 before the embedding");
    List<Shape> dec = shapes(a.decoder(), new Shape(1, 10));
    assertEquals(new Shape(1, 256), dec.getLast());
  }

  @Test
  void dataWithoutAnImageShapeOrTooSmallImagesAreRefused() {
    ConvEncoder e = new ConvEncoder();
    ConfigException none =
        assertThrows(
            ConfigException.class,
            () -> e.create(new EncoderSpec(784, e.info().resolve(Map.of()))));
    assertTrue(
        none.getMessage().contains("declares no image shape") && none.getMessage().contains("mlp"),
        none.getMessage());
    ConfigException small =
        assertThrows(ConfigException.class, () -> build(ImageShape.gray(6, 6), "32,64,128,10"));
    assertTrue(small.getMessage().contains("too small"), small.getMessage());
    ConfigException three =
        assertThrows(ConfigException.class, () -> build(ImageShape.gray(28, 28), "32,64,10"));
    assertTrue(three.getMessage().contains("four numbers"), three.getMessage());
  }
}
