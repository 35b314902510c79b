package org.dec4j.suite;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.api.result.RunConfig;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Checkpointing;
import org.dec4j.runtime.Json;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.RunEnvironment;
import org.dec4j.runtime.RunSpec;
import org.dec4j.runtime.Runner;
import org.dec4j.suite.report.GroundTruth;
import org.dec4j.suite.report.ReportOptions;
import org.dec4j.suite.report.ReportSpec;
import org.dec4j.suite.report.ReportWriter;
import org.dec4j.suite.report.ResultFolder;

/**
 * Runs a suite's plan, resumably and shardably, and writes its report.
 *
 * <p><b>Resuming.</b> Every finished run is written at once, atomically, as its own result file
 * ({@link SuitePlan.PlannedRun#file(String)}). Before a run, its file is looked for: when it exists
 * and records the same settings (method and its resolved hyperparameters, data set and options,
 * encoder, pretraining, k, seed, k-means restarts), the run is skipped. So rerunning a suite after
 * a crash, a kill or a change of a few settings redoes exactly the runs without a matching result,
 * and a run killed halfway left no file and is redone.
 *
 * <p><b>Sharding.</b> With a {@link Shard} other than the whole, only that shard's runs are done
 * and no report is written; {@code dec4j suite merge} joins the shards' folders and reports them.
 *
 * <p><b>Data.</b> Each data set is loaded once, and only when one of its runs is still to do.
 * {@code auto} takes MNIST, else Fashion-MNIST (Debian's {@code dataset-fashion-mnist} is found by
 * itself), else the built-in synthetic set, and says which. The true labels are kept beside the
 * results ({@link GroundTruth}) for the report's confusion matrices and maps.
 */
public final class SuiteRunner {
  private final Runner runner;

  /**
   * Creates a suite runner.
   *
   * @param runner the runner, with its plugins
   */
  public SuiteRunner(Runner runner) {
    this.runner = runner;
  }

  /**
   * How and where to run.
   *
   * @param output the output folder, or null for the suite's own ({@code output:} or {@code
   *     runs/<name>})
   * @param shard the part of the suite to run
   * @param dataPath where data files are looked for
   * @param allowDownload whether missing data files may be downloaded
   * @param cacheDir the autoencoder cache, or null for none (then each method pretrains its own)
   * @param command the command line, for the results' provenance
   * @param report whether to write the report at the end (never for a partial shard)
   * @param checkpoints when and where each run saves checkpoints of its pretraining and clustering
   *     phases, so that a run killed halfway resumes where it was rather than starting over
   *     (disabled: a killed run is redone from its start)
   */
  public record Options(
      Path output,
      Shard shard,
      List<Path> dataPath,
      boolean allowDownload,
      Path cacheDir,
      String command,
      boolean report,
      Checkpointing checkpoints) {
    /** Copies the search path. */
    public Options {
      shard = shard == null ? Shard.ALL : shard;
      dataPath = List.copyOf(dataPath);
      command = command == null ? "dec4j suite run" : command;
      checkpoints = checkpoints == null ? Checkpointing.disabled() : checkpoints;
    }

    /**
     * Options without checkpoints.
     *
     * @param output the output folder, or null for the suite's own
     * @param shard the part of the suite to run
     * @param dataPath where data files are looked for
     * @param allowDownload whether missing data files may be downloaded
     * @param cacheDir the autoencoder cache, or null for none
     * @param command the command line, for the results' provenance
     * @param report whether to write the report at the end
     */
    public Options(
        Path output,
        Shard shard,
        List<Path> dataPath,
        boolean allowDownload,
        Path cacheDir,
        String command,
        boolean report) {
      this(
          output,
          shard,
          dataPath,
          allowDownload,
          cacheDir,
          command,
          report,
          Checkpointing.disabled());
    }
  }

  /**
   * What a suite run did.
   *
   * @param output the output folder
   * @param runs this shard's runs, in plan order
   * @param otherShards runs left to other shards
   * @param report the report written, or null
   * @param messages things the user should know (data set fallbacks, changed settings)
   */
  public record Outcome(
      Path output,
      List<RunOutcome> runs,
      int otherShards,
      ReportWriter.Written report,
      List<String> messages) {
    /** {@return runs done now} */
    public long finished() {
      return runs.stream().filter(r -> r instanceof RunOutcome.Finished).count();
    }

    /** {@return runs found done before} */
    public long skipped() {
      return runs.stream().filter(r -> r instanceof RunOutcome.Skipped).count();
    }

    /** {@return the failed runs} */
    public List<RunOutcome.Failed> failed() {
      return runs.stream()
          .filter(r -> r instanceof RunOutcome.Failed)
          .map(r -> (RunOutcome.Failed) r)
          .toList();
    }
  }

  /**
   * The state of one run before the suite is (re)started, for a dry run.
   *
   * @param run the run
   * @param mine whether the given shard does it
   * @param dataset the data set folder name, or null when {@code auto} is not yet resolved
   * @param done whether a matching result exists
   */
  public record Status(SuitePlan.PlannedRun run, boolean mine, String dataset, boolean done) {}

  /**
   * The output folder of a suite.
   *
   * @param suite the suite
   * @param override the {@code --output} option, or null
   * @return the folder
   */
  public static Path output(Suite suite, Path override) {
    if (override != null) {
      return override;
    }
    return suite.output() != null ? Path.of(suite.output()) : Path.of("runs", suite.name());
  }

  /**
   * Runs this shard's runs of a plan, then (for the whole suite) writes the report.
   *
   * @param plan the plan
   * @param options where and how
   * @param progress per-phase progress of each run (pretraining, clustering) and of the maps
   * @param listener run-by-run progress
   * @return what was done
   */
  public Outcome run(
      SuitePlan plan, Options options, ProgressSink progress, SuiteListener listener) {
    Suite suite = plan.suite();
    Path out = output(suite, options.output());
    List<String> messages = new ArrayList<>();
    ResultFolder.requireWritableOutput(out);
    Json.checkWritable(out.resolve(ResultFolder.SUITE));
    writeSuite(out, suite, messages);
    List<SuitePlan.PlannedRun> mine = plan.runs(options.shard());
    listener.started(plan, options.shard(), mine.size());

    Map<Integer, List<SuitePlan.PlannedRun>> byDataset = new LinkedHashMap<>();
    for (SuitePlan.PlannedRun r : mine) {
      byDataset.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r);
    }
    // First pass without loading anything: which runs are done already (for the ETA).
    Map<Integer, Slot> slots = new HashMap<>();
    int pending = 0;
    for (var e : byDataset.entrySet()) {
      Slot slot = new Slot(suite.datasets().get(e.getKey()));
      slot.guess(plan, e.getValue(), out, options);
      slots.put(e.getKey(), slot);
      for (SuitePlan.PlannedRun r : e.getValue()) {
        pending += slot.key != null && done(plan, r, slot, out, options) != null ? 0 : 1;
      }
    }

    List<RunOutcome> outcomes = new ArrayList<>();
    double spent = 0;
    int executed = 0;
    int position = 0;
    for (var e : byDataset.entrySet()) {
      Slot slot = slots.get(e.getKey());
      for (SuitePlan.PlannedRun r : e.getValue()) {
        position++;
        RunOutcome outcome;
        RunResult before = slot.key == null ? null : done(plan, r, slot, out, options);
        if (before == null && !slot.attempted) {
          slot.load(out, options, progress, messages);
          before = slot.problem == null ? done(plan, r, slot, out, options) : null;
        }
        if (before != null) {
          outcome = new RunOutcome.Skipped(r, slot.id, r.file(slot.key), before.scores());
        } else if (slot.problem != null) {
          outcome =
              new RunOutcome.Failed(
                  r, slot.id, slot.key == null ? null : r.file(slot.key), slot.problem);
        } else {
          double eta = executed == 0 ? Double.NaN : spent / executed * pending;
          listener.runStarting(position, mine.size(), r, slot.id, eta);
          long t0 = System.nanoTime();
          outcome = execute(plan, r, slot, out, options, progress);
          double seconds = (System.nanoTime() - t0) / 1e9;
          spent += seconds;
          executed++;
          pending = Math.max(0, pending - 1);
        }
        outcomes.add(outcome);
        listener.runEnded(position, mine.size(), outcome);
      }
      slot.data = null; // free the features before the next data set
    }

    ReportWriter.Written report = null;
    if (options.report() && options.shard().whole()) {
      report =
          ReportWriter.write(out, reportSpec(suite).withDefaultsOf(runner.registry()), progress);
    }
    return new Outcome(out, outcomes, plan.runs().size() - mine.size(), report, messages);
  }

  /**
   * Lists the runs and whether each is done, without loading data or running anything.
   *
   * @param plan the plan
   * @param options where (the shard and output folder)
   * @return one status per run of the plan
   */
  public List<Status> status(SuitePlan plan, Options options) {
    Path out = output(plan.suite(), options.output());
    Map<Integer, Slot> slots = new HashMap<>();
    List<Status> list = new ArrayList<>();
    for (SuitePlan.PlannedRun r : plan.runs()) {
      Slot slot =
          slots.computeIfAbsent(
              r.dataset(),
              d -> {
                Slot s = new Slot(plan.suite().datasets().get(d));
                s.guess(
                    plan,
                    plan.runs().stream().filter(x -> x.dataset() == d).toList(),
                    out,
                    options);
                return s;
              });
      boolean done = slot.key != null && done(plan, r, slot, out, options) != null;
      list.add(new Status(r, options.shard().owns(r, plan.groups()), slot.key, done));
    }
    return list;
  }

  /**
   * Writes the report of a suite's folder (also for folders merged from shards).
   *
   * @param folder the result folder
   * @param suite the suite, for the title and the order of rows and columns; null to read it from
   *     the folder's {@code suite.json} (when there is none, ids are sorted)
   * @param options what to draw instead of the suite's {@code report:} settings, or null
   * @param registry the plugins, whose option defaults stand in for options older results do not
   *     record; null to compare what the results record only
   * @param progress progress of the maps
   * @return what was written
   */
  public static ReportWriter.Written report(
      Path folder,
      Suite suite,
      ReportOptions options,
      PluginRegistry registry,
      ProgressSink progress) {
    Suite s = suite;
    if (s == null && Files.isRegularFile(folder.resolve(ResultFolder.SUITE))) {
      s = SuiteReader.read(folder.resolve(ResultFolder.SUITE));
    }
    ReportSpec spec =
        s != null
            ? reportSpec(s)
            : new ReportSpec(
                folder.toAbsolutePath().normalize().getFileName().toString(),
                List.of(),
                List.of(),
                null);
    if (options != null) {
      spec = spec.withOptions(options);
    }
    return ReportWriter.write(folder, spec.withDefaultsOf(registry), progress);
  }

  /**
   * The report settings of a suite: its name as the title, its order of methods and data sets.
   *
   * @param suite the suite
   * @return the spec
   */
  public static ReportSpec reportSpec(Suite suite) {
    Set<String> methods = new LinkedHashSet<>();
    suite.methods().forEach(m -> methods.add(m.id()));
    Set<String> datasets = new LinkedHashSet<>();
    for (Suite.DatasetEntry d : suite.datasets()) {
      if (Suite.AUTO.equals(d.id())) {
        datasets.addAll(SuitePlan.AUTO_CANDIDATES);
        datasets.add(SuitePlan.FALLBACK);
      } else {
        datasets.add(d.id());
      }
    }
    return new ReportSpec(
        suite.name(), List.copyOf(methods), List.copyOf(datasets), suite.report());
  }

  private static void writeSuite(Path out, Suite suite, List<String> messages) {
    Path file = out.resolve(ResultFolder.SUITE);
    String json = SuiteReader.toJson(suite);
    try {
      if (Files.isRegularFile(file)) {
        String old = Files.readString(file);
        if (old.equals(json)) {
          return;
        }
        messages.add(
            "the suite differs from the one that last wrote "
                + out
                + "; runs whose settings changed "
                + "are redone, the others kept");
      }
    } catch (IOException e) {
      // rewritten below
    }
    Json.writeTextAtomically(file, json);
  }

  private RunOutcome execute(
      SuitePlan plan,
      SuitePlan.PlannedRun r,
      Slot slot,
      Path out,
      Options options,
      ProgressSink progress) {
    Path rel = r.file(slot.key);
    Path file = out.resolve(rel);
    Path error =
        file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", ".error.txt"));
    RunSpec spec =
        plan.spec(
            r, slot.id, slot.options, environment(options).withCheckpoints(options.checkpoints()));
    long t0 = System.nanoTime();
    try {
      RunResult result = runner.run(spec, slot.data, slot.loadSeconds, progress);
      Json.writeAtomically(file, result);
      runner.discardCheckpoints(spec.environment(), result);
      Files.deleteIfExists(error);
      return new RunOutcome.Finished(
          r, slot.id, rel, result.scores(), (System.nanoTime() - t0) / 1e9);
    } catch (org.dec4j.api.OutputException | org.dec4j.runtime.Stop.Stopped e) {
      // Every later run would fail to write its result too, or the suite is being stopped: stop it.
      throw e;
    } catch (RuntimeException | IOException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      try {
        Json.writeTextAtomically(error, spec + "\n\n" + trace);
      } catch (DataException ignored) {
        // the failure is reported in the outcome anyway
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return new RunOutcome.Failed(r, slot.id, rel, message);
    }
  }

  private static RunEnvironment environment(Options options) {
    return RunEnvironment.of(options.dataPath())
        .withDownload(options.allowDownload())
        .withCacheDir(options.cacheDir())
        .withCommand(options.command());
  }

  /** The result of a run when its file exists and records the same settings; else null. */
  private RunResult done(
      SuitePlan plan, SuitePlan.PlannedRun r, Slot slot, Path out, Options options) {
    Path file = out.resolve(r.file(slot.key));
    if (!Files.isRegularFile(file)) {
      return null;
    }
    RunResult stored;
    try {
      stored = Json.read(file, RunResult.class);
    } catch (RuntimeException e) {
      return null;
    }
    RunSpec spec = plan.spec(r, slot.id, slot.options, environment(options));
    return stored.config() != null && mismatch(stored.config(), spec) == null ? stored : null;
  }

  /**
   * The first setting in which a recorded run differs from a request, or null when it matches.
   *
   * @param c the recorded configuration
   * @param spec the request
   * @return a description of the difference, or null
   */
  String mismatch(RunConfig c, RunSpec spec) {
    RunConfig s = spec.run();
    if (!c.method().equals(s.method())) {
      return "method";
    }
    if (!c.dataset().equals(s.dataset())) {
      return "dataset";
    }
    if (c.seed() != s.seed()) {
      return "seed";
    }
    if (s.clusters() > 0 && c.clusters() != s.clusters()) {
      return "k";
    }
    if (c.kmeansRestarts() != s.kmeansRestarts()) {
      return "kmeans_restarts";
    }
    if (!c.encoder().equals(s.encoder())) {
      return "encoder";
    }
    if (!Objects.equals(c.pretrain(), s.pretrain())) {
      return "pretrain";
    }
    try {
      if (!same(
          runner.registry().objective(s.method()).info(), c.methodParams(), s.methodParams())) {
        return "method hyperparameters";
      }
      if (!same(
          runner.registry().encoder(s.encoder()).info(), c.encoderParams(), s.encoderParams())) {
        return "encoder hyperparameters";
      }
      if (!org.dec4j.runtime.DatasetOptions.resolve(
              runner.registry().dataset(s.dataset()), c.datasetParams())
          .equals(
              org.dec4j.runtime.DatasetOptions.resolve(
                  runner.registry().dataset(s.dataset()), s.datasetParams()))) {
        return "data set options";
      }
    } catch (ConfigException e) {
      return "hyperparameters no longer valid: " + e.getMessage();
    }
    return null;
  }

  private static boolean same(
      PluginInfo info, Map<String, Object> recorded, Map<String, Object> requested) {
    return info.resolve(recorded).asMap().equals(info.resolve(requested).asMap());
  }

  /** One data set entry: its resolved id, options and folder name, and the data once loaded. */
  private final class Slot {
    final Suite.DatasetEntry entry;
    String id;
    Map<String, Object> options;
    String key;
    LoadedDataset data;
    double loadSeconds;
    String problem;
    boolean attempted;

    Slot(Suite.DatasetEntry entry) {
      this.entry = entry;
      if (!Suite.AUTO.equals(entry.id())) {
        id = entry.id();
        options = entry.options();
        key = SuitePlan.datasetKey(id, options);
      }
    }

    /** For {@code auto}: takes the first candidate under which all the runs are done already. */
    void guess(SuitePlan plan, List<SuitePlan.PlannedRun> runs, Path out, Options o) {
      if (key != null) {
        return;
      }
      for (String candidate : candidates()) {
        id = candidate;
        options = candidate.equals(SuitePlan.FALLBACK) ? Map.of() : entry.options();
        key = SuitePlan.datasetKey(id, options);
        if (runs.stream().allMatch(r -> done(plan, r, this, out, o) != null)) {
          return;
        }
      }
      id = Suite.AUTO;
      options = entry.options();
      key = null;
    }

    private List<String> candidates() {
      List<String> c = new ArrayList<>();
      SuitePlan.AUTO_CANDIDATES.stream()
          .filter(runner.registry().datasets()::containsKey)
          .forEach(c::add);
      c.add(SuitePlan.FALLBACK);
      return c;
    }

    void load(Path out, Options o, ProgressSink progress, List<String> messages) {
      attempted = true;
      long t0 = System.nanoTime();
      if (!Suite.AUTO.equals(entry.id())) {
        progress.info("loading " + id + (options.isEmpty() ? "" : " " + options));
        try {
          data = runner.load(id, options, o.dataPath(), o.allowDownload(), entry.dataSeed());
        } catch (DataException | ConfigException e) {
          problem = "data set '" + id + "' could not be loaded: " + e.getMessage();
          messages.add(problem);
          return;
        }
      } else {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates()) {
          boolean fallback = candidate.equals(SuitePlan.FALLBACK);
          Map<String, Object> opts = fallback ? Map.of() : entry.options();
          try {
            data =
                runner.load(
                    candidate,
                    opts,
                    o.dataPath(),
                    fallback ? false : o.allowDownload(),
                    entry.dataSeed());
          } catch (DataException e) {
            String why = String.valueOf(e.getMessage());
            tried.add(why.startsWith(candidate + ":") ? why : candidate + ": " + why);
            continue;
          }
          id = candidate;
          options = opts;
          key = SuitePlan.datasetKey(id, options);
          String message =
              fallback
                  ? "dataset auto: no real data set found, so the suite runs on the built-in synthetic set ("
                      + String.join("; ", tried)
                      + "). For real data install Debian's dataset-fashion-mnist package (apt-get "
                      + "install dataset-fashion-mnist) or give --data-dir with MNIST's files"
                  : "dataset auto: using "
                      + candidate
                      + (tried.isEmpty() ? "" : " (" + String.join("; ", tried) + ")");
          messages.add(message);
          progress.info(message);
          break;
        }
        if (data == null) {
          problem = "dataset auto: nothing could be loaded: " + String.join("; ", tried);
          messages.add(problem);
          return;
        }
      }
      loadSeconds = (System.nanoTime() - t0) / 1e9;
      progress.info(
          String.format(
              Locale.ROOT,
              "%s: %d x %d, %d classes (%.1f s)",
              data.id(),
              data.size(),
              data.dimension(),
              data.classCount(),
              loadSeconds));
      if (data.labels() != null) {
        Path file = out.resolve(ResultFolder.DATA).resolve(key + ".json");
        GroundTruth existing = null;
        if (Files.isRegularFile(file)) {
          try {
            existing = Json.read(file, GroundTruth.class);
          } catch (RuntimeException e) {
            existing = null;
          }
        }
        if (existing == null || !existing.sha256().equals(data.provenance().sha256())) {
          Json.writeAtomically(
              file,
              new GroundTruth(
                  id, key, data.provenance().sha256(), data.classCount(), data.labels()));
        }
      }
    }
  }
}
