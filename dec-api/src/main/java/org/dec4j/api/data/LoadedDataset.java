package org.dec4j.api.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dec4j.api.DataException;

/**
 * Data ready for clustering: features, optional ground-truth labels, and provenance.
 *
 * @param id the data set id
 * @param features n x d features
 * @param labels ground truth in {@code [0, classCount)} per sample, or null when unknown
 * @param classCount the number of classes (the default k), or 0 when unknown
 * @param provenance where the data came from
 * @param columns the features' names as the file gives them (a CSV header), or null when it names
 *     none; a saved model keeps them and refuses input with other columns
 * @param scaling the per-feature scaling this load applied to the stored values, or null for none;
 *     a saved model keeps it and applies it to new rows (see {@link FeatureScaling})
 * @param image the image layout of the features when they are the pixels of images (MNIST's 28x28),
 *     or null; reports then draw samples as pictures (since API level 2)
 */
public record LoadedDataset(
    String id,
    FeatureMatrix features,
    int[] labels,
    int classCount,
    DataProvenance provenance,
    List<String> columns,
    FeatureScaling scaling,
    ImageShape image) {

  /**
   * Data that are not images (API level 2's constructor).
   *
   * @param id the data set id
   * @param features n x d features
   * @param labels ground truth, or null
   * @param classCount the number of classes, or 0
   * @param provenance where the data came from
   * @param columns the features' names, or null
   * @param scaling the scaling applied, or null
   */
  public LoadedDataset(
      String id,
      FeatureMatrix features,
      int[] labels,
      int classCount,
      DataProvenance provenance,
      List<String> columns,
      FeatureScaling scaling) {
    this(id, features, labels, classCount, provenance, columns, scaling, null);
  }

  /**
   * Data whose columns are unnamed and whose values were not scaled by statistics of their own (API
   * level 1's constructor).
   *
   * @param id the data set id
   * @param features n x d features
   * @param labels ground truth, or null
   * @param classCount the number of classes, or 0
   * @param provenance where the data came from
   */
  public LoadedDataset(
      String id, FeatureMatrix features, int[] labels, int classCount, DataProvenance provenance) {
    this(id, features, labels, classCount, provenance, null, null, null);
  }

  /**
   * Checks labels against the features and the class count, and names, scaling and image against
   * the features.
   */
  public LoadedDataset {
    if (image != null && image.values() != features.cols()) {
      throw new DataException(
          id
              + ": image shape "
              + image
              + " holds "
              + image.values()
              + " values, but the samples "
              + "have "
              + features.cols()
              + " features");
    }
    if (columns != null) {
      columns = List.copyOf(columns);
      if (columns.size() != features.cols()) {
        throw new DataException(
            id + ": " + columns.size() + " column names for " + features.cols() + " features");
      }
    }
    if (scaling != null && scaling.features() != features.cols()) {
      throw new DataException(
          id + ": scaling " + scaling + " for " + features.cols() + " features");
    }
    if (labels != null) {
      if (labels.length != features.rows()) {
        throw new DataException(
            id + ": " + labels.length + " labels for " + features.rows() + " samples");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= classCount) {
          throw new DataException(
              id
                  + ": label "
                  + labels[i]
                  + " of sample "
                  + i
                  + " is outside [0, "
                  + classCount
                  + ")");
        }
      }
    }
  }

  /**
   * Returns the same data with column names and the scaling applied to them.
   *
   * @param names the features' names, or null
   * @param applied the scaling applied, or null
   * @return the data
   */
  public LoadedDataset withPreprocessing(List<String> names, FeatureScaling applied) {
    return new LoadedDataset(id, features, labels, classCount, provenance, names, applied, image);
  }

  /**
   * Returns the same data, declared to be the pixels of images of a shape.
   *
   * @param shape the images' shape, or null for data that are not images
   * @return the data
   * @throws DataException when the shape does not hold one sample's features
   * @since API level 2
   */
  public LoadedDataset withImage(ImageShape shape) {
    return new LoadedDataset(id, features, labels, classCount, provenance, columns, scaling, shape);
  }

  /**
   * Returns other rows of the same data set: the same class count, column names, scaling and image
   * shape, for subsets (a per-class subsample, a training part).
   *
   * @param rows the rows' features
   * @param rowLabels their labels, or null
   * @param from their provenance
   * @return the data
   */
  public LoadedDataset withRows(FeatureMatrix rows, int[] rowLabels, DataProvenance from) {
    return new LoadedDataset(id, rows, rowLabels, classCount, from, columns, scaling, image);
  }

  /** {@return the labels when the data set has them} */
  public Optional<int[]> labelsIfKnown() {
    return Optional.ofNullable(labels);
  }

  /** {@return the number of samples} */
  public int size() {
    return features.rows();
  }

  /** {@return the number of features} */
  public int dimension() {
    return features.cols();
  }

  /**
   * Computes the SHA-256 of feature values (as little-endian float bits) followed by the labels,
   * the checksum recorded in {@link DataProvenance#sha256()}.
   *
   * @param features the features
   * @param labels the labels, or null
   * @return lowercase hex digest
   */
  public static String checksum(FeatureMatrix features, int[] labels) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[4096 * 4];
      float[] v = features.values();
      int pos = 0;
      for (int i = 0; i < v.length; i++) {
        int bits = Float.floatToIntBits(v[i]);
        buf[pos++] = (byte) bits;
        buf[pos++] = (byte) (bits >>> 8);
        buf[pos++] = (byte) (bits >>> 16);
        buf[pos++] = (byte) (bits >>> 24);
        if (pos == buf.length) {
          md.update(buf, 0, pos);
          pos = 0;
        }
      }
      md.update(buf, 0, pos);
      if (labels != null) {
        for (int l : labels) {
          md.update(new byte[] {(byte) l, (byte) (l >>> 8), (byte) (l >>> 16), (byte) (l >>> 24)});
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
