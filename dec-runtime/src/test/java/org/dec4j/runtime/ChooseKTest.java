package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * choose-k: the split, DEC's loss on a set, the silhouette, and the suggested k on well-separated
 * blobs.
 */
class ChooseKTest {
  @TempDir Path cache;

  @Test
  void theSplitHoldsOutTheAskedShareDisjointlyAndBySeed() {
    int[][] a = ChooseK.split(1000, 0.25, 3);
    assertEquals(250, a[1].length);
    assertEquals(750, a[0].length);
    int[] all = IntStream.concat(Arrays.stream(a[0]), Arrays.stream(a[1])).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all, "every row in exactly one part");
    assertArrayEquals(a[1], ChooseK.split(1000, 0.25, 3)[1], "same seed, same held-out rows");
    assertTrue(!Arrays.equals(a[1], ChooseK.split(1000, 0.25, 4)[1]), "another seed, other rows");
  }

  @Test
  void decsLossIsZeroForCertainAssignmentsAndPositiveBetween() {
    float[][] mu = {{0, 0}, {10, 0}};
    // Points on the centroids: q is nearly one-hot and P equals Q, so KL is close to 0.
    float[][] far = {{0, 0}, {100, 0}};
    float[][] certain = {{0, 0}, {100, 0}, {0, 0}, {100, 0}};
    assertEquals(0, ChooseK.meanKl(certain, far, 1), 1e-3);
    // Points a quarter of the way: P sharpens Q, KL > 0; and it is a mean, not a sum.
    float[][] between = {{2.5f, 0}, {7.5f, 0}};
    double one = ChooseK.meanKl(between, mu, 1);
    assertTrue(one > 0.01, "uncertain assignments have a positive loss: " + one);
    float[][] twice = {{2.5f, 0}, {7.5f, 0}, {2.5f, 0}, {7.5f, 0}};
    assertEquals(one, ChooseK.meanKl(twice, mu, 1), 1e-12, "the loss is a mean over the samples");
    // Hand-computed: q = (1/(1+6.25), 1/(1+56.25)) normalised; f equal by symmetry; p = q^2
    // normalised.
    double q0 = 1 / 7.25;
    double q1 = 1 / 57.25;
    double s = q0 + q1;
    q0 /= s;
    q1 /= s;
    double p0 = q0 * q0 / (q0 * q0 + q1 * q1);
    double p1 = 1 - p0;
    assertEquals(p0 * Math.log(p0 / q0) + p1 * Math.log(p1 / q1), one, 1e-9);
  }

  @Test
  void theSilhouetteIsHighForSeparatedGroupsAndLowForASplitGroup() {
    float[][] z = new float[40][];
    int[] two = new int[40];
    int[] split = new int[40];
    for (int i = 0; i < 40; i++) {
      z[i] = new float[] {(i < 20 ? 0 : 100) + (i % 5) * 0.1f, (i % 4) * 0.1f};
      two[i] = i < 20 ? 0 : 1;
      split[i] = i < 20 ? i % 2 : 2;
    }
    assertTrue(ChooseK.silhouette(z, two, 1000, 0) > 0.95);
    assertTrue(ChooseK.silhouette(z, split, 1000, 0) < 0.6, "a group split in two scores lower");
  }

  /**
   * DEC on well-separated Gaussian blobs (spread 0.5 in a box of 10) with an MLP encoder pretrained
   * end to end (batch 64, Adam 0.001, dropout 0.2), k left to the search, autoencoders cached in
   * {@link #cache}.
   */
  private RunSpec decOnBlobs(
      int samples,
      int dimension,
      int centers,
      String dims,
      int maxIter,
      int pretrainEpochs,
      long seed,
      int kmeansRestarts) {
    return new RunSpec(
        new RunConfig(
            "dec",
            Map.of("max_iter", maxIter),
            "blobs",
            Map.of("n", samples, "d", dimension, "k", centers, "spread", 0.5, "box", 10.0),
            "mlp",
            Map.of("dims", dims),
            new PretrainConfig("end-to-end", pretrainEpochs, 0, 64, 0.001, 0.2),
            0,
            seed,
            kmeansRestarts),
        new RunEnvironment(List.of(), false, cache, null, null, "test"));
  }

  @Test
  void wellSeparatedBlobsSuggestTheirNumberOfCenters() {
    Runner runner = new Runner(PluginRegistry.discover());
    RunSpec run = decOnBlobs(600, 8, 4, "32,16,4", 300, 30, 1, 5);
    ChooseK.Result r =
        new ChooseK(runner)
            .run(new ChooseK.Request(run, List.of(2, 3, 4, 5, 6, 7), 0.25, 500), ProgressSink.NONE);
    String table = ChooseK.table(r);
    assertEquals(450, r.trainSize(), table);
    assertEquals(150, r.validationSize(), table);
    assertEquals(4, r.bySilhouette(), table);
    assertEquals(4, r.suggested(), "the suggestion is the silhouette's: " + table);
    assertEquals(4, r.byNmi(), table);
    // G is computed on the held-out part: losses on both parts, and the paper's rule names one of
    // the k.
    assertTrue(
        run.run().clusters() == 0 && List.of(2, 3, 4, 5, 6).contains(r.byGeneralizability()),
        table);
    for (ChooseK.Row row : r.rows()) {
      assertTrue(
          row.trainLoss() >= 0
              && row.validationLoss() > 0
              && Double.isFinite(row.generalizability()),
          table);
    }
    assertTrue(
        table.contains("<- G")
            && table.contains("<- silhouette")
            && table.contains("suggested k: 4"),
        table);
    assertTrue(ChooseK.csv(r).lines().count() == 7, ChooseK.csv(r));
    // The result carries what made it: the configuration and the run provenance.
    assertEquals(30, r.config().pretrain().epochs(), "the configuration run");
    assertEquals("dec", r.config().method());
    assertTrue(
        r.provenance().data().description().contains("choose-k training part (450 of 600 rows)"),
        r.provenance().data().description());
    assertTrue(r.provenance().dec4jVersion() != null && !r.provenance().libraries().isEmpty());
    assertEquals("test", r.provenance().command());
  }

  /**
   * A search run again takes every k finished before from its kept file, runs the ones not
   * finished, and reruns a k whose file is unreadable or was made by another configuration.
   */
  @Test
  void aSearchRunAgainKeepsFinishedKAndRunsTheRest(@TempDir Path out) throws Exception {
    Runner runner = new Runner(PluginRegistry.discover());
    RunSpec run = decOnBlobs(300, 6, 3, "16,3", 100, 10, 2, 3);
    Path kept = out.resolve("k");
    List<String> said = new java.util.ArrayList<>();
    ChooseK search = new ChooseK(runner);
    ChooseK.Result first =
        search.run(new ChooseK.Request(run, List.of(2, 3), 0.25, 200, kept), ProgressSink.NONE);
    assertTrue(
        java.nio.file.Files.isRegularFile(kept.resolve("k-2.json"))
            && java.nio.file.Files.isRegularFile(kept.resolve("k-3.json")));

    ChooseK.Result longer =
        search.run(
            new ChooseK.Request(run, List.of(2, 3, 4), 0.25, 200, kept),
            ProgressSink.lines(said::add));
    String log = String.join("\n", said);
    assertTrue(
        log.contains("k = 2: finished earlier") && log.contains("k = 3: finished earlier"), log);
    assertTrue(log.contains("choose-k: k = 4\n"), "k = 4 is run: " + log);
    assertEquals(first.rows(), longer.rows().subList(0, 2));
    assertEquals(first.config(), longer.config(), "the first k's configuration, kept with it");
    assertEquals(3, longer.rows().size());

    java.nio.file.Files.writeString(kept.resolve("k-2.json"), "{\"key\": ");
    said.clear();
    ChooseK.Result again =
        search.run(
            new ChooseK.Request(run, List.of(2, 3), 0.25, 200, kept),
            ProgressSink.lines(said::add));
    log = String.join("\n", said);
    assertTrue(log.contains("k = 2: ignoring unreadable"), log);
    assertTrue(log.contains("k = 3: finished earlier"), log);
    ChooseK.Row rerun = again.rows().get(0);
    ChooseK.Row before = first.rows().get(0);
    assertEquals(before.generalizability(), rerun.generalizability(), "seeded: the same figures");
    assertEquals(before.silhouette(), rerun.silhouette());
    assertEquals(before.scores(), rerun.scores());

    said.clear();
    search.run(
        new ChooseK.Request(run, List.of(3), 0.25, 150, kept), ProgressSink.lines(said::add));
    log = String.join("\n", said);
    assertTrue(log.contains("k = 3: ") && log.contains("is from another configuration"), log);
  }

  @Test
  void badRangesAreRefused() {
    RunSpec run =
        new RunSpec(
            new RunConfig(
                "dec",
                Map.of(),
                "blobs",
                Map.of(),
                "mlp",
                Map.of(),
                PretrainConfig.defaults(),
                0,
                0,
                1),
            new RunEnvironment(List.of(), false, null, null, null, "test"));
    assertThrows(ConfigException.class, () -> new ChooseK.Request(run, List.of(), 0.25, 100));
    assertTrue(
        assertThrows(
                ConfigException.class, () -> new ChooseK.Request(run, List.of(1, 2), 0.25, 100))
            .getMessage()
            .contains("at least 2"));
    assertTrue(
        assertThrows(
                ConfigException.class, () -> new ChooseK.Request(run, List.of(3, 3), 0.25, 100))
            .getMessage()
            .contains("ascending"));
    assertTrue(
        assertThrows(ConfigException.class, () -> new ChooseK.Request(run, List.of(3), 0, 100))
            .getMessage()
            .contains("(0, 0.9]"));
  }
}
