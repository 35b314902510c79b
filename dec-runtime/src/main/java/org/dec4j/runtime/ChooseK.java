package org.dec4j.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.dec4j.api.ConfigException;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.result.Provenance;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;

/**
 * Choosing the number of clusters as the DEC paper does (Xie et al., ICML 2016, section 5.5): the
 * method is run for every k of a range on a training part of the data, and for each k the
 * <em>generalizability</em> G = L_train / L_validation is computed, where L is DEC's loss KL(P ||
 * Q) (mean over samples) of the trained encoder and centroids on the training part and on a
 * held-out validation part; P is computed from each part's own Q. Once k exceeds the number of real
 * groups, the extra clusters split groups along lines that do not carry over to unseen samples, so
 * G drops; the paper picks the k before G's sharp drop. Alongside come NMI and ACC on the training
 * part (when the data have labels) and a label-free internal index, the silhouette of the final
 * embedding (Euclidean, on a seeded sample of the training part).
 *
 * <p>All k start from one autoencoder, pretrained once on the training part: the runs go through
 * the autoencoder cache (a temporary one when none is configured), whose key does not include k.
 */
public final class ChooseK {
  private final Runner runner;

  /**
   * Creates the search over a runner's plugins.
   *
   * @param runner the runner
   */
  public ChooseK(Runner runner) {
    this.runner = runner;
  }

  /**
   * What to search.
   *
   * @param run the run every k repeats (its k is ignored)
   * @param ks the numbers of clusters to try, each at least 2, ascending
   * @param validation the share of the samples held out, in (0, 0.9]
   * @param silhouetteSample the rows of the training part the silhouette is computed on (all when
   *     fewer)
   * @param finished a folder where each k's figures are kept as soon as it is done ({@code
   *     k-<k>.json}) and taken from when the same search is run again, so a stopped search loses no
   *     finished k; null to keep nothing
   */
  public record Request(
      RunSpec run, List<Integer> ks, double validation, int silhouetteSample, Path finished) {
    /**
     * A search that keeps no finished k.
     *
     * @param run the run every k repeats (its k is ignored)
     * @param ks the numbers of clusters to try, each at least 2, ascending
     * @param validation the share of the samples held out, in (0, 0.9]
     * @param silhouetteSample the rows of the training part the silhouette is computed on
     */
    public Request(RunSpec run, List<Integer> ks, double validation, int silhouetteSample) {
      this(run, ks, validation, silhouetteSample, null);
    }

    /** Checks the ranges. */
    public Request {
      ks = List.copyOf(ks);
      if (ks.isEmpty()) {
        throw new ConfigException("k: give at least one number of clusters");
      }
      for (int i = 0; i < ks.size(); i++) {
        if (ks.get(i) < 2) {
          throw new ConfigException("k = " + ks.get(i) + ": every k must be at least 2");
        }
        if (i > 0 && ks.get(i) <= ks.get(i - 1)) {
          throw new ConfigException(
              "k: give the numbers of clusters in ascending order without repeats, got " + ks);
        }
      }
      if (!(validation > 0 && validation <= 0.9)) {
        throw new ConfigException(
            "validation = " + validation + ": the held-out share must be in (0, 0.9]");
      }
      if (silhouetteSample < 10) {
        throw new ConfigException(
            "silhouette sample = " + silhouetteSample + " must be at least 10");
      }
    }
  }

  /**
   * One k's figures.
   *
   * @param k the number of clusters
   * @param scores ACC, NMI and ARI on the training part, or null without labels
   * @param trainLoss L_train, mean KL(P || Q) on the training part
   * @param validationLoss L_validation, the same on the held-out part
   * @param generalizability G = L_train / L_validation
   * @param silhouette the mean silhouette of the embedding of a sample of the training part, in
   *     [-1, 1]
   * @param iterations the method's clustering iterations
   * @param seconds the run's wall time
   */
  public record Row(
      int k,
      Scores scores,
      double trainLoss,
      double validationLoss,
      double generalizability,
      double silhouette,
      int iterations,
      double seconds) {}

  /**
   * One k as kept in {@link Request#finished}: its figures, with the run's configuration and
   * provenance, under the key of everything that determined them.
   *
   * @param key {@link #key}'s value for the run that made it
   * @param row the figures
   * @param config the run's resolved configuration
   * @param provenance the run's provenance
   */
  record Finished(String key, Row row, RunConfig config, Provenance provenance) {}

  /** Version of the kept files' layout; part of the key. */
  static final int FORMAT = 1;

  /**
   * The search's outcome.
   *
   * @param method the method
   * @param dataset the data set id
   * @param datasetOptions its options
   * @param seed the seed
   * @param trainSize rows in the training part
   * @param validationSize rows held out
   * @param rows one per k, ascending
   * @param byGeneralizability the k just before G's largest drop between consecutive k (the paper's
   *     rule), or 0 with fewer than two k
   * @param bySilhouette the k with the largest silhouette
   * @param byNmi the k with the largest NMI on the training part (needs labels), or 0 without
   *     labels
   * @param data the provenance of the data loaded
   * @param config the resolved configuration of the first k's run (the others differ only in k):
   *     method parameters, encoder, pretraining, seed
   * @param provenance the first k's run provenance: dec4j, plugin and library versions, machine,
   *     command, and the training part as its data
   */
  public record Result(
      String method,
      String dataset,
      Map<String, Object> datasetOptions,
      long seed,
      int trainSize,
      int validationSize,
      List<Row> rows,
      int byGeneralizability,
      int bySilhouette,
      int byNmi,
      DataProvenance data,
      RunConfig config,
      Provenance provenance) {
    /** Copies the lists. */
    public Result {
      rows = List.copyOf(rows);
      datasetOptions = Map.copyOf(datasetOptions);
    }

    /**
     * The suggested k: the silhouette's. The paper's generalizability rule is shown beside it but
     * not followed, because G stays close to 1 for every k where the training part is not
     * overfitted (on small or well-separated data its largest drop is noise).
     *
     * @return the k to use
     */
    public int suggested() {
      return bySilhouette;
    }
  }

  /**
   * Loads the data, splits it, and runs the method for every k.
   *
   * @param request what to search
   * @param progress progress sink
   * @return the figures and the suggested k
   */
  public Result run(Request request, ProgressSink progress) {
    RunConfig run = request.run().run();
    progress.info("loading " + run.dataset());
    LoadedDataset data =
        runner.load(
            run.dataset(),
            run.datasetParams(),
            request.run().environment().dataPath(),
            request.run().environment().allowDownload(),
            run.seed());
    return run(request, data, progress);
  }

  /**
   * Splits loaded data and runs the method for every k.
   *
   * @param request what to search; its data set id and options must be those the data were loaded
   *     with
   * @param data the data
   * @param progress progress sink
   * @return the figures and the suggested k
   */
  public Result run(Request request, LoadedDataset data, ProgressSink progress) {
    RunSpec template = request.run();
    RunConfig t = template.run();
    int[][] parts = split(data.size(), request.validation(), t.seed());
    if (parts[0].length < request.ks().getLast() || parts[1].length < 2) {
      throw new ConfigException(
          "choose-k: "
              + data.size()
              + " samples leave "
              + parts[0].length
              + " for training and "
              + parts[1].length
              + " for validation, too few for k up to "
              + request.ks().getLast());
    }
    LoadedDataset train = part(data, parts[0], "training part");
    FeatureMatrix validation = data.features().select(parts[1]);
    progress.info(
        String.format(
            Locale.ROOT,
            "choose-k: %d training and %d held-out samples; k = %s",
            train.size(),
            validation.rows(),
            request.ks()));
    Path tempCache = null;
    try {
      RunSpec base = template;
      if (template.environment().cacheDir() == null) {
        tempCache = Files.createTempDirectory("dec4j-choose-k");
        base = template.in(template.environment().withCacheDir(tempCache));
      }
      base = base.withModelDir(null);
      List<Row> rows = new ArrayList<>();
      Finished first = null;
      for (int k : request.ks()) {
        RunSpec spec = base.withClustersAndSeed(k, t.seed());
        Path file =
            request.finished() == null ? null : request.finished().resolve("k-" + k + ".json");
        String key = file == null ? null : key(spec, train, data, request);
        Finished done = file == null ? null : earlier(file, key, k, progress);
        if (done == null) {
          progress.info("choose-k: k = " + k);
          Runner.Fitted fitted = runner.fit(spec, train, 0, progress, true);
          done =
              new Finished(
                  key,
                  row(k, fitted, train, validation, request.silhouetteSample(), t.seed()),
                  fitted.result().config(),
                  fitted.result().provenance());
          if (file != null) {
            keep(file, done, progress);
          }
          runner.discardCheckpoints(spec.environment(), fitted.result());
        }
        if (first == null) {
          first = done;
        }
        rows.add(done.row());
        Row r = rows.getLast();
        progress.info(
            String.format(
                Locale.ROOT,
                "choose-k: k = %d: G = %.4f (L_train %.5f, L_validation %.5f), "
                    + "silhouette %.4f%s",
                k,
                r.generalizability(),
                r.trainLoss(),
                r.validationLoss(),
                r.silhouette(),
                r.scores() == null
                    ? ""
                    : ", NMI " + String.format(Locale.ROOT, "%.4f", r.scores().nmi())));
      }
      return new Result(
          t.method(),
          t.dataset(),
          DatasetOptions.resolve(runner.registry().dataset(t.dataset()), t.datasetParams()),
          t.seed(),
          train.size(),
          validation.rows(),
          rows,
          byGeneralizability(rows),
          bySilhouette(rows),
          byNmi(rows),
          data.provenance(),
          first.config(),
          first.provenance());
    } catch (IOException e) {
      throw new org.dec4j.api.DataException(
          "choose-k: cannot create a temporary autoencoder cache: " + e.getMessage(), e);
    } finally {
      if (tempCache != null) {
        deleteTree(tempCache);
      }
    }
  }

  /**
   * The key of one k's run within a search: the run's checkpoint description (resolved
   * configuration with this k, the training part's checksum, plugin jars), the whole data's
   * checksum, the held-out share and the silhouette sample.
   */
  private String key(RunSpec spec, LoadedDataset train, LoadedDataset all, Request request) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("choose_k", FORMAT);
    d.put("run", runner.description(spec, train));
    d.put("data_sha256", all.provenance().sha256());
    d.put("validation", request.validation());
    d.put("silhouette_sample", request.silhouetteSample());
    return Checkpoints.key(d);
  }

  /**
   * The figures of k kept by an earlier run of the same search, or null (none, unreadable, or from
   * another search, which is said).
   */
  private static Finished earlier(Path file, String key, int k, ProgressSink progress) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Finished f;
    try {
      f = Json.mapper().readValue(file.toFile(), Finished.class);
    } catch (IOException e) {
      progress.info("choose-k: k = " + k + ": ignoring unreadable " + file + " (" + e + ")");
      return null;
    }
    if (f.row() == null || f.row().k() != k || !key.equals(f.key())) {
      progress.info(
          "choose-k: k = "
              + k
              + ": "
              + file
              + " is from another configuration or data; running k = "
              + k
              + " again");
      return null;
    }
    progress.info("choose-k: k = " + k + ": finished earlier, taken from " + file);
    return f;
  }

  /** Keeps one k's figures; failing to only costs the ability to skip it next time. */
  private static void keep(Path file, Finished done, ProgressSink progress) {
    try {
      Files.createDirectories(file.getParent());
      Json.writeAtomically(file, done);
    } catch (IOException | RuntimeException e) {
      progress.info("choose-k: could not keep " + file + ": " + e.getMessage());
    }
  }

  private Row row(
      int k,
      Runner.Fitted fitted,
      LoadedDataset train,
      FeatureMatrix validation,
      int sample,
      long seed) {
    RunResult result = fitted.result();
    ClusteringModel model = new ClusteringModel(fitted, runner.registry());
    float[][] centroids = model.centroids();
    double alpha = alpha(result.config().methodParams());
    float[][] zTrain = model.embedScaled(train.features());
    float[][] zValidation = model.embedScaled(validation);
    double lTrain = meanKl(zTrain, centroids, alpha);
    double lValidation = meanKl(zValidation, centroids, alpha);
    double silhouette = silhouette(zTrain, result.assignments(), sample, seed);
    return new Row(
        k,
        result.scores(),
        lTrain,
        lValidation,
        lTrain / lValidation,
        silhouette,
        result.iterations(),
        result.timings().total());
  }

  /** DEC's Student's t degrees of freedom when the method declares one, else 1 (the paper's). */
  private static double alpha(Map<String, Object> methodParams) {
    Object a = methodParams == null ? null : methodParams.get("alpha");
    return a instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 1.0;
  }

  /**
   * DEC's loss on a set of embedded samples: q_ij by the Student's t kernel, p_ij = (q_ij^2 / f_j)
   * normalised per sample with f_j = sum_i q_ij over this set, then KL(P || Q) averaged over the
   * samples.
   *
   * @param z n x m embeddings
   * @param mu k x m centroids
   * @param alpha the kernel's degrees of freedom
   * @return the mean loss per sample
   */
  static double meanKl(float[][] z, float[][] mu, double alpha) {
    int n = z.length;
    int k = mu.length;
    double[][] q = new double[n][k];
    double[] f = new double[k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double d2 = 0;
        for (int c = 0; c < mu[j].length; c++) {
          double d = z[i][c] - mu[j][c];
          d2 += d * d;
        }
        q[i][j] = Math.pow(1 + d2 / alpha, -(alpha + 1) / 2);
        sum += q[i][j];
      }
      for (int j = 0; j < k; j++) {
        q[i][j] = Math.max(q[i][j] / sum, 1e-300);
        f[j] += q[i][j];
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double norm = 0;
      double[] p = new double[k];
      for (int j = 0; j < k; j++) {
        p[j] = q[i][j] * q[i][j] / Math.max(f[j], 1e-10);
        norm += p[j];
      }
      for (int j = 0; j < k; j++) {
        double pij = p[j] / norm;
        if (pij > 0) {
          total += pij * Math.log(pij / q[i][j]);
        }
      }
    }
    return total / n;
  }

  /**
   * The mean silhouette (Rousseeuw, 1987) of a seeded sample: for each sampled point, a = its mean
   * distance to the other sampled points of its cluster, b = the smallest mean distance to the
   * sampled points of another cluster, s = (b - a) / max(a, b), and 0 for a point alone in its
   * cluster.
   *
   * @param z n x m embeddings
   * @param labels the cluster of each row
   * @param sample rows to use at most
   * @param seed the sample's seed
   * @return the mean s over the sample, in [-1, 1]
   */
  static double silhouette(float[][] z, int[] labels, int sample, long seed) {
    int[] rows = Runner.sampleRows(z.length, sample, seed);
    int k = 0;
    for (int r : rows) {
      k = Math.max(k, labels[r] + 1);
    }
    int[] size = new int[k];
    for (int r : rows) {
      size[labels[r]]++;
    }
    double total = 0;
    for (int a : rows) {
      double[] sum = new double[k];
      for (int b : rows) {
        if (a != b) {
          double d2 = 0;
          for (int c = 0; c < z[a].length; c++) {
            double d = z[a][c] - z[b][c];
            d2 += d * d;
          }
          sum[labels[b]] += Math.sqrt(d2);
        }
      }
      int own = labels[a];
      if (size[own] <= 1) {
        continue;
      }
      double in = sum[own] / (size[own] - 1);
      double out = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        if (j != own && size[j] > 0) {
          out = Math.min(out, sum[j] / size[j]);
        }
      }
      if (Double.isFinite(out)) {
        total += (out - in) / Math.max(in, out);
      }
    }
    return total / rows.length;
  }

  /** The k before the largest drop of G between consecutive k; 0 with fewer than two k. */
  static int byGeneralizability(List<Row> rows) {
    int best = 0;
    double drop = Double.NEGATIVE_INFINITY;
    for (int i = 0; i + 1 < rows.size(); i++) {
      double d = rows.get(i).generalizability() - rows.get(i + 1).generalizability();
      if (d > drop) {
        drop = d;
        best = rows.get(i).k();
      }
    }
    return best;
  }

  private static int bySilhouette(List<Row> rows) {
    return rows.stream()
        .max(java.util.Comparator.comparingDouble(Row::silhouette))
        .orElseThrow()
        .k();
  }

  private static int byNmi(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.scores() != null)
        .max(java.util.Comparator.comparingDouble(r -> r.scores().nmi()))
        .map(Row::k)
        .orElse(0);
  }

  /**
   * A seeded split into a training and a held-out part, each in ascending row order.
   *
   * @param n rows
   * @param validation the held-out share
   * @param seed the run's seed
   * @return {training rows, held-out rows}
   */
  static int[][] split(int n, double validation, long seed) {
    int held = (int) Math.round(n * validation);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    SplittableRandom random = new SplittableRandom(Seeds.of(seed).validationSplit());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] v = java.util.Arrays.copyOfRange(all, 0, held);
    int[] t = java.util.Arrays.copyOfRange(all, held, n);
    java.util.Arrays.sort(v);
    java.util.Arrays.sort(t);
    return new int[][] {t, v};
  }

  private static LoadedDataset part(LoadedDataset data, int[] rows, String what) {
    FeatureMatrix f = data.features().select(rows);
    int[] labels = null;
    if (data.labels() != null) {
      labels = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        labels[i] = data.labels()[rows[i]];
      }
    }
    DataProvenance p = data.provenance();
    DataProvenance provenance =
        new DataProvenance(
            p.source(),
            p.files(),
            LoadedDataset.checksum(f, labels),
            p.description()
                + "; choose-k "
                + what
                + " ("
                + rows.length
                + " of "
                + data.size()
                + " rows)",
            p.subsample());
    return data.withRows(f, labels, provenance);
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }

  /**
   * The table as text: one line per k, the suggested k marked.
   *
   * @param r the result
   * @return the table
   */
  public static String table(Result r) {
    StringBuilder b = new StringBuilder();
    boolean labels = r.rows().stream().anyMatch(x -> x.scores() != null);
    b.append(
        String.format(
            Locale.ROOT,
            "%4s  %9s  %9s  %8s  %10s%s%n",
            "k",
            "L_train",
            "L_valid",
            "G",
            "silhouette",
            labels ? "     NMI     ACC" : ""));
    for (Row row : r.rows()) {
      String mark =
          (row.k() == r.byGeneralizability() ? "  <- G" : "")
              + (row.k() == r.bySilhouette() ? "  <- silhouette" : "")
              + (row.k() == r.byNmi() ? "  (best NMI)" : "");
      b.append(
          String.format(
              Locale.ROOT,
              "%4d  %9.5f  %9.5f  %8.4f  %10.4f%s%s%n",
              row.k(),
              row.trainLoss(),
              row.validationLoss(),
              row.generalizability(),
              row.silhouette(),
              row.scores() == null
                  ? ""
                  : String.format(
                      Locale.ROOT, "  %6.4f  %6.4f", row.scores().nmi(), row.scores().acc()),
              mark));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "suggested k: %d (largest silhouette of the embedding); the DEC paper's rule, "
                + "the k before G's largest drop, gives %d%s%n",
            r.suggested(),
            r.byGeneralizability(),
            r.byNmi() > 0 ? "; NMI against the labels is largest at k = " + r.byNmi() : ""));
    return b.toString();
  }

  /**
   * The table as CSV.
   *
   * @param r the result
   * @return the CSV text
   */
  public static String csv(Result r) {
    StringBuilder b =
        new StringBuilder(
            "k,train_loss,validation_loss,generalizability,silhouette,acc,nmi,ari,"
                + "iterations,seconds\n");
    for (Row row : r.rows()) {
      Scores s = row.scores();
      b.append(
          String.format(
              Locale.ROOT,
              "%d,%.6g,%.6g,%.6g,%.6g,%s,%s,%s,%d,%.1f%n",
              row.k(),
              row.trainLoss(),
              row.validationLoss(),
              row.generalizability(),
              row.silhouette(),
              s == null ? "" : fmt(s.acc()),
              s == null ? "" : fmt(s.nmi()),
              s == null ? "" : fmt(s.ari()),
              row.iterations(),
              row.seconds()));
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
