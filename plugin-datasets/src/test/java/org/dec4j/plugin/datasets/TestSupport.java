package org.dec4j.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Assumptions;

/** Shared test helpers: requests, file writers, a loopback HTTP server, clustering scores. */
public final class TestSupport {
  private TestSupport() {}

  /**
   * Returns a shared data set folder, or skips the test when it is absent.
   *
   * @param folder the folder under the shared datasets directory
   * @return the folder
   */
  public static Path sharedOrSkip(String folder) {
    String root = System.getProperty("dec4j.shared.datasets");
    Assumptions.assumeTrue(
        root != null, "system property dec4j.shared.datasets is not set; skipping real-data test");
    Path dir = Path.of(root).resolve(folder);
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        "shared data folder " + dir + " is absent; skipping real-data test");
    return dir;
  }

  /**
   * Builds a request with validated options.
   *
   * @param dataset the provider
   * @param options option values by name
   * @param download whether downloads are allowed
   * @param searchPath directories
   * @return the request, seed 42
   */
  public static DatasetRequest request(
      Dataset dataset, Map<String, ?> options, boolean download, Path... searchPath) {
    return new DatasetRequest(dataset.info().resolve(options), List.of(searchPath), 42, download);
  }

  /**
   * Loads offline.
   *
   * @param dataset the provider
   * @param options option values
   * @param searchPath directories
   * @return the data
   */
  public static LoadedDataset load(Dataset dataset, Map<String, ?> options, Path... searchPath) {
    return dataset.load(request(dataset, options, false, searchPath));
  }

  /**
   * Encodes an unsigned-byte IDX file.
   *
   * @param dims the dimensions
   * @param data the values
   * @return the bytes
   */
  public static byte[] idx(int[] dims, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 8, (byte) dims.length});
    for (int d : dims) {
      out.writeBytes(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  /**
   * Gzips bytes.
   *
   * @param raw the content
   * @return the gzip file bytes
   */
  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes bytes, creating parent directories.
   *
   * @param file the file
   * @param bytes the content
   * @return the file
   */
  public static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes text (UTF-8), creating parent directories.
   *
   * @param file the file
   * @param text the content
   * @return the file
   */
  public static Path write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a tiny MNIST-style set: {@code nTrain} and {@code nTest} images of {@code h x w}; pixel
   * {@code p} of image {@code i} is {@code (i * 7 + p) mod 256}; label of image i is {@code i mod
   * 10}. Train images come first in the numbering (test image j has i = nTrain + j).
   *
   * @param dir the directory
   * @param nTrain train images
   * @param nTest test images
   * @param h height
   * @param w width
   * @param gzip whether to gzip
   */
  public static void writeIdxSet(Path dir, int nTrain, int nTest, int h, int w, boolean gzip) {
    String suffix = gzip ? ".gz" : "";
    int[][] parts = {{0, nTrain}, {nTrain, nTest}};
    String[] names = {"train", "t10k"};
    for (int s = 0; s < 2; s++) {
      int start = parts[s][0];
      int n = parts[s][1];
      byte[] px = new byte[n * h * w];
      byte[] lab = new byte[n];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < h * w; p++) {
          px[i * h * w + p] = (byte) (((start + i) * 7 + p) % 256);
        }
        lab[i] = (byte) ((start + i) % 10);
      }
      byte[] images = idx(new int[] {n, h, w}, px);
      byte[] labels = idx(new int[] {n}, lab);
      write(dir.resolve(names[s] + "-images-idx3-ubyte" + suffix), gzip ? gzip(images) : images);
      write(dir.resolve(names[s] + "-labels-idx1-ubyte" + suffix), gzip ? gzip(labels) : labels);
    }
  }

  /**
   * Returns a hex digest.
   *
   * @param algorithm e.g. MD5
   * @param bytes the content
   * @return lowercase hex
   */
  public static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a test resource of this module.
   *
   * @param name the resource path relative to this class's package
   * @return the bytes
   */
  public static byte[] resource(String name) {
    try (var in = TestSupport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback HTTP server serving fixed byte arrays by path; counts requests. */
  public static final class Server implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    public Server() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
            exchange.close();
          });
      server.start();
    }

    /**
     * Serves content at a path.
     *
     * @param path e.g. {@code /data/x.gz}
     * @param body the content
     * @return this server
     */
    public Server serve(String path, byte[] body) {
      files.put(path, body);
      return this;
    }

    /**
     * Returns the URL of a path.
     *
     * @param path the path
     * @return the URL
     */
    public URI url(String path) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Returns how many requests were served. */
    public int requests() {
      return requests.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * Adjusted Rand index of two labelings (Hubert and Arabie 1985).
   *
   * @param a labels in [0, ka)
   * @param b labels in [0, kb)
   * @return the ARI
   */
  public static double ari(int[] a, int[] b) {
    assertEquals(a.length, b.length);
    int ka = java.util.Arrays.stream(a).max().orElse(0) + 1;
    int kb = java.util.Arrays.stream(b).max().orElse(0) + 1;
    long[][] m = new long[ka][kb];
    for (int i = 0; i < a.length; i++) {
      m[a[i]][b[i]]++;
    }
    double index = 0;
    double sa = 0;
    double sb = 0;
    long[] rows = new long[ka];
    long[] cols = new long[kb];
    for (int i = 0; i < ka; i++) {
      for (int j = 0; j < kb; j++) {
        index += pairs(m[i][j]);
        rows[i] += m[i][j];
        cols[j] += m[i][j];
      }
    }
    for (long r : rows) {
      sa += pairs(r);
    }
    for (long c : cols) {
      sb += pairs(c);
    }
    double expected = sa * sb / pairs(a.length);
    return (index - expected) / (0.5 * (sa + sb) - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }

  /**
   * Lloyd's k-means with k-means++ seeding, best of a few restarts: a small reference to check that
   * generated clusters are recoverable.
   *
   * @param x row-major points
   * @param n rows
   * @param d columns
   * @param k clusters
   * @param restarts restarts
   * @return the labels of the lowest-distortion run
   */
  public static int[] kmeans(float[] x, int n, int d, int k, int restarts) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
    int[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      double[] c = new double[k * d];
      double[] dist = new double[n];
      java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
      int first = rng.nextInt(n);
      for (int j = 0; j < d; j++) {
        c[j] = x[first * d + j];
      }
      for (int cc = 1; cc < k; cc++) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          dist[i] = Math.min(dist[i], sq(x, i, c, cc - 1, d));
          total += dist[i];
        }
        double u = rng.nextDouble() * total;
        int pick = n - 1;
        for (int i = 0; i < n; i++) {
          u -= dist[i];
          if (u <= 0) {
            pick = i;
            break;
          }
        }
        for (int j = 0; j < d; j++) {
          c[cc * d + j] = x[pick * d + j];
        }
      }
      int[] labels = new int[n];
      double cost = 0;
      for (int it = 0; it < 100; it++) {
        cost = 0;
        for (int i = 0; i < n; i++) {
          double bd = Double.POSITIVE_INFINITY;
          for (int cc = 0; cc < k; cc++) {
            double dd = sq(x, i, c, cc, d);
            if (dd < bd) {
              bd = dd;
              labels[i] = cc;
            }
          }
          cost += bd;
        }
        double[] sum = new double[k * d];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
          count[labels[i]]++;
          for (int j = 0; j < d; j++) {
            sum[labels[i] * d + j] += x[i * d + j];
          }
        }
        for (int cc = 0; cc < k; cc++) {
          if (count[cc] > 0) {
            for (int j = 0; j < d; j++) {
              c[cc * d + j] = sum[cc * d + j] / count[cc];
            }
          }
        }
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = labels;
      }
    }
    return best;
  }

  private static double sq(float[] x, int i, double[] c, int cc, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = x[i * d + j] - c[cc * d + j];
      s += t * t;
    }
    return s;
  }

  /**
   * Fraction of points whose nearest class mean is their own class's.
   *
   * @param x row-major points
   * @param n rows
   * @param d columns
   * @param labels classes in [0, k)
   * @param k classes
   * @return the fraction in [0, 1]
   */
  public static double nearestMeanAccuracy(float[] x, int n, int d, int[] labels, int k) {
    double[] mean = new double[k * d];
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        mean[labels[i] * d + j] += x[i * d + j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mean[c * d + j] /= Math.max(1, count[c]);
      }
    }
    int right = 0;
    for (int i = 0; i < n; i++) {
      int bestC = -1;
      double bd = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dd = sq(x, i, mean, c, d);
        if (dd < bd) {
          bd = dd;
          bestC = c;
        }
      }
      if (bestC == labels[i]) {
        right++;
      }
    }
    return right / (double) n;
  }

  /**
   * Counts labels per class.
   *
   * @param labels the labels
   * @param k the number of classes
   * @return the counts
   */
  public static int[] counts(int[] labels, int k) {
    int[] c = new int[k];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }
}
