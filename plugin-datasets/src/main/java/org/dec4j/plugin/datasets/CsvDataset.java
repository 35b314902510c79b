package org.dec4j.plugin.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dec4j.api.ConfigException;
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
import org.dec4j.plugin.datasets.format.Arff;
import org.dec4j.plugin.datasets.format.Labels;
import org.dec4j.plugin.datasets.format.TextTable;

/**
 * Any numeric matrix the user has: delimited text (CSV, TSV, semicolon- or whitespace-separated,
 * optionally gzipped) or Weka ARFF (by the {@code .arff} / {@code .arff.gz} extension).
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code path} (required): the file. A relative path is tried against the working directory,
 *       then against each search-path directory.
 *   <li>{@code delimiter}: {@code auto} sniffs the first two lines (tab, then semicolon, then
 *       comma, when the count agrees; else whitespace), or {@code comma}, {@code tab}, {@code
 *       semicolon}, {@code whitespace}.
 *   <li>{@code header}: {@code auto} treats the first row as column names when one of its fields is
 *       not a number while the same field of the second row is; or {@code true} / {@code false}.
 *   <li>{@code label_column}: a header name, else a 0-based index; that column becomes the labels
 *       and every other column must be numeric. Unset: no labels.
 *   <li>{@code label_order}: how distinct labels become classes {@code 0..c-1}: {@code sorted}
 *       (numerically when every label is a number, so labels 1..6 become 0..5, otherwise by code
 *       point) or {@code first_seen} (order of first appearance in the file). ARFF nominal labels
 *       always use their declared order.
 *   <li>{@code scale}: {@code none}, {@code minmax} (per column into [0, 1]) or {@code standard}
 *       (per column zero mean, unit variance), with statistics fitted on the file's rows, or those
 *       of a saved model's training data when the request carries them ({@link
 *       org.dec4j.api.data.DatasetRequest#scaling()}).
 * </ul>
 *
 * The loaded data name their columns when the file has a header (or is ARFF), and report the
 * scaling applied, so that a saved model can check and scale new files the same way. Ragged rows,
 * non-numeric or non-finite values and empty files fail with the line and column.
 */
public final class CsvDataset implements Dataset {
  static final String ID = "csv";

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "A user matrix from a CSV/TSV/whitespace text file or an ARFF file, optional label column",
          List.of(
              HyperparameterSpec.ofText(
                  "path", null, "The file to load (required); .arff files are read as ARFF."),
              HyperparameterSpec.ofChoice(
                  "delimiter",
                  "auto",
                  List.of("auto", "comma", "tab", "semicolon", "whitespace"),
                  "Field separator; auto sniffs tab, semicolon, comma, then whitespace."),
              HyperparameterSpec.ofChoice(
                  "header",
                  "auto",
                  List.of("auto", "true", "false"),
                  "Whether the first row names the columns; auto detects a non-numeric first row."),
              HyperparameterSpec.ofText(
                  "label_column",
                  null,
                  "Column holding class labels, by header name or 0-based index; unset for none."),
              HyperparameterSpec.ofChoice(
                  "label_order",
                  "sorted",
                  List.of("sorted", "first_seen"),
                  "How labels map to 0..c-1: sorted (numerically if all numbers) or first_seen."),
              HyperparameterSpec.ofChoice(
                  "scale",
                  "none",
                  Scaling.ids(Scaling.NONE, Scaling.MINMAX, Scaling.STANDARD),
                  "Per-column feature scaling: none, minmax (to [0,1]) or standard (z-score)."),
              HyperparameterSpec.ofText(
                  "image_shape",
                  null,
                  "When each row is an image's pixels, its shape HEIGHTxWIDTH (or HEIGHTxWIDTHx3), row by row, e.g. "
                      + "28x28: reports then show samples as pictures.")),
          Dec4jApi.VERSION);

  /** Creates the provider (cheap: no I/O). */
  public CsvDataset() {}

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    String path = request.options().getString("path");
    return ID
        + ": reads the file given by option path"
        + (path == null ? "" : " (" + path + ")")
        + "; relative paths are tried in the working directory, then in "
        + request.searchPath();
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters options = request.options();
    String shape = options.getString("image_shape");
    ImageShape image = shape == null || shape.isBlank() ? null : ImageShape.parse(shape);
    Path file = resolve(options.getString("path"), request);
    String labelColumn = options.getString("label_column");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean arff = name.endsWith(".arff") || name.endsWith(".arff.gz");
    TextTable.Table table;
    int[] labels = null;
    int classes = 0;
    String details;
    if (arff) {
      Arff.Result r = Arff.read(file, labelColumn, ID + ": label_column");
      table = r.table();
      if (table.labels() != null) {
        if (r.labelClasses() != null) {
          labels = new int[table.rows()];
          for (int i = 0; i < labels.length; i++) {
            labels[i] = r.labelClasses().indexOf(table.labels()[i]);
          }
          classes = r.labelClasses().size();
        } else {
          Labels.Encoded e = Labels.encode(table.labels(), order(options));
          labels = e.codes();
          classes = e.classes().size();
        }
      }
      details =
          "format=arff"
              + (r.labelClasses() == null ? "" : ", classes in declared order " + r.labelClasses());
    } else {
      table =
          TextTable.read(
              file,
              new TextTable.Spec(
                  delimiter(options), header(options), labelColumn, 0, ID + ": label_column"));
      details =
          "format=text, delimiter="
              + table.delimiter().name().toLowerCase(Locale.ROOT)
              + ", header="
              + table.hasHeader();
      if (table.labels() != null) {
        Labels.Encoded e = Labels.encode(table.labels(), order(options));
        labels = e.codes();
        classes = e.classes().size();
        details += ", classes " + abbreviate(e.classes());
      }
    }
    if (table.labelName() != null) {
      details += ", label column '" + table.labelName() + "'";
    }
    if (image != null && image.values() != table.cols()) {
      throw new ConfigException(
          ID
              + ": image_shape = "
              + shape
              + " needs "
              + image.values()
              + " features per row; "
              + file
              + " has "
              + table.cols());
    }
    float[] values = table.values();
    FeatureScaling scaling =
        Scaling.of(options.getString(Scaling.OPTION))
            .apply(ID + " (" + file + ")", request, values, table.rows(), table.cols(), 1f);
    return Support.result(
            ID,
            new FeatureMatrix(values, table.rows(), table.cols()),
            labels,
            classes,
            "user file " + file.toAbsolutePath().normalize(),
            List.of(file),
            options,
            details)
        .withPreprocessing(arff || table.hasHeader() ? table.featureNames() : null, scaling)
        .withImage(image);
  }

  private static Path resolve(String path, DatasetRequest request) {
    if (path == null || path.isBlank()) {
      throw new ConfigException(
          ID + ": path is missing; it is required (the file to load, e.g. path=data.csv)");
    }
    Path p = Path.of(path.trim());
    Set<Path> tried = new LinkedHashSet<>();
    tried.add(p.toAbsolutePath().normalize());
    if (!p.isAbsolute()) {
      for (Path dir : request.searchPath()) {
        tried.add(dir.resolve(p).toAbsolutePath().normalize());
      }
    }
    for (Path candidate : tried) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    for (Path candidate : tried) {
      if (Files.isDirectory(candidate)) {
        throw new DataException(
            ID + ": path '" + path + "' is a directory (" + candidate + "), not a data file");
      }
    }
    List<String> places = new ArrayList<>();
    tried.forEach(t -> places.add(t.toString()));
    throw new DataException(
        ID + ": file '" + path + "' (option path) not found; tried " + String.join(", ", places));
  }

  private static TextTable.Delimiter delimiter(Hyperparameters options) {
    return TextTable.Delimiter.valueOf(options.getString("delimiter").toUpperCase(Locale.ROOT));
  }

  private static TextTable.Header header(Hyperparameters options) {
    return switch (options.getString("header")) {
      case "true" -> TextTable.Header.PRESENT;
      case "false" -> TextTable.Header.ABSENT;
      default -> TextTable.Header.AUTO;
    };
  }

  private static Labels.Order order(Hyperparameters options) {
    return options.getString("label_order").equals("first_seen")
        ? Labels.Order.FIRST_SEEN
        : Labels.Order.SORTED;
  }

  private static String abbreviate(List<String> classes) {
    return classes.size() <= 12
        ? classes.toString()
        : classes.subList(0, 12).toString().replace("]", ", ... (" + classes.size() + " in all)]");
  }
}
