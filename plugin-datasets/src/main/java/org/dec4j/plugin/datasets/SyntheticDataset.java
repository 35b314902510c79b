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
 * Clusters on a nonlinear manifold, the synthetic benchmark of the DCN course project: k clusters
 * of m points in 2-D, mapped to R^D by {@code x = sigmoid(U sigmoid(W h))} with {@code W} (10 x 2)
 * and {@code U} (D x 10) drawn i.i.d. from N(0, 1). Clustering x well requires undoing the
 * nonlinear map, which is what deep clustering is for; k-means on x works only when the map is
 * kind.
 *
 * <p>The 2-D latent points: the k cluster centres sit evenly on a circle of radius 3 (centre j at
 * angle 2&pi;j/k; a single cluster sits at the origin), and each cluster is an isotropic Gaussian
 * with standard deviation {@code spread x (half the distance between neighbouring centres)}. With
 * the default spread 0.2, neighbouring centres are 10 standard deviations apart, so the latent
 * clusters never overlap, whatever k is; the radius keeps {@code W h} out of deep sigmoid
 * saturation, so distinct clusters stay distinct in R^D (checked by a nearest-centroid test).
 *
 * <p>Deterministic for a seed: {@link SplittableRandom} draws W (row-major), U, then the points
 * cluster by cluster (two normals each), then shuffles the rows (Fisher-Yates).
 *
 * <p>Reference: the synthetic-data experiment of B. Yang, X. Fu, N. D. Sidiropoulos, M. Hong,
 * "Towards K-means-friendly Spaces: Simultaneous Deep Learning and Clustering" (DCN), ICML 2017,
 * whose generative model the course project reuses; the centres and spread here are this module's
 * own choice.
 */
public final class SyntheticDataset implements Dataset {
  static final String ID = "synthetic";
  static final int HIDDEN = 10;
  static final double RADIUS = 3.0;

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "Generated: k Gaussian clusters in 2-D mapped to R^d by sigmoid(U sigmoid(W h))",
          List.of(
              HyperparameterSpec.ofInt("k", 4, 1, 1000, "Number of clusters."),
              HyperparameterSpec.ofInt("m", 2500, 1, 10_000_000, "Points per cluster."),
              HyperparameterSpec.ofInt("d", 100, 1, 100_000, "Dimension of the generated data."),
              HyperparameterSpec.ofReal(
                  "spread",
                  0.2,
                  0.001,
                  5.0,
                  "Latent cluster std as a fraction of half the distance between neighbouring centres.")),
          Dec4jApi.VERSION);

  /** Creates the provider (cheap: generation happens in load). */
  public SyntheticDataset() {}

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Hyperparameters o = request.options();
    int k = o.getInt("k");
    int m = o.getInt("m");
    int d = o.getInt("d");
    double spread = o.getDouble("spread");
    long n = (long) k * m;
    if (n * d > Integer.MAX_VALUE - 16) {
      throw new ConfigException(
          ID
              + ": k x m x d = "
              + k
              + " x "
              + m
              + " x "
              + d
              + " = "
              + n * d
              + " values is too many; must be < 2^31");
    }
    SplittableRandom rng = new SplittableRandom(request.seed());
    double[] w = gaussian(rng, HIDDEN * 2);
    double[] u = gaussian(rng, d * HIDDEN);
    double chord = k > 1 ? 2 * RADIUS * Math.sin(Math.PI / k) : 2 * RADIUS;
    double sigma = spread * chord / 2;
    float[] values = new float[(int) (n * d)];
    int[] labels = new int[(int) n];
    double[] hidden = new double[HIDDEN];
    int row = 0;
    for (int c = 0; c < k; c++) {
      double cx = k > 1 ? RADIUS * Math.cos(2 * Math.PI * c / k) : 0;
      double cy = k > 1 ? RADIUS * Math.sin(2 * Math.PI * c / k) : 0;
      for (int p = 0; p < m; p++, row++) {
        double h0 = cx + sigma * rng.nextGaussian();
        double h1 = cy + sigma * rng.nextGaussian();
        for (int j = 0; j < HIDDEN; j++) {
          hidden[j] = sigmoid(w[2 * j] * h0 + w[2 * j + 1] * h1);
        }
        int base = row * d;
        for (int i = 0; i < d; i++) {
          double z = 0;
          for (int j = 0; j < HIDDEN; j++) {
            z += u[i * HIDDEN + j] * hidden[j];
          }
          values[base + i] = (float) sigmoid(z);
        }
        labels[row] = c;
      }
    }
    Generated.shuffle(values, labels, d, rng);
    return Support.result(
        ID,
        new FeatureMatrix(values, (int) n, d),
        labels,
        k,
        "generator: x = sigmoid(U sigmoid(W h)), W 10x2 and U "
            + d
            + "x10 i.i.d. N(0,1); h from "
            + k
            + " Gaussians on a circle of radius 3 (DCN synthetic model, Yang et al., ICML 2017)",
        List.of(),
        o,
        "seed=" + request.seed() + ", latent std=" + sigma);
  }

  private static double[] gaussian(SplittableRandom rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
