package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class DatasetTestKitTest {

  /** Blobs from the kit's fixture, or, with {@code file}, one number per line from points.txt. */
  private record ToyDataset(boolean wrongChecksum, boolean clockSeeded) implements Dataset {
    @Override
    public PluginInfo info() {
      return new PluginInfo(
          "toy-data",
          "1.0",
          "blobs or a text file, for the kit's tests",
          List.of(
              HyperparameterSpec.ofInt("n", 60, 3, 1000, "number of points"),
              HyperparameterSpec.ofBoolean(
                  "file", false, "read points.txt from the search path instead")),
          Dec4jApi.VERSION);
    }

    @Override
    public String locationHint(DatasetRequest request) {
      return request.options().getBoolean("file") ? "points.txt in " + request.searchPath() : "";
    }

    @Override
    public LoadedDataset load(DatasetRequest request) {
      if (request.options().getBoolean("file")) {
        Path file = request.searchPath().get(0).resolve("points.txt");
        if (!Files.isRegularFile(file)) {
          throw new DataException("toy-data: " + file + " not found");
        }
      }
      long seed = clockSeeded ? System.nanoTime() : request.seed();
      Fixture f = Fixture.blobs(request.options().getInt("n"), 2, 3, seed);
      FeatureMatrix x = new FeatureMatrix(f.points(), f.rows(), f.cols());
      String sum = wrongChecksum ? "0".repeat(64) : LoadedDataset.checksum(x, f.labels());
      return new LoadedDataset(
          "toy-data", x, f.labels(), 3, new DataProvenance("generated", List.of(), sum, "n"));
    }
  }

  @TestFactory
  Stream<DynamicNode> generatedDataPassEveryCheck() {
    return DatasetTestKit.dataset(new ToyDataset(false, false))
        .option("n", 30)
        .expectData()
        .tests();
  }

  @Test
  void aMissingFileIsAClearRefusalAndTheDataChecksAreSkipped() {
    ContractResults r =
        DatasetTestKit.dataset(new ToyDataset(false, false)).option("file", true).execute();
    r.assertNoFailures();
    assertTrue(
        r.check(DatasetTestKit.LOADS).toString().contains("points.txt not found"), r.toString());
    assertInstanceOf(Outcome.Skipped.class, r.check(DatasetTestKit.CHECKSUM).outcome());
    assertEquals(3, r.skipped(), r.toString());
  }

  @Test
  void filesOnTheSearchPathAreLoaded(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("points.txt"), "1\n");
    ContractResults r =
        DatasetTestKit.dataset(new ToyDataset(false, false))
            .option("file", true)
            .searchPath(List.of(dir))
            .expectData()
            .execute();
    r.assertNoFailures();
    assertEquals(0, r.skipped(), r.toString());
  }

  @Test
  void aWrongChecksumAndNonDeterministicDataFail() {
    ContractResults r = DatasetTestKit.dataset(new ToyDataset(true, false)).execute();
    assertTrue(r.check(DatasetTestKit.CHECKSUM).failed(), r.toString());
    assertEquals(1, r.failures().size(), r.toString());
    r = DatasetTestKit.dataset(new ToyDataset(false, true)).execute();
    assertTrue(r.check(DatasetTestKit.SAME_SEED).failed(), r.toString());
    assertEquals(1, r.failures().size(), r.toString());
  }

  @Test
  void expectDataTurnsARefusalIntoAFailure() {
    ContractResults r =
        DatasetTestKit.dataset(new ToyDataset(false, false))
            .option("file", true)
            .expectData()
            .execute();
    assertTrue(r.check(DatasetTestKit.LOADS).failed(), r.toString());
  }
}
