package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress lines of a phase, with a clock the test moves. */
class ConsoleProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long now = 1_000 * SECOND;
  private final ConsoleProgress progress =
      new ConsoleProgress(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false, () -> now);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void theTimeLeftIsTheRateSoFarTimesTheUnitsLeft() {
    progress.start("pretrain", 50);
    now += 100 * SECOND;
    progress.advance(5, "loss 0.02");
    assertEquals(
        List.of("pretrain [##......................] 5/50  ETA 15m00s  1m40s  loss 0.02"), lines());
  }

  @Test
  void aResumedPhaseMeasuresItsRateFromWhereTheCheckpointLeftIt() {
    progress.start("cluster", 20_000);
    now += 2 * SECOND;
    progress.resumed(8_960, "resumed");
    now += 20 * SECOND;
    progress.advance(9_100, "loss 0.017");
    List<String> lines = lines();
    assertEquals(2, lines.size(), String.join("\n", lines));
    assertFalse(
        lines.get(0).contains("ETA"), "no rate is known at the checkpoint: " + lines.get(0));
    // 140 iterations in 20 s, 10,900 left: 26 minutes, not the 24 s that counting the checkpoint's
    // 8,960 iterations as done in this process would give.
    assertEquals(
        "cluster [##########..............] 9100/20000  ETA 25m57s  20s  loss 0.017", lines.get(1));
  }

  @Test
  void aFileGetsALineEveryTenSecondsAndTheLastOne() {
    progress.start("cluster", 300);
    for (int done = 10; done <= 300; done += 10) {
      now += SECOND;
      progress.advance(done, "");
    }
    // the first mark, the marks at 11 s, 21 s (1 s per 10 units) and the last one
    assertEquals(4, lines().size(), String.join("\n", lines()));
    assertEquals("cluster [########################] 300/300  30s  ", lines().get(3));
  }

  @Test
  void theClusteringBarMovesWithEveryBatchAndKeepsTheLastRefreshStatus() {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    ConsoleProgress tty =
        new ConsoleProgress(
            new PrintStream(terminal, true, StandardCharsets.UTF_8), false, true, () -> now);
    tty.startAtMost("cluster", 420);
    tty.advance(0, "loss -  changed 0.0000");
    for (int done = 1; done <= 30; done++) {
      now += SECOND / 2;
      tty.tick(done);
    }
    String[] draws = terminal.toString(StandardCharsets.UTF_8).split("\r");
    String last = draws[draws.length - 1];
    // A bar that moved only at refreshes would still read 0/420 after 30 batches.
    assertTrue(last.startsWith("cluster [#.......................] 30/420"), last);
    assertTrue(last.contains("loss -  changed 0.0000"), last);
    assertTrue(draws.length > 20, "redrawn with the batches: " + draws.length);
  }

  @Test
  void aBudgetsTimeLeftIsShownAsAnUpperBound() {
    progress.startAtMost("cluster", 20_000);
    now += 10 * SECOND;
    progress.advance(140, "loss 0.1");
    assertTrue(
        lines().get(0).contains("ETA \u2264 23m39s (upper bound until convergence)"),
        lines().get(0));
    progress.start("pretrain", 50);
    now += 10 * SECOND;
    progress.advance(10, "loss 0.1");
    assertTrue(
        lines().get(1).contains("ETA 40s  10s"),
        "a fixed length has a plain ETA: " + lines().get(1));
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertEquals("59s", ConsoleProgress.duration(59.4));
    assertEquals("1m00s", ConsoleProgress.duration(59.6));
    assertEquals("1h01m", ConsoleProgress.duration(3_660));
  }
}
