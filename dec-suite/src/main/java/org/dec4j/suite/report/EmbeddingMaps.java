package org.dec4j.suite.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dec4j.api.result.EmbeddingSample;
import org.dec4j.api.result.EmbeddingSnapshot;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.Seeds;
import smile.manifold.TSNE;
import smile.manifold.UMAP;

/**
 * 2-D maps of final embeddings: Smile's t-SNE (L. van der Maaten and G. Hinton, "Visualizing Data
 * using t-SNE", JMLR 9, 2008) or UMAP (L. McInnes, J. Healy, J. Melville, arXiv:1802.03426, 2018)
 * on an evenly spaced subset of the embedding sample a result keeps, with the cluster centres
 * appended so they can be marked on the map.
 *
 * <p>Maps are seeded (Smile draws the initial layout from its per-thread generator, seeded here
 * from the run's seed) and cached under {@code maps/} by a digest of their input and settings, so
 * re-making a report after a resumed suite recomputes only the maps of new results.
 */
final class EmbeddingMaps {
  /** UMAP's usual number of neighbours. */
  static final int NEIGHBOURS = 15;

  /** t-SNE's usual perplexity; smaller for tiny samples, where it must stay below (n - 1) / 3. */
  private static final double PERPLEXITY = 30;

  private EmbeddingMaps() {}

  /**
   * A map.
   *
   * @param rows the data rows of the mapped points
   * @param xy map coordinates: one per row, then one per centroid
   * @param centroids how many of the last {@code xy} entries are centroids
   */
  record MapData(int[] rows, double[][] xy, int centroids) {}

  /**
   * Maps a result's embedding sample.
   *
   * @param result the result
   * @param options sample size and iterations
   * @param cache the folder for cached maps, or null for none
   * @return the map, or null when the result keeps no sample or the method gave no finite layout
   */
  static MapData map(RunResult result, ReportOptions options, Path cache) {
    EmbeddingSample sample = result.sample();
    if (sample == null) {
      return null;
    }
    return map(
        sample.indices(),
        sample.points(),
        sample.centroids(),
        result.config().seed(),
        options,
        cache);
  }

  /**
   * Maps a result's embedding at an earlier point of its clustering phase.
   *
   * @param result the result (its sample's rows)
   * @param snapshot the embedding of the same rows then
   * @param options sample size and iterations
   * @param cache the folder for cached maps, or null for none
   * @return the map, or null as {@link #map(RunResult, ReportOptions, Path)}
   */
  static MapData map(
      RunResult result, EmbeddingSnapshot snapshot, ReportOptions options, Path cache) {
    EmbeddingSample sample = result.sample();
    if (sample == null
        || snapshot.points() == null
        || snapshot.points().length != sample.indices().length) {
      return null;
    }
    return map(
        sample.indices(),
        snapshot.points(),
        snapshot.centroids(),
        result.config().seed(),
        options,
        cache);
  }

  /**
   * Maps embedded rows.
   *
   * @param indices the data rows embedded
   * @param points their embeddings
   * @param centroidsGiven the cluster centres in the same space, or null
   * @param runSeed the run's seed, which seeds the map
   * @param options sample size and iterations
   * @param cache the folder for cached maps, or null for none
   * @return the map, or null when there are too few points or no finite layout
   */
  static MapData map(
      int[] indices,
      float[][] points,
      float[][] centroidsGiven,
      long runSeed,
      ReportOptions options,
      Path cache) {
    if (points == null || points.length < 4 || "none".equals(options.map())) {
      return null;
    }
    int available = points.length;
    int m = Math.min(options.mapSample(), available);
    int dim = points[0].length;
    float[][] centroids =
        centroidsGiven != null && centroidsGiven.length > 0 && centroidsGiven[0].length == dim
            ? centroidsGiven
            : new float[0][];
    int[] rows = new int[m];
    double[][] input = new double[m + centroids.length][];
    for (int i = 0; i < m; i++) {
      int pos = (int) ((long) i * available / m);
      rows[i] = indices[pos];
      input[i] = toDouble(points[pos]);
    }
    for (int j = 0; j < centroids.length; j++) {
      input[m + j] = toDouble(centroids[j]);
    }
    double perplexity = Math.max(2, Math.min(PERPLEXITY, (input.length - 1) / 3.0 - 1));
    long seed = 0x7A5E_0000L ^ runSeed;
    Path file = null;
    if (cache != null) {
      file =
          cache.resolve(
              digest(options.map(), input, perplexity, options.mapIterations(), seed) + ".json");
      if (Files.isRegularFile(file)) {
        try {
          return Json.read(file, MapData.class);
        } catch (RuntimeException e) {
          // an unreadable cache entry is recomputed
        }
      }
    }
    Seeds.of(seed).seedMaps();
    double[][] xy =
        switch (options.map()) {
          // UMAP's usual settings (15 neighbours, min_dist 0.1); fewer neighbours for tiny samples.
          case "umap" ->
              UMAP.fit(
                  input,
                  new UMAP.Options(
                      Math.max(2, Math.min(NEIGHBOURS, input.length - 2)),
                      2,
                      options.mapIterations(),
                      1.0,
                      0.1,
                      1.0,
                      5,
                      1.0,
                      1.0));
          default ->
              TSNE.fit(input, new TSNE.Options(2, perplexity, 200, 12, options.mapIterations()))
                  .coordinates();
        };
    for (double[] p : xy) {
      if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
        return null;
      }
    }
    MapData map = new MapData(rows, xy, centroids.length);
    if (file != null) {
      Json.writeAtomically(file, map);
    }
    return map;
  }

  /**
   * Says why a map could not be drawn. Smile's UMAP starts from a PCA layout whenever the neighbour
   * graph falls apart, and its PCA calls LAPACK in the system's OpenBLAS; without that library the
   * first map fails with an initialiser error and every later one with {@link
   * NoClassDefFoundError}.
   *
   * @param e what the map threw
   * @param mapName the map's name, e.g. {@code UMAP}
   * @return the reason, with what to do when a native library is missing
   */
  static String why(Throwable e, String mapName) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof LinkageError || m.contains("Cannot open library")) {
        if (m.contains("openblas") || m.contains("lapack") || t instanceof NoClassDefFoundError) {
          return mapName
              + " needs the OpenBLAS library (libopenblas.so) for Smile's LAPACK calls, and it could"
              + " not be loaded: install it (Debian/Ubuntu: apt-get install libopenblas-dev) or draw t-SNE maps"
              + " (--map tsne)";
        }
      }
    }
    return e.toString();
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static String digest(
      String method, double[][] input, double perplexity, int iterations, long seed) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (method + "-v1 " + perplexity + " " + iterations + " " + seed + " " + input.length)
              .getBytes(StandardCharsets.UTF_8));
      ByteBuffer buf = ByteBuffer.allocate(8 * input[0].length);
      for (double[] row : input) {
        buf.clear();
        for (double v : row) {
          buf.putDouble(v);
        }
        md.update(buf.array(), 0, buf.position());
      }
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
