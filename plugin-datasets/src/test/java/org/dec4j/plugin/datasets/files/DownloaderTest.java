package org.dec4j.plugin.datasets.files;

import static org.dec4j.plugin.datasets.TestSupport.digest;
import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.dec4j.api.DataException;
import org.dec4j.plugin.datasets.TestSupport.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  static final byte[] CONTENT = "0,1,2\n3,4,5\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  private final Downloader downloader =
      new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(30));

  private static List<Path> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  @Test
  void downloadsVerifiesAndStoresUnderTheGivenName() throws IOException {
    try (Server server = new Server().serve("/data/f.csv", CONTENT)) {
      RemoteFile f =
          new RemoteFile(
              "f.csv",
              List.of(server.url("/data/f.csv")),
              digest("MD5", CONTENT),
              digest("SHA-256", CONTENT),
              null);
      Path target = dir.resolve("sub");
      Path stored = downloader.fetch(f, target);
      assertEquals(target.resolve("f.csv"), stored);
      assertArrayEquals(CONTENT, Files.readAllBytes(stored));
      assertEquals(
          List.of(stored), listing(target), "only the final file remains, no temporary file");
    }
  }

  @Test
  void checksumMismatchFailsAndLeavesNothingBehind() throws IOException {
    try (Server server = new Server().serve("/f.csv", CONTENT)) {
      String wrong = digest("MD5", "something else".getBytes(StandardCharsets.US_ASCII));
      RemoteFile f = new RemoteFile("f.csv", List.of(server.url("/f.csv")), wrong, null, null);
      DataException e = assertThrows(DataException.class, () -> downloader.fetch(f, dir));
      assertTrue(
          e.getMessage()
              .contains(
                  "MD5 checksum mismatch: expected " + wrong + ", got " + digest("MD5", CONTENT)),
          e.getMessage());
      assertTrue(e.getMessage().contains(server.url("/f.csv").toString()), e.getMessage());
      assertEquals(List.of(), listing(dir), "a rejected download must leave no file");
    }
  }

  @Test
  void sha256MismatchFailsEvenWhenMd5Matches() throws IOException {
    try (Server server = new Server().serve("/f.csv", CONTENT)) {
      RemoteFile f =
          new RemoteFile(
              "f.csv",
              List.of(server.url("/f.csv")),
              digest("MD5", CONTENT),
              "00".repeat(32),
              null);
      DataException e = assertThrows(DataException.class, () -> downloader.fetch(f, dir));
      assertTrue(e.getMessage().contains("SHA-256 checksum mismatch"), e.getMessage());
      assertEquals(List.of(), listing(dir));
    }
  }

  @Test
  void triesTheNextUrlAfterAnHttpError() throws IOException {
    try (Server server = new Server().serve("/mirror/f.csv", CONTENT)) {
      RemoteFile f =
          new RemoteFile(
              "f.csv",
              List.of(server.url("/gone/f.csv"), server.url("/mirror/f.csv")),
              digest("MD5", CONTENT),
              null,
              null);
      Path stored = downloader.fetch(f, dir);
      assertArrayEquals(CONTENT, Files.readAllBytes(stored));
      assertEquals(2, server.requests());
    }
  }

  @Test
  void everyFailedUrlIsReported() throws IOException {
    try (Server server = new Server()) {
      RemoteFile f =
          new RemoteFile(
              "f.csv",
              List.of(server.url("/a/f.csv"), server.url("/b/f.csv")),
              digest("MD5", CONTENT),
              null,
              null);
      DataException e = assertThrows(DataException.class, () -> downloader.fetch(f, dir));
      assertTrue(e.getMessage().contains("/a/f.csv: HTTP status 404"), e.getMessage());
      assertTrue(e.getMessage().contains("/b/f.csv: HTTP status 404"), e.getMessage());
      assertEquals(List.of(), listing(dir));
    }
  }

  @Test
  void gunzippedContentChecksumIsVerified() throws IOException {
    byte[] gz = gzip(CONTENT);
    try (Server server = new Server().serve("/f.gz", gz)) {
      RemoteFile good =
          new RemoteFile(
              "f.gz", List.of(server.url("/f.gz")), null, null, digest("SHA-256", CONTENT));
      assertArrayEquals(gz, Files.readAllBytes(downloader.fetch(good, dir)));
      Path other = dir.resolve("other");
      RemoteFile bad =
          new RemoteFile("f.gz", List.of(server.url("/f.gz")), null, null, digest("SHA-256", gz));
      DataException e = assertThrows(DataException.class, () -> downloader.fetch(bad, other));
      assertTrue(e.getMessage().contains("SHA-256 of the gunzipped content"), e.getMessage());
      assertEquals(List.of(), listing(other));
    }
  }

  @Test
  void aFileWithoutChecksumCannotBeDeclared() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RemoteFile(
                    "f", List.of(java.net.URI.create("http://127.0.0.1/f")), null, null, null));
    assertTrue(e.getMessage().contains("at least one checksum"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RemoteFile.of("../escape", "00", null, "http://127.0.0.1/"));
  }
}
