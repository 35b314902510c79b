package org.dec4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where pretrained autoencoders are cached: --cache-dir, else ~/.dec4j/cache; --no-cache for none.
 */
final class CacheOptions {
  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Where pretrained autoencoders are cached (default: ~/.dec4j/cache).")
  Path dir;

  @Option(
      names = "--no-cache",
      description =
          "Neither read nor write the autoencoder cache: every run pretrains " + "its own.")
  boolean off;

  /** {@return the cache folder, or null when caching is off} */
  Path folder() {
    return off
        ? null
        : dir != null ? dir : Path.of(System.getProperty("user.home"), ".dec4j", "cache");
  }
}
