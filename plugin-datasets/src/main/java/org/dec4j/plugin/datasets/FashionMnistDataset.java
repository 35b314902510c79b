package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.RemoteFile;

/**
 * Fashion-MNIST: 70,000 28x28 greyscale images of clothing (60,000 train + 10,000 test), 10
 * classes, features = pixels / 255 (option {@code pixel_divisor}).
 *
 * <p>Files: the four IDX files under MNIST's names, gzipped or not, in {@code <dir>/fashion-mnist/}
 * or {@code <dir>/} of a search-path directory, then in {@code /usr/share/datasets/fashion-mnist/},
 * where Debian's {@code dataset-fashion-mnist} package installs them (same four {@code .gz} names;
 * Debian re-compressed them, so the {@code .gz} bytes differ from the official ones while the
 * content is identical). Downloads come from Zalando's S3 bucket, verified by the published MD5.
 *
 * <p>Source: H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking
 * Machine Learning Algorithms", arXiv:1708.07747, 2017 (MIT licence).
 */
public final class FashionMnistDataset extends IdxImageDataset {
  static final String ID = "fashion-mnist";
  static final String SOURCE =
      "Fashion-MNIST, H. Xiao, K. Rasul, R. Vollgraf, arXiv:1708.07747,"
          + " https://github.com/zalandoresearch/fashion-mnist (files: http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/,"
          + " or Debian package dataset-fashion-mnist)";

  /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
  static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  static final String[] MD5 = {
    "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "25c81989df183df01b3e8a0aad5dffbe",
    "bef4ecab320f06d8554ea6380940ec79",
    "bb300cfdad3c16e7a12a480ee83cd310"
  };
  static final String[] SHA256 = {
    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"
  };

  /** Creates the provider (cheap: no I/O). */
  public FashionMnistDataset() {
    this(
        List.of(DEBIAN_DIRECTORY),
        downloads(MD5, SHA256, "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        new Downloader());
  }

  /** For tests: other system directories and download sources. */
  FashionMnistDataset(
      List<Path> systemDirectories, Map<String, RemoteFile> downloads, Downloader downloader) {
    super(
        new PluginInfo(
            ID,
            Support.VERSION,
            "Fashion-MNIST clothing images, 70,000 x 784 (28x28 pixels/255), 10 classes",
            List.of(Support.split(), Support.pixelDivisor()),
            Dec4jApi.VERSION),
        28,
        28,
        10,
        SOURCE,
        systemDirectories,
        downloads,
        downloader);
  }
}
