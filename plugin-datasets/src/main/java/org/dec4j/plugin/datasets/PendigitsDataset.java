package org.dec4j.plugin.datasets;

import java.util.Map;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.RemoteFile;

/**
 * UCI Pen-Based Recognition of Handwritten Digits: 10,992 samples (7,494 {@code pendigits.tra} +
 * 3,498 {@code pendigits.tes}), 16 features (8 resampled pen positions, x and y in 0..100), 10
 * classes.
 *
 * <p>Default scaling divides by 100 into [0, 1], as the DEC-keras/IDEC loaders do (see {@link
 * UciDigitsDataset} for the {@code scale} option).
 *
 * <p>Source: E. Alpaydin, F. Alimoglu (1998), UCI Machine Learning Repository,
 * https://archive.ics.uci.edu/dataset/81.
 */
public final class PendigitsDataset extends UciDigitsDataset {
  static final String ID = "pendigits";
  static final String BASE = "https://archive.ics.uci.edu/ml/machine-learning-databases/pendigits/";
  static final String SOURCE =
      "UCI Pen-Based Recognition of Handwritten Digits, E. Alpaydin and F. Alimoglu (1998), "
          + BASE
          + " (pendigits.tra, pendigits.tes)";

  /** Creates the provider (cheap: no I/O). */
  public PendigitsDataset() {
    this(
        downloads(
            "pendigits",
            BASE,
            "e2b9eb9f0d0467e2b64a4816a3420edf2b8043447576f4b84337aba44a9f97d3",
            "8bd03229c5c5291fefe43e45465dd948d2645bf23328b9d993e0b777666b2015"),
        new Downloader());
  }

  /** For tests: other download sources. */
  PendigitsDataset(Map<String, RemoteFile> downloads, Downloader downloader) {
    super(
        ID,
        "UCI pen digits, 10,992 x 16 (pen positions 0..100, scaled to [0,1]), 10 classes",
        "pendigits",
        16,
        100,
        SOURCE,
        downloads,
        downloader);
  }
}
