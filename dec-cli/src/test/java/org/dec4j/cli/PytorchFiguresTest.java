package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dec4j.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what tools/bench/pytorch_reference.py prints, and matching its rows to dec4j's. */
class PytorchFiguresTest {
  /** Part of the script's output on the 2-vCPU EPYC machine, 2026-12-05. */
  private static final String OUTPUT =
      """
      torch 1.13.0a0, threads 1,2, data (70000, 784), load (2.70361328125, 1.671875, 0.7587890625)
      row                               median       min       max  thr
      sgemm 2048^3 GFLOP/s               85.64     85.40     86.13    1  load1 2.70-2.57
      pretrain epoch                     16.54     16.13     17.12    1  load1 2.57-1.61
      step: forward + loss (ms)          18.43     18.36     18.47    1  load1 1.61-1.43
      step: Adam update (ms)              4.88      4.76      5.06    1  load1 1.61-1.43
      dec 1000 iterations                74.40     72.58     75.12    1  load1 1.43-1.01
      sgemm 2048^3 GFLOP/s              195.01    189.61    196.87    2  load1 1.01-1.01
      pretrain epoch                     10.03      9.97     10.08    2  load1 1.01-1.49
      dec 1000 iterations                51.11     48.28     52.35    2  load1 1.61-1.99
      """;

  @Test
  void readsTheHeadAndEveryRowByThreadCount(@TempDir Path dir) throws IOException {
    PytorchFigures f = PytorchFigures.read(Files.writeString(dir.resolve("t.txt"), OUTPUT));
    assertEquals("1.13.0a0", f.version());
    assertEquals(70000, f.rows());
    assertEquals(784, f.cols());
    assertEquals(8, f.figures().size());
    assertEquals(16.54, f.find("pretrain epoch", 1).orElseThrow().median());
    assertEquals(10.03, f.find("pretrain epoch", 2).orElseThrow().median());
    assertEquals(48.28, f.find("dec 1000 iterations", 2).orElseThrow().min());
    assertEquals(52.35, f.find("dec 1000 iterations", 2).orElseThrow().max());
    // dec4j's row names: the step rows have no "(ms)", sgemm is "(peak)", either of dec4j's
    // optimiser kernels is set beside PyTorch's optimiser (this output has no SGD row).
    assertEquals(18.43, f.find("step: forward + loss", 1).orElseThrow().median());
    assertEquals(4.88, f.find("step: Adam update, MXNet", 1).orElseThrow().median());
    assertEquals(4.88, f.find("step: Adam update, fused", 1).orElseThrow().median());
    assertFalse(f.find("step: SGD update, fused", 1).isPresent());
    assertEquals(195.01, f.find("sgemm 2048^3 (peak)", 2).orElseThrow().median());
    // Not measured: another iteration count, another thread count, another row.
    assertFalse(f.find("dec 500 iterations", 2).isPresent());
    assertFalse(f.find("pretrain epoch", 4).isPresent());
    assertFalse(f.find("idec 1000 iterations", 1).isPresent());
  }

  @Test
  void theRatioIsDec4jsTimeOverPytorchsForTimesAndRates(@TempDir Path dir) throws IOException {
    PytorchFigures f = PytorchFigures.read(Files.writeString(dir.resolve("t.txt"), OUTPUT));
    // A time: 8.0 s against 10.03 s.
    assertEquals(8.0 / 10.03, f.find("pretrain epoch", 2).orElseThrow().ratio(8.0), 1e-12);
    // A rate: 200 GFLOP/s against 195.01 takes 195.01 / 200 of PyTorch's time.
    PytorchFigures.Figure sgemm = f.find("sgemm 2048^3 (peak)", 2).orElseThrow();
    assertTrue(sgemm.rate());
    assertEquals(195.01 / 200, sgemm.ratio(200), 1e-12);
  }

  @Test
  void aNonPositiveFigureNamesItsLine(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("t.txt"),
            OUTPUT.replace("16.54     16.13     17.12", "0.00     0.00     0.00"));
    ConfigException e = assertThrows(ConfigException.class, () -> PytorchFigures.read(file));
    assertTrue(
        e.getMessage().contains(file + " line 4: 'pretrain epoch' has median 0.00 at 1 threads"),
        e.getMessage());
  }
}
