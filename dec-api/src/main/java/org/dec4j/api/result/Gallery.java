package org.dec4j.api.result;

import java.util.List;
import org.dec4j.api.data.ImageShape;

/**
 * The samples each cluster holds most confidently, as pictures, for data sets whose features are
 * images: the DEC paper's Figure 2 shows each cluster's top 10 samples by the soft assignment q
 * (Xie, Girshick and Farhadi, "Unsupervised Deep Embedding for Clustering Analysis", ICML 2016).
 *
 * @param shape the images' shape
 * @param measure how confidence was measured: {@code q} (the method's soft assignment to the
 *     cluster), or {@code distance} (nearness of the embedding to the cluster's centre, for methods
 *     without a soft assignment)
 * @param clusters one entry per non-empty cluster, by cluster
 * @since API level 2
 */
public record Gallery(ImageShape shape, String measure, List<Exemplars> clusters) {
  /** Copies the list. */
  public Gallery {
    clusters = List.copyOf(clusters);
  }

  /**
   * A cluster's most confident samples.
   *
   * @param cluster the cluster
   * @param size the samples assigned to it
   * @param rows the data rows shown, most confident first
   * @param confidence each row's q, or minus its embedding's distance to the centre
   * @param pixels the rows' images, one after another, each {@code shape.values()} bytes: the
   *     features mapped linearly from the data set's smallest value (0) to its largest (255)
   */
  public record Exemplars(int cluster, int size, int[] rows, float[] confidence, byte[] pixels) {}
}
