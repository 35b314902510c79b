package org.dec4j.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.dec4j.api.Dec4jException;

/**
 * Stopping a run cleanly on SIGTERM or SIGINT.
 *
 * <p>The JVM's own handling of these signals runs the shutdown hooks and exits while the main
 * thread goes on pushing work to MXNet: DJL's hook waits for the engine once, the main thread
 * queues more, and the process exits with the engine's worker threads still running, which crashed
 * it with SIGSEGV (and an hs_err_pid*.log in the user's folder) in about one stop in three during a
 * clustering phase. Here the signal only sets a flag ({@link #request}); the process exits once the
 * engine is idle:
 *
 * <ul>
 *   <li>Code that uses the engine runs inside {@link #engine} (a run's training, a prediction),
 *       which holds a lock; Java-only stretches inside it (k-means) step out with {@link #outside}.
 *   <li>The training loops call {@link #atBatch(boolean, Supplier)} between batches (a volatile
 *       read, no device synchronisation) and {@link #atSavePoint()} where a checkpoint can be
 *       written exactly (the end of a pretraining epoch, a target refresh). Once a stop is
 *       requested they go on to the next save point for at most {@link #GRACE_SECONDS} seconds,
 *       write a checkpoint there, and throw {@link Stopped}; without checkpoints, or after the
 *       grace, they throw at the next batch.
 *   <li>The stopping thread takes the lock (so nothing more is queued), waits for the engine to
 *       finish what was queued, and exits with 128 + the signal's number (143 for SIGTERM, 130 for
 *       SIGINT). A second signal exits at once.
 * </ul>
 */
public final class Stop {
  /** How long the loops may go on to reach a save point after a stop is requested. */
  public static final int GRACE_SECONDS = 10;

  /** How long the stopping thread waits for the engine to be released before it exits anyway. */
  static final int GIVE_UP_SECONDS = 120;

  private static final ReentrantLock ENGINE = new ReentrantLock();
  private static volatile long requestedAt;
  private static volatile int exitCode;
  private static volatile boolean engineUsed;
  private static volatile String stoppedWhere;

  private Stop() {}

  /**
   * Thrown inside a run when a stop was requested: the run unwinds (closing its arrays, keeping its
   * checkpoints) and the command exits with {@link #exitCode()}.
   */
  public static final class Stopped extends Dec4jException {
    private static final long serialVersionUID = 1L;

    Stopped(String where) {
      super("stopped " + where);
      stoppedWhere = where;
    }
  }

  /**
   * The exception that stops a run.
   *
   * @param where where the run stopped, e.g. {@code in pretraining epoch 3 of 40}
   * @return the exception to throw
   */
  public static Stopped stopped(String where) {
    return new Stopped(where);
  }

  /**
   * Requests a stop, from a signal handler. The first request starts a thread that exits the JVM
   * once the engine is idle; a second one exits at once.
   *
   * @param signal the signal's name, e.g. {@code TERM}
   * @param code the exit code, 128 + the signal's number
   * @param log where to say what happens (standard error)
   */
  public static synchronized void request(String signal, int code, java.io.PrintStream log) {
    if (requestedAt != 0) {
      log.println("dec4j: SIG" + signal + " again: stopping at once");
      log.flush();
      Runtime.getRuntime().halt(code);
    }
    exitCode = code;
    requestedAt = System.nanoTime();
    log.println(
        "dec4j: SIG"
            + signal
            + " received: stopping at the next safe point (within about "
            + GRACE_SECONDS
            + " s, with a checkpoint when the run has them; send it again to stop at once)");
    log.flush();
    Thread stopper = new Thread(() -> exitWhenIdle(signal, code, log), "dec4j-stop");
    stopper.setDaemon(false);
    stopper.start();
  }

  private static void exitWhenIdle(String signal, int code, java.io.PrintStream log) {
    boolean locked = false;
    try {
      locked = ENGINE.tryLock(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!locked) {
      log.println(
          "dec4j: the run did not reach a safe point within "
              + GIVE_UP_SECONDS
              + " s; stopping anyway");
    }
    if (engineUsed) {
      // The lock keeps the main thread from queuing more: once this returns, the engine is idle.
      ai.djl.mxnet.jna.JnaUtils.waitAll();
    }
    String where = stoppedWhere;
    log.println(
        "dec4j: stopped by SIG"
            + signal
            + (where != null
                ? " " + where
                : engineUsed ? "; the run's last checkpoint is kept" : "")
            + (engineUsed ? "; run the same command to resume" : ""));
    log.flush();
    System.out.flush();
    // The lock stays held: nothing touches the engine again while the JVM shuts down.
    System.exit(code);
  }

  /** {@return whether a stop was requested} */
  public static boolean requested() {
    return requestedAt != 0;
  }

  /** {@return the exit code of the requested stop (143 for SIGTERM, 130 for SIGINT), or 0} */
  public static int exitCode() {
    return exitCode;
  }

  /**
   * Between two batches: throws when a stop was requested and the run should not wait for the next
   * save point (it has no checkpoints, or the grace is over).
   *
   * @param checkpointing whether the phase writes checkpoints at its save points
   * @param where the phase and position, for the message
   * @throws Stopped to stop
   */
  public static void atBatch(boolean checkpointing, Supplier<String> where) {
    long at = requestedAt;
    if (at != 0
        && (!checkpointing || System.nanoTime() - at > TimeUnit.SECONDS.toNanos(GRACE_SECONDS))) {
      throw new Stopped(where.get());
    }
  }

  /**
   * At a save point, after its checkpoint (if any) was written: whether to write one now and stop.
   *
   * @return true when a stop was requested
   */
  public static boolean atSavePoint() {
    return requestedAt != 0;
  }

  /**
   * Runs engine work, holding the engine so that a stop waits for it to reach a safe point.
   *
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws Stopped when a stop was requested before it started
   */
  public static <T> T engine(Supplier<T> work) {
    ENGINE.lock();
    try {
      if (requestedAt != 0) {
        throw new Stopped("before the run started");
      }
      engineUsed = true;
      return work.get();
    } finally {
      ENGINE.unlock();
    }
  }

  /**
   * Runs Java-only work (no engine calls) from inside {@link #engine}, releasing the engine so that
   * a stop need not wait for it; k-means on 70,000 raw images takes minutes.
   *
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws Stopped when a stop was requested meanwhile (the engine is not taken back)
   */
  public static <T> T outside(Supplier<T> work) {
    int holds = ENGINE.getHoldCount();
    for (int i = 0; i < holds; i++) {
      ENGINE.unlock();
    }
    T result;
    try {
      result = work.get();
    } finally {
      for (int i = 0; i < holds; i++) {
        ENGINE.lock();
      }
    }
    if (holds > 0 && requestedAt != 0) {
      throw new Stopped("after k-means");
    }
    return result;
  }
}
