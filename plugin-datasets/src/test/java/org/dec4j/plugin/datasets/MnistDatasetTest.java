package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.counts;
import static org.dec4j.plugin.datasets.TestSupport.digest;
import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.dec4j.plugin.datasets.TestSupport.idx;
import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.dec4j.plugin.datasets.TestSupport.writeIdxSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.TestSupport.Server;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.RemoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
  @TempDir Path tmp;

  private final MnistDataset mnist = new MnistDataset();

  @Test
  void tinySetLoadsTrainThenTestWithPixelsOver255() {
    writeIdxSet(tmp.resolve("mnist"), 3, 2, 28, 28, true);
    LoadedDataset d = load(mnist, Map.of(), tmp);
    assertEquals(5, d.size());
    assertEquals(784, d.dimension());
    assertEquals(10, d.classCount());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, d.labels());
    for (int i = 0; i < 5; i++) {
      for (int p = 0; p < 784; p += 97) {
        assertEquals(
            ((i * 7 + p) % 256) / 255f, d.features().get(i, p), 0f, "image " + i + " pixel " + p);
      }
    }
  }

  @Test
  void imagesDeclareTheirShape() {
    writeIdxSet(tmp, 2, 1, 28, 28, false);
    assertEquals(org.dec4j.api.data.ImageShape.gray(28, 28), load(mnist, Map.of(), tmp).image());
  }

  @Test
  void pixelDivisorScalesEveryPixelAndChangesTheChecksum() {
    writeIdxSet(tmp, 3, 2, 28, 28, false);
    LoadedDataset byDefault = load(mnist, Map.of(), tmp);
    LoadedDataset over255 = load(mnist, Map.of("pixel_divisor", "255"), tmp);
    LoadedDataset over50 = load(mnist, Map.of("pixel_divisor", "50"), tmp);
    assertEquals(byDefault.provenance().sha256(), over255.provenance().sha256());
    assertTrue(
        !byDefault.provenance().sha256().equals(over50.provenance().sha256()),
        "another scaling must give another data checksum (it keys the autoencoder cache)");
    for (int i = 0; i < 5; i++) {
      for (int p = 0; p < 784; p += 61) {
        assertEquals(
            ((i * 7 + p) % 256) / 50f,
            over50.features().get(i, p),
            0f,
            "image " + i + " pixel " + p);
      }
    }
    assertTrue(
        over50.provenance().description().contains("pixels/50 in [0,5.1]"),
        over50.provenance().description());
  }

  @Test
  void splitsSelectTheirPart() {
    writeIdxSet(tmp, 3, 2, 28, 28, false);
    LoadedDataset train = load(mnist, Map.of("split", "train"), tmp);
    LoadedDataset test = load(mnist, Map.of("split", "test"), tmp);
    assertArrayEquals(new int[] {0, 1, 2}, train.labels());
    assertArrayEquals(new int[] {3, 4}, test.labels());
    assertEquals((3 * 7) / 255f, test.features().get(0, 0), 0f);
  }

  @Test
  void provenanceNamesFilesChecksumAndOptions() {
    writeIdxSet(tmp.resolve("mnist"), 2, 1, 28, 28, true);
    LoadedDataset d = load(mnist, Map.of(), tmp);
    assertEquals(LoadedDataset.checksum(d.features(), d.labels()), d.provenance().sha256());
    assertEquals(
        List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"),
        d.provenance().files().stream().map(f -> Path.of(f).getFileName().toString()).toList());
    assertTrue(d.provenance().files().stream().allMatch(f -> Path.of(f).isAbsolute()));
    assertTrue(d.provenance().description().startsWith("split=all"), d.provenance().description());
    assertTrue(d.provenance().source().contains("yann.lecun.com"), d.provenance().source());
  }

  @Test
  void imageAndLabelCountMismatchNamesBothFiles() {
    writeIdxSet(tmp, 3, 2, 28, 28, false);
    write(tmp.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {1, 2}));
    DataException e = assertThrows(DataException.class, () -> load(mnist, Map.of(), tmp));
    assertTrue(e.getMessage().contains("image/label count mismatch"), e.getMessage());
    assertTrue(
        e.getMessage().contains("has 3 images but") && e.getMessage().contains("has 2 labels"),
        e.getMessage());
  }

  @Test
  void wrongImageSizeIsRejected() {
    writeIdxSet(tmp, 2, 1, 27, 28, true);
    DataException e = assertThrows(DataException.class, () -> load(mnist, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("wrong IDX dimensions: images are 27 x 28, expected 28 x 28"),
        e.getMessage());
  }

  @Test
  void labelOutsideTheClassRangeIsRejected() {
    writeIdxSet(tmp, 2, 1, 28, 28, false);
    write(tmp.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {1}, new byte[] {10}));
    DataException e = assertThrows(DataException.class, () -> load(mnist, Map.of(), tmp));
    assertTrue(
        e.getMessage().contains("label 10 of item 0 (byte 8) is outside the class range [0, 9]"),
        e.getMessage());
  }

  @Test
  void offlineMissingFilesSayWhatWhereAndFromWhom() {
    Path a = tmp.resolve("a");
    writeIdxSet(a, 2, 1, 28, 28, true);
    for (String f : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      a.resolve(f).toFile().delete();
    }
    DataException e =
        assertThrows(DataException.class, () -> load(mnist, Map.of(), a, tmp.resolve("b")));
    String m = e.getMessage();
    assertTrue(m.contains("Missing: t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz."), m);
    assertTrue(
        m.contains("Looked in: " + a.resolve("mnist") + ", " + a + ", " + tmp.resolve("b/mnist")),
        m);
    assertTrue(
        m.contains("http://yann.lecun.com/exdb/mnist/")
            && m.contains("put them in " + a.resolve("mnist")),
        m);
    assertTrue(m.contains("--download"), m);
    assertTrue(
        mnist
            .locationHint(TestSupport.request(mnist, Map.of(), false, a))
            .contains("train-images-idx3-ubyte.gz"));
    // split=train needs only the train files, which are present
    assertEquals(2, load(mnist, Map.of("split", "train"), a).size());
  }

  @Test
  void downloadsVerifiedFilesAndLoadsThem() throws Exception {
    Path served = tmp.resolve("served");
    writeIdxSet(served, 4, 2, 28, 28, true);
    try (Server server = new Server()) {
      Map<String, RemoteFile> downloads = new LinkedHashMap<>();
      String[][] parts = {
        {"train-images", "train-images-idx3-ubyte.gz"},
        {"train-labels", "train-labels-idx1-ubyte.gz"},
        {"test-images", "t10k-images-idx3-ubyte.gz"},
        {"test-labels", "t10k-labels-idx1-ubyte.gz"}
      };
      for (String[] p : parts) {
        byte[] body = Files.readAllBytes(served.resolve(p[1]));
        server.serve("/mnist/" + p[1], body);
        downloads.put(
            p[0],
            RemoteFile.of(
                p[1],
                digest("MD5", body),
                digest("SHA-256", body),
                server.url("/mnist/").toString()));
      }
      MnistDataset provider =
          new MnistDataset(
              downloads, new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(30)));
      Path data = tmp.resolve("data");
      LoadedDataset d = provider.load(TestSupport.request(provider, Map.of(), true, data));
      assertEquals(6, d.size());
      assertTrue(Files.isRegularFile(data.resolve("mnist/t10k-labels-idx1-ubyte.gz")));
      assertEquals(4, server.requests());
    }
  }

  @Test
  void corruptDownloadIsRejectedAndNothingIsStored() throws Exception {
    Path served = tmp.resolve("served");
    writeIdxSet(served, 1, 1, 28, 28, true);
    try (Server server = new Server()) {
      Map<String, RemoteFile> downloads = new LinkedHashMap<>();
      for (String[] p :
          new String[][] {
            {"train-images", "train-images-idx3-ubyte.gz"},
            {"train-labels", "train-labels-idx1-ubyte.gz"},
            {"test-images", "t10k-images-idx3-ubyte.gz"},
            {"test-labels", "t10k-labels-idx1-ubyte.gz"}
          }) {
        byte[] body = Files.readAllBytes(served.resolve(p[1]));
        String md5 = digest("MD5", body);
        server.serve("/m/" + p[1], p[0].equals("train-images") ? gzip(new byte[] {1, 2, 3}) : body);
        downloads.put(p[0], RemoteFile.of(p[1], md5, null, server.url("/m/").toString()));
      }
      MnistDataset provider =
          new MnistDataset(
              downloads, new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(30)));
      Path data = tmp.resolve("data");
      DataException e =
          assertThrows(
              DataException.class,
              () -> provider.load(TestSupport.request(provider, Map.of(), true, data)));
      assertTrue(
          e.getMessage().contains("Download failed")
              && e.getMessage().contains("MD5 checksum mismatch"),
          e.getMessage());
      assertTrue(!Files.exists(data.resolve("mnist/train-images-idx3-ubyte.gz")));
    }
  }

  @Test
  void realMnistHas70000DigitsInTenClasses() {
    Path shared = TestSupport.sharedOrSkip("mnist");
    LoadedDataset d = load(mnist, Map.of(), shared.getParent());
    assertEquals(70_000, d.size());
    assertEquals(784, d.dimension());
    assertEquals(10, d.classCount());
    int[] train = counts(java.util.Arrays.copyOf(d.labels(), 60_000), 10);
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train);
    float max = 0;
    float min = 1;
    for (float v : d.features().values()) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    assertEquals(
        shared.resolve("train-images-idx3-ubyte.gz").toAbsolutePath().normalize().toString(),
        d.provenance().files().getFirst());
  }
}
