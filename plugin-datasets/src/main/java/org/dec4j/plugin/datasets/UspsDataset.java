package org.dec4j.plugin.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
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
import org.dec4j.plugin.datasets.format.Hdf5;
import org.dec4j.plugin.datasets.format.Labels;
import org.dec4j.plugin.datasets.format.TextTable;

/**
 * USPS handwritten digits: 9,298 16x16 greyscale images (7,291 train + 2,007 test), 10 classes,
 * features in [0, 1].
 *
 * <p>Two file forms are read, and give the same matrix (to float rounding, about 1e-7):
 *
 * <ul>
 *   <li>{@code usps.h5}, the Kaggle "bistaumanga/usps-dataset" HDF5 file: groups {@code train} and
 *       {@code test}, each with {@code data} (N x 256 floats, already {@code (v + 1) / 2} in [0,
 *       1]) and {@code target} (labels 0..9). Read with jHDF, a pure-Java HDF5 reader.
 *   <li>{@code zip.train.gz} and {@code zip.test.gz}, the text form of <i>The Elements of
 *       Statistical Learning</i>: one digit per line, the label then 256 values in [-1, 1],
 *       separated by spaces; mapped to {@code (v + 1) / 2}.
 * </ul>
 *
 * Option {@code format} chooses ({@code auto} prefers the HDF5 file when both are present). Only
 * the ESL text form can be downloaded; it is verified by the SHA-256 of its gunzipped text (the ESL
 * site's gzip layer is not checksummed anywhere, the text inside is what matters).
 *
 * <p>Source: J. J. Hull, "A database for handwritten text recognition research", IEEE TPAMI 16(5),
 * 1994; ESL zip code data, https://hastie.su.domains/ElemStatLearn/.
 */
public final class UspsDataset implements Dataset {
  static final String ID = "usps";
  static final String SOURCE =
      "USPS digits, J.J. Hull, IEEE TPAMI 16(5) 1994; text form: ESL zip code data,"
          + " https://hastie.su.domains/ElemStatLearn/datasets/ (zip.train.gz, zip.test.gz); HDF5 form: Kaggle"
          + " bistaumanga/usps-dataset (usps.h5)";
  static final String ESL = "https://hastie.su.domains/ElemStatLearn/datasets/";
  static final int SIDE = 16;
  static final int CLASSES = 10;

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "USPS handwritten digits, 9,298 x 256 (16x16 in [0,1]), 10 classes",
          List.of(
              Support.split(),
              HyperparameterSpec.ofChoice(
                  "format",
                  "auto",
                  List.of("auto", "h5", "text"),
                  "File form: auto (usps.h5 if present, else zip.train.gz/zip.test.gz), h5 or text.")),
          Dec4jApi.VERSION);
  private final Locator locator;
  private final Map<String, RemoteFile> downloads;

  /** Creates the provider (cheap: no I/O). */
  public UspsDataset() {
    this(eslDownloads(ESL), new Downloader());
  }

  /** For tests: other download sources. */
  UspsDataset(Map<String, RemoteFile> downloads, Downloader downloader) {
    this.downloads = Map.copyOf(downloads);
    this.locator = new Locator(ID, List.of(), downloader);
  }

  /**
   * The ESL text files, verified by the SHA-256 of their gunzipped text.
   *
   * @param base the base URL
   * @return the downloads by key
   */
  static Map<String, RemoteFile> eslDownloads(String base) {
    Map<String, RemoteFile> out = new LinkedHashMap<>();
    out.put(
        "train-text",
        new RemoteFile(
            "zip.train.gz",
            List.of(URI.create(base + "zip.train.gz")),
            null,
            null,
            "b082ece2f79202b8352d8609d3603d50bf07d7d8ee825c4f13e28c8fb40dcec5"));
    out.put(
        "test-text",
        new RemoteFile(
            "zip.test.gz",
            List.of(URI.create(base + "zip.test.gz")),
            null,
            null,
            "6bde17b4f1cd68e0630cd2751d6495b5795d9165ab2dc4a0be8b7002b732f4cc"));
    return out;
  }

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    return locator.hint(request, layouts(request.options()), new Locator.Source(SOURCE, downloads));
  }

  private static List<Layout> layouts(Hyperparameters options) {
    Layout h5 = new Layout("HDF5", List.of(FileSpec.of("h5", "usps.h5")));
    List<FileSpec> text = new ArrayList<>();
    for (String part : Support.parts(options)) {
      text.add(FileSpec.of(part + "-text", "zip." + part + ".gz", "zip." + part));
    }
    Layout esl = new Layout("ESL text", text);
    return switch (options.getString("format")) {
      case "h5" -> List.of(h5);
      case "text" -> List.of(esl);
      default -> List.of(h5, esl);
    };
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters options = request.options();
    Locator.Found found =
        locator.locate(request, layouts(options), new Locator.Source(SOURCE, downloads));
    boolean h5 = found.layout().files().getFirst().key().equals("h5");
    List<float[]> blocks = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      if (h5) {
        Path file = found.file("h5");
        readH5(file, part, blocks, labels);
        if (!files.contains(file)) {
          files.add(file);
        }
      } else {
        Path file = found.file(part + "-text");
        readText(file, blocks, labels);
        files.add(file);
      }
    }
    float[] values = Support.concat(blocks);
    int[] y = Support.concatInts(labels);
    return Support.result(
            ID,
            new FeatureMatrix(values, y.length, SIDE * SIDE),
            y,
            CLASSES,
            SOURCE,
            files,
            options,
            (h5 ? "form=h5" : "form=text, values (v+1)/2") + "; features in [0,1]")
        .withImage(ImageShape.gray(SIDE, SIDE));
  }

  private static void readH5(Path file, String part, List<float[]> blocks, List<int[]> labels) {
    Hdf5.Floats data = Hdf5.readFloats(file, "/" + part + "/data");
    int[] dims = data.dims();
    if (dims.length != 2 || dims[1] != SIDE * SIDE) {
      throw new DataException(
          file
              + ": dataset /"
              + part
              + "/data has dimensions "
              + java.util.Arrays.toString(dims)
              + ", expected N x 256");
    }
    int[] y = Hdf5.readInts(file, "/" + part + "/target");
    if (y.length != dims[0]) {
      throw new DataException(
          file
              + ": /"
              + part
              + "/data has "
              + dims[0]
              + " images but /"
              + part
              + "/target has "
              + y.length
              + " labels");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= CLASSES) {
        throw new DataException(
            file
                + ": /"
                + part
                + "/target element "
                + i
                + ": label "
                + y[i]
                + " is outside the class range [0, 9]");
      }
    }
    float[] v = data.values();
    checkRange(file, "/" + part + "/data", v, 0f, 1f);
    blocks.add(v);
    labels.add(y);
  }

  private static void readText(Path file, List<float[]> blocks, List<int[]> labels) {
    TextTable.Table t =
        TextTable.read(
            file,
            new TextTable.Spec(
                TextTable.Delimiter.WHITESPACE, TextTable.Header.ABSENT, "0", 1 + SIDE * SIDE, ID));
    int[] y = Labels.integers(t.labels(), t.lines(), file, 0, CLASSES - 1);
    float[] v = t.values();
    for (int i = 0; i < v.length; i++) {
      float x = v[i];
      if (x < -1f - 1e-6f || x > 1f + 1e-6f) {
        throw new DataException(
            file
                + ": line "
                + t.lines()[i / t.cols()]
                + ", column "
                + (1 + i % t.cols())
                + ": value "
                + x
                + " is outside [-1, 1]");
      }
      v[i] = (x + 1f) / 2f;
    }
    blocks.add(v);
    labels.add(y);
  }

  private static void checkRange(Path file, String what, float[] v, float lo, float hi) {
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= lo - 1e-6f && v[i] <= hi + 1e-6f)) {
        throw new DataException(
            file
                + ": "
                + what
                + " value "
                + v[i]
                + " at row "
                + (i / (SIDE * SIDE))
                + ", column "
                + (i % (SIDE * SIDE))
                + " is outside ["
                + lo
                + ", "
                + hi
                + "]");
      }
    }
  }
}
