package org.dec4j.runtime;

/** Receives progress of long phases (pretraining epochs, clustering iterations). */
public interface ProgressSink {
  /** A sink that ignores everything. */
  ProgressSink NONE =
      new ProgressSink() {
        @Override
        public void start(String phase, long total) {}

        @Override
        public void advance(long done, String status) {}

        @Override
        public void finish(String summary) {}
      };

  /**
   * A sink that passes each phase's closing summary and every message to a line consumer, and drops
   * the per-unit updates, e.g. {@code ProgressSink.lines(System.out::println)}.
   *
   * @param out receives one line at a time
   * @return the sink
   */
  static ProgressSink lines(java.util.function.Consumer<String> out) {
    java.util.Objects.requireNonNull(out, "out");
    return new ProgressSink() {
      @Override
      public void start(String phase, long total) {}

      @Override
      public void advance(long done, String status) {}

      @Override
      public void finish(String summary) {
        out.accept(summary);
      }

      @Override
      public void info(String message) {
        out.accept(message);
      }
    };
  }

  /**
   * A phase begins.
   *
   * @param phase a short name, e.g. "pretrain"
   * @param total units of work in the phase (0 if unknown)
   */
  void start(String phase, long total);

  /**
   * A phase begins whose length is a budget that it may not use up: the clustering phase runs at
   * most its {@code max_iter} iterations and ends earlier when the method's convergence test fires,
   * so an estimate of the time left is an upper bound. By default the same as {@link #start(String,
   * long)}.
   *
   * @param phase a short name, e.g. "cluster"
   * @param atMost the most units of work the phase will do
   */
  default void startAtMost(String phase, long atMost) {
    start(phase, atMost);
  }

  /**
   * The phase advanced.
   *
   * @param done units done so far
   * @param status a short status, e.g. the current loss
   */
  void advance(long done, String status);

  /**
   * One more unit of work is done, between the updates {@link #advance(long, String)} gives with a
   * status: the clustering phase ticks every iteration (batch) and advances at every refresh, so a
   * progress bar can move with the batches while the status stays that of the last refresh. By
   * default ignored.
   *
   * @param done units done so far
   */
  default void tick(long done) {}

  /**
   * The phase picks up where a checkpoint left it: {@code done} units were done by an earlier
   * process, so they say nothing about this one's speed (a sink that estimates the time left should
   * measure from here). By default the same as {@link #advance(long, String)}.
   *
   * @param done units done before the checkpoint
   * @param status a short status, e.g. "resumed"
   */
  default void resumed(long done, String status) {
    advance(done, status);
  }

  /**
   * The phase ended.
   *
   * @param summary one line
   */
  void finish(String summary);

  /**
   * A free-standing message.
   *
   * @param message one line
   */
  default void info(String message) {}
}
