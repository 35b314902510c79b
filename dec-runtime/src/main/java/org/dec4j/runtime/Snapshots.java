package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.support.ClusteringMath;
import org.dec4j.api.result.EmbeddingSnapshot;
import org.dec4j.runtime.nn.TensorFile;

/**
 * The sample rows' embedding at refreshes of the clustering phase, from which a result keeps the
 * start and the middle (the end is its {@link org.dec4j.api.result.EmbeddingSample}), as the DEC
 * paper's Figure 5 shows the embedding forming clusters.
 *
 * <p>The phase's length is not known until it converges, so the refreshes are thinned as they come:
 * every refresh is kept until {@value #KEEP} are, then every second one, every fourth, and so on
 * (the first always). The kept ones are spread evenly over the refreshes so far, so one lies within
 * a sixteenth of the run of its middle. They go into clustering checkpoints, so a resumed run keeps
 * the snapshots an uninterrupted one would.
 */
final class Snapshots {
  /** Snapshots kept at most. */
  static final int KEEP = 16;

  private final int[] rows;
  private final List<Integer> refreshes = new ArrayList<>();
  private final List<EmbeddingSnapshot> kept = new ArrayList<>();
  private int stride = 1;

  /**
   * Snapshots of some rows.
   *
   * @param rows the data rows (the result's embedding sample)
   */
  Snapshots(int[] rows) {
    this.rows = rows.clone();
  }

  /**
   * Records a refresh, when it falls on the current stride.
   *
   * @param refresh the refresh's number, from 0
   * @param iteration its iteration
   * @param embeddings the embeddings of all rows at the refresh
   * @param centroids the cluster centres at the refresh
   * @param labels every row's cluster at the refresh
   */
  void offer(int refresh, int iteration, NDArray embeddings, float[][] centroids, int[] labels) {
    if (rows.length == 0 || refresh % stride != 0) {
      return;
    }
    long[] index = new long[rows.length];
    int[] sampleLabels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      index[i] = rows[i];
      sampleLabels[i] = labels[rows[i]];
    }
    float[][] points;
    try (NDArray at = embeddings.getManager().create(index);
        NDArray picked = embeddings.get(at)) {
      points = ClusteringMath.toRows(picked);
    }
    refreshes.add(refresh);
    kept.add(new EmbeddingSnapshot(iteration, points, centroids, sampleLabels));
    while (kept.size() > KEEP) {
      stride *= 2;
      for (int i = kept.size() - 1; i >= 0; i--) {
        if (refreshes.get(i) % stride != 0) {
          refreshes.remove(i);
          kept.remove(i);
        }
      }
    }
  }

  /**
   * The snapshots a result keeps: the first (the k-means start) and the one nearest the middle of
   * the phase, when that is neither the start nor the end.
   *
   * @param lastIteration the phase's last iteration
   * @return up to two snapshots, by iteration
   */
  List<EmbeddingSnapshot> startAndMiddle(int lastIteration) {
    if (kept.isEmpty()) {
      return List.of();
    }
    EmbeddingSnapshot start = kept.get(0);
    EmbeddingSnapshot middle = null;
    for (EmbeddingSnapshot s : kept) {
      if (s.iteration() > start.iteration()
          && s.iteration() < lastIteration
          && (middle == null
              || Math.abs(2L * s.iteration() - lastIteration)
                  < Math.abs(2L * middle.iteration() - lastIteration))) {
        middle = s;
      }
    }
    return middle == null ? List.of(start) : List.of(start, middle);
  }

  /**
   * Puts the kept snapshots into a checkpoint.
   *
   * @param out the checkpoint
   */
  void save(TensorFile out) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stride", stride);
    meta.put("refreshes", refreshes);
    meta.put("iterations", kept.stream().map(EmbeddingSnapshot::iteration).toList());
    try {
      out.putText("snapshots", Json.mapper().writeValueAsString(meta));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < kept.size(); i++) {
      EmbeddingSnapshot s = kept.get(i);
      putRows(out, "snapshot." + i + ".points", s.points());
      putRows(out, "snapshot." + i + ".centroids", s.centroids());
      out.putInts("snapshot." + i + ".labels", s.labels());
    }
  }

  /**
   * Takes the snapshots back from a checkpoint; one written before snapshots were kept has none.
   *
   * @param in the checkpoint
   * @throws DataException when its snapshots are unreadable
   */
  @SuppressWarnings("unchecked")
  void restore(TensorFile in) {
    refreshes.clear();
    kept.clear();
    stride = 1;
    if (!in.contains("snapshots")) {
      return;
    }
    try {
      Map<String, Object> meta = Json.mapper().readValue(in.text("snapshots"), Map.class);
      stride = ((Number) meta.get("stride")).intValue();
      List<Number> r = (List<Number>) meta.get("refreshes");
      List<Number> it = (List<Number>) meta.get("iterations");
      for (int i = 0; i < r.size(); i++) {
        refreshes.add(r.get(i).intValue());
        kept.add(
            new EmbeddingSnapshot(
                it.get(i).intValue(),
                rows(in, "snapshot." + i + ".points"),
                rows(in, "snapshot." + i + ".centroids"),
                in.ints("snapshot." + i + ".labels", rows.length)));
      }
    } catch (IOException | RuntimeException e) {
      throw new DataException("unreadable snapshots in the checkpoint (" + e.getMessage() + ")", e);
    }
  }

  private static void putRows(TensorFile out, String name, float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    out.putFloats(name, flat, rows.length, cols);
  }

  private static float[][] rows(TensorFile in, String name) {
    SessionState.Entry e = in.entry(name);
    int n = (int) e.shape()[0];
    int cols = (int) e.shape()[1];
    float[] flat = in.floats(name);
    float[][] out = new float[n][cols];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * cols, out[i], 0, cols);
    }
    return out;
  }
}
