package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dec4j.api.HyperparameterSpec;
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
  static HyperparameterSpec split() {
    return HyperparameterSpec.ofChoice(
        "split",
        "all",
        List.of("all", "train", "test"),
        "Which part to load: all (train then test, concatenated as in the DEC/IDEC papers), train or test.");
  }

  /**
   * The {@code pixel_divisor} option of 8-bit image sets: features are the stored bytes divided by
   * it.
   *
   * <p>The references disagree: DEC-keras divides MNIST and Fashion-MNIST by 255 ([0, 1], the
   * default here), while the DEC authors' Caffe code multiplies MNIST by 0.02 (their paper
   * normalises every data set so that the mean squared feature is about 1) and the IDEC code, which
   * the IDEC paper's MNIST figures come from, copies that as a division by 50.
   *
   * @return the declaration (default 255)
   */
  static HyperparameterSpec pixelDivisor() {
    return HyperparameterSpec.ofReal(
        "pixel_divisor",
        255.0,
        1e-3,
        1e6,
        "Pixels (bytes 0-255) are divided by this: 255 gives [0, 1] (DEC-keras); 50 is the DEC paper's"
            + " Caffe scaling (x 0.02), which the IDEC code uses on MNIST.");
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
  static LoadedDataset result(
      String id,
      FeatureMatrix features,
      int[] labels,
      int classes,
      String source,
      List<Path> files,
      Hyperparameters options,
      String details) {
    List<String> paths =
        files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    String description =
        describe(options.asMap()) + (details == null || details.isEmpty() ? "" : "; " + details);
    DataProvenance provenance =
        new DataProvenance(source, paths, LoadedDataset.checksum(features, labels), description);
    return new LoadedDataset(id, features, labels, classes, provenance);
  }

  /** Formats options as {@code name=value, ...} in declaration order. */
  static String describe(Map<String, Object> options) {
    return options.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
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
