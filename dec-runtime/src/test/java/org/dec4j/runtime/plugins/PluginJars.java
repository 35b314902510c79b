package org.dec4j.runtime.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds plugin jars in a test, with the JDK's own javac and jar tools against the dec-api module
 * this test runs with: the worked example from {@code examples/objective-plugin}, and small broken
 * plugins written inline.
 */
final class PluginJars {
  private PluginJars() {}

  /** {@return the repository's root, found from the module's working directory} */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/objective-plugin"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "examples/objective-plugin not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** {@return the module path this JVM runs with, for compiling plugins against dec-api and DJL} */
  static String modulePath() {
    String mp = System.getProperty("jdk.module.path");
    if (mp != null && !mp.isBlank()) {
      return mp;
    }
    List<String> out = new ArrayList<>();
    ModuleLayer.boot()
        .configuration()
        .modules()
        .forEach(
            m ->
                m.reference()
                    .location()
                    .filter(u -> u.getScheme().equals("file"))
                    .ifPresent(u -> out.add(Path.of(u).toString())));
    return String.join(java.io.File.pathSeparator, out);
  }

  /**
   * Compiles one module's sources and packs them as a jar.
   *
   * @param sources a source root holding module-info.java
   * @param jar the jar to write
   * @param work a scratch directory
   * @return the jar
   */
  static Path moduleJar(Path sources, Path jar, Path work) {
    Path classes = work.resolve("classes-" + jar.getFileName());
    List<String> args =
        new ArrayList<>(
            List.of(
                "--module-path", modulePath(), "-d", classes.toString(), "-proc:none", "-nowarn"));
    args.addAll(javaFiles(sources));
    run("javac", args);
    run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    return jar;
  }

  /**
   * Compiles inline modules in one javac run and packs each as a jar.
   *
   * @param modules module name to its files (path relative to the module's root, to content)
   * @param work a scratch directory
   * @return module name to its jar, in {@code work/jars}
   */
  static Map<String, Path> moduleJars(Map<String, Map<String, String>> modules, Path work) {
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Path jars = work.resolve("jars");
    try {
      Files.createDirectories(jars);
      for (var m : modules.entrySet()) {
        for (var f : m.getValue().entrySet()) {
          Path file = src.resolve(m.getKey()).resolve(f.getKey());
          Files.createDirectories(file.getParent());
          Files.writeString(file, f.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--module-path",
                modulePath(),
                "--module-source-path",
                src.toString(),
                "-d",
                classes.toString(),
                "-proc:none",
                "-nowarn",
                "--module",
                String.join(",", modules.keySet())));
    run("javac", args);
    Map<String, Path> out = new java.util.LinkedHashMap<>();
    for (String name : modules.keySet()) {
      Path jar = jars.resolve(name + ".jar");
      run(
          "jar",
          List.of(
              "--create", "--file", jar.toString(), "-C", classes.resolve(name).toString(), "."));
      out.put(name, jar);
    }
    return out;
  }

  /**
   * Compiles class-path sources (no module-info) into a jar that becomes an automatic module, with
   * a {@code META-INF/services} entry.
   *
   * @param files path relative to the source root, to content
   * @param service the service interface's binary name
   * @param provider the provider class's binary name
   * @param jar the jar to write
   * @param work a scratch directory
   * @return the jar
   */
  static Path automaticJar(
      Map<String, String> files, String service, String provider, Path jar, Path work) {
    return automaticJar(files, service, provider, jar, work, List.of());
  }

  /**
   * Like {@link #automaticJar(Map, String, String, Path, Path)}, leaving compiled classes out of
   * the jar: a stub of a dec-api class that no longer exists compiles the plugin as an older
   * dec-api would have, and leaving the stub out gives the jar such a plugin would be.
   *
   * @param files path relative to the source root, to content
   * @param service the service interface's binary name
   * @param provider the provider class's binary name
   * @param jar the jar to write
   * @param work a scratch directory
   * @param leaveOut class files (relative to the class root) not to pack
   * @return the jar
   */
  static Path automaticJar(
      Map<String, String> files,
      String service,
      String provider,
      Path jar,
      Path work,
      List<String> leaveOut) {
    Path src = work.resolve("auto-src-" + jar.getFileName());
    Path classes = work.resolve("auto-classes-" + jar.getFileName());
    try {
      for (var f : files.entrySet()) {
        Path file = src.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue());
      }
      Path services = classes.resolve("META-INF/services");
      Files.createDirectories(services);
      Files.writeString(services.resolve(service), provider + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class-path", modulePath(), "-d", classes.toString(), "-proc:none", "-nowarn"));
    args.addAll(javaFiles(src));
    run("javac", args);
    try {
      for (String c : leaveOut) {
        Path file = classes.resolve(c);
        Files.delete(file);
        // and its emptied folders, so that the jar does not even list the package
        for (Path d = file.getParent(); !d.equals(classes) && isEmpty(d); d = d.getParent()) {
          Files.delete(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    return jar;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static List<String> javaFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void run(String tool, List<String> args) {
    ToolProvider t =
        ToolProvider.findFirst(tool)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the JDK tool '" + tool + "' is not available: run with a JDK"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int rc = t.run(out, out, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException(
          tool + " failed (" + rc + "): " + buffer.toString(StandardCharsets.UTF_8));
    }
  }
}
