package org.dec4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.DynamicNode;

/**
 * The contract every data set plugin must pass, as a fluent runner.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *   return DatasetTestKit.dataset(new MyDataset())
 *       .option("n", 300)            // keep generated data small
 *       .expectData()                // generated data must always load
 *       .tests();
 * }
 * }</pre>
 *
 * <p>The checks, in order: the metadata checks every plugin shares (see {@link ObjectiveTestKit});
 * {@code locationHint} answers; {@code load} either returns data or refuses with a {@link
 * DataException} or {@link ConfigException} that says why (with {@link #expectData()} it must
 * return data), never downloading since the request forbids it; and, when data came back, its id is
 * the plugin's, it has samples, its provenance checksum is {@link LoadedDataset#checksum} of the
 * values, the same seed gives the same data, and provenance and options survive a JSON round trip.
 *
 * <p>By default the search path is one empty temporary directory, so a file-based data set is
 * checked for the clear error a user with no files gets; give a directory with small files through
 * {@link #searchPath(List)} to check loading too.
 */
public final class DatasetTestKit {
  static final String HINT = "locationHint() answers without failing";
  static final String LOADS =
      "load() returns data, or refuses with a DataException or ConfigException saying why";
  static final String SHAPE =
      "loaded data carry the plugin's id, samples, and labels in [0, classes)";
  static final String CHECKSUM = "the provenance checksum is that of the loaded values";
  static final String SAME_SEED = "the same seed gives the same data";
  static final String JSON = "provenance and options survive a JSON round trip";

  private final Dataset dataset;
  private final Map<String, Object> options = new LinkedHashMap<>();
  private List<Path> searchPath;
  private long seed = 7;
  private boolean expectData;

  private DatasetTestKit(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
  }

  /**
   * Starts a contract run for a data set.
   *
   * @param dataset a provider instance, constructed as {@link java.util.ServiceLoader} would
   * @return the kit, to configure and run
   */
  public static DatasetTestKit dataset(Dataset dataset) {
    return new DatasetTestKit(dataset);
  }

  /**
   * Sets an option for the loads, e.g. a small size or a split.
   *
   * @param name a declared name
   * @param value its value, as a user would give it
   * @return this kit
   */
  public DatasetTestKit option(String name, Object value) {
    options.put(name, value);
    return this;
  }

  /**
   * Sets several options for the loads.
   *
   * @param values values by declared name
   * @return this kit
   */
  public DatasetTestKit options(Map<String, ?> values) {
    options.putAll(values);
    return this;
  }

  /**
   * Sets the directories the loads search (default: one empty temporary directory).
   *
   * @param dirs the search path
   * @return this kit
   */
  public DatasetTestKit searchPath(List<Path> dirs) {
    this.searchPath = List.copyOf(dirs);
    return this;
  }

  /**
   * Sets the seed of the loads (default 7).
   *
   * @param seed the seed
   * @return this kit
   */
  public DatasetTestKit seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Requires {@code load} to return data (generated data sets, or files given by {@link
   * #searchPath(List)}); otherwise refusing with a clear exception also passes.
   *
   * @return this kit
   */
  public DatasetTestKit expectData() {
    this.expectData = true;
    return this;
  }

  /** {@return every check's outcome, after running all of them} */
  public ContractResults execute() {
    return checks().run();
  }

  /** {@return the checks as JUnit dynamic tests, in one container named after the plugin} */
  public Stream<DynamicNode> tests() {
    return checks().dynamicTests();
  }

  private Checks checks() {
    String id;
    try {
      id = dataset.info().id();
    } catch (RuntimeException e) {
      id = dataset.getClass().getName();
    }
    Checks checks = new Checks("dataset '" + id + "'");
    MetadataChecks.add(checks, dataset::info);
    Loads loads = new Loads();

    checks.add(
        HINT,
        () -> {
          String hint = dataset.locationHint(loads.request());
          return hint == null
              ? MetadataChecks.fail("locationHint() returned null; return \"\" for generated data")
              : MetadataChecks.pass(hint.isEmpty() ? "generated data" : hint);
        });
    checks.add(
        LOADS,
        () -> {
          LoadedDataset d = loads.first();
          if (d != null) {
            return MetadataChecks.pass(
                d.size() + " x " + d.dimension() + ", " + d.classCount() + " classes");
          }
          RuntimeException refusal = loads.refusal;
          if (expectData) {
            return new Outcome.Failed(
                "load() refused although data were expected: " + refusal.getMessage(), refusal);
          }
          if (refusal.getMessage() == null || refusal.getMessage().isBlank()) {
            return new Outcome.Failed("load() refused with an empty message", refusal);
          }
          return MetadataChecks.pass("refused: " + refusal.getMessage());
        });
    checks.add(
        SHAPE,
        () -> {
          LoadedDataset d = loads.first();
          if (d == null) {
            return skipped(loads);
          }
          PluginInfo info = dataset.info();
          if (!info.id().equals(d.id())) {
            return MetadataChecks.fail(
                "loaded data say id '" + d.id() + "', the plugin is '" + info.id() + "'");
          }
          if (d.size() < 1) {
            return MetadataChecks.fail("load() returned no samples");
          }
          if (d.labels() != null && d.classCount() < 1) {
            return MetadataChecks.fail("labels given but classCount = " + d.classCount());
          }
          return MetadataChecks.pass(
              d.labels() == null ? "no labels" : d.classCount() + " classes");
        });
    checks.add(
        CHECKSUM,
        () -> {
          LoadedDataset d = loads.first();
          if (d == null) {
            return skipped(loads);
          }
          DataProvenance p = d.provenance();
          if (p == null) {
            return MetadataChecks.fail("load() returned no provenance");
          }
          String expected = LoadedDataset.checksum(d.features(), d.labels());
          if (!expected.equals(p.sha256())) {
            return MetadataChecks.fail(
                "provenance sha256 is '"
                    + p.sha256()
                    + "', the values hash to "
                    + expected
                    + " (use LoadedDataset.checksum(features, labels))");
          }
          if (p.source() == null || p.source().isBlank()) {
            return MetadataChecks.fail("provenance names no source");
          }
          return MetadataChecks.pass(expected.substring(0, 12));
        });
    checks.add(
        SAME_SEED,
        () -> {
          LoadedDataset a = loads.first();
          if (a == null) {
            return skipped(loads);
          }
          LoadedDataset b = dataset.load(loads.request());
          return a.provenance().sha256().equals(b.provenance().sha256())
                  && LoadedDataset.checksum(a.features(), a.labels())
                      .equals(LoadedDataset.checksum(b.features(), b.labels()))
              ? MetadataChecks.pass("seed " + seed)
              : MetadataChecks.fail("two loads with seed " + seed + " gave different data");
        });
    checks.add(
        JSON,
        () -> {
          PluginInfo info = dataset.info();
          Hyperparameters resolved = info.resolve(options);
          @SuppressWarnings("unchecked")
          Map<String, Object> back =
              JsonRoundTrip.roundTrip(new LinkedHashMap<>(resolved.asMap()), Map.class);
          List<String> problems = new ArrayList<>();
          if (!info.resolve(back).equals(resolved)) {
            problems.add(
                "options read back resolve to " + info.resolve(back) + ", not " + resolved);
          }
          LoadedDataset d = loads.firstOrNull();
          if (d != null) {
            DataProvenance p = JsonRoundTrip.roundTrip(d.provenance(), DataProvenance.class);
            if (!p.equals(d.provenance())) {
              problems.add("provenance read back is " + p + ", not " + d.provenance());
            }
          }
          return problems.isEmpty()
              ? MetadataChecks.pass(d == null ? "options only (no data)" : "")
              : MetadataChecks.fail(String.join("; ", problems));
        });
    return checks;
  }

  private static Outcome skipped(Loads loads) {
    return new Outcome.Skipped("no data to check: " + loads.refusal.getMessage());
  }

  /** The first load, made once and shared by the checks. */
  private final class Loads {
    private LoadedDataset first;
    private RuntimeException refusal;
    private DatasetRequest request;

    DatasetRequest request() {
      if (request == null) {
        Hyperparameters h = dataset.info().resolve(options);
        request =
            new DatasetRequest(
                h, searchPath != null ? searchPath : List.of(emptyDirectory()), seed, false);
      }
      return request;
    }

    LoadedDataset first() {
      if (first == null && refusal == null) {
        try {
          first = dataset.load(request());
          if (first == null) {
            throw new IllegalStateException("load() returned null");
          }
        } catch (DataException | ConfigException e) {
          refusal = e;
        }
      }
      return first;
    }

    LoadedDataset firstOrNull() {
      try {
        return first();
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  private static Path emptyDirectory() {
    try {
      Path dir = Files.createTempDirectory("dec4j-testkit-data");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
