package org.dec4j.plugin.datasets;

import java.util.Map;
import org.dec4j.api.data.ImageShape;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.RemoteFile;

/**
 * UCI Optical Recognition of Handwritten Digits: 5,620 samples (3,823 {@code optdigits.tra} + 1,797
 * {@code optdigits.tes}), 64 features (8x8 blocks counting set pixels, 0..16), 10 classes.
 *
 * <p>Default scaling divides by 16, so features are in [0, 1] (see {@link UciDigitsDataset} for the
 * {@code scale} option).
 *
 * <p>Source: E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository,
 * https://archive.ics.uci.edu/dataset/80.
 */
public final class OptdigitsDataset extends UciDigitsDataset {
  static final String ID = "optdigits";
  static final String BASE = "https://archive.ics.uci.edu/ml/machine-learning-databases/optdigits/";
  static final String SOURCE =
      "UCI Optical Recognition of Handwritten Digits, E. Alpaydin and C. Kaynak (1998), "
          + BASE
          + " (optdigits.tra, optdigits.tes)";

  /** Creates the provider (cheap: no I/O). */
  public OptdigitsDataset() {
    this(
        downloads(
            "optdigits",
            BASE,
            "e1b683cc211604fe8fd8c4417e6a69f31380e0c61d4af22e93cc21e9257ffedd",
            "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8"),
        new Downloader());
  }

  /** For tests: other download sources. */
  OptdigitsDataset(Map<String, RemoteFile> downloads, Downloader downloader) {
    super(
        ID,
        "UCI optical digits, 5,620 x 64 (8x8 counts 0..16, scaled to [0,1]), 10 classes",
        "optdigits",
        64,
        16,
        SOURCE,
        downloads,
        downloader);
  }

  /** The 64 features are an 8x8 image of the digit (set pixels counted in 4x4 blocks). */
  @Override
  ImageShape image() {
    return ImageShape.gray(8, 8);
  }
}
