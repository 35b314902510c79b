package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.writeIdxSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.files.Downloader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDatasetTest {
  @TempDir Path tmp;

  @Test
  void systemDirectoryIsSearchedAfterTheSearchPath() {
    Path debian = tmp.resolve("usr/share/datasets/fashion-mnist");
    writeIdxSet(debian, 3, 1, 28, 28, true);
    FashionMnistDataset provider =
        new FashionMnistDataset(List.of(debian), Map.of(), new Downloader());
    LoadedDataset fromSystem = load(provider, Map.of(), tmp.resolve("empty"));
    assertEquals(4, fromSystem.size());
    assertTrue(fromSystem.provenance().files().getFirst().startsWith(debian.toString()));

    Path user = tmp.resolve("user");
    writeIdxSet(user.resolve("fashion-mnist"), 1, 1, 28, 28, false);
    assertEquals(
        2, load(provider, Map.of(), user).size(), "the search path wins over the system directory");
    assertTrue(
        provider
            .locationHint(TestSupport.request(provider, Map.of(), false, user))
            .contains(debian.toString()));
  }

  @Test
  void defaultProviderLooksInDebiansDirectory() {
    FashionMnistDataset provider = new FashionMnistDataset();
    String hint = provider.locationHint(TestSupport.request(provider, Map.of(), false, tmp));
    assertTrue(hint.contains("/usr/share/datasets/fashion-mnist"), hint);
  }

  @Test
  void realFashionMnistHas7000ImagesPerClass() {
    Path shared = TestSupport.sharedOrSkip("fashion-mnist");
    LoadedDataset d =
        load(new FashionMnistDataset(List.of(), Map.of(), new Downloader()), Map.of(), shared);
    assertEquals(70_000, d.size());
    assertEquals(784, d.dimension());
    int[] c = counts(d.labels(), 10);
    int[] expected = new int[10];
    Arrays.fill(expected, 7000);
    assertArrayEquals(expected, c);
  }

  @Test
  void debianPackageGivesTheSameDataAsTheOfficialFiles() {
    Path shared = TestSupport.sharedOrSkip("fashion-mnist");
    Assumptions.assumeTrue(
        Files.isDirectory(FashionMnistDataset.DEBIAN_DIRECTORY),
        "Debian package dataset-fashion-mnist is not installed; skipping");
    FashionMnistDataset provider = new FashionMnistDataset();
    LoadedDataset debian = load(provider, Map.of("split", "test"), tmp.resolve("nothing-here"));
    LoadedDataset official = load(provider, Map.of("split", "test"), shared);
    assertTrue(
        debian.provenance().files().getFirst().startsWith("/usr/share/datasets/fashion-mnist/"));
    assertEquals(
        official.provenance().sha256(),
        debian.provenance().sha256(),
        "Debian re-gzipped the files; the content must be identical");
  }
}
