package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the README and {@code docs/*.md} show in a {@code bash} block is run as a user runs
 * it: by bash, in a folder of its own, through a {@code ./dec4j} that starts the same java command
 * line as the launcher (on this build's modules, without the launcher's Maven rebuild), with the
 * shell's redirections, globs, loops and variables; each is checked for its exit code, what it
 * prints and the files it leaves.
 *
 * <p>The data are a 300-image stand-in for MNIST (its four IDX files, ten classes of shifted
 * squares) in {@code ../shared/datasets}, where the README's commands look, and {@code DIR} in a
 * command is that folder. Commands that run for minutes or hours with the documented settings run
 * as a reduced equivalent: the built-in suite edited down to a 784-16-4 network and a few dozen
 * iterations, added options that shrink networks and iterations, or {@code --dry-run} for the paper
 * suites (which checks the whole suite file against the plugins). {@link #SKIPPED} lists the
 * commands not run, each with its reason. A command added to the documents without a plan here
 * fails the test, and so does a plan for a command the documents no longer show.
 */
class DocumentedCommandsTest {
  @TempDir Path temp;

  private Path work;
  private Path home;

  /** The documents whose bash blocks are run. */
  static final List<String> DOCUMENTS =
      List.of(
          "README.md", "docs/RESULTS.md", "docs/suites.md", "docs/writing-an-objective-plugin.md");

  /** Commands shown but not run, with the reason. */
  static final Map<String, String> SKIPPED =
      Map.of(
          "./build verify",
          "the build itself: CI runs exactly this command (.ci/run), this test is part of it",
          "python3 tools/bench/pytorch_reference.py --data-dir ../shared/datasets/mnist > torch.txt",
          "PyTorch's side of the benchmark: needs Python with PyTorch, which the build does not",
          "cd examples/objective-plugin",
          "builds the example plugin with Maven against dec-api in ~/.m2, which "
              + "needs './build install' first; PluginDirectoryTest builds and loads plugin jars instead",
          "mvn verify",
          "builds the example plugin with Maven (see 'cd examples/objective-plugin')",
          "mkdir -p ~/.dec4j/plugins && cp examples/objective-plugin/target/dkm-objective-1.0.0.jar ~/.dec4j/plugins/",
          "copies the jar the skipped Maven build makes; 'compare --methods dec,dkm,kmeans' runs without it",
          "export JAVA_HOME=$(bin/jdk25)",
          "the plugin guide's build steps: PluginGuideTest runs them literally, "
              + "with a local Maven repository of its own",
          "./build install -DskipTests -pl dec-testkit -am",
          "the plugin guide's build steps (see 'export "
              + "JAVA_HOME=$(bin/jdk25)'); installing from inside the build would replace the jars under test");

  /**
   * Options that shrink a run to seconds on the 300 images: a 784-16-4 network, 2 epochs, 30
   * iterations.
   */
  static final String SMALL =
      "--dims 16,4 --pretrain-epochs 2 --pretrain-batch 64 --kmeans-restarts 2";

  /** The options that shrink a benchmark, as BenchCommandTest's. */
  static final String SMALL_BENCH =
      "--dims 8,4 -r 1 --iterations 20 --update-interval 10 --batch-size 64 "
          + "--kmeans-restarts 1 -q";

  /**
   * One command as run.
   *
   * @param documented the command as the documents show it (comments and surplus spaces removed)
   * @param shell what bash runs: the command, or its reduced equivalent
   * @param code the exit code expected
   * @param out text the standard output must contain
   * @param files files (relative to the working folder) that must exist afterwards
   */
  record Step(String documented, String shell, int code, List<String> out, List<String> files) {}

  private static Step step(String documented, String shell, List<String> out, String... files) {
    return new Step(documented, shell, 0, out, List.of(files));
  }

  private static Step same(String documented, List<String> out, String... files) {
    return step(documented, documented, out, files);
  }

  /** The steps, in the order they run (later ones use what earlier ones left). */
  static List<Step> steps() {
    List<Step> s = new ArrayList<>();
    s.add(
        same(
            "./dec4j plugins --verbose",
            List.of("objective dec ", "update_interval", "built-in baseline")));
    s.add(same("./dec4j plugins", List.of("objective idec ", "objective kmeans ")));
    s.add(
        step(
            "./dec4j datasets --data-dir DIR",
            "./dec4j datasets --data-dir ../shared/datasets",
            List.of("mnist ", "shared/datasets/mnist")));
    // The README's main job, on the built-in suite edited down (the edit is made below, from the
    // suite 'suite example' prints); the same command again keeps every finished run.
    s.add(same("./dec4j suite example > my-suite.yaml", List.of(), "my-suite.yaml"));
    s.add(
        step(
            "./dec4j suite run --example --data-dir ../shared/datasets",
            "./dec4j suite run small-example.yaml --data-dir ../shared/datasets",
            List.of(
                "| kmeans ",
                "| dec ",
                "| idec ",
                "| dcn ",
                "runs: 10 done now, 0 done before, 0 failed"),
            "runs/default/report.html",
            "runs/default/summary.md",
            "runs/default/summary.tex",
            "runs/default/summary.csv",
            "runs/default/runs.csv",
            "runs/default/runs/mnist_split-test/dec-seed0.json",
            "runs/default/runs/mnist_split-test/kmeans-seed1.json"));
    s.add(
        step(
            "./dec4j suite run --example --data-dir DIR",
            "./dec4j suite run small-example.yaml --data-dir ../shared/datasets",
            List.of("runs: 0 done now, 10 done before, 0 failed")));
    // my-suite, as a job array of two shards, then joined
    s.add(
        step(
            "./dec4j suite run my-suite.yaml --data-dir DIR [--shard I/N] [-q]",
            "./dec4j suite run my-suite.yaml --data-dir ../shared/datasets --shard 0/2 -q -o runs/part-0",
            List.of("shard 0/2 done", "runs: 5 done now"),
            "runs/part-0/runs/mnist_split-test/dec-seed2.json"));
    s.add(
        step(
            "./dec4j suite run my-suite.yaml --data-dir DIR [--shard I/N] [-q]",
            "./dec4j suite run my-suite.yaml --data-dir ../shared/datasets --shard 1/2 -q -o runs/part-1",
            List.of("shard 1/2 done", "runs: 5 done now"),
            "runs/part-1/runs/mnist_split-test/dec-seed3.json"));
    s.add(
        same(
            "./dec4j suite merge runs/part-* -o runs/all",
            List.of("merged 2 folders", "10 results copied", "report of 10 runs"),
            "runs/all/report.html",
            "runs/all/summary.md"));
    s.add(
        step(
            "./dec4j suite run my-suite.yaml --data-dir DIR",
            "./dec4j suite run my-suite.yaml --data-dir ../shared/datasets",
            List.of("| dec ", "runs: 10 done now"),
            "runs/my-suite/report.html",
            "runs/my-suite/runs.csv"));
    s.add(same("./dec4j suite run my-suite.yaml --dry-run", List.of("done 10, to do 0")));
    s.add(
        same(
            "./dec4j suite report runs/my-suite",
            List.of("report of 10 runs (1 data set, 5 methods)"),
            "runs/my-suite/summary.tex"));
    s.add(
        step(
            "./dec4j suite merge A B C -o runs/all",
            "./dec4j suite merge runs/part-0 runs/part-1 runs/default " + "-o runs/all",
            List.of(
                "merged 3 folders", "10 results copied, 10 already there", "report of 20 runs")));
    s.add(
        same(
            "./dec4j suite merge runs/part-* -o runs/results-mnist",
            List.of("10 results copied"),
            "runs/results-mnist/report.html"));
    s.add(
        same(
            "./dec4j suite report runs/results-mnist --suite docs/results/mnist.yaml",
            List.of("report of 10 runs")));
    s.add(
        step(
            "python3 tools/results/summarise.py A/runs.csv B/runs.csv",
            "python3 tools/results/summarise.py runs/default/runs.csv runs/my-suite/runs.csv",
            List.of("dec", "idec", "dcn")));
    // single runs and comparisons, with the options that shrink them
    s.add(
        step(
            "./dec4j run -m idec -d mnist --data-dir DIR -P gamma=0.1 --seed 1",
            "./dec4j run -m idec -d mnist --data-dir ../shared/datasets -P gamma=0.1 --seed 1 "
                + SMALL
                + " -P max_iter=30 -P update_interval=10 -P batch_size=64",
            List.of("idec on mnist (k=10, seed 1): ACC "),
            "runs/mnist-idec-seed1.json"));
    s.add(
        step(
            "./dec4j choose-k -m dec -d mnist --data-dir DIR --k 3..20",
            "./dec4j choose-k -m dec -d mnist --data-dir ../shared/datasets --k 3..4 "
                + SMALL
                + " -P max_iter=30 -P update_interval=10 -P batch_size=64",
            List.of("written: ")));
    // RESULTS.md's choose-k on MNIST's test split, two k instead of eleven
    s.add(
        step(
            "./dec4j choose-k -m dec -d mnist -D split=test --k 5..15 --data-dir ../shared/datasets",
            "./dec4j choose-k -m dec -d mnist -D split=test --k 5..6 --data-dir ../shared/datasets "
                + SMALL
                + " -P max_iter=30 -P update_interval=10 -P batch_size=64",
            List.of("written: ", "suggested k: ")));
    s.add(
        step(
            "./dec4j score --truth labels.csv --pred predicted.csv [--matching]",
            "./dec4j score --truth labels.csv --pred predicted.csv",
            List.of("ACC 1.0000  NMI 1.0000  ARI 1.0000")));
    s.add(
        step(
            "./dec4j score --truth labels.csv --pred predicted.csv [--matching]",
            "./dec4j score --truth labels.csv --pred predicted.csv --matching",
            List.of("cluster  class  matched")));
    s.add(
        step(
            "./dec4j compare --methods dec,idec,dcn,kmeans,ae-kmeans -d mnist --data-dir DIR --seeds 0,1,2",
            "./dec4j compare --methods dec,idec,dcn,kmeans,ae-kmeans -d mnist --data-dir ../shared/datasets --seeds 0,1,2 "
                + SMALL
                + " -P dec.max_iter=30 -P idec.max_iter=30 -P dcn.epochs=2",
            List.of("dec ", "idec ", "dcn ", "kmeans ", "ae-kmeans ", "results: "),
            "runs/compare/summary.json",
            "runs/compare/mnist-dcn-seed2.json"));
    s.add(
        new Step(
            "./dec4j compare --methods dec,dkm,kmeans -d synthetic --seeds 0,1,2",
            "./dec4j compare --methods dec,dkm,kmeans -d synthetic --seeds 0,1,2",
            2,
            List.of(),
            List.of()));
    s.add(
        step(
            "./dec4j bench --data-dir ../shared/datasets",
            "./dec4j bench --data-dir ../shared/datasets " + SMALL_BENCH,
            List.of("pretrain epoch ", "dec 20 iterations ", "peak memory ")));
    s.add(
        step(
            "./dec4j bench -d random --rows pretrain,dec -r 5",
            "./dec4j bench -d random --rows pretrain,dec "
                + "--random-rows 600 --random-dim 12 "
                + SMALL_BENCH,
            List.of("pretrain epoch ", "dec 20 iterations ")));
    // PyTorch's table is written by hand here (the script is skipped); the reduced network is
    // other work than the script's, so the bench says why it gives no ratios.
    s.add(
        step(
            "./dec4j bench --data-dir ../shared/datasets --pytorch torch.txt",
            "printf 'torch 1.13.0a0, threads 1, data (300, 784), load (0, 0, 0)\\n"
                + "pretrain epoch 1.00 1.00 1.00 1\\n' > torch.txt && "
                + "./dec4j bench --data-dir ../shared/datasets --pytorch torch.txt --rows pretrain "
                + SMALL_BENCH,
            List.of("pytorch  no ratios: torch.txt measured other work", "pretrain epoch ")));
    // the paper suites take hours: a dry run checks each file against the plugins and lists its
    // runs
    for (String file :
        List.of(
            "mnist",
            "usps",
            "ablation/scale-50",
            "mnist-scale-50",
            "ablation/gamma-scaled",
            "ablation/dcn-lambda",
            "fashion-mnist")) {
      String documented =
          "./dec4j suite run docs/results/" + file + ".yaml --data-dir ../shared/datasets";
      s.add(step(documented, documented + " --dry-run", List.of("to do ")));
    }
    s.add(
        step(
            "./dec4j suite run docs/results/mnist.yaml --data-dir DIR --shard $I/10 -o runs/part-$I",
            "./dec4j suite run docs/results/mnist.yaml --data-dir ../shared/datasets --shard $I/10 -o runs/part-$I "
                + "--dry-run",
            List.of("shard 0/10: ")));
    s.add(
        step(
            "for m in none end-to-end stacked sgd-300 fan-in; do\n./dec4j suite run "
                + "docs/results/ablation/pretrain-$m.yaml --data-dir ../shared/datasets\ndone",
            "for m in none end-to-end stacked sgd-300 fan-in; do\n./dec4j suite run docs/results/ablation/pretrain-$m.yaml"
                + " --data-dir ../shared/datasets --dry-run || exit 1\ndone",
            List.of("to do ")));
    s.add(
        step(
            "./dec4j suite run examples/suites/paper.yaml --data-dir $HOME/data -q --shard $SLURM_ARRAY_TASK_ID/8 "
                + "-o results/paper-$SLURM_ARRAY_TASK_ID",
            "./dec4j suite run examples/suites/paper.yaml --data-dir "
                + "$HOME/data -q --shard $SLURM_ARRAY_TASK_ID/8 -o results/paper-$SLURM_ARRAY_TASK_ID --dry-run",
            List.of("shard 3/8: ")));
    return s;
  }

  @Test
  void everyDocumentedCommandRunsAsAUserRunsIt() throws Exception {
    Path repo = repository();
    Map<String, String> documented = documentedCommands(repo);
    List<Step> steps = steps();
    Set<String> planned = new TreeSet<>(SKIPPED.keySet());
    steps.forEach(s -> planned.add(s.documented()));
    Set<String> unplanned = new TreeSet<>(documented.keySet());
    unplanned.removeAll(planned);
    assertEquals(
        Set.of(),
        unplanned,
        "commands the documents show that this test neither runs nor skips "
            + "(add a step or a reason to skip): "
            + unplanned.stream().map(documented::get).toList());
    Set<String> stale = new TreeSet<>(planned);
    stale.removeAll(documented.keySet());
    assertEquals(Set.of(), stale, "planned commands the documents no longer show");

    setUp(repo);
    for (Step step : steps) {
      if (step.shell().startsWith("./dec4j suite run small-example.yaml")
          && !Files.exists(work.resolve("small-example.yaml"))) {
        editTheExample();
      }
      Ran ran = bash(step.shell());
      String what =
          "'"
              + step.shell()
              + "' (for '"
              + step.documented()
              + "', "
              + documented.get(step.documented())
              + ")\nstdout:\n"
              + ran.out()
              + "\nstderr:\n"
              + tail(ran.err());
      if (ran.code() != step.code()) {
        fail("exit code " + ran.code() + ", expected " + step.code() + ": " + what);
      }
      for (String text : step.out()) {
        assertTrue(ran.out().contains(text), "stdout lacks '" + text + "': " + what);
      }
      for (String file : step.files()) {
        assertTrue(
            Files.isRegularFile(work.resolve(file)) && Files.size(work.resolve(file)) > 0,
            "no file " + file + ": " + what);
      }
      if (step.code() == 0) {
        assertTrue(!ran.err().contains("Exception"), "a stack trace: " + what);
      } else {
        assertTrue(
            ran.err().contains("unknown method 'dkm'"), "the missing plugin is named: " + what);
      }
      if (step.documented().startsWith("./dec4j suite example")) {
        String example = Files.readString(work.resolve("my-suite.yaml"));
        assertTrue(
            example.contains("name: default") && example.contains("methods:"),
            "the redirected output is the whole suite: " + example.length() + " characters");
      }
    }
  }

  /** The documents' commands: normalised text to where it was shown. */
  static Map<String, String> documentedCommands(Path repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String doc : DOCUMENTS) {
      List<String> lines = Files.readAllLines(repo.resolve(doc), StandardCharsets.UTF_8);
      boolean inBash = false;
      StringBuilder pending = new StringBuilder();
      List<String> loop = null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("```")) {
          inBash = !inBash && line.trim().equals("```bash");
          continue;
        }
        if (!inBash) {
          continue;
        }
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        String command = normal(pending.append(line).toString());
        pending.setLength(0);
        if (command.isEmpty()) {
          continue;
        }
        if (loop != null || command.startsWith("for ")) {
          loop = loop == null ? new ArrayList<>() : loop;
          loop.add(command);
          if (command.equals("done")) {
            out.putIfAbsent(String.join("\n", loop), doc + ":" + (i + 1));
            loop = null;
          }
          continue;
        }
        out.putIfAbsent(command, doc + ":" + (i + 1));
      }
    }
    return out;
  }

  /** A command line without its comment and with single spaces; empty for a comment line. */
  static String normal(String line) {
    String s = line.trim();
    if (s.startsWith("#")) {
      return "";
    }
    return s.replaceAll("\\s+#\\s.*$", "").trim().replaceAll("\\s+", " ");
  }

  private static Path repository() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("dec4j"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
  }

  /**
   * The working folder {@code work/} beside {@code shared/datasets/} (the README's {@code
   * ../shared/datasets}), the repository's {@code docs}, {@code examples} and {@code tools} linked
   * in, a {@code ./dec4j} on this build, a home of its own, and the files the commands name.
   */
  private void setUp(Path repo) throws IOException {
    work = Files.createDirectories(temp.resolve("work"));
    home = Files.createDirectories(temp.resolve("home"));
    Path data =
        Files.createDirectories(temp.resolve("shared").resolve("datasets").resolve("mnist"));
    TinyMnist.write(data, 100, 200);
    Files.createSymbolicLink(home.resolve("data"), data.getParent());
    for (String dir : List.of("docs", "examples", "tools")) {
      Files.createSymbolicLink(work.resolve(dir), repo.resolve(dir));
    }
    List<String> java = new ArrayList<>(ChildJvm.java());
    java.removeIf(o -> o.startsWith("-Duser.home="));
    java.add(1, "-Duser.home=" + home);
    Path dec4j = work.resolve("dec4j");
    Files.writeString(
        dec4j,
        "#!/usr/bin/env bash\n# dec4j on the build under test, as ../dec4j runs it but without "
            + "its rebuild\nexec "
            + java.stream().map(DocumentedCommandsTest::quote).collect(Collectors.joining(" "))
            + " \"$@\"\n");
    dec4j.toFile().setExecutable(true);
    Files.writeString(work.resolve("labels.csv"), "label\n0\n0\n1\n1\n2\n2\n");
    Files.writeString(work.resolve("predicted.csv"), "cluster\n5\n5\n3\n3\n4\n4\n");
  }

  /**
   * Edits the suite 'suite example' printed, as the README invites: {@code my-suite.yaml} becomes a
   * suite named my-suite on seeds 2 and 3, and {@code small-example.yaml} the built-in suite itself
   * (name default, seeds 0 and 1); both with a 784-16-4 network, 3 pretraining epochs, 30
   * iterations and small maps, so that they run in seconds.
   */
  private void editTheExample() throws IOException {
    String example = Files.readString(work.resolve("my-suite.yaml"));
    String small = example;
    Map<String, String> edits = new LinkedHashMap<>();
    edits.put("params: {dims: [500, 500, 2000, 10]}", "params: {dims: [16, 4]}");
    edits.put(
        "pretrain: {mode: end-to-end, epochs: 10, batch_size: 256, learning_rate: 0.001}",
        "pretrain: {mode: end-to-end, epochs: 3, batch_size: 64, learning_rate: 0.001}");
    edits.put(
        "params: {max_iter: 560}", "params: {max_iter: 30, update_interval: 10, batch_size: 64}");
    edits.put("params: {epochs: 3}", "params: {epochs: 2, batch_size: 64}");
    edits.put("kmeans_restarts: 4", "kmeans_restarts: 2");
    edits.put("map_sample: 1000", "map_sample: 100");
    edits.put("map_iterations: 500", "map_iterations: 300");
    for (var e : edits.entrySet()) {
      assertTrue(
          small.contains(e.getKey()),
          "the built-in suite changed; edit this test's reduction: " + e.getKey());
      small = small.replace(e.getKey(), e.getValue());
    }
    assertTrue(small.contains("name: default") && small.contains("seeds: [0, 1]"), small);
    Files.writeString(work.resolve("small-example.yaml"), small);
    Files.writeString(
        work.resolve("my-suite.yaml"),
        small.replace("name: default", "name: my-suite").replace("seeds: [0, 1]", "seeds: [2, 3]"));
  }

  /** What a command did. */
  record Ran(int code, String out, String err) {}

  private Ran bash(String command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "stdout", ".txt");
    Path err = Files.createTempFile(temp, "stderr", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", command)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("DEC4J_") || k.startsWith("SLURM_"));
    env.put("HOME", home.toString());
    env.put("OMP_NUM_THREADS", "1");
    env.put("I", "0");
    env.put("SLURM_ARRAY_TASK_ID", "3");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      fail("'" + command + "' did not end within 10 minutes");
    }
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
  }
}
