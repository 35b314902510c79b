package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.Locator;
import org.dec4j.plugin.datasets.files.Locator.FileSpec;
import org.dec4j.plugin.datasets.files.Locator.Layout;
import org.dec4j.plugin.datasets.files.RemoteFile;
import org.dec4j.plugin.datasets.format.Idx;

/**
 * An MNIST-style image set in four IDX files: {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * gzipped ({@code .gz}, the published form) or plain (also the original {@code
 * train-images.idx3-ubyte} spelling).
 *
 * <p>Pixels are divided by the {@code pixel_divisor} option, 255 by default, so features are in [0,
 * 1]; images are flattened row by row. The default split {@code all} concatenates train then test
 * (70,000 x 784 for MNIST), as the DEC and IDEC reference implementations do.
 */
abstract class IdxImageDataset implements Dataset {

  private final PluginInfo info;
  private final int height;
  private final int width;
  private final int classes;
  private final String source;
  private final Locator locator;
  private final Map<String, RemoteFile> downloads;

  /**
   * Creates the provider.
   *
   * @param info the metadata
   * @param height image height
   * @param width image width
   * @param classes the number of classes
   * @param source canonical source, for provenance and messages
   * @param systemDirectories directories searched after the search path
   * @param downloads downloadable files by key ({@code train-images}, ...)
   * @param downloader the downloader
   */
  IdxImageDataset(
      PluginInfo info,
      int height,
      int width,
      int classes,
      String source,
      List<Path> systemDirectories,
      Map<String, RemoteFile> downloads,
      Downloader downloader) {
    this.info = info;
    this.height = height;
    this.width = width;
    this.classes = classes;
    this.source = source;
    this.downloads = Map.copyOf(downloads);
    this.locator = new Locator(info.id(), systemDirectories, downloader);
  }

  /**
   * The standard IDX file names of a part ({@code train} or {@code t10k}) and kind ({@code
   * images}/{@code labels}).
   */
  static FileSpec spec(String part, String kind) {
    String file = part.equals("train") ? "train" : "t10k";
    String idx = kind.equals("images") ? "idx3" : "idx1";
    return FileSpec.of(
        part + "-" + kind,
        file + "-" + kind + "-" + idx + "-ubyte.gz",
        file + "-" + kind + "-" + idx + "-ubyte",
        file + "-" + kind + "." + idx + "-ubyte");
  }

  /**
   * Builds the download table for the standard file names.
   *
   * @param md5 MD5 per key, in the order train-images, train-labels, test-images, test-labels
   * @param sha256 SHA-256 per key, same order
   * @param bases base URLs, tried in order
   * @return the table
   */
  static Map<String, RemoteFile> downloads(String[] md5, String[] sha256, String... bases) {
    Map<String, RemoteFile> out = new LinkedHashMap<>();
    String[][] parts = {
      {"train", "images"}, {"train", "labels"}, {"test", "images"}, {"test", "labels"}
    };
    for (int i = 0; i < parts.length; i++) {
      FileSpec spec = spec(parts[i][0], parts[i][1]);
      out.put(spec.key(), RemoteFile.of(spec.names().getFirst(), md5[i], sha256[i], bases));
    }
    return out;
  }

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    return locator.hint(request, layouts(request.options()), source());
  }

  private Locator.Source source() {
    return new Locator.Source(source, downloads);
  }

  private List<Layout> layouts(Hyperparameters options) {
    List<FileSpec> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      files.add(spec(part, "images"));
      files.add(spec(part, "labels"));
    }
    return List.of(new Layout("IDX", files));
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters options = request.options();
    Locator.Found found = locator.locate(request, layouts(options), source());
    List<Idx.Array> images = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      Path imageFile = found.file(part + "-images");
      Path labelFile = found.file(part + "-labels");
      Idx.Array img = Idx.read(imageFile, 3);
      if (img.dims()[1] != height || img.dims()[2] != width) {
        throw new DataException(
            imageFile
                + ": wrong IDX dimensions: images are "
                + img.dims()[1]
                + " x "
                + img.dims()[2]
                + ", expected "
                + height
                + " x "
                + width
                + " for "
                + info.id());
      }
      Idx.Array lab = Idx.read(labelFile, 1);
      if (lab.count() != img.count()) {
        throw new DataException(
            info.id()
                + ": image/label count mismatch: "
                + imageFile
                + " has "
                + img.count()
                + " images but "
                + labelFile
                + " has "
                + lab.count()
                + " labels");
      }
      int[] y = new int[lab.count()];
      byte[] raw = lab.data();
      for (int i = 0; i < y.length; i++) {
        y[i] = raw[i] & 0xFF;
        if (y[i] >= classes) {
          throw new DataException(
              labelFile
                  + ": label "
                  + y[i]
                  + " of item "
                  + i
                  + " (byte "
                  + (8 + i)
                  + ") is outside the class range [0, "
                  + (classes - 1)
                  + "]");
        }
      }
      images.add(img);
      labels.add(y);
      files.add(imageFile);
      files.add(labelFile);
    }
    int d = height * width;
    long n = 0;
    for (Idx.Array a : images) {
      n += a.count();
    }
    if (n * d > Integer.MAX_VALUE - 16) {
      throw new DataException(info.id() + ": " + n + " images do not fit one array");
    }
    float divisor = (float) options.getDouble("pixel_divisor");
    float[] byteValue = new float[256];
    for (int i = 0; i < 256; i++) {
      // float division, so the default 255 gives exactly the features (and checksums) of i / 255f
      byteValue[i] = i / divisor;
    }
    float[] values = new float[(int) (n * d)];
    int at = 0;
    for (Idx.Array a : images) {
      byte[] px = a.data();
      for (int i = 0; i < px.length; i++) {
        values[at++] = byteValue[px[i] & 0xFF];
      }
    }
    return Support.result(
            info.id(),
            new FeatureMatrix(values, (int) n, d),
            Support.concatInts(labels),
            classes,
            source,
            files,
            options,
            "pixels/"
                + trim(divisor)
                + " in [0,"
                + trim(255f / divisor)
                + "]; files from "
                + found.directory())
        .withImage(ImageShape.gray(height, width));
  }

  private static String trim(float v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v);
  }
}
