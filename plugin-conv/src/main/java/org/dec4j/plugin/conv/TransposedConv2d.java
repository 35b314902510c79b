package org.dec4j.plugin.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution (MXNet's {@code Deconvolution}) with square kernels and stride 2.
 *
 * <p>DJL 0.36's own {@code Conv2dTranspose} shapes its weight as filters x in-channels x kh x kw,
 * but MXNet's operator wants in-channels x filters x kh x kw, so it fails whenever the two counts
 * differ, as they do in every layer of DCEC's decoder (and DJL's engine bridge derives the filter
 * count from the weight's first dimension, so the weight cannot simply be given transposed). This
 * block declares the weight MXNet wants and invokes MXNet's operator by name, the one place where
 * the plugin depends on the engine dec4j runs on.
 */
final class TransposedConv2d extends AbstractBlock {
  private static final Shape STRIDE = new Shape(2, 2);
  private static final Shape DILATION = new Shape(1, 1);

  private final int filters;
  private final int kernel;
  private final Shape padding;
  private final Shape outPadding;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates the block.
   *
   * @param filters output channels
   * @param kernel kernel height and width
   * @param pad padding removed from each side
   * @param adjH extra output rows (0 or 1), to reach an odd or even target height
   * @param adjW extra output columns (0 or 1)
   */
  TransposedConv2d(int filters, int kernel, int pad, int adjH, int adjW) {
    this.filters = filters;
    this.kernel = kernel;
    this.padding = new Shape(pad, pad);
    this.outPadding = new Shape(adjH, adjW);
    this.weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    this.bias =
        addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long channels = inputShapes[0].get(1);
    weight.setShape(new Shape(channels, filters, kernel, kernel));
    bias.setShape(new Shape(filters));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = store.getValue(bias, x.getDevice(), training);
    PairList<String, Object> op = new PairList<>();
    op.add("kernel", tuple(kernel, kernel));
    op.add("stride", tuple(STRIDE.get(0), STRIDE.get(1)));
    op.add("dilate", tuple(DILATION.get(0), DILATION.get(1)));
    op.add("pad", tuple(padding.get(0), padding.get(1)));
    op.add("adj", tuple(outPadding.get(0), outPadding.get(1)));
    op.add("num_filter", filters);
    op.add("num_group", 1);
    op.add("no_bias", false);
    return x.getManager().invoke("Deconvolution", new NDList(x, w, b), op);
  }

  private static String tuple(long a, long b) {
    return "(" + a + ", " + b + ")";
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = (in.get(2) - 1) * 2 - 2 * padding.get(0) + kernel + outPadding.get(0);
    long w = (in.get(3) - 1) * 2 - 2 * padding.get(1) + kernel + outPadding.get(1);
    return new Shape[] {new Shape(in.get(0), filters, h, w)};
  }
}
