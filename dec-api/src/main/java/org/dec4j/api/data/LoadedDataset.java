package org.dec4j.api.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 */
public record LoadedDataset(String id, FeatureMatrix features, int[] labels, int classCount,
    DataProvenance provenance) {

  /** Checks labels against the features and the class count. */
  public LoadedDataset {
    if (labels != null) {
      if (labels.length != features.rows()) {
        throw new DataException(id + ": " + labels.length + " labels for " + features.rows() + " samples");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= classCount) {
          throw new DataException(id + ": label " + labels[i] + " of sample " + i + " is outside [0, "
              + classCount + ")");
        }
      }
    }
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
