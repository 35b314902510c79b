package org.dec4j.runtime;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Versions of dec4j, its libraries and the machine, for provenance. */
public final class Versions {
  private Versions() {}

  /** Returns the dec4j version (from the runtime jar's manifest, or "dev"). */
  public static String dec4j() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  private static volatile String source;

  /**
   * The commit dec4j runs from, when it runs from a git checkout (as the {@code dec4j} launcher
   * does): the commit id, with {@code " dirty"} when tracked files differ from it. A snapshot
   * version alone does not say which code made a result.
   *
   * @return e.g. {@code 3e9622e5f0a1 dirty}, or null outside a checkout
   */
  public static String commit() {
    String s = source;
    if (s == null) {
      s = findCommit();
      source = s;
    }
    return s.isEmpty() ? null : s;
  }

  private static String findCommit() {
    try {
      Path dir =
          Path.of(Versions.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath();
      for (int up = 0; up < 6 && dir != null; up++, dir = dir.getParent()) {
        if (Files.exists(dir.resolve(".git"))) {
          String head = git(dir, "rev-parse", "HEAD");
          if (head == null || !head.matches("[0-9a-f]{40}")) {
            return "";
          }
          // Exit code 1 when tracked files' contents differ from the commit. Not diff-index: it
          // also
          // counts files whose stat data alone changed, e.g. every file when read under another uid
          // (a user namespace), where the contents are the commit's.
          boolean dirty = gitExit(dir, "diff", "--quiet", "HEAD", "--") == 1;
          return head.substring(0, 12) + (dirty ? " dirty" : "");
        }
      }
    } catch (RuntimeException | java.net.URISyntaxException e) {
      // not from a file, or no permission: no commit to record
    }
    return "";
  }

  /** Runs git for its exit code; -1 when it was missing or took over 10 s. */
  private static int gitExit(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Runs git; its (short) output, or null when it failed, was missing or took over 10 s. */
  private static String git(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      byte[] out = p.getInputStream().readAllBytes();
      return p.exitValue() != 0 ? null : new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Returns library versions, and the git commit dec4j runs from when known ({@code dec4j_commit}).
   */
  public static Map<String, String> libraries() {
    Map<String, String> out = new LinkedHashMap<>();
    String commit = commit();
    if (commit != null) {
      out.put("dec4j_commit", commit);
    }
    out.put("java", System.getProperty("java.runtime.version", "?"));
    out.put("djl", Engine.getDjlVersion());
    try {
      Engine engine = Engine.getInstance();
      out.put("engine", engine.getEngineName() + " " + engine.getVersion());
    } catch (RuntimeException e) {
      out.put("engine", "unavailable: " + e.getMessage());
    }
    out.put("smile", moduleVersion(smile.clustering.KMeans.class, "6.3.0"));
    out.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    return out;
  }

  /** Returns machine facts. */
  public static Map<String, String> machine() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    out.put("arch", System.getProperty("os.arch"));
    out.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    out.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    String omp = System.getenv("OMP_NUM_THREADS");
    out.put("omp_num_threads", omp == null ? "unset" : omp);
    return out;
  }

  private static String moduleVersion(Class<?> type, String fallback) {
    return type.getModule().getDescriptor() != null
        ? type.getModule().getDescriptor().rawVersion().orElse(fallback)
        : fallback;
  }
}
