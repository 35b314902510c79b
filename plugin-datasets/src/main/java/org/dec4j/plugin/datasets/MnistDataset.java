package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.RemoteFile;

/**
 * MNIST handwritten digits: 70,000 28x28 greyscale images (60,000 train + 10,000 test), 10 classes,
 * features = pixels / 255 (option {@code pixel_divisor}).
 *
 * <p>Files: the four official IDX files ({@code train-images-idx3-ubyte.gz}, ...), gzipped or not,
 * in {@code <dir>/mnist/} or {@code <dir>/} of a search-path directory. Downloads come from the
 * PyTorch mirror of the official files, then yann.lecun.com, verified by the published MD5 and the
 * SHA-256 of the official files.
 *
 * <p>Source: Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits".
 */
public final class MnistDataset extends IdxImageDataset {
  static final String ID = "mnist";
  static final String SOURCE =
      "MNIST, Y. LeCun, C. Cortes, C.J.C. Burges, http://yann.lecun.com/exdb/mnist/"
          + " (mirror https://ossci-datasets.s3.amazonaws.com/mnist/)";

  /** The published checksums, in the order train-images, train-labels, t10k-images, t10k-labels. */
  static final String[] MD5 = {
    "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "d53e105ee54ea40749a09fcbcd1e9432",
    "9fb629c4189551a2d022fa330f9573f3",
    "ec29112dd5afa0611ce80d1b7f02629c"
  };

  static final String[] SHA256 = {
    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"
  };

  /** Creates the provider (cheap: no I/O). */
  public MnistDataset() {
    this(
        downloads(
            MD5,
            SHA256,
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "http://yann.lecun.com/exdb/mnist/"),
        new Downloader());
  }

  /** For tests: other download sources. */
  MnistDataset(Map<String, RemoteFile> downloads, Downloader downloader) {
    super(
        new PluginInfo(
            ID,
            Support.VERSION,
            "MNIST handwritten digits, 70,000 x 784 (28x28 pixels/255), 10 classes",
            List.of(Support.split(), Support.pixelDivisor()),
            Dec4jApi.VERSION),
        28,
        28,
        10,
        SOURCE,
        List.<Path>of(),
        downloads,
        downloader);
  }
}
