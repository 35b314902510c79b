package org.dec4j.cli;

import java.io.PrintStream;
import java.util.Locale;
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
  private long lastLine;

  ConsoleProgress(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
    this.tty = System.console() != null && System.console().isTerminal();
  }

  @Override
  public void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.started = System.nanoTime();
    this.lastLine = 0;
  }

  @Override
  public void advance(long done, String status) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    String line = line(done, status, now);
    if (tty) {
      out.print("\r" + line + "\u001b[K");
      out.flush();
    } else if (now - lastLine >= LINE_EVERY_NANOS || done >= total) {
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
      if (done > 0 && done < total) {
        b.append("  ETA ").append(duration(elapsed / done * (total - done)));
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
