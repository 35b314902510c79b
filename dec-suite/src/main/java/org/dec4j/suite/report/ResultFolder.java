package org.dec4j.suite.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dec4j.api.DataException;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Json;

/**
 * The layout of a result folder, and reading and merging such folders.
 *
 * <pre>
 * runs/&lt;data set&gt;/&lt;method variant&gt;-seed&lt;seed&gt;.json   one {@link RunResult} per run
 * data/&lt;data set&gt;.json                                 its {@link GroundTruth}
 * maps/                                                cached 2-D maps
 * suite.json                                           the suite that produced it
 * summary.csv runs.csv summary.md summary.tex report.html
 * </pre>
 *
 * <p>Result files are written atomically (a temporary file renamed into place), so a file that
 * exists is complete; temporary files of a killed process are ignored.
 */
public final class ResultFolder {
  /** Subfolder of the per-run results. */
  public static final String RUNS = "runs";

  /** Subfolder of the ground-truth files. */
  public static final String DATA = "data";

  /** Subfolder of cached maps. */
  public static final String MAPS = "maps";

  /** The suite file written beside the results. */
  public static final String SUITE = "suite.json";

  private ResultFolder() {}

  /**
   * Whether a folder is a suite's result folder: it holds the {@value #SUITE} a suite run writes
   * first, or a {@value #RUNS} subfolder.
   *
   * @param folder the folder
   * @return true when it is one
   */
  public static boolean isResultFolder(Path folder) {
    return Files.isRegularFile(folder.resolve(SUITE)) || Files.isDirectory(folder.resolve(RUNS));
  }

  /**
   * Refuses a folder that is not a suite's result folder, before anything is written to it (its
   * report would overwrite files such as a {@code summary.md} the suite does not own).
   *
   * @param folder the folder to report or read
   * @throws DataException naming the folder when it is missing or not a result folder
   */
  public static void requireResultFolder(Path folder) {
    if (!Files.exists(folder)) {
      throw new DataException(folder + ": no such result folder");
    }
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + ": not a folder");
    }
    if (!isResultFolder(folder)) {
      throw new DataException(
          folder
              + ": not a suite result folder (it has neither "
              + SUITE
              + " nor a "
              + RUNS
              + "/ subfolder); nothing was written");
    }
  }

  /**
   * Refuses a folder a suite may not write its results and report into: an existing file, or a
   * folder that holds files but no suite results. A missing or empty folder is fine.
   *
   * @param folder the output folder
   * @throws DataException naming the folder
   */
  public static void requireWritableOutput(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + ": the output folder is a file");
    }
    if (isResultFolder(folder)) {
      return;
    }
    try (Stream<Path> s = Files.list(folder)) {
      if (s.findAny().isPresent()) {
        throw new DataException(
            folder
                + ": not a suite result folder (it has files, but neither "
                + SUITE
                + " nor a "
                + RUNS
                + "/ subfolder), so its files are left alone; give an empty or new output folder");
      }
    } catch (IOException e) {
      throw new DataException(folder + ": cannot list the output folder: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every result file of a folder.
   *
   * @param folder the result folder
   * @return the results, ordered by path
   * @throws DataException when a result file cannot be read
   */
  public static List<RunFile> runs(Path folder) {
    Path runs = folder.resolve(RUNS);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    List<RunFile> out = new ArrayList<>();
    for (Path p : files(runs)) {
      out.add(new RunFile(folder.relativize(p), Json.read(p, RunResult.class)));
    }
    return out;
  }

  /**
   * Reads the ground-truth files of a folder.
   *
   * @param folder the result folder
   * @return by data checksum
   */
  public static Map<String, GroundTruth> truths(Path folder) {
    Path data = folder.resolve(DATA);
    Map<String, GroundTruth> out = new LinkedHashMap<>();
    if (Files.isDirectory(data)) {
      for (Path p : files(data)) {
        GroundTruth t = Json.read(p, GroundTruth.class);
        out.putIfAbsent(t.sha256(), t);
      }
    }
    return out;
  }

  /** The {@code .json} files below a directory, sorted by path; temporary files left out. */
  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a merge did.
   *
   * @param copied result files copied into the target
   * @param present result files the target already had, identical
   * @param conflicts result files that exist in two folders with different contents; the first one
   *     found (the target's own, then the sources in order) is kept
   */
  public record Merge(int copied, int present, List<String> conflicts) {}

  /**
   * Copies the results, ground truths and the suite file of several folders into one, so it can be
   * reported (and resumed) as if one process had produced it.
   *
   * @param sources result folders, e.g. one per shard
   * @param target the merged folder (may be one of the sources)
   * @return counts
   */
  public static Merge merge(List<Path> sources, Path target) {
    int copied = 0;
    int present = 0;
    List<String> conflicts = new ArrayList<>();
    Path t = target.toAbsolutePath().normalize();
    // Every folder is checked before anything is copied.
    for (Path source : sources) {
      if (!Files.isDirectory(source)) {
        throw new DataException(source + ": no such result folder");
      }
      if (!Files.isDirectory(source.resolve(RUNS))) {
        throw new DataException(
            source + ": not a result folder (it has no " + RUNS + "/ subfolder)");
      }
    }
    requireWritableOutput(target);
    try {
      Files.createDirectories(t.resolve(RUNS));
    } catch (IOException e) {
      throw new DataException("cannot create " + t.resolve(RUNS) + ": " + e.getMessage(), e);
    }
    for (Path source : sources) {
      Path s = source.toAbsolutePath().normalize();
      if (s.equals(t)) {
        continue;
      }
      for (String sub : List.of(RUNS, DATA)) {
        if (!Files.isDirectory(s.resolve(sub))) {
          continue;
        }
        for (Path file : files(s.resolve(sub))) {
          Path rel = s.relativize(file);
          Path dest = t.resolve(rel);
          if (Files.exists(dest)) {
            if (sameBytes(file, dest)) {
              present += sub.equals(RUNS) ? 1 : 0;
            } else if (sub.equals(RUNS)) {
              conflicts.add(rel + " (kept " + dest + ", not " + file + ")");
            }
            continue;
          }
          Json.copyAtomically(file, dest);
          copied += sub.equals(RUNS) ? 1 : 0;
        }
      }
      if (Files.isRegularFile(s.resolve(SUITE)) && !Files.exists(t.resolve(SUITE))) {
        Json.copyAtomically(s.resolve(SUITE), t.resolve(SUITE));
      }
    }
    return new Merge(copied, present, conflicts);
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    } catch (IOException e) {
      throw new DataException("cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
    }
  }
}
