package org.dec4j.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.result.TraceEntry;
import org.dec4j.runtime.nn.TensorFile;

/**
 * The clustering loop's own part of a checkpoint, and how it is written into and read from a {@link
 * TensorFile}: the counters, the labels, the trace, the batch order's position and the session's
 * state. The network's weights, the optimiser's state and the embedding snapshots are written
 * beside it by their owners.
 *
 * @param iteration the iteration about to run (a refresh of the plan)
 * @param refreshes the refreshes done
 * @param initSeconds the initialisation's seconds
 * @param clusterSeconds the clustering phase's seconds so far
 * @param initialLabels the k-means initialisation's labels
 * @param labels the labels of the last refresh
 * @param trace the trace so far
 * @param samplerEpochs the batch sampler's epochs started
 * @param samplerPosition its position in the current epoch
 * @param session the session's state ({@link org.dec4j.api.objective.ClusteringSession#saveState})
 */
record ClusteringCheckpoint(
    int iteration,
    int refreshes,
    double initSeconds,
    double clusterSeconds,
    int[] initialLabels,
    int[] labels,
    List<TraceEntry> trace,
    int samplerEpochs,
    int samplerPosition,
    SessionState session) {
  /** Prefix of the session's entries. */
  private static final String SESSION = "session.";

  private static final String[] COUNTERS = {
    "iteration", "refreshes", "initialize_seconds", "cluster_seconds"
  };

  /**
   * Writes this part of a checkpoint.
   *
   * @param out the checkpoint being assembled
   */
  void writeTo(TensorFile out) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("iteration", iteration);
    meta.put("refreshes", refreshes);
    meta.put("initialize_seconds", initSeconds);
    meta.put("cluster_seconds", clusterSeconds);
    try {
      out.putText("meta", Json.mapper().writeValueAsString(meta));
      out.putText("trace", Json.mapper().writeValueAsString(trace));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    out.putInts("initial_labels", initialLabels);
    out.putInts("labels", labels);
    out.putInts("sampler", new int[] {samplerEpochs, samplerPosition});
    for (String name : session.names()) {
      out.put(SESSION + name, session.entry(name));
    }
  }

  /**
   * Reads this part of a checkpoint.
   *
   * @param in the checkpoint
   * @param file where it was read from, for messages
   * @param n the number of samples of this run
   * @return what it holds
   * @throws DataException naming the file when an entry is missing or does not fit
   */
  static ClusteringCheckpoint readFrom(TensorFile in, Path file, int n) {
    Map<String, Object> meta = meta(in, file);
    List<TraceEntry> trace;
    try {
      trace = Json.mapper().readValue(in.text("trace"), new TypeReference<List<TraceEntry>>() {});
    } catch (IOException e) {
      throw new DataException(file + ": unreadable checkpoint trace (" + e.getMessage() + ")", e);
    }
    SessionState session = new SessionState();
    for (String name : in.names()) {
      if (name.startsWith(SESSION)) {
        session.put(name.substring(SESSION.length()), in.entry(name));
      }
    }
    int[] sampler = in.ints("sampler", 2);
    return new ClusteringCheckpoint(
        (int) number(meta, "iteration"),
        (int) number(meta, "refreshes"),
        number(meta, "initialize_seconds"),
        number(meta, "cluster_seconds"),
        in.ints("initial_labels", n),
        in.ints("labels", n),
        trace,
        sampler[0],
        sampler[1],
        session);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(TensorFile in, Path file) {
    try {
      Map<String, Object> meta = Json.mapper().readValue(in.text("meta"), Map.class);
      for (String key : COUNTERS) {
        if (!(meta.get(key) instanceof Number)) {
          throw new DataException(file + ": checkpoint metadata has no valid '" + key + "'");
        }
      }
      return meta;
    } catch (IOException e) {
      throw new DataException(
          file + ": unreadable checkpoint metadata (" + e.getMessage() + ")", e);
    }
  }

  private static double number(Map<String, Object> meta, String key) {
    return ((Number) meta.get(key)).doubleValue();
  }
}
