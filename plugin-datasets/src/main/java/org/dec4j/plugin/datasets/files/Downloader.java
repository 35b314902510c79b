package org.dec4j.plugin.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.dec4j.api.DataException;

/**
 * Downloads data files with {@link HttpClient}, verifies their checksums and stores them
 * atomically.
 *
 * <p>Each file is streamed into a hidden temporary file in the target directory while its MD5 and
 * SHA-256 are computed; only when every published checksum matches is it renamed to its final name
 * (an atomic move on the same file system). A failed or mismatching download leaves nothing behind,
 * so a half-written or tampered file is never mistaken for data later.
 */
public final class Downloader {
  private static final System.Logger LOG = System.getLogger(Downloader.class.getName());

  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /**
   * Creates a downloader.
   *
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long one whole download may take
   */
  public Downloader(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** Creates a downloader with a 30 s connect timeout and a 30 min limit per file. */
  public Downloader() {
    this(Duration.ofSeconds(30), Duration.ofMinutes(30));
  }

  /**
   * Downloads a file into a directory, trying its URLs in order.
   *
   * @param file what to fetch and how to verify it
   * @param directory where to store it (created if needed)
   * @return the stored file
   * @throws DataException when no URL gave a file with the expected checksums; the message lists
   *     every URL and why it failed, and nothing is left in {@code directory}
   */
  public Path fetch(RemoteFile file, Path directory) {
    Path target = directory.resolve(file.name());
    List<String> failures = new ArrayList<>();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DataException(
          "cannot create download directory " + directory + " (" + DataException.describe(e) + ")",
          e);
    }
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      for (URI url : file.urls()) {
        try {
          fetchOne(client, url, file, target);
          return target;
        } catch (IOException | DataException e) {
          failures.add(url + ": " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DataException("download of " + file.name() + " was interrupted", e);
        }
      }
    }
    throw new DataException(
        "could not download "
            + file.name()
            + " into "
            + directory
            + ":\n  "
            + String.join("\n  ", failures));
  }

  private void fetchOne(HttpClient client, URI url, RemoteFile file, Path target)
      throws IOException, InterruptedException {
    LOG.log(System.Logger.Level.INFO, "downloading {0} from {1}", file.name(), url);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    Path temp = Files.createTempFile(target.getParent(), "." + file.name() + ".", ".part");
    boolean stored = false;
    try {
      MessageDigest md5 = digest("MD5");
      MessageDigest sha = digest("SHA-256");
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP status " + response.statusCode());
        }
        try (InputStream in = new DigestInputStream(new DigestInputStream(body, md5), sha);
            OutputStream out = Files.newOutputStream(temp)) {
          in.transferTo(out);
        }
      }
      verify(file.name(), "MD5", file.md5(), md5);
      verify(file.name(), "SHA-256", file.sha256(), sha);
      if (file.contentSha256() != null) {
        verify(
            file.name(),
            "SHA-256 of the gunzipped content",
            file.contentSha256(),
            gunzippedDigest(temp));
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      stored = true;
      LOG.log(
          System.Logger.Level.INFO,
          "stored {0} ({1} bytes, checksums verified)",
          target,
          Files.size(target));
    } finally {
      if (!stored) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static MessageDigest gunzippedDigest(Path file) throws IOException {
    MessageDigest sha = digest("SHA-256");
    try (InputStream in =
        new DigestInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return sha;
  }

  private static void verify(String name, String algorithm, String expected, MessageDigest actual) {
    if (expected == null) {
      return;
    }
    String got = HexFormat.of().formatHex(actual.digest());
    if (!got.equals(expected)) {
      throw new DataException(
          name
              + ": "
              + algorithm
              + " checksum mismatch: expected "
              + expected
              + ", got "
              + got
              + "; the download was discarded");
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
  }
}
