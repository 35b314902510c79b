package org.dec4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dec4j} as a user runs it: a separate JVM started the way the {@code dec4j} launcher starts
 * it (its module path and main module, {@code -Dai.djl.offline=true}, native access), with standard
 * output and error redirected to files, so what reaches a redirected file or a pipe, the exit code
 * the shell sees and anything the JVM leaves in its working directory are what is tested.
 *
 * <p>The child gets this test JVM's own module path and class path (surefire keeps some libraries,
 * such as JNA, on the class path, where the automatic DJL modules read them) rather than calling
 * the {@code dec4j} script, which would rebuild the project from inside the build.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * What runs the child as a user rather than as root, when the tests run as root (a CI container):
   * {@code unshare -U}, a user namespace in which root's files keep their owner but root's power to
   * ignore their permissions is gone, so an unreadable file or a read-only folder is one for the
   * child, as it is for a user. Empty when not root, or when user namespaces are not available.
   */
  private static final List<String> UNPRIVILEGED = unprivileged();

  /**
   * What starts the child with SIGINT and SIGTERM at their default actions, as in a terminal: a
   * build started in the background of a non-interactive shell (nohup, {@code cmd &}) ignores
   * SIGINT, and an ignored signal stays ignored across exec, so a child would never see Ctrl-C.
   * {@code env --default-signal} (coreutils 8.31+); empty where it is missing.
   */
  private static final List<String> DEFAULT_SIGNALS = defaultSignals();

  private static List<String> defaultSignals() {
    List<String> prefix = List.of("env", "--default-signal=INT,TERM");
    try {
      Process p =
          new ProcessBuilder(concat(prefix, List.of("true")))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? prefix : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> unprivileged() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    try {
      Process p =
          new ProcessBuilder("unshare", "-U", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
          ? List.of("unshare", "-U")
          : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /**
   * What a finished child printed.
   *
   * @param code its exit code
   * @param out standard output, as bytes reached the file
   * @param err standard error
   */
  record Result(int code, String out, String err) {
    /** {@return both streams, for assertion messages} */
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /**
   * The command line of a child {@code dec4j}.
   *
   * @param args dec4j's arguments
   * @return java and its options, then the arguments
   */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(DEFAULT_SIGNALS);
    command.addAll(UNPRIVILEGED);
    command.addAll(java());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * The java command line that runs {@code dec4j} as the launcher builds it (a JDK 25, DJL offline,
   * native access, the modules on the module path), but on this test's module path, so that it runs
   * the code under test and never the launcher's rebuild.
   *
   * @return java and its options, to which dec4j's arguments are appended
   */
  static List<String> java() {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "--enable-native-access=ALL-UNNAMED,com.sun.jna,smile.base",
                "-Xss4m",
                "-Xmx1g",
                // The user's home, not the one a user namespace maps to (/nonexistent): ~/.dec4j
                // and DJL's cache.
                "-Duser.home=" + System.getProperty("user.home")));
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
   * Starts a child {@code dec4j} whose output goes to {@code <dir>/stdout} and {@code
   * <dir>/stderr}.
   *
   * @param dir its working directory, and where its output files go
   * @param env extra environment variables
   * @param args dec4j's arguments
   * @return the process
   */
  static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
    Files.createDirectories(dir);
    ProcessBuilder pb =
        new ProcessBuilder(command(args))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Runs a child {@code dec4j} to its end.
   *
   * @param dir its working directory and where its output files go
   * @param args dec4j's arguments
   * @return its exit code and output
   */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return finish(start(dir, Map.of(), args), dir);
  }

  /**
   * Waits for a child started by {@link #start} (at most five minutes) and reads its output.
   *
   * @param child the process
   * @param dir the folder it was started in
   * @return its exit code and output
   */
  static Result finish(Process child, Path dir) throws IOException, InterruptedException {
    if (!child.waitFor(300, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("dec4j did not end within 300 s:\n" + output(dir));
    }
    return new Result(
        child.exitValue(),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  /** {@return what a child has printed so far} */
  static String output(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String name : new String[] {"stdout", "stderr"}) {
      Path f = dir.resolve(name);
      b.append("--- ")
          .append(name)
          .append('\n')
          .append(Files.exists(f) ? Files.readString(f) : "")
          .append('\n');
    }
    return b.toString();
  }
}
