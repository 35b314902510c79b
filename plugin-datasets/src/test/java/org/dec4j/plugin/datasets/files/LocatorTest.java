package org.dec4j.plugin.datasets.files;

import static org.dec4j.plugin.datasets.TestSupport.digest;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.plugin.datasets.TestSupport.Server;
import org.dec4j.plugin.datasets.files.Locator.FileSpec;
import org.dec4j.plugin.datasets.files.Locator.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatorTest {
  static final List<Layout> PAIR =
      List.of(
          new Layout("pair", List.of(FileSpec.of("a", "a.gz", "a"), FileSpec.of("b", "b.txt"))));
  static final Locator.Source SOURCE =
      new Locator.Source("https://example.org/data/ (Someone 2001)", Map.of());

  @TempDir Path tmp;

  private final Locator locator =
      new Locator("demo", List.of(), new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(30)));

  private static DatasetRequest request(boolean download, Path... dirs) {
    return new DatasetRequest(
        Hyperparameters.resolve("demo", List.of(), Map.of()), List.of(dirs), 1, download);
  }

  @Test
  void searchOrderIsIdSubdirectoryThenDirectoryThenNextDirectoryThenSystem() {
    Path d1 = tmp.resolve("one");
    Path d2 = tmp.resolve("two");
    Path sys = tmp.resolve("sys");
    Locator withSystem = new Locator("demo", List.of(sys), new Downloader());
    assertEquals(
        List.of(d1.resolve("demo"), d1, d2.resolve("demo"), d2, sys),
        withSystem.directories(request(false, d1, d2)));
  }

  @Test
  void firstCompleteDirectoryWinsAndAlternativeNamesCount() {
    Path d1 = tmp.resolve("one");
    Path d2 = tmp.resolve("two");
    write(d1.resolve("a.gz"), "x");
    write(d2.resolve("demo/a"), "plain");
    write(d2.resolve("demo/b.txt"), "y");
    write(d2.resolve("a.gz"), "x");
    write(d2.resolve("b.txt"), "y");
    Locator.Found found = locator.locate(request(false, d1, d2), PAIR, SOURCE);
    assertEquals(d2.resolve("demo"), found.directory());
    assertEquals(d2.resolve("demo/a"), found.file("a"));
  }

  @Test
  void filesAreNotMixedAcrossDirectories() {
    Path d1 = tmp.resolve("one");
    Path d2 = tmp.resolve("two");
    write(d1.resolve("a.gz"), "x");
    write(d2.resolve("b.txt"), "y");
    DataException e =
        assertThrows(
            DataException.class, () -> locator.locate(request(false, d1, d2), PAIR, SOURCE));
    assertTrue(
        e.getMessage().contains("no single directory holds all of a.gz, b.txt"), e.getMessage());
  }

  @Test
  void missingMessageNamesFilesPlacesAndSource() {
    Path d1 = tmp.resolve("one");
    write(d1.resolve("a.gz"), "x");
    DataException e =
        assertThrows(DataException.class, () -> locator.locate(request(false, d1), PAIR, SOURCE));
    String m = e.getMessage();
    assertTrue(m.startsWith("demo: data files not found. Missing: b.txt."), m);
    assertTrue(m.contains("Looked in: " + d1.resolve("demo") + ", " + d1), m);
    assertTrue(
        m.contains(
            "from https://example.org/data/ (Someone 2001) and put them in " + d1.resolve("demo")),
        m);
  }

  @Test
  void emptySearchPathIsSaidPlainly() {
    DataException e =
        assertThrows(DataException.class, () -> locator.locate(request(false), PAIR, SOURCE));
    assertTrue(
        e.getMessage().contains("(no directories: the search path is empty)"), e.getMessage());
    Locator.Source source =
        new Locator.Source(
            "src",
            Map.of(
                "a", RemoteFile.of("a.gz", "0".repeat(32), null, "http://127.0.0.1:9/"),
                "b", RemoteFile.of("b.txt", "0".repeat(32), null, "http://127.0.0.1:9/")));
    DataException d =
        assertThrows(DataException.class, () -> locator.locate(request(true), PAIR, source));
    assertTrue(d.getMessage().contains("Downloading needs a data directory"), d.getMessage());
  }

  @Test
  void downloadsMissingFilesIntoFirstDirectoryIdSubdirectory() throws Exception {
    byte[] a = "alpha".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "beta".getBytes(StandardCharsets.US_ASCII);
    try (Server server = new Server().serve("/d/a.gz", a).serve("/d/b.txt", b)) {
      Locator.Source source =
          new Locator.Source(
              "test server",
              Map.of(
                  "a", RemoteFile.of("a.gz", digest("MD5", a), null, server.url("/d/").toString()),
                  "b",
                      RemoteFile.of(
                          "b.txt", digest("MD5", b), null, server.url("/d/").toString())));
      Path d1 = tmp.resolve("one");
      Path d2 = tmp.resolve("two");
      write(d1.resolve("demo/b.txt"), b);
      Locator.Found found = locator.locate(request(true, d1, d2), PAIR, source);
      assertEquals(d1.resolve("demo"), found.directory());
      assertEquals("alpha", Files.readString(found.file("a")));
      assertEquals(1, server.requests(), "b.txt was already there and must not be fetched again");
      assertNotNull(
          locator.locate(request(false, d1, d2), PAIR, source),
          "a second, offline load finds the files");
    }
  }

  @Test
  void failedDownloadIsReportedWithTheMissingFiles() throws Exception {
    try (Server server = new Server().serve("/d/a.gz", new byte[] {1, 2, 3})) {
      Locator.Source source =
          new Locator.Source(
              "test server",
              Map.of(
                  "a", RemoteFile.of("a.gz", "0".repeat(32), null, server.url("/d/").toString()),
                  "b", RemoteFile.of("b.txt", "0".repeat(32), null, server.url("/d/").toString())));
      Path d1 = tmp.resolve("one");
      DataException e =
          assertThrows(DataException.class, () -> locator.locate(request(true, d1), PAIR, source));
      assertTrue(e.getMessage().contains("Missing: a.gz, b.txt"), e.getMessage());
      assertTrue(
          e.getMessage().contains("Download failed: could not download a.gz"), e.getMessage());
      assertTrue(e.getMessage().contains("MD5 checksum mismatch"), e.getMessage());
      assertTrue(!Files.exists(d1.resolve("demo/a.gz")));
    }
  }

  @Test
  void offlineMessageOffersDownloadOnlyWhenOneExists() {
    Locator.Source source =
        new Locator.Source(
            "src",
            Map.of(
                "a", RemoteFile.of("a.gz", "0".repeat(32), null, "http://127.0.0.1:9/"),
                "b", RemoteFile.of("b.txt", "0".repeat(32), null, "http://127.0.0.1:9/")));
    DataException e =
        assertThrows(DataException.class, () -> locator.locate(request(false, tmp), PAIR, source));
    assertTrue(e.getMessage().contains("Or allow downloading (--download)"), e.getMessage());
    DataException e2 =
        assertThrows(DataException.class, () -> locator.locate(request(false, tmp), PAIR, SOURCE));
    assertTrue(!e2.getMessage().contains("--download"), e2.getMessage());
  }
}
