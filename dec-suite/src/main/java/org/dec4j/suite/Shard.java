package org.dec4j.suite;

import org.dec4j.api.ConfigException;

/**
 * One of n deterministic parts of a suite, so that a Slurm job array or a Kubernetes Indexed Job
 * can spread a suite over machines: shard {@code i} of {@code n} (0-based, so {@code
 * $SLURM_ARRAY_TASK_ID} with {@code --array=0-(n-1)}, or {@code $JOB_COMPLETION_INDEX}, can be
 * passed as is).
 *
 * <p>Runs that share a pretrained autoencoder (same data set and seed) stay on one shard, so each
 * autoencoder is trained once: group g goes to shard {@code g mod n}. When the suite has fewer
 * groups than shards, runs are dealt one by one instead (run r to shard {@code r mod n}), so no
 * machine idles; then shards pretrain the same autoencoders in parallel.
 *
 * @param index this shard, in [0, count)
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {
  /** The whole suite. */
  public static final Shard ALL = new Shard(0, 1);

  /** Checks the values. */
  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new ConfigException(
          "--shard "
              + index
              + "/"
              + count
              + ": write i/n with n >= 1 and 0 <= i < n "
              + "(0-based, e.g. 0/4 ... 3/4)");
    }
  }

  /**
   * Parses {@code i/n}.
   *
   * @param text e.g. {@code 1/4}
   * @return the shard
   * @throws ConfigException when the text is not of that form
   */
  public static Shard parse(String text) {
    String s = text == null ? "" : text.trim();
    int slash = s.indexOf('/');
    try {
      if (slash > 0) {
        return new Shard(
            Integer.parseInt(s.substring(0, slash).trim()),
            Integer.parseInt(s.substring(slash + 1).trim()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "--shard '" + text + "': write i/n, e.g. 0/4 for the first of four shards " + "(0-based)");
  }

  /** Returns whether this is the whole suite. */
  public boolean whole() {
    return count == 1;
  }

  /**
   * Whether this shard does a run.
   *
   * @param run the run
   * @param groups the plan's number of groups
   * @return true when the run is this shard's
   */
  public boolean owns(SuitePlan.PlannedRun run, int groups) {
    return (groups >= count ? run.group() : run.index()) % count == index;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
