package org.dec4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dec4j} as the launcher does, in a JVM of its own on this test's module path, so that
 * the exit code is the one {@code System.exit} gives the shell and the output is what reaches it.
 */
final class Launcher {
  private Launcher() {}

  /**
   * The java command line that runs {@code dec4j}, as the launcher builds it (a JDK 25, DJL offline,
   * native access, the modules on the module path) but on this test's module path, so that it runs
   * the code under test and never the launcher's rebuild.
   *
   * @return the command, to which the arguments are appended
   */
  static List<String> java() {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx512m"));
    String modulePath = System.getProperty("jdk.module.path");
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.isBlank()) {
      command.addAll(List.of("-cp", classPath));
    }
    if (modulePath != null && !modulePath.isBlank()) {
      command.addAll(List.of("-p", modulePath, "-m", "org.dec4j.cli/org.dec4j.cli.Main"));
    } else {
      command.add("org.dec4j.cli.Main");
    }
    return command;
  }

  /**
   * Runs {@code dec4j args...} in a child JVM.
   *
   * @param work a directory for the child's output files
   * @param args the arguments
   * @return the exit code and what the child printed on each stream
   */
  static CliRun run(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = java();
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    child.getOutputStream().close();
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("dec4j " + String.join(" ", args) + " did not end within 120 s");
    }
    return new CliRun(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
