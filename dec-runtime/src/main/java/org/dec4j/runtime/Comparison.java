package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.api.result.Scores;
import org.dec4j.runtime.builtin.AeKMeansObjective;
import org.dec4j.runtime.builtin.IdentityEncoder;

/**
 * Several methods on one data set over several seeds, from the same start: the data are loaded
 * once, and for each seed every method fine-tunes the same pretrained autoencoder (pretrained once,
 * then taken from the cache).
 *
 * <p>Besides the objective plugins, two baselines are available by name: {@code kmeans} (k-means on
 * the raw features) and {@code ae-kmeans} (k-means on the pretrained embedding).
 */
public final class Comparison {
  /** The baseline name for k-means on raw features. */
  public static final String KMEANS = "kmeans";

  /** The baseline name for k-means on the pretrained embedding. */
  public static final String AE_KMEANS = AeKMeansObjective.ID;

  /** The pretraining of the raw-feature baseline: none (its identity encoder has no weights). */
  static final PretrainConfig NO_PRETRAINING = new PretrainConfig("none", 0, 0, 1, 1e-3, 0);

  /**
   * What {@code dec4j plugins} lists for the {@code kmeans} baseline, which no plugin provides: it
   * is {@code ae-kmeans} on the {@code identity} encoder.
   *
   * @return its id, version and description
   */
  public static org.dec4j.api.PluginInfo kmeansInfo() {
    return new org.dec4j.api.PluginInfo(
        KMEANS,
        new AeKMeansObjective().info().version(),
        "k-means on the raw features, no encoder (baseline: ae-kmeans on the identity encoder)",
        List.of(),
        org.dec4j.api.Dec4jApi.VERSION);
  }

  private final Runner runner;

  /**
   * Creates a comparison over the runner's plugins.
   *
   * @param runner the runner
   */
  public Comparison(Runner runner) {
    this.runner = runner;
  }

  /**
   * What to compare.
   *
   * @param methods method ids ({@code kmeans} and {@code ae-kmeans} included)
   * @param methodParams per method id, its hyperparameters
   * @param template everything else (dataset, encoder, pretraining, k, search path, cache); its
   *     method and seed are replaced per run
   * @param seeds the seeds
   * @param outputDir where each run's JSON and the summary go
   */
  public record Request(
      List<String> methods,
      Map<String, Map<String, Object>> methodParams,
      RunSpec template,
      List<Long> seeds,
      Path outputDir) {}

  /**
   * Mean and standard deviation over seeds of one method.
   *
   * @param method the method
   * @param runs number of runs
   * @param acc mean ACC
   * @param accStd sample standard deviation of ACC
   * @param nmi mean NMI
   * @param nmiStd its standard deviation
   * @param ari mean ARI
   * @param ariStd its standard deviation
   * @param seconds mean wall time per run (pretraining included when it was not cached)
   */
  public record Row(
      String method,
      int runs,
      double acc,
      double accStd,
      double nmi,
      double nmiStd,
      double ari,
      double ariStd,
      double seconds) {}

  /**
   * The comparison's outcome.
   *
   * @param dataset the data set id
   * @param seeds the seeds
   * @param rows one row per method, in request order
   * @param runs every run's result file, relative to the output directory
   */
  public record Summary(String dataset, List<Long> seeds, List<Row> rows, List<String> runs) {}

  /**
   * Runs every method for every seed.
   *
   * @param request what to run
   * @param progress progress
   * @return the summary, also written as {@code summary.json} in the output directory
   */
  public Summary run(Request request, ProgressSink progress) {
    for (String m : request.methods()) {
      if (!m.equals(KMEANS)) {
        runner
            .registry()
            .objective(m)
            .info()
            .resolve(request.methodParams().getOrDefault(m, Map.of()));
      }
    }
    if (request.seeds().isEmpty()) {
      throw new ConfigException("--seeds: give at least one seed");
    }
    RunSpec template = request.template();
    RunConfig t = template.run();
    long t0 = System.nanoTime();
    progress.info("loading " + t.dataset());
    LoadedDataset data =
        runner.load(
            t.dataset(),
            t.datasetParams(),
            template.environment().dataPath(),
            template.environment().allowDownload(),
            t.seed());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, List<RunResult>> byMethod = new LinkedHashMap<>();
    List<String> files = new ArrayList<>();
    int total = request.methods().size() * request.seeds().size();
    int done = 0;
    for (long seed : request.seeds()) {
      for (String method : request.methods()) {
        RunSpec spec =
            specFor(method, request.methodParams().getOrDefault(method, Map.of()), template, seed);
        progress.info(
            String.format(Locale.ROOT, "run %d/%d: %s, seed %d", ++done, total, method, seed));
        RunResult r = runner.run(spec, data, loadSeconds, progress);
        String name = String.format(Locale.ROOT, "%s-%s-seed%d.json", t.dataset(), method, seed);
        Json.writeAtomically(request.outputDir().resolve(name), r);
        runner.discardCheckpoints(spec.environment(), r);
        files.add(name);
        byMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(r);
      }
    }
    List<Row> rows = new ArrayList<>();
    byMethod.forEach((method, results) -> rows.add(row(method, results)));
    Summary summary = new Summary(t.dataset(), request.seeds(), rows, files);
    Json.writeAtomically(request.outputDir().resolve("summary.json"), summary);
    return summary;
  }

  /**
   * The request for one method and seed of a comparison.
   *
   * @param method the method id, or {@link #KMEANS}
   * @param params its hyperparameters
   * @param t everything else; its method and seed are replaced
   * @param seed the seed
   * @return the request; {@link #KMEANS} becomes {@code ae-kmeans} with the {@code identity}
   *     encoder, no pretraining and no cache
   */
  public static RunSpec specFor(String method, Map<String, Object> params, RunSpec t, long seed) {
    RunSpec one =
        t.withClustersAndSeed(t.run().clusters(), seed).in(t.environment().withModelDir(null));
    if (method.equals(KMEANS)) {
      return one.withMethod(AeKMeansObjective.ID, Map.of())
          .withEncoder(IdentityEncoder.ID, Map.of(), NO_PRETRAINING)
          .in(one.environment().withCacheDir(null));
    }
    return one.withMethod(method, params);
  }

  static Row row(String method, List<RunResult> results) {
    double[] acc = new double[results.size()];
    double[] nmi = new double[results.size()];
    double[] ari = new double[results.size()];
    double seconds = 0;
    for (int i = 0; i < results.size(); i++) {
      Scores s = results.get(i).scores();
      acc[i] = s == null ? Double.NaN : s.acc();
      nmi[i] = s == null ? Double.NaN : s.nmi();
      ari[i] = s == null ? Double.NaN : s.ari();
      seconds += results.get(i).timings().total();
    }
    return new Row(
        method,
        results.size(),
        mean(acc),
        std(acc),
        mean(nmi),
        std(nmi),
        mean(ari),
        std(ari),
        seconds / results.size());
  }

  /**
   * Formats the summary as a plain-text table.
   *
   * @param summary the summary
   * @return the table, one line per method
   */
  public static String table(Summary summary) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-12s %4s  %-15s  %-15s  %-15s  %8s%n",
                "method",
                "runs",
                "ACC",
                "NMI",
                "ARI",
                "s/run"));
    for (Row r : summary.rows()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-12s %4d  %.4f ± %.4f  %.4f ± %.4f  %.4f ± %.4f  %8.1f%n",
              r.method(),
              r.runs(),
              r.acc(),
              r.accStd(),
              r.nmi(),
              r.nmiStd(),
              r.ari(),
              r.ariStd(),
              r.seconds()));
    }
    return b.toString();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
