package org.dec4j.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A progress sink that stops a run where a kill would: it throws {@link Crashed} when a phase
 * reaches a step (a refresh's iteration, an epoch). It also records every message it was told, so a
 * test can check that a rerun said it resumed. ({@code dec-cli}'s KillResumeTest kills a real
 * process.)
 */
public final class CrashingProgress implements ProgressSink {
  /** Thrown to stop the run. */
  public static final class Crashed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crashed(String where) {
      super("crashed in " + where);
    }
  }

  private final String phase;
  private final long at;
  private String current = "";
  private final List<String> infos = new ArrayList<>();

  /**
   * A sink that stops the run when {@code phase} reaches step {@code at}.
   *
   * @param phase the phase name ({@code pretrain}, {@code layer 2/2}, {@code finetune}, {@code
   *     cluster})
   * @param at the step: the epoch, or the iteration of a refresh
   */
  public CrashingProgress(String phase, long at) {
    this.phase = phase;
    this.at = at;
  }

  /** {@return a sink that never stops the run and only listens} */
  public static CrashingProgress listening() {
    return new CrashingProgress("none", Long.MAX_VALUE);
  }

  /** {@return the messages told so far} */
  public List<String> infos() {
    return infos;
  }

  @Override
  public void start(String name, long total) {
    current = name;
  }

  @Override
  public void advance(long done, String status) {
    if (current.equals(phase) && done >= at) {
      throw new Crashed(phase + " " + done);
    }
  }

  @Override
  public void finish(String summary) {}

  @Override
  public void info(String message) {
    infos.add(message);
  }
}
