package org.dec4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.dec4j.runtime.ProgressSink;

/**
 * Progress on the terminal: a redrawn bar with ETA on a console, or a line every few seconds when
 * the output is a file or a CI log; quiet mode prints phase summaries only.
 */
final class ConsoleProgress implements ProgressSink {
  private static final long LINE_EVERY_NANOS = 10_000_000_000L;

  private final PrintStream out;
  private final boolean quiet;
  private final boolean tty;
  private String phase = "";
  private long total;
  private long started;

  /** Units done when {@link #started} was taken: 0, or where a checkpoint left the phase. */
  private long base;

  private long lastLine;

  /**
   * Whether {@link #total} is a budget the phase may not use up (the ETA is then an upper bound).
   */
  private boolean atMost;

  /** The status of the last {@link #advance}, which ticks keep showing. */
  private String status = "";

  private long lastDraw;

  /** A terminal's bar is redrawn at most this often between status changes. */
  private static final long DRAW_EVERY_NANOS = 200_000_000L;

  private final LongSupplier clock;

  ConsoleProgress(PrintStream out, boolean quiet) {
    this(out, quiet, System.console() != null && System.console().isTerminal(), System::nanoTime);
  }

  /** For tests: the terminal decision and the clock (in nanoseconds) given. */
  ConsoleProgress(PrintStream out, boolean quiet, boolean tty, LongSupplier clock) {
    this.out = out;
    this.quiet = quiet;
    this.tty = tty;
    this.clock = clock;
  }

  @Override
  public void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.started = clock.getAsLong();
    this.base = 0;
    this.lastLine = 0;
    this.lastDraw = 0;
    this.atMost = false;
    this.status = "";
  }

  @Override
  public void startAtMost(String phase, long atMost) {
    start(phase, atMost);
    this.atMost = true;
  }

  @Override
  public void tick(long done) {
    if (quiet) {
      return;
    }
    long now = clock.getAsLong();
    if (tty ? now - lastDraw >= DRAW_EVERY_NANOS : now - lastLine >= LINE_EVERY_NANOS) {
      draw(done, now);
    }
  }

  @Override
  public void resumed(long done, String status) {
    started = clock.getAsLong();
    base = done;
    advance(done, status);
  }

  @Override
  public void advance(long done, String status) {
    if (quiet) {
      return;
    }
    this.status = status;
    long now = clock.getAsLong();
    if (tty || now - lastLine >= LINE_EVERY_NANOS || done >= total) {
      draw(done, now);
    }
  }

  private void draw(long done, long now) {
    String line = line(done, status, now);
    if (tty) {
      out.print("\r" + line + "\u001b[K");
      out.flush();
      lastDraw = now;
    } else {
      out.println(line);
      lastLine = now;
    }
  }

  private String line(long done, String status, long now) {
    double elapsed = (now - started) / 1e9;
    StringBuilder b = new StringBuilder(phase).append(' ');
    if (total > 0) {
      int width = 24;
      int filled = (int) Math.min(width, width * done / total);
      b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      b.append(done).append('/').append(total);
      if (done > base && done < total) {
        String eta = duration(elapsed / (done - base) * (total - done));
        // A budget's ETA assumes every unit is done; convergence can end the phase sooner.
        b.append(
            atMost ? "  ETA \u2264 " + eta + " (upper bound until convergence)" : "  ETA " + eta);
      }
    } else {
      b.append(done);
    }
    b.append("  ").append(duration(elapsed)).append("  ").append(status);
    return b.toString();
  }

  @Override
  public void finish(String summary) {
    if (tty && !quiet) {
      out.print("\r\u001b[K");
    }
    out.println(summary);
  }

  @Override
  public void info(String message) {
    out.println(message);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
