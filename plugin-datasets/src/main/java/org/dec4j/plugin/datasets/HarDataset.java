package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.Locator;
import org.dec4j.plugin.datasets.files.Locator.FileSpec;
import org.dec4j.plugin.datasets.files.Locator.Layout;
import org.dec4j.plugin.datasets.format.Labels;
import org.dec4j.plugin.datasets.format.TextTable;

/**
 * UCI Human Activity Recognition Using Smartphones: 10,299 windows (7,352 train + 2,947 test) of
 * 561 accelerometer and gyroscope features (already normalised to [-1, 1] by the publishers, used
 * as stored), 6 activities (file labels 1..6 become classes 0..5: walking, walking upstairs,
 * walking downstairs, sitting, standing, laying).
 *
 * <p>Files: {@code X_train.txt}, {@code y_train.txt}, {@code X_test.txt}, {@code y_test.txt}
 * (whitespace-separated numbers, optionally gzipped), either side by side, or as the UCI zip
 * unpacks them ({@code train/X_train.txt}, ..., or under {@code UCI HAR Dataset/}). There is no
 * download with a published checksum: get the zip from UCI and unpack it.
 *
 * <p>Source: D. Anguita, A. Ghio, L. Oneto, X. Parra, J. L. Reyes-Ortiz, "A Public Domain Dataset
 * for Human Activity Recognition Using Smartphones", ESANN 2013.
 */
public final class HarDataset implements Dataset {
  static final String ID = "har";
  static final int FEATURES = 561;
  static final int CLASSES = 6;
  static final String SOURCE =
      "UCI Human Activity Recognition Using Smartphones (Anguita et al., ESANN 2013),"
          + " https://archive.ics.uci.edu/dataset/240 ('UCI HAR Dataset.zip', unpack it)";

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "UCI HAR smartphone activity, 10,299 x 561 features in [-1,1], 6 classes",
          List.of(Support.split()),
          Dec4jApi.VERSION);
  private final Locator locator = new Locator(ID, List.of(), new Downloader());

  /** Creates the provider (cheap: no I/O). */
  public HarDataset() {}

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    return locator.hint(request, layouts(request.options()), new Locator.Source(SOURCE, Map.of()));
  }

  private static List<Layout> layouts(Hyperparameters options) {
    List<Layout> out = new ArrayList<>();
    String[][] forms = {
      {"flat", ""}, {"UCI zip", "%s/"}, {"UCI zip folder", "UCI HAR Dataset/%s/"}
    };
    for (String[] form : forms) {
      List<FileSpec> files = new ArrayList<>();
      for (String part : Support.parts(options)) {
        String dir = form[1].isEmpty() ? "" : String.format(form[1], part);
        files.add(
            FileSpec.of(part + "-x", dir + "X_" + part + ".txt", dir + "X_" + part + ".txt.gz"));
        files.add(
            FileSpec.of(part + "-y", dir + "y_" + part + ".txt", dir + "y_" + part + ".txt.gz"));
      }
      out.add(new Layout(form[0], files));
    }
    return out;
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters options = request.options();
    Locator.Found found =
        locator.locate(request, layouts(options), new Locator.Source(SOURCE, Map.of()));
    List<float[]> blocks = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String part : Support.parts(options)) {
      Path xFile = found.file(part + "-x");
      Path yFile = found.file(part + "-y");
      TextTable.Table x =
          TextTable.read(
              xFile,
              new TextTable.Spec(
                  TextTable.Delimiter.WHITESPACE, TextTable.Header.ABSENT, null, FEATURES, ID));
      TextTable.Table y =
          TextTable.read(
              yFile,
              new TextTable.Spec(
                  TextTable.Delimiter.WHITESPACE, TextTable.Header.ABSENT, null, 1, ID));
      if (x.rows() != y.rows()) {
        throw new DataException(
            ID
                + ": sample/label count mismatch: "
                + xFile
                + " has "
                + x.rows()
                + " rows but "
                + yFile
                + " has "
                + y.rows()
                + " labels");
      }
      blocks.add(x.values());
      labels.add(Labels.integers(y.values(), y.lines(), yFile, 1, CLASSES));
      files.add(xFile);
      files.add(yFile);
    }
    int[] yAll = Support.concatInts(labels);
    return Support.result(
        ID,
        new FeatureMatrix(Support.concat(blocks), yAll.length, FEATURES),
        yAll,
        CLASSES,
        SOURCE,
        files,
        options,
        "labels 1..6 mapped to 0..5; features as stored");
  }
}
