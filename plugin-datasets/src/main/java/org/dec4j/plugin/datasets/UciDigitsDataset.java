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
import org.dec4j.api.data.FeatureScaling;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.Locator;
import org.dec4j.plugin.datasets.files.Locator.FileSpec;
import org.dec4j.plugin.datasets.files.Locator.Layout;
import org.dec4j.plugin.datasets.files.RemoteFile;
import org.dec4j.plugin.datasets.format.Labels;
import org.dec4j.plugin.datasets.format.TextTable;

/**
 * A UCI digits set in its original layout: {@code <name>.tra} and {@code <name>.tes}, one sample
 * per line, {@code d} integer features in {@code [0, max]} then the class label 0..9, separated by
 * commas.
 *
 * <p>Scaling (option {@code scale}): {@code range} (default) divides by the documented maximum, so
 * features are in [0, 1] with the same transform for every split; this is what the DEC-keras and
 * IDEC loaders do for pendigits ({@code x / 100}). {@code minmax} scales each column by its
 * observed range in the loaded rows (scikit-learn's {@code MinMaxScaler}); {@code none} keeps the
 * raw integers.
 */
abstract class UciDigitsDataset implements Dataset {
  private final PluginInfo info;
  private final String name;
  private final int dimension;
  private final int max;
  private final String source;
  private final Locator locator;
  private final Map<String, RemoteFile> downloads;

  UciDigitsDataset(
      String id,
      String description,
      String name,
      int dimension,
      int max,
      String source,
      Map<String, RemoteFile> downloads,
      Downloader downloader) {
    this.info =
        new PluginInfo(
            id,
            Support.VERSION,
            description,
            List.of(
                Support.split(),
                HyperparameterSpec.ofChoice(
                    "scale",
                    "range",
                    Scaling.ids(Scaling.RANGE, Scaling.MINMAX, Scaling.NONE),
                    "Feature scaling: range (divide by "
                        + max
                        + ", into [0,1]), minmax (per-column observed range) or none.")),
            Dec4jApi.VERSION);
    this.name = name;
    this.dimension = dimension;
    this.max = max;
    this.source = source;
    this.downloads = Map.copyOf(downloads);
    this.locator = new Locator(id, List.of(), downloader);
  }

  /**
   * The UCI files with their SHA-256.
   *
   * @param name the file stem
   * @param base the base URL
   * @param trainSha256 SHA-256 of {@code .tra}
   * @param testSha256 SHA-256 of {@code .tes}
   * @return the downloads by key
   */
  static Map<String, RemoteFile> downloads(
      String name, String base, String trainSha256, String testSha256) {
    Map<String, RemoteFile> out = new LinkedHashMap<>();
    out.put(
        "train",
        new RemoteFile(
            name + ".tra", List.of(URI.create(base + name + ".tra")), null, trainSha256, null));
    out.put(
        "test",
        new RemoteFile(
            name + ".tes", List.of(URI.create(base + name + ".tes")), null, testSha256, null));
    return out;
  }

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    return locator.hint(request, layouts(request.options()), new Locator.Source(source, downloads));
  }

  private List<Layout> layouts(Hyperparameters options) {
    List<FileSpec> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      String ext = part.equals("train") ? ".tra" : ".tes";
      files.add(FileSpec.of(part, name + ext, name + ext + ".gz"));
    }
    return List.of(new Layout("UCI", files));
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters options = request.options();
    Locator.Found found =
        locator.locate(request, layouts(options), new Locator.Source(source, downloads));
    List<float[]> blocks = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      Path file = found.file(part);
      TextTable.Table t =
          TextTable.read(
              file,
              new TextTable.Spec(
                  TextTable.Delimiter.COMMA,
                  TextTable.Header.ABSENT,
                  Integer.toString(dimension),
                  dimension + 1,
                  info.id()));
      float[] v = t.values();
      for (int i = 0; i < v.length; i++) {
        if (v[i] < 0 || v[i] > max) {
          throw new DataException(
              file
                  + ": line "
                  + t.lines()[i / dimension]
                  + ", column "
                  + (i % dimension)
                  + ": value "
                  + v[i]
                  + " is outside the documented range [0, "
                  + max
                  + "]");
        }
      }
      blocks.add(v);
      labels.add(Labels.integers(t.labels(), t.lines(), file, 0, 9));
      files.add(file);
    }
    float[] values = Support.concat(blocks);
    int[] y = Support.concatInts(labels);
    Scaling scaling = Scaling.of(options.getString(Scaling.OPTION));
    FeatureScaling applied = scaling.apply(info.id(), request, values, y.length, dimension, max);
    return Support.result(
            info.id(),
            new FeatureMatrix(values, y.length, dimension),
            y,
            10,
            source,
            files,
            options,
            switch (scaling) {
              case RANGE -> "features / " + max;
              case MINMAX -> "features min-max scaled per column";
              default -> "raw integer features";
            })
        .withPreprocessing(null, applied)
        .withImage(image());
  }

  /** {@return the images' shape when the features are pixels, else null} */
  ImageShape image() {
    return null;
  }
}
