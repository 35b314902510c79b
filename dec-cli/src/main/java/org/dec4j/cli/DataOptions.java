package org.dec4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where data files are looked for: --data-dir, then $DEC4J_DATA, then ~/.dec4j/data. */
final class DataOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory to look for data files in (repeatable; searched before $DEC4J_DATA and ~/.dec4j/data).")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--download",
      description =
          "Download missing data files from their canonical source "
              + "(checksums verified) into the first data directory.")
  boolean download;

  List<Path> searchPath() {
    List<Path> out = new ArrayList<>(dirs);
    String env = System.getenv("DEC4J_DATA");
    if (env != null && !env.isBlank()) {
      for (String s : env.split(java.io.File.pathSeparator)) {
        out.add(Path.of(s));
      }
    }
    out.add(Path.of(System.getProperty("user.home"), ".dec4j", "data"));
    return out;
  }
}
