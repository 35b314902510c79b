package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretrained-autoencoder cache entry is used only when it is the entry of the run: one valid
 * entry copied over another of the same shape (a mis-copied or damaged cache) is reported, naming
 * the file, and the autoencoder is pretrained again and the entry replaced, so the result is that
 * of a run with a sound cache. Before, the file name was all that was checked and the wrong weights
 * were used silently.
 */
class CacheEntryTest {
  @TempDir Path temp;

  private ChildJvm.Result run(String name, long seed) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-m",
                "dec",
                "-d",
                "blobs",
                "-D",
                "n=300",
                "--dims",
                "8,3",
                "--pretrain-epochs",
                "3",
                "--kmeans-restarts",
                "2",
                "-P",
                "max_iter=30",
                "-P",
                "update_interval=10",
                "--no-checkpoint",
                "-q",
                "--cache-dir",
                temp.resolve("cache").toString(),
                "--seed",
                Long.toString(seed),
                "-o",
                temp.resolve(name + ".json").toString()));
    ChildJvm.Result r = ChildJvm.run(temp.resolve(name), args.toArray(String[]::new));
    assertEquals(0, r.code(), name + ": " + r.all());
    return r;
  }

  private Set<Path> entries() throws Exception {
    try (Stream<Path> s = Files.list(temp.resolve("cache"))) {
      return s.filter(p -> p.toString().endsWith(".params")).collect(Collectors.toSet());
    }
  }

  @Test
  void anEntryCopiedOverAnotherIsReportedAndReplacedNotUsed() throws Exception {
    run("a", 0);
    Set<Path> afterA = entries();
    assertEquals(1, afterA.size(), "one entry per pretrained autoencoder: " + afterA);
    Path entryA = afterA.iterator().next();
    run("b", 1);
    Set<Path> afterB = entries();
    afterB.removeAll(afterA);
    assertEquals(1, afterB.size(), "seed 1 has an entry of its own: " + afterB);
    Path entryB = afterB.iterator().next();
    RunResult b = Json.read(temp.resolve("b.json"), RunResult.class);

    Files.copy(entryA, entryB, StandardCopyOption.REPLACE_EXISTING);
    ChildJvm.Result again = run("b-again", 1);
    assertTrue(
        again.err().contains("warning: not using the cached autoencoder " + entryB)
            && again.err().contains("pretraining again"),
        "the wrong entry is reported by name:\n" + again.all());
    RunResult b2 = Json.read(temp.resolve("b-again.json"), RunResult.class);
    assertTrue(b2.timings().pretrain() > 0, "the autoencoder was pretrained again");
    assertArrayEquals(
        b.assignments(), b2.assignments(), "the result is that of the run with a sound cache");
    assertEquals(b.scores(), b2.scores());

    ChildJvm.Result third = run("b-third", 1);
    assertFalse(third.err().contains("warning"), "the replaced entry is sound:\n" + third.all());
    assertEquals(
        0.0,
        Json.read(temp.resolve("b-third.json"), RunResult.class).timings().pretrain(),
        "and is taken from the cache");
  }
}
