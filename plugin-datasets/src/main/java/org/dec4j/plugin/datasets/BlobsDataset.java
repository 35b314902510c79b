package org.dec4j.plugin.datasets;

import java.util.List;
import java.util.SplittableRandom;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;

/**
 * Isotropic Gaussian blobs, for tests and demonstrations: k centres drawn uniformly from the box
 * {@code [-box, box]^d}, and n points split as evenly as possible among them (the first {@code n
 * mod k} clusters get one more), each centre plus N(0, spread^2) noise per coordinate.
 *
 * <p>Like scikit-learn's {@code make_blobs} (defaults differ: n = 1000, d = 10). Centres drawn at
 * random can land close together when d is small and k large; with the defaults the expected
 * distance between centres (about 8 x sqrt(d/6) ~ 10) is ten times the spread.
 *
 * <p>Deterministic for a seed: {@link SplittableRandom} draws the centres, then the points cluster
 * by cluster, then shuffles the rows.
 */
public final class BlobsDataset implements Dataset {
  static final String ID = "blobs";

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "Generated: isotropic Gaussian blobs (n points, d dimensions, k centres)",
          List.of(
              HyperparameterSpec.ofInt("n", 1000, 1, 100_000_000, "Number of points."),
              HyperparameterSpec.ofInt("d", 10, 1, 100_000, "Number of dimensions."),
              HyperparameterSpec.ofInt("k", 3, 1, 10_000, "Number of blobs (classes)."),
              HyperparameterSpec.ofReal(
                  "spread", 1.0, 0.0, 1e6, "Standard deviation of each blob, per coordinate."),
              HyperparameterSpec.ofReal(
                  "box", 10.0, 0.0, 1e6, "Centres are uniform in [-box, box]^d.")),
          Dec4jApi.VERSION);

  /** Creates the provider (cheap: generation happens in load). */
  public BlobsDataset() {}

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters o = request.options();
    int n = o.getInt("n");
    int d = o.getInt("d");
    int k = o.getInt("k");
    double spread = o.getDouble("spread");
    double box = o.getDouble("box");
    if ((long) n * d > Integer.MAX_VALUE - 16) {
      throw new ConfigException(
          ID + ": n x d = " + n + " x " + d + " values is too many; must be < 2^31");
    }
    if (k > n) {
      throw new ConfigException(
          ID + ": k = " + k + " blobs need at least as many points, but n = " + n);
    }
    SplittableRandom rng = new SplittableRandom(request.seed());
    double[] centres = new double[k * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = box * (2 * rng.nextDouble() - 1);
    }
    float[] values = new float[n * d];
    int[] labels = new int[n];
    int row = 0;
    for (int c = 0; c < k; c++) {
      int size = n / k + (c < n % k ? 1 : 0);
      for (int p = 0; p < size; p++, row++) {
        for (int j = 0; j < d; j++) {
          values[row * d + j] = (float) (centres[c * d + j] + spread * rng.nextGaussian());
        }
        labels[row] = c;
      }
    }
    Generated.shuffle(values, labels, d, rng);
    return Support.result(
        ID,
        new FeatureMatrix(values, n, d),
        labels,
        k,
        "generator: isotropic Gaussian blobs, centres uniform in [-box, box]^d",
        List.of(),
        o,
        "seed=" + request.seed());
  }
}
