package org.dec4j.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a class's code was loaded from (a jar, or a folder of classes) and the SHA-256 of that
 * code, for results' provenance and checkpoint keys: two builds of a plugin that carry the same
 * version string still differ in their hash.
 */
final class CodeSources {
  /** Hashes by path, valid while the file's size and modification time stay the same. */
  private static final Map<Path, Hashed> CACHE = new ConcurrentHashMap<>();

  private record Hashed(long size, long modified, String sha256) {}

  private CodeSources() {}

  /**
   * The jar or folder a class was loaded from: its module's location in its layer, or its code
   * source on the class path.
   *
   * @param type the class
   * @return the file, or empty when it is not a local file (a jrt image, a URL)
   */
  static Optional<Path> location(Class<?> type) {
    Module m = type.getModule();
    Optional<URI> uri;
    if (m.isNamed()) {
      ModuleLayer layer = m.getLayer() == null ? ModuleLayer.boot() : m.getLayer();
      uri = layer.configuration().findModule(m.getName()).flatMap(r -> r.reference().location());
    } else {
      var src = type.getProtectionDomain().getCodeSource();
      uri = src == null || src.getLocation() == null ? Optional.empty() : toUri(src.getLocation());
    }
    return uri.filter(u -> "file".equals(u.getScheme())).map(Path::of);
  }

  private static Optional<URI> toUri(java.net.URL url) {
    try {
      return Optional.of(url.toURI());
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * The hex SHA-256 of a jar's bytes, or of a class folder's files (each relative path and its
   * bytes, in path order).
   *
   * @param file the jar or folder
   * @return the hash, or the empty string when it cannot be read
   */
  static String sha256(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = a.lastModifiedTime().toMillis();
      Hashed h = CACHE.get(file);
      if (h != null && h.size() == a.size() && h.modified() == modified && !a.isDirectory()) {
        return h.sha256();
      }
      String hash = a.isDirectory() ? folderHash(file) : fileHash(file);
      CACHE.put(file, new Hashed(a.size(), modified, hash));
      return hash;
    } catch (IOException e) {
      return "";
    }
  }

  private static String fileHash(Path file) throws IOException {
    MessageDigest d = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static String folderHash(Path folder) throws IOException {
    MessageDigest d = digest();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      d.update(folder.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
