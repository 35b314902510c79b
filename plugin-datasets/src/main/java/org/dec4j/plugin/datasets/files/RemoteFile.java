package org.dec4j.plugin.datasets.files;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A file that can be downloaded, with the checksums it must match.
 *
 * <p>At least one checksum is required: a file is never stored unverified. {@code md5} and {@code
 * sha256} are over the downloaded bytes; {@code contentSha256} is over the gunzipped content, for
 * files whose published identity is the text inside a gzip that mirrors re-compress.
 *
 * @param name the file name to store under
 * @param urls where to fetch it from, tried in order
 * @param md5 expected MD5 of the bytes (lowercase hex), or null
 * @param sha256 expected SHA-256 of the bytes, or null
 * @param contentSha256 expected SHA-256 of the gunzipped content, or null
 */
public record RemoteFile(
    String name, List<URI> urls, String md5, String sha256, String contentSha256) {

  /** Checks the name, the URLs and that at least one checksum is given. */
  public RemoteFile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException(
          "remote file name '" + name + "' must be a plain file name");
    }
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one URL is required");
    }
    md5 = lower(md5);
    sha256 = lower(sha256);
    contentSha256 = lower(contentSha256);
    if (md5 == null && sha256 == null && contentSha256 == null) {
      throw new IllegalArgumentException(name + ": at least one checksum is required");
    }
  }

  /**
   * A file at {@code base + name} verified by MD5 and, when known, SHA-256 of its bytes.
   *
   * @param name the file name
   * @param md5 expected MD5
   * @param sha256 expected SHA-256, or null
   * @param bases base URLs ending in {@code /}, tried in order
   * @return the remote file
   */
  public static RemoteFile of(String name, String md5, String sha256, String... bases) {
    return new RemoteFile(
        name, List.of(bases).stream().map(b -> URI.create(b + name)).toList(), md5, sha256, null);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
