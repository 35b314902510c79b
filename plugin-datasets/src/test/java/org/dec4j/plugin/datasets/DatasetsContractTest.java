package org.dec4j.plugin.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.dec4j.api.data.Dataset;
import org.dec4j.testkit.DatasetTestKit;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data set this module provides against the plugin contract of dec-testkit. Providers are
 * found the way the runtime finds them, so a new data set is checked as soon as module-info.java
 * lists it. Generated data and a small CSV file must load; file-based data sets are run with an
 * empty search path and must refuse with a clear message (or load, with {@code split=test}, when
 * their files are installed system-wide).
 */
class DatasetsContractTest {
  /** Small sizes for the generated data sets, so the contract runs in seconds. */
  private static final Map<String, Map<String, Object>> OPTIONS =
      Map.of(
          "synthetic", Map.of("k", 3, "m", 40, "d", 8),
          "blobs", Map.of("n", 150, "d", 4),
          "csv", Map.of("path", "points.csv", "label_column", "label"));

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicNode> everyBundledDatasetPassesThePluginContract() throws IOException {
    Path csv = dir.resolve("csv");
    Files.createDirectories(csv);
    StringBuilder rows = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 12; i++) {
      rows.append(
          String.format(
              Locale.ROOT, "%.1f,%.1f,%s%n", i % 3 * 5.0 + i * 0.1, i % 3 * -2.0, "c" + i % 3));
    }
    Files.writeString(csv.resolve("points.csv"), rows);

    Module self = DatasetsContractTest.class.getModule();
    self.addUses(Dataset.class);
    List<Dataset> providers =
        ServiceLoader.load(Dataset.class).stream()
            .filter(p -> p.type().getModule() == self)
            .map(ServiceLoader.Provider::get)
            .toList();
    if (providers.size() < 10) {
      throw new AssertionError(
          "expected the 10 data sets module-info.java provides, found " + providers.size());
    }
    return providers.stream()
        .flatMap(
            d -> {
              String id = d.info().id();
              DatasetTestKit kit =
                  DatasetTestKit.dataset(d).options(OPTIONS.getOrDefault(id, Map.of()));
              if (d.info().hyperparameters().stream().anyMatch(h -> h.name().equals("split"))) {
                kit.option("split", "test");
              }
              if (OPTIONS.containsKey(id)) {
                kit.expectData();
              }
              if (id.equals("csv")) {
                kit.searchPath(List.of(csv));
              }
              return kit.tests();
            });
  }
}
