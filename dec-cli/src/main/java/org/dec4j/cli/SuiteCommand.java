package org.dec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dec4j.api.ConfigException;
import org.dec4j.runtime.PluginRegistry;
import org.dec4j.runtime.Runner;
import org.dec4j.runtime.Text;
import org.dec4j.suite.RunOutcome;
import org.dec4j.suite.Shard;
import org.dec4j.suite.Suite;
import org.dec4j.suite.SuitePlan;
import org.dec4j.suite.SuiteReader;
import org.dec4j.suite.SuiteRunner;
import org.dec4j.suite.report.ReportOptions;
import org.dec4j.suite.report.ReportWriter;
import org.dec4j.suite.report.ResultFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dec4j suite}: run comparison suites, merge shards, make reports. */
@Command(
    name = "suite",
    description =
        "Comparison suites: many methods x data sets x seeds from one YAML/JSON file, "
            + "resumable and shardable, with tables (CSV, Markdown, LaTeX) and an HTML report.",
    subcommands = {
      SuiteCommand.Run.class,
      SuiteCommand.Merge.class,
      SuiteCommand.Report.class,
      SuiteCommand.Example.class,
      CommandLine.HelpCommand.class
    })
final class SuiteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "give a subcommand: run, merge, report or example (dec4j suite help)");
  }

  /** What the subcommands that write reports share: the maps and the progress display. */
  static final class ReportFlags {
    @Option(
        names = "--map",
        paramLabel = "tsne|umap|none",
        description =
            "Override the suite's 2-D maps of the embeddings: tsne, umap or none (none is fastest).")
    String map;

    @Option(
        names = "--map-seeds",
        paramLabel = "lowest|all",
        description =
            "Override the suite's report.map_seeds: map the final embedding of every seed (all), or of "
                + "the lowest seed of each method (lowest).")
    String mapSeeds;

    @Option(
        names = {"-q", "--quiet"},
        description =
            "No progress bars: a line per run and phase summaries only " + "(for CI logs).")
    boolean quiet;

    /** {@return whether an option overrides the suite's report settings} */
    boolean overrides() {
      return map != null || mapSeeds != null;
    }

    /**
     * {@return the report settings with --map and --map-seeds applied, or {@code base} (maybe null)
     * without}
     */
    ReportOptions apply(ReportOptions base) {
      if (!overrides()) {
        return base;
      }
      ReportOptions b = base == null ? ReportOptions.defaults() : base;
      return new ReportOptions(
          map == null ? b.map() : map.toLowerCase(Locale.ROOT),
          b.mapSample(),
          b.mapIterations(),
          b.published(),
          mapSeeds == null ? b.mapSeeds() : mapSeeds.toLowerCase(Locale.ROOT),
          b.mapProgress());
    }
  }

  /** {@code dec4j suite run}. */
  @Command(
      name = "run",
      description =
          "Run a suite (or the built-in one with --example). Finished runs are kept "
              + "and skipped when the suite is run again; --shard runs a part for a job array; then writes the report.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        description = "The suite file (.yaml, .yml or .json).")
    Path file;

    @Option(
        names = "--example",
        description =
            "Run the built-in suite (see 'dec4j suite example'): DEC, IDEC and "
                + "DCN against k-means baselines on MNIST, else Fashion-MNIST, else the synthetic set; minutes on 2 cores.")
    boolean example;

    @Mixin PluginOptions plugins;

    @Mixin DataOptions data;

    @Mixin CacheOptions cache;

    @Mixin CheckpointOptions checkpoints;

    @Mixin ReportFlags flags;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR",
        description = "Result and report folder (default: the suite's 'output', else runs/<name>).")
    Path output;

    @Option(
        names = "--shard",
        paramLabel = "I/N",
        description =
            "Run only part I of N (0-based), e.g. "
                + "--shard $SLURM_ARRAY_TASK_ID/8; join the parts with 'dec4j suite merge'.")
    String shard;

    @Option(names = "--dry-run", description = "List the runs and which are done; run nothing.")
    boolean dryRun;

    @Option(names = "--no-report", description = "Write the results only, not the report.")
    boolean noReport;

    @Option(
        names = "--max-runs",
        paramLabel = "N",
        defaultValue = "" + SuitePlan.DEFAULT_MAX_RUNS,
        description =
            "Refuse a suite that expands to more runs than this, before anything runs "
                + "(default: ${DEFAULT-VALUE}).")
    long maxRuns;

    @Override
    public Integer call() {
      if ((file == null) == !example) {
        throw new ConfigException(
            example
                ? "give either a suite file or --example, not both"
                : "give a suite file, or --example for the built-in suite (dec4j suite example prints it)");
      }
      Suite suite = example ? SuiteReader.example() : SuiteReader.read(file);
      if (flags.overrides()) {
        suite =
            new Suite(
                suite.name(),
                suite.output(),
                suite.datasets(),
                suite.methods(),
                suite.seeds(),
                suite.autoencoder(),
                suite.kmeansRestarts(),
                flags.apply(suite.report()));
      }
      Runner runner = new Runner(plugins.registry());
      if (maxRuns < 1) {
        throw new ConfigException("--max-runs " + maxRuns + ": give at least 1");
      }
      SuitePlan plan;
      try {
        plan = SuitePlan.of(suite, runner.registry(), maxRuns);
      } catch (ConfigException e) {
        throw file == null ? e : new ConfigException(file + ": " + e.getMessage(), e);
      }
      Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
      String command =
          "dec4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      var options =
          new SuiteRunner.Options(
              output,
              part,
              data.searchPath(),
              data.download,
              cache.folder(),
              command,
              !noReport,
              checkpoints.settings());
      SuiteRunner suites = new SuiteRunner(runner);
      PrintWriter out = spec.commandLine().getOut();
      if (dryRun) {
        dryRun(out, suites.status(plan, options), plan, part);
        return 0;
      }
      SuiteConsole console = new SuiteConsole(System.err, flags.quiet);
      return finish(out, suites.run(plan, options, console, console), part);
    }

    private void dryRun(
        PrintWriter out, List<SuiteRunner.Status> statuses, SuitePlan plan, Shard part) {
      int done = 0;
      int mine = 0;
      for (SuiteRunner.Status s : statuses) {
        mine += s.mine() ? 1 : 0;
        done += s.mine() && s.done() ? 1 : 0;
        out.println(
            String.format(
                Locale.ROOT,
                "%4d  %-11s %-30s %-28s seed %d",
                s.run().index(),
                !s.mine() ? "other shard" : s.done() ? "done" : "to do",
                s.dataset() == null
                    ? plan.suite().datasets().get(s.run().dataset()).id()
                    : s.dataset(),
                s.run().variant().label(),
                s.run().seed()));
      }
      out.println(
          plan
              + (part.whole() ? "" : "; shard " + part + ": " + mine)
              + "; done "
              + done
              + ", to do "
              + (mine - done)
              + "; output "
              + SuiteRunner.output(plan.suite(), output).toAbsolutePath());
    }

    private static int finish(PrintWriter out, SuiteRunner.Outcome o, Shard part) {
      for (String m : o.messages()) {
        out.println("note: " + m);
      }
      if (o.report() != null) {
        out.println();
        out.print(o.report().markdown());
        out.println();
        o.report().notes().forEach(n -> out.println("note: " + n));
        out.println("report: " + o.output().resolve("report.html").toAbsolutePath());
      } else if (!part.whole()) {
        out.println(
            "shard "
                + part
                + " done; when every shard is, join them: dec4j suite merge -o DIR <folders>");
      }
      out.println(
          String.format(
              Locale.ROOT,
              "runs: %d done now, %d done before, %d failed%s; results in %s",
              o.finished(),
              o.skipped(),
              o.failed().size(),
              o.otherShards() > 0 ? ", " + o.otherShards() + " left to other shards" : "",
              o.output().toAbsolutePath()));
      for (RunOutcome.Failed f : o.failed()) {
        out.println(
            "FAILED "
                + f.run().variant().label()
                + ", seed "
                + f.run().seed()
                + " on "
                + f.dataset()
                + ": "
                + f.error()
                + (f.file() == null
                    ? ""
                    : " (details: "
                        + o.output()
                            .resolve(f.file())
                            .toString()
                            .replaceFirst("\\.json$", ".error.txt")
                        + ")"));
      }
      if (!o.failed().isEmpty()) {
        out.println("run the same command again to retry the failed runs; finished ones are kept");
      }
      return o.failed().isEmpty() ? 0 : Main.EXIT_FAILURE;
    }
  }

  /** {@code dec4j suite merge}. */
  @Command(
      name = "merge",
      description =
          "Join result folders (e.g. one per shard) into one folder and write its " + "report.")
  static final class Merge implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Result folders to join.")
    List<Path> sources;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "DIR",
        description = "The merged folder (may be one of the sources).")
    Path output;

    @Mixin PluginOptions plugins;

    @Mixin ReportFlags flags;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ResultFolder.Merge m = ResultFolder.merge(sources, output);
      out.println(
          String.format(
              Locale.ROOT,
              "merged %d folders into %s: %d results copied, %d already there",
              sources.size(),
              output.toAbsolutePath(),
              m.copied(),
              m.present()));
      m.conflicts().forEach(c -> out.println("conflict: " + c));
      Report.write(out, output, null, plugins.registry(), flags);
      return 0;
    }
  }

  /** {@code dec4j suite report}. */
  @Command(
      name = "report",
      description = "Write (again) the tables and the HTML report of a result folder.")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FOLDER", description = "The result folder.")
    Path folder;

    @Option(
        names = "--suite",
        paramLabel = "FILE",
        description =
            "Take the title, the order and the report "
                + "settings (maps, published figures) from this suite file instead of the folder's suite.json, e.g. "
                + "after adding published figures to it.")
    Path suiteFile;

    @Mixin PluginOptions plugins;

    @Mixin ReportFlags flags;

    @Override
    public Integer call() {
      ResultFolder.requireResultFolder(folder);
      write(
          spec.commandLine().getOut(),
          folder,
          suiteFile == null ? null : SuiteReader.read(suiteFile),
          plugins.registry(),
          flags);
      return 0;
    }

    static void write(
        PrintWriter out, Path folder, Suite suite, PluginRegistry registry, ReportFlags flags) {
      ReportOptions options = null;
      if (flags.overrides()) {
        Path stored = folder.resolve(ResultFolder.SUITE);
        options =
            flags.apply(
                suite != null
                    ? suite.report()
                    : Files.isRegularFile(stored) ? SuiteReader.read(stored).report() : null);
      }
      ReportWriter.Written w =
          SuiteRunner.report(
              folder, suite, options, registry, new ConsoleProgress(System.err, flags.quiet));
      out.println();
      out.print(w.markdown());
      out.println();
      w.notes().forEach(n -> out.println("note: " + n));
      out.println(
          String.format(
              Locale.ROOT,
              "report of %s (%s, %s): %s",
              Text.count(w.runs(), "run"),
              Text.count(w.datasets(), "data set"),
              Text.count(w.methods(), "method"),
              folder.resolve("report.html").toAbsolutePath()));
    }
  }

  /** {@code dec4j suite example}. */
  @Command(
      name = "example",
      description =
          "Print the built-in suite, to copy and edit: " + "dec4j suite example > my-suite.yaml")
  static final class Example implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(SuiteReader.exampleText());
      return 0;
    }
  }
}
