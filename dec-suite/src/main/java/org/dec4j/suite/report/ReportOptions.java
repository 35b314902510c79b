package org.dec4j.suite.report;

import java.util.List;
import org.dec4j.api.ConfigException;

/**
 * What the HTML report draws besides tables and curves.
 *
 * @param map the 2-D map of the final embedding: {@code tsne} (Smile's t-SNE, van der Maaten and
 *     Hinton, JMLR 2008), {@code umap} (Smile's UMAP, McInnes, Healy and Melville, 2018) or {@code
 *     none}
 * @param mapSample points per map, taken from the embedding sample each result keeps
 * @param mapIterations t-SNE iterations, or UMAP's optimisation epochs
 * @param published figures from the literature to set beside the measured ones (may be empty)
 * @param mapSeeds whose final embeddings are mapped: {@code lowest} (the lowest seed of each
 *     method, the default) or {@code all} (every seed, one map each)
 * @param mapProgress whether each method's embedding is also mapped at the start and the middle of
 *     its clustering phase, beside the end (the DEC paper's Figure 5), for the lowest seed
 */
public record ReportOptions(
    String map,
    int mapSample,
    int mapIterations,
    List<PublishedFigure> published,
    String mapSeeds,
    boolean mapProgress) {
  /** The map kinds. */
  public static final List<String> MAPS = List.of("tsne", "umap", "none");

  /** The choices of {@link #mapSeeds()}. */
  public static final List<String> MAP_SEEDS = List.of("lowest", "all");

  /**
   * Options without published figures.
   *
   * @param map tsne, umap or none
   * @param mapSample points per map
   * @param mapIterations t-SNE iterations or UMAP epochs
   */
  public ReportOptions(String map, int mapSample, int mapIterations) {
    this(map, mapSample, mapIterations, List.of());
  }

  /**
   * Options that map the lowest seed, with its progress.
   *
   * @param map tsne, umap or none
   * @param mapSample points per map
   * @param mapIterations t-SNE iterations or UMAP epochs
   * @param published figures from the literature
   */
  public ReportOptions(
      String map, int mapSample, int mapIterations, List<PublishedFigure> published) {
    this(map, mapSample, mapIterations, published, "lowest", true);
  }

  /**
   * The same options with other seeds mapped.
   *
   * @param seeds {@code lowest} or {@code all}
   * @return the options
   */
  public ReportOptions withMapSeeds(String seeds) {
    return new ReportOptions(map, mapSample, mapIterations, published, seeds, mapProgress);
  }

  /** Checks the values, naming the field. */
  public ReportOptions {
    published = published == null ? List.of() : List.copyOf(published);
    mapSeeds = mapSeeds == null ? "lowest" : mapSeeds;
    if (!MAP_SEEDS.contains(mapSeeds)) {
      throw new ConfigException(
          "report.map_seeds = '" + mapSeeds + "' must be one of " + String.join(", ", MAP_SEEDS));
    }
    if (!MAPS.contains(map)) {
      throw new ConfigException(
          "report.map = '" + map + "' must be one of " + String.join(", ", MAPS));
    }
    if (mapSample < 10 || mapSample > 5000) {
      throw new ConfigException("report.map_sample = " + mapSample + " must be in [10, 5000]");
    }
    if (mapIterations < 300 || mapIterations > 10_000) {
      throw new ConfigException(
          "report.map_iterations = "
              + mapIterations
              + " must be in [300, 10000] "
              + "(t-SNE's early exaggeration alone takes 250)");
    }
  }

  /** {@return the map's name for people: t-SNE, UMAP, or none} */
  public String mapName() {
    return switch (map) {
      case "tsne" -> "t-SNE";
      case "umap" -> "UMAP";
      default -> "none";
    };
  }

  /**
   * t-SNE maps of 1,000 points, 500 iterations: about ten seconds per map on two cores.
   *
   * @return the defaults
   */
  public static ReportOptions defaults() {
    return new ReportOptions("tsne", 1000, 500);
  }
}
