package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dec4j.api.HyperParameter;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;

/** Helpers shared by the providers: common options, result assembly, provenance. */
final class Support {
  /** The version of every provider in this module. */
  static final String VERSION = "0.1.0";

  private Support() {}

  /**
   * The {@code split} option of data sets published as train and test parts.
   *
   * @return the declaration (default {@code all}: train then test, as the DEC/IDEC references do)
   */
  static HyperParameter split() {
    return HyperParameter.ofChoice("split", "all", List.of("all", "train", "test"),
        "Which part to load: all (train then test, concatenated as in the DEC/IDEC papers), train or test.");
  }

  /** Returns the parts a split option selects, in load order. */
  static List<String> parts(Hyperparameters options) {
    return switch (options.getString("split")) {
      case "train" -> List.of("train");
      case "test" -> List.of("test");
      default -> List.of("train", "test");
    };
  }

  /**
   * Builds the loaded data set and its provenance.
   *
   * @param id the data set id
   * @param features the features
   * @param labels the labels, or null
   * @param classes the class count, or 0
   * @param source the canonical source
   * @param files the files read (made absolute)
   * @param options the options used
   * @param details extra facts about the load (e.g. the file form chosen), or null
   * @return the data set
   */
  static LoadedDataset result(String id, FeatureMatrix features, int[] labels, int classes, String source,
      List<Path> files, Hyperparameters options, String details) {
    List<String> paths = files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    String description = describe(options.asMap()) + (details == null || details.isEmpty() ? "" : "; " + details);
    DataProvenance provenance = new DataProvenance(source, paths, LoadedDataset.checksum(features, labels),
        description);
    return new LoadedDataset(id, features, labels, classes, provenance);
  }

  /** Formats options as {@code name=value, ...} in declaration order. */
  static String describe(Map<String, Object> options) {
    return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  /**
   * Concatenates row-major blocks with the same column count.
   *
   * @param blocks the blocks
   * @return one array
   */
  static float[] concat(List<float[]> blocks) {
    long n = 0;
    for (float[] b : blocks) {
      n += b.length;
    }
    float[] out = new float[Math.toIntExact(n)];
    int at = 0;
    for (float[] b : blocks) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    return out;
  }

  /**
   * Concatenates label arrays.
   *
   * @param blocks the blocks
   * @return one array
   */
  static int[] concatInts(List<int[]> blocks) {
    int n = 0;
    for (int[] b : blocks) {
      n += b.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] b : blocks) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    return out;
  }
}
