package org.dec4j.plugin.conv;

import java.util.stream.Stream;
import org.dec4j.api.data.ImageShape;
import org.dec4j.testkit.EncoderTestKit;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The encoder contract of dec-testkit on MNIST's and USPS's image shapes. */
class ConvContractTest {
  @TestFactory
  Stream<DynamicNode> contract() {
    return EncoderTestKit.encoder(new ConvEncoder())
        .input(ImageShape.gray(28, 28))
        .input(ImageShape.gray(16, 16))
        .input(new ImageShape(20, 24, 3))
        .refuses(784, null)
        .refuses(36, ImageShape.gray(6, 6))
        .tests();
  }
}
