package org.dec4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.suite.RunOutcome;
import org.dec4j.suite.Shard;
import org.dec4j.suite.SuiteListener;
import org.dec4j.suite.SuitePlan;

/**
 * A suite's progress on the terminal: a line per run with the suite's ETA, and each run's phases
 * (pretraining epochs, clustering iterations) as {@link ConsoleProgress} bars prefixed with the
 * run's position, e.g. {@code [3/10] pretrain [######....] 8/20 ETA 41s}. Quiet mode keeps the
 * phase summaries and a line per finished run, for CI logs.
 */
final class SuiteConsole implements ProgressSink, SuiteListener {
  private final PrintStream out;
  private final ConsoleProgress phases;
  private String prefix = "";

  SuiteConsole(PrintStream out, boolean quiet) {
    this.out = out;
    this.phases = new ConsoleProgress(out, quiet);
  }

  @Override
  public void started(SuitePlan plan, Shard shard, int mine) {
    out.println(plan + (shard.whole() ? "" : "; shard " + shard + " does " + mine + " of them"));
  }

  @Override
  public void runStarting(
      int position, int total, SuitePlan.PlannedRun run, String dataset, double etaSeconds) {
    prefix = "[" + position + "/" + total + "] ";
    out.println(
        String.format(
            Locale.ROOT,
            "%s%s, seed %d, on %s%s",
            prefix,
            run.variant().label(),
            run.seed(),
            dataset,
            Double.isNaN(etaSeconds)
                ? ""
                : "  (suite ETA " + ConsoleProgress.duration(etaSeconds) + ")"));
  }

  @Override
  public void runEnded(int position, int total, RunOutcome outcome) {
    String head =
        "["
            + position
            + "/"
            + total
            + "] "
            + outcome.run().variant().label()
            + ", seed "
            + outcome.run().seed()
            + ", on "
            + outcome.dataset();
    switch (outcome) {
      case RunOutcome.Finished f ->
          out.println(
              String.format(
                  Locale.ROOT,
                  "%s: done in %s%s",
                  head,
                  ConsoleProgress.duration(f.seconds()),
                  scores(f.scores())));
      case RunOutcome.Skipped s ->
          out.println(head + ": finished before, kept" + scores(s.scores()));
      case RunOutcome.Failed f -> out.println(head + ": FAILED: " + f.error());
    }
    prefix = "";
  }

  private static String scores(Scores s) {
    return s == null ? "" : ", " + s;
  }

  @Override
  public void start(String phase, long total) {
    phases.start(prefix + phase, total);
  }

  @Override
  public void startAtMost(String phase, long atMost) {
    phases.startAtMost(prefix + phase, atMost);
  }

  @Override
  public void advance(long done, String status) {
    phases.advance(done, status);
  }

  @Override
  public void tick(long done) {
    phases.tick(done);
  }

  @Override
  public void resumed(long done, String status) {
    phases.resumed(done, status);
  }

  @Override
  public void finish(String summary) {
    phases.finish(prefix + summary);
  }

  @Override
  public void info(String message) {
    phases.info(prefix + message);
  }
}
