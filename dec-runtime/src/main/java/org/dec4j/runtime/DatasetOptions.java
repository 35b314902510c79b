package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.ClassSubsample;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.LoadedDataset;

/**
 * The options the runtime adds to every data set, implemented once where data sets are loaded
 * rather than in each plugin.
 *
 * <p>{@value #RETENTION} draws a per-class random subsample of a labelled data set, as the DEC
 * paper's experiment on imbalanced data does (Xie et al., ICML 2016, section 5.4): each sample of
 * class c is kept with probability r_c. {@code linear:R} keeps class 0 with probability R, the last
 * class with 1 and the classes between with linearly spaced rates, so the largest class is about
 * 1/R times the smallest; a comma-separated list gives every class's rate explicitly. The draw has
 * its own random stream, derived from the load's seed (a run's seed, or a suite data set's {@code
 * data_seed}) and independent of the weights', and is recorded in the data's provenance ({@link
 * ClassSubsample}: the rates, the seed and the rows per class before and after).
 */
public final class DatasetOptions {
  /** The per-class retention option. */
  public static final String RETENTION = "retention";

  private static final HyperparameterSpec RETENTION_SPEC =
      HyperparameterSpec.ofText(
          RETENTION,
          null,
          "keep a per-class random subsample (every data set with labels): linear:R keeps class 0 with probability R,"
              + " the last class with 1, the others linearly between; or one rate per class, comma-separated");

  private DatasetOptions() {}

  /**
   * A data set's metadata with the runtime's options added to its own (a data set that declares an
   * option of the same name keeps its own).
   *
   * @param dataset the data set
   * @return the metadata whose hyperparameters every option given for it is checked against
   */
  public static PluginInfo info(Dataset dataset) {
    PluginInfo own = dataset.info();
    if (declaresItself(own)) {
      return own;
    }
    List<HyperparameterSpec> all = new ArrayList<>(own.hyperparameters());
    all.add(RETENTION_SPEC);
    return new PluginInfo(own.id(), own.version(), own.description(), all, own.apiVersion());
  }

  /**
   * Checks options against a data set's and the runtime's declarations, {@code retention}'s form
   * included (its fit to the class count is checked when the data are loaded).
   *
   * @param dataset the data set
   * @param options the options given
   * @return the resolved options: the data set's own, then {@code retention} when it was given
   * @throws ConfigException naming the data set, the option and the value
   */
  public static Map<String, Object> resolve(Dataset dataset, Map<String, ?> options) {
    PluginInfo own = dataset.info();
    if (declaresItself(own)) {
      return own.resolve(options).asMap();
    }
    Map<String, Object> rest = new LinkedHashMap<>(options == null ? Map.of() : options);
    Object retention = rest.remove(RETENTION);
    Map<String, Object> out;
    try {
      out = new LinkedHashMap<>(own.resolve(rest).asMap());
    } catch (ConfigException e) {
      if (e.getMessage() != null && e.getMessage().contains("unknown hyperparameter")) {
        throw new ConfigException(
            e.getMessage() + " (and " + RETENTION + ", which every data set takes)", e);
      }
      throw e;
    }
    if (retention != null) {
      String rule = String.valueOf(retention).trim();
      parse(own.id(), rule);
      out.put(RETENTION, rule);
    }
    return out;
  }

  /**
   * Loads a data set, then applies the runtime's options.
   *
   * @param dataset the data set
   * @param options the options given
   * @param searchPath where to look for files
   * @param seed the load's seed (generated data, and the retention draw)
   * @param allowDownload whether missing files may be downloaded
   * @return the data, subsampled when asked
   * @throws ConfigException for invalid options
   * @throws DataException when the data cannot be loaded, or a retention is asked of data without
   *     labels
   */
  public static LoadedDataset load(
      Dataset dataset,
      Map<String, ?> options,
      List<Path> searchPath,
      long seed,
      boolean allowDownload) {
    Map<String, Object> resolved = resolve(dataset, options);
    PluginInfo own = dataset.info();
    Map<String, Object> forPlugin = new LinkedHashMap<>(resolved);
    Object rule = declaresItself(own) ? null : forPlugin.remove(RETENTION);
    Hyperparameters h = own.resolve(forPlugin);
    LoadedDataset data = dataset.load(new DatasetRequest(h, searchPath, seed, allowDownload));
    return rule == null ? data : retain(data, (String) rule, seed);
  }

  /**
   * Keeps each sample of class c with probability r_c.
   *
   * @param data labelled data
   * @param rule {@code linear:R} or one rate per class, comma-separated
   * @param seed the load's seed; the draw uses a stream derived from it
   * @return the rows kept, in their order, with the subsample in the provenance
   * @throws DataException for data without labels
   * @throws ConfigException for a rule that does not fit the class count
   */
  public static LoadedDataset retain(LoadedDataset data, String rule, long seed) {
    if (data.labels() == null || data.classCount() < 1) {
      throw new DataException(
          data.id()
              + ": "
              + RETENTION
              + "="
              + rule
              + " keeps samples by class, but this data "
              + "set has no labels; leave "
              + RETENTION
              + " out, or load a labelled data set");
    }
    int classes = data.classCount();
    double[] rates = rates(data.id(), rule, classes);
    long drawSeed = Seeds.of(seed).retention();
    SplittableRandom random = new SplittableRandom(drawSeed);
    int[] labels = data.labels();
    int[] available = new int[classes];
    int[] kept = new int[classes];
    int[] index = new int[labels.length];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      available[c]++;
      // One draw per row whatever its class, so a row's fate depends on the seed and its position
      // only.
      double u = random.nextDouble();
      if (u < rates[c]) {
        kept[c]++;
        index[n++] = i;
      }
    }
    if (n == 0) {
      throw new DataException(
          data.id() + ": " + RETENTION + "=" + rule + " kept no sample of " + labels.length);
    }
    int[] rows = java.util.Arrays.copyOf(index, n);
    var features = data.features().select(rows);
    int[] newLabels = new int[n];
    for (int i = 0; i < n; i++) {
      newLabels[i] = labels[rows[i]];
    }
    List<Double> rateList = new ArrayList<>();
    List<Integer> availableList = new ArrayList<>();
    List<Integer> keptList = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      rateList.add(rates[c]);
      availableList.add(available[c]);
      keptList.add(kept[c]);
    }
    ClassSubsample subsample =
        new ClassSubsample(rule, rateList, drawSeed, availableList, keptList);
    var provenance =
        data.provenance().withSubsample(LoadedDataset.checksum(features, newLabels), subsample);
    return data.withRows(features, newLabels, provenance);
  }

  /**
   * The retention probability of each class.
   *
   * @param id the data set, for messages
   * @param rule the option's value
   * @param classes the class count
   * @return one rate per class, in [0, 1]
   * @throws ConfigException when the rule is malformed or gives another number of rates
   */
  static double[] rates(String id, String rule, int classes) {
    Parsed p = parse(id, rule);
    if (p.linearMin() >= 0) {
      double[] r = new double[classes];
      for (int c = 0; c < classes; c++) {
        r[c] = classes == 1 ? 1 : p.linearMin() + (1 - p.linearMin()) * c / (classes - 1);
      }
      return r;
    }
    if (p.rates().length != classes) {
      throw new ConfigException(
          id
              + ": "
              + RETENTION
              + " '"
              + rule
              + "' gives "
              + p.rates().length
              + " rates, but the data set has "
              + classes
              + " classes: give one per class, class 0 first");
    }
    return p.rates();
  }

  private record Parsed(double linearMin, double[] rates) {}

  private static Parsed parse(String id, String rule) {
    String where = id + ": " + RETENTION + " '" + rule + "'";
    String text = rule.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("linear:")) {
      double r = number(where, text.substring("linear:".length()));
      if (!(r > 0 && r <= 1)) {
        throw new ConfigException(
            where + ": the smallest class's rate must be in (0, 1], e.g. linear:0.1");
      }
      return new Parsed(r, null);
    }
    String[] parts = text.split(",");
    if (text.isEmpty() || parts.length < 2) {
      throw new ConfigException(
          where
              + ": write linear:R (R in (0, 1]) or one rate per class, comma-separated, "
              + "e.g. 0.1,0.5,1");
    }
    double[] r = new double[parts.length];
    boolean any = false;
    for (int i = 0; i < parts.length; i++) {
      r[i] = number(where, parts[i]);
      if (!(r[i] >= 0 && r[i] <= 1)) {
        throw new ConfigException(
            where + ": rate " + parts[i].trim() + " of class " + i + " is outside [0, 1]");
      }
      any |= r[i] > 0;
    }
    if (!any) {
      throw new ConfigException(where + ": every rate is 0, so nothing would be kept");
    }
    return new Parsed(-1, r);
  }

  private static double number(String where, String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": '" + s.trim() + "' is not a number");
    }
  }

  private static boolean declaresItself(PluginInfo info) {
    return info.hyperparameters().stream().anyMatch(h -> h.name().equals(RETENTION));
  }
}
