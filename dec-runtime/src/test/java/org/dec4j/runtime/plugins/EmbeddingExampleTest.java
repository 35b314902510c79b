package org.dec4j.runtime.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from Java" program, {@code examples/embedding}, compiled with javac and run in
 * a JVM of its own against this build: once on the plain class path (the plugins found through
 * their {@code META-INF/services} entries) and once on the module path (through {@code provides}).
 * Both runs fit, save, load and predict, and print the same lines. The libraries are the runtime's
 * own run-time dependencies, which must include no SLF4J provider, plus the method plugins and the
 * provider the example chooses (slf4j-nop), so nothing but the program's output is printed.
 */
class EmbeddingExampleTest {
  @TempDir Path work;

  /** The output files the build prepares (see this module's pom.xml). */
  private static final Path RUNTIME_CLASS_PATH = Path.of("target", "runtime-classpath.txt");

  private static final Path EXAMPLE_LIB = Path.of("target", "example-lib");

  @Test
  void theExampleRunsOnTheClassPathAndOnTheModulePath() throws Exception {
    List<String> runtime =
        Arrays.stream(Files.readString(RUNTIME_CLASS_PATH).strip().split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .toList();
    for (String jar : runtime) {
      String name = Path.of(jar).getFileName().toString();
      assertFalse(
          name.startsWith("slf4j-") && !name.startsWith("slf4j-api")
              || name.startsWith("logback")
              || name.contains("log4j-slf4j"),
          "the runtime must not force a logging provider on applications: " + jar);
    }
    List<String> libs = new ArrayList<>(runtime);
    libs.add(Path.of("target", "classes").toAbsolutePath().toString());
    for (String plugin : List.of("plugin-dec", "plugin-idec", "plugin-dcn")) {
      libs.add(pluginOnThisPath(plugin));
    }
    try (Stream<Path> nop = Files.list(EXAMPLE_LIB)) {
      nop.map(p -> p.toAbsolutePath().toString()).forEach(libs::add);
    }
    String path = String.join(File.pathSeparator, libs);
    Path sources = PluginJars.repositoryRoot().resolve("examples/embedding/src/main/java");
    List<String> javaFiles;
    try (Stream<Path> s = Files.walk(sources)) {
      javaFiles = s.map(Path::toString).filter(f -> f.endsWith(".java")).sorted().toList();
    }

    Path cpClasses = work.resolve("cp-classes");
    List<String> cpArgs =
        new ArrayList<>(
            List.of(
                "--class-path",
                path,
                "-d",
                cpClasses.toString(),
                "-proc:none",
                "-Werror",
                "-Xlint:all"));
    javaFiles.stream().filter(f -> !f.endsWith("module-info.java")).forEach(cpArgs::add);
    PluginJars.run("javac", cpArgs);
    Result classPath =
        java(
            List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                cpClasses + File.pathSeparator + path,
                "org.example.embedding.Main",
                work.resolve("cp-model").toString()));

    Path mpClasses = work.resolve("mp-classes");
    List<String> mpArgs =
        new ArrayList<>(
            List.of(
                "--module-path",
                path,
                "-d",
                mpClasses.toString(),
                "-proc:none",
                "-Xlint:all,-requires-automatic,-requires-transitive-automatic"));
    mpArgs.addAll(javaFiles);
    PluginJars.run("javac", mpArgs);
    Result modulePath =
        java(
            List.of(
                "--enable-native-access=ALL-UNNAMED,com.sun.jna,smile.base",
                "-p",
                mpClasses + File.pathSeparator + path,
                "-m",
                "org.example.embedding/org.example.embedding.Main",
                work.resolve("mp-model").toString()));

    for (Result r : List.of(classPath, modulePath)) {
      assertEquals(0, r.code(), r.mode() + ": exit code\n" + r.out() + r.err());
      assertTrue(r.out().contains("fitted idec: 3 clusters"), r.mode() + ":\n" + r.out() + r.err());
      assertTrue(
          r.out().contains("training rows: ACC 1.0000  NMI 1.0000  ARI 1.0000"),
          r.mode() + ":\n" + r.out());
      assertTrue(
          r.out().contains("as the training rows of their groups: true"),
          r.mode() + ":\n" + r.out());
      assertTrue(
          r.out().contains("reloaded model on the training rows: ACC 1.0000"),
          r.mode() + ":\n" + r.out());
      assertTrue(
          r.err().contains("pretrain") && r.err().contains("cluster:"),
          r.mode() + ": progress reaches the listener (standard error):\n" + r.err());
      assertFalse(
          r.err().contains("SLF4J"), r.mode() + ": no logging-provider warning:\n" + r.err());
      assertTrue(
          Files.isRegularFile(
              work.resolve(r.mode().equals("class path") ? "cp-model" : "mp-model")
                  .resolve("model.json")),
          r.mode() + ": the model was saved");
    }
    assertEquals(
        classPath.out(), modulePath.out(), "the same program, the same output on either path");
  }

  /** The jar or classes folder of a reactor module on this test's own module or class path. */
  private static String pluginOnThisPath(String artifact) {
    String all =
        System.getProperty("jdk.module.path", "")
            + File.pathSeparator
            + System.getProperty("java.class.path", "");
    return Arrays.stream(all.split(File.pathSeparator))
        .filter(
            e ->
                e.contains(File.separator + artifact + File.separator)
                    || Path.of(e).getFileName().toString().startsWith(artifact + "-"))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException(artifact + " is not on the test's path: " + all));
  }

  private record Result(String mode, int code, String out, String err) {}

  private Result java(List<String> args) throws IOException, InterruptedException {
    String mode = args.contains("-m") ? "module path" : "class path";
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Xmx1g"));
    command.addAll(args);
    Path out = work.resolve(mode.replace(' ', '-') + ".out");
    Path err = work.resolve(mode.replace(' ', '-') + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    Process child = builder.start();
    child.getOutputStream().close();
    if (!child.waitFor(300, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          mode + ": the example did not end within 300 s: " + Files.readString(err));
    }
    return new Result(
        mode,
        child.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
