package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Provenance records which commit made a result when dec4j runs from a git checkout. */
class VersionsTest {
  @Test
  void theCommitOfTheCheckoutIsRecorded() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    assumeTrue(root != null && Files.exists(root.resolve(".git")), "not built from a git checkout");
    Process p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").start();
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "no git on this machine");
    String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

    String commit = Versions.commit();
    assertTrue(commit != null && commit.matches("[0-9a-f]{12}( dirty)?"), "commit: " + commit);
    assertEquals(head.substring(0, 12), commit.substring(0, 12));
    assertEquals(commit, Versions.libraries().get("dec4j_commit"));
  }
}
