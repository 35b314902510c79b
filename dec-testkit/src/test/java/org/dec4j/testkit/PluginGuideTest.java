package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows docs/writing-an-objective-plugin.md literally: its build block (the one marked for this
 * test) runs as written with bash, in a copy of this tree, so it builds and tests
 * examples/objective-plugin against this tree's dec-api and dec-testkit, the full contract
 * included.
 *
 * <p>Maven's local repository is a fresh one, so the block's install step cannot pick up, nor
 * disturb, another build's SNAPSHOTs in ~/.m2; ~/.m2 serves (read only, releases only) as a
 * repository to copy third-party artifacts from, before the network. The only thing the test adds
 * to the block is a {@code mvn} first on the PATH that passes those two settings to the real one.
 */
class PluginGuideTest {
  private static final String GUIDE = "docs/writing-an-objective-plugin.md";
  private static final String MARK = "<!-- PluginGuideTest runs this block -->";

  @Test
  void theGuidesStepsBuildAndTestTheExamplePluginWithTheFullContract(@TempDir Path tmp)
      throws Exception {
    Path root = root();
    String block = markedBlock(Files.readString(root.resolve(GUIDE)));
    Path tree = tmp.resolve("dec4j");
    copyTree(root, tree);
    Path bin = wrapper(tmp);
    Path log = tmp.resolve("guide.log");

    int exit = bash(block, tree, bin, log, Map.of());

    assertEquals(
        0,
        exit,
        "the guide's block failed:\n"
            + block
            + "\n--- last lines of the log ---\n"
            + tail(log, 80));
    Path example = tree.resolve("examples/objective-plugin");
    assertTrue(
        Files.isRegularFile(example.resolve("target/dkm-objective-1.0.0.jar")),
        "no plugin jar built");
    Path report =
        example.resolve("target/surefire-reports/TEST-org.example.dkm.DeepKMeansContractTest.xml");
    String xml = Files.readString(report);
    // The contract ran in full and Surefire reports every check by its sentence, not as [1][17].
    for (String check :
        List.of(
            ObjectiveTestKit.SAME_SEED,
            BehaviourChecks.GRADIENT_FLOW,
            BehaviourChecks.RESUME,
            BehaviourChecks.EDGES,
            BehaviourChecks.EXTREMES,
            BehaviourChecks.USED,
            BehaviourChecks.LEARNS,
            MetadataChecks.BOUNDS)) {
      assertTrue(
          xml.contains(escapeXml(check)),
          "the example's report does not name the check '" + check + "'");
    }
    assertTrue(!xml.contains("()[1][1]"), "Surefire still numbers the checks: " + report);
    Matcher m =
        Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\"[^>]*failures=\"(\\d+)\"[^>]*>")
            .matcher(xml);
    assertTrue(m.find(), "no test suite in " + report);
    assertTrue(Integer.parseInt(m.group(1)) >= 25, "only " + m.group(1) + " tests in " + report);
    assertEquals("0", m.group(2), "failures in " + report);
  }

  @Test
  void theGuideNamesTheVersionThisTreeBuildsAndTheExampleDependsOnIt() throws IOException {
    Path root = root();
    String version =
        firstGroup(
            "<artifactId>dec4j-parent</artifactId>\\s*<version>([^<]+)</version>",
            Files.readString(root.resolve("pom.xml")));
    String example = Files.readString(root.resolve("examples/objective-plugin/pom.xml"));
    assertEquals(version, firstGroup("<dec4j.version>([^<]+)</dec4j.version>", example));
    String guide = Files.readString(root.resolve(GUIDE));
    assertTrue(
        guide.contains("<version>" + version + "</version>"),
        "the guide does not give version " + version);
  }

  @Test
  void onAJdkOlderThan25TheExampleSaysWhichJdkItNeeds(@TempDir Path tmp) throws Exception {
    Path old = olderJdk();
    assumeTrue(old != null, "no JDK older than 25 under /usr/lib/jvm to try");
    Path example = tmp.resolve("example");
    copy(root().resolve("examples/objective-plugin"), example);
    Path log = tmp.resolve("old-jdk.log");
    int exit =
        bash("mvn -q validate", example, wrapper(tmp), log, Map.of("JAVA_HOME", old.toString()));
    String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    assertNotEquals(0, exit, out);
    assertTrue(out.contains("dec4j plugins build with JDK 25 or newer"), out);
    assertTrue(out.contains("export JAVA_HOME=$(path/to/dec4j/bin/jdk25)"), out);
  }

  /** The fenced block after the guide's mark, as it is written. */
  static String markedBlock(String guide) {
    int at = guide.indexOf(MARK);
    assertTrue(at >= 0, GUIDE + " has no block marked " + MARK);
    Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    assertTrue(m.find(at), "no ```bash block after the mark in " + GUIDE);
    return m.group(1);
  }

  private static int bash(String script, Path dir, Path bin, Path log, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .put("PATH", bin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    // A user's shell: without the JVM options this build's own Maven runs with (some need Java 25).
    pb.environment().remove("MAVEN_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    // Not a timing assertion: a guard so that a hung build ends the test instead of the whole run.
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("the build did not finish in 20 minutes:\n" + tail(log, 40));
    }
    return p.exitValue();
  }

  /**
   * A {@code mvn} that runs the real one with a fresh local repository and ~/.m2 as a read-only
   * source of released artifacts.
   */
  private static Path wrapper(Path tmp) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path repo = Files.createDirectories(tmp.resolve("m2"));
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    Path settings = tmp.resolve("settings.xml");
    String repository =
        """
        <id>user-m2</id><url>%s</url>
        <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
        <snapshots><enabled>false</enabled></snapshots>"""
            .formatted(m2.toUri());
    Files.writeString(
        settings,
        """
        <settings>
          <profiles><profile><id>user-m2</id>
            <repositories><repository>%s</repository></repositories>
            <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
          </profile></profiles>
          <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>
        </settings>
        """
            .formatted(repository, repository));
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        "#!/usr/bin/env bash\nexec '"
            + realMaven()
            + "' -B -s '"
            + settings
            + "' -Dmaven.repo.local='"
            + repo
            + "' \"$@\"\n");
    assertTrue(mvn.toFile().setExecutable(true));
    return bin;
  }

  private static String realMaven() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "mvn");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError("no mvn on the PATH");
  }

  /** This tree's root: the folder with the root POM and the guide. */
  private static Path root() {
    String given = System.getProperty("dec4j.root");
    Path here = given != null ? Path.of(given) : Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.isRegularFile(here.resolve(GUIDE)), "cannot find the dec4j tree at " + here);
    return here;
  }

  /** The build's inputs: the root POM and scripts, every module's POM and sources, the example. */
  private static void copyTree(Path root, Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : List.of("pom.xml", "build")) {
      Files.copy(root.resolve(f), to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    copy(root.resolve("bin"), to.resolve("bin"));
    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    while (m.find()) {
      copy(root.resolve(m.group(1)), to.resolve(m.group(1)));
    }
    copy(root.resolve("examples/objective-plugin"), to.resolve("examples/objective-plugin"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static Path olderJdk() throws IOException {
    Path jvm = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvm)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvm)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)) {
          Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) < 25) {
            return home;
          }
        }
      }
    }
    return null;
  }

  private static String firstGroup(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex);
    return m.group(1);
  }

  private static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;")
        .replace("\"", "&quot;");
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
