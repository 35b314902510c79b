package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dec4j.suite.SuiteReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What commands print reaches a redirected file, byte for byte: {@code dec4j suite example >
 * my-suite.yaml} (the README's way to start a suite) once wrote 0 bytes, because standard output
 * was flushed only by {@code println} and the JVM exited with {@code print}'s text still buffered.
 * Run in a child JVM with its output redirected to a file, as a shell does.
 */
class RedirectedOutputTest {
  @TempDir Path temp;

  @Test
  void suiteExampleReachesAFile() throws Exception {
    ChildJvm.Result r = ChildJvm.run(temp, "suite", "example");
    assertEquals(0, r.code(), r.all());
    assertEquals(SuiteReader.exampleText(), r.out(), "the file holds the whole example suite");
  }

  @Test
  void everyCommandsOutputEndsComplete() throws Exception {
    String[][] commands = {
      {"--version"},
      {"--help"},
      {"suite", "--help"},
      {"plugins"},
      {"datasets"},
      {"suite", "run", "--example", "--dry-run", "-o", temp.resolve("dry").toString()}
    };
    for (String[] args : commands) {
      Path dir = temp.resolve("c" + String.join("-", args).replaceAll("[^a-z]+", "-"));
      ChildJvm.Result r = ChildJvm.run(dir, args);
      String command = String.join(" ", args);
      assertEquals(0, r.code(), command + ": " + r.all());
      String inProcess = CliRun.of(args).out();
      assertEquals(
          inProcess, r.out(), command + ": what reaches the file is what the command printed");
      assertTrue(r.out().endsWith("\n"), command + ": output ends with its last line: " + r.all());
    }
  }
}
