package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input the issue lists, through the command line: each must exit with its code
 * (2 configuration, 3 data), print a message naming the input and the problem, and leave an earlier
 * result file byte for byte as it was. ({@link MainTest} covers unknown ids, tol above 1, a
 * negative method learning rate, k below 2 and k above n; these are the rest.)
 */
class BadInputTest {
  @TempDir static Path dir;

  private static final String EARLIER = "{\"earlier\": \"result\"}";

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(dir.resolve("nan.csv"), "a,b\n1,2\n3,NaN\n5,6\n");
    Files.writeString(dir.resolve("inf.csv"), "1,2\n3,4\n-inf,6\n");
    Files.writeString(dir.resolve("huge.csv"), "1,2\n3,4e39\n5,6\n");
    Files.writeString(dir.resolve("identical.csv"), "1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n");
    Files.writeString(dir.resolve("constant.csv"), "7,7\n7,7\n7,7\n7,7\n");
    Files.writeString(dir.resolve("two-distinct.csv"), "1,2\n1,2\n3,4\n3,4\n1,2\n3,4\n");
    Files.writeString(dir.resolve("two-rows.csv"), "1,2\n3,4\n");
    Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
    Files.writeString(dir.resolve("text.csv"), "x,y\n1,2\nthree,4\n");
    Files.write(
        dir.resolve("binary.csv"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
    Files.writeString(dir.resolve("empty.csv"), "");
    Files.createDirectories(dir.resolve("a-directory.csv"));
    Files.writeString(dir.resolve("new.csv"), "1,2,3\n4,5,6\n");
    model("garbage-model", "this is not JSON {", true);
    model("wrong-types-model", "{\"format\": \"two\", \"centroids\": 5}", true);
    model(
        "old-model",
        "{\"format\": 1, \"method\": \"dec\", \"methodParams\": {}, \"encoder\": \"mlp\","
            + " \"encoderParams\": {}, \"inputDim\": 3, \"centroids\": [[0], [1]]}",
        true);
    model(
        "ragged-model",
        "{\"format\": 2, \"method\": \"dec\", \"methodParams\": {}, \"encoder\": \"mlp\","
            + " \"encoderParams\": {}, \"inputDim\": 3, \"centroids\": [[0, 1], [1]]}",
        true);
    model(
        "unknown-method-model",
        "{\"format\": 2, \"method\": \"kmeanz\", \"methodParams\": {}, \"encoder\": \"mlp\","
            + " \"encoderParams\": {}, \"inputDim\": 3, \"centroids\": [[0, 1], [1, 0]]}",
        true);
    model(
        "corrupt-weights-model",
        "{\"format\": 2, \"method\": \"dec\", \"methodParams\": {}, \"encoder\": \"mlp\","
            + " \"encoderParams\": {\"dims\": \"2\"}, \"inputDim\": 3, \"centroids\": [[0, 1], [1, 0]]}",
        false);
    Files.createDirectories(dir.resolve("empty-model"));
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 5; j++) {
        huge.append(j == 0 ? "" : ",")
            .append((i % 2) * 5 + ((i * 7 + j * 3) % 10) / 10.0)
            .append("e30");
      }
      huge.append('\n');
    }
    Files.writeString(dir.resolve("around-1e30.csv"), huge);
    StringBuilder grid =
        new StringBuilder(
            """
        name: million
        datasets: [{id: blobs}]
        seeds: [0]
        methods:
          - id: dec
            grid:
        """);
    for (String name : List.of("tol", "lr", "momentum", "alpha", "update_interval", "max_iter")) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        values.add(
            name.equals("update_interval") || name.equals("max_iter")
                ? Integer.toString(i * 10)
                : Double.toString(i / 100.0));
      }
      grid.append("          ")
          .append(name)
          .append(": [")
          .append(String.join(", ", values))
          .append("]\n");
    }
    Files.writeString(dir.resolve("million.yaml"), grid);
    Path work = dir.resolve("plugin-build");
    PluginJar.objective(
        "boom",
        "if (context.clusters() > 0) throw new IllegalStateException(\"licence server "
            + "unreachable\");",
        work,
        dir.resolve("throwing").resolve("boom.jar"),
        0);
    // Class-file version 70 is Java 26's: a plugin built for a newer JDK than the one running.
    PluginJar.objective("future", "", work, dir.resolve("newer-jdk").resolve("future.jar"), 70);
    Files.writeString(dir.resolve("unreadable.csv"), "1,2\n3,4\n5,6\n");
    Files.setPosixFilePermissions(dir.resolve("unreadable.csv"), java.util.Set.of());
    Files.writeString(dir.resolve("a-file"), "a regular file\n");
    Files.writeString(
        dir.resolve("tiny-suite.yaml"),
        """
        name: tiny
        datasets: [{id: blobs, options: {n: 60, d: 4, k: 2}}]
        methods: [kmeans]
        seeds: [0]
        kmeans_restarts: 1
        report: {map: none}
        """);
    Files.createDirectories(dir.resolve("read-only"));
    Files.setPosixFilePermissions(
        dir.resolve("read-only"),
        java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
  }

  private static void model(String name, String json, boolean weights) throws IOException {
    Path m = Files.createDirectories(dir.resolve(name));
    Files.writeString(m.resolve("model.json"), json);
    Files.write(
        m.resolve("encoder.params"),
        weights
            ? new byte[] {'D', 'E', 'C', '4', 'J', 'T', 1}
            : "not weights at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  static Stream<Arguments> badInputs() {
    List<Arguments> cases = new ArrayList<>();
    // hyperparameters
    add(cases, "tol below 0", "run -m dec -d blobs -P tol=-0.1", 2, "tol", "-0.1");
    add(cases, "tol above 1 (idec)", "run -m idec -d blobs -P tol=1.0001", 2, "tol", "1.0001");
    add(cases, "negative lr (dcn)", "run -m dcn -d blobs -P lr=-1e-3", 2, "lr", "-1e-3");
    add(cases, "zero lr", "run -m dec -d blobs -P lr=0", 2, "lr");
    add(cases, "negative gamma", "run -m idec -d blobs -P gamma=-0.1", 2, "gamma");
    add(cases, "negative lambda", "run -m dcn -d blobs -P lambda=-2", 2, "lambda");
    add(cases, "momentum 1", "run -m dec -d blobs -P momentum=1", 2, "momentum");
    add(
        cases,
        "non-numeric max_iter",
        "run -m dec -d blobs -P max_iter=lots",
        2,
        "max_iter",
        "lots");
    add(cases, "batch size 0", "run -m dec -d blobs -P batch_size=0", 2, "batch_size");
    add(
        cases,
        "negative pretrain lr",
        "run -m dec -d blobs --pretrain-lr -0.001",
        2,
        "learning rate",
        "-0.001");
    add(cases, "zero pretrain lr", "run -m dec -d blobs --pretrain-lr 0", 2, "learning rate");
    add(
        cases,
        "negative pretrain epochs",
        "run -m dec -d blobs --pretrain-epochs -5",
        2,
        "epochs",
        "-5");
    add(cases, "dropout 1", "run -m dec -d blobs --dropout 1", 2, "dropout");
    add(cases, "negative dropout", "run -m dec -d blobs --dropout -0.2", 2, "dropout");
    add(cases, "pretrain batch 0", "run -m dec -d blobs --pretrain-batch 0", 2, "batch size");
    add(
        cases,
        "no k-means restarts",
        "run -m dec -d blobs --kmeans-restarts 0",
        2,
        "kmeans-restarts");
    add(cases, "negative k", "run -m dec -d blobs -k -3", 2, "k = -3");
    add(
        cases,
        "zero-width layer",
        "run -m dec -d blobs --dims 10,0,5",
        2,
        "dims",
        "element 2 of 3");
    add(cases, "non-numeric layer", "run -m dec -d blobs --dims 10,ten", 2, "dims", "ten");
    add(
        cases,
        "unknown encoder",
        "run -m dec -d blobs --encoder cnn",
        2,
        "unknown encoder 'cnn'",
        "mlp");
    add(cases, "unknown method lists known", "run -m kmeanz -d blobs", 2, "known", "idec");
    add(cases, "unknown data set lists known", "run -m dec -d cifar", 2, "known", "mnist");
    add(cases, "unknown data option", "run -m dec -d blobs -D colour=red", 2, "colour");
    // data
    add(
        cases,
        "k above n (csv)",
        "run -m dec -d csv -D path=" + dir.resolve("two-rows.csv") + " -k 3",
        2,
        "k = 3",
        "2");
    add(
        cases,
        "NaN in csv",
        "run -m dec -d csv -D path=" + dir.resolve("nan.csv") + " -k 2",
        3,
        "nan.csv",
        "line 3",
        "NaN");
    add(
        cases,
        "infinity in csv",
        "run -m dec -d csv -D path=" + dir.resolve("inf.csv") + " -k 2",
        3,
        "inf.csv",
        "line 3",
        "-inf");
    add(
        cases,
        "float overflow in csv",
        "run -m dec -d csv -D path=" + dir.resolve("huge.csv") + " -k 2",
        3,
        "huge.csv",
        "4e39",
        "float range");
    add(
        cases,
        "all rows identical",
        "run -m dec -d csv -D path=" + dir.resolve("identical.csv") + " -k 2",
        3,
        "all rows are identical",
        "k = 2");
    add(
        cases,
        "every column constant",
        "run -m dec -d csv -D path=" + dir.resolve("constant.csv") + " -k 2",
        3,
        "all rows are identical");
    add(
        cases,
        "fewer distinct rows than k",
        "run -m dec -d csv -D path=" + dir.resolve("two-distinct.csv") + " -k 3",
        3,
        "only 2 distinct",
        "k = 3");
    add(
        cases,
        "ragged csv",
        "run -m dec -d csv -D path=" + dir.resolve("ragged.csv") + " -k 2",
        3,
        "ragged.csv",
        "line 2",
        "ragged");
    add(
        cases,
        "text in csv",
        "run -m dec -d csv -D path=" + dir.resolve("text.csv") + " -k 2",
        3,
        "text.csv",
        "three");
    add(
        cases,
        "corrupt gzip csv",
        "run -m dec -d csv -D path=" + dir.resolve("binary.csv") + " -k 2",
        3,
        "binary.csv",
        "gzip",
        "line 1");
    add(
        cases,
        "empty csv",
        "run -m dec -d csv -D path=" + dir.resolve("empty.csv") + " -k 2",
        3,
        "empty.csv",
        "empty");
    add(
        cases,
        "directory as csv",
        "run -m dec -d csv -D path=" + dir.resolve("a-directory.csv") + " -k 2",
        3,
        "a-directory.csv",
        "is a directory");
    add(
        cases,
        "missing csv",
        "run -m dec -d csv -D path=" + dir.resolve("absent.csv") + " -k 2",
        3,
        "absent.csv",
        "not found");
    // saved models (the config files a user hands back to dec4j)
    String input = " --input " + dir.resolve("new.csv");
    add(
        cases,
        "model.json not JSON",
        "predict --model " + dir.resolve("garbage-model") + input,
        3,
        "garbage-model",
        "model.json");
    add(
        cases,
        "model.json wrong types",
        "predict --model " + dir.resolve("wrong-types-model") + input,
        3,
        "wrong-types-model",
        "model.json");
    add(
        cases,
        "model of an old format",
        "predict --model " + dir.resolve("old-model") + input,
        3,
        "old-model",
        "format 1");
    add(
        cases,
        "ragged centroids",
        "predict --model " + dir.resolve("ragged-model") + input,
        3,
        "ragged-model",
        "centroid 1");
    add(
        cases,
        "model of an unknown method",
        "predict --model " + dir.resolve("unknown-method-model") + input,
        3,
        "unknown-method-model",
        "kmeanz");
    add(
        cases,
        "corrupt encoder.params",
        "predict --model " + dir.resolve("corrupt-weights-model") + input,
        3,
        "encoder.params",
        "not a dec4j array file");
    add(
        cases,
        "model directory without a model",
        "predict --model " + dir.resolve("empty-model") + input,
        3,
        "empty-model",
        "model.json");
    add(
        cases,
        "predict input missing",
        "predict --model " + dir.resolve("garbage-model") + " --input " + dir.resolve("absent.csv"),
        3,
        "absent.csv",
        "no such file");
    add(
        cases,
        "predict without input",
        "predict --model " + dir.resolve("garbage-model"),
        2,
        "--input");
    return cases.stream();
  }

  /**
   * The cases run as a user runs them, in a child JVM: those whose outcome depends on the process
   * (its exit, what reaches its output, what the JVM leaves behind) or that once went wrong only
   * there.
   */
  static Stream<Arguments> throughTheLauncher() {
    List<Arguments> cases = new ArrayList<>();
    String small = " --dims 8,3 --kmeans-restarts 2 -P max_iter=20 -P update_interval=10";
    // training that overflows: stopped with the phase, when and why, and no result
    add(
        cases,
        "values around 1e30 in csv",
        "run -m dec -d csv -D path="
            + dir.resolve("around-1e30.csv")
            + " -k 2 --pretrain-epochs 2"
            + small,
        4,
        "warning: csv has values up to |x| = ",
        "pretrain: the mean reconstruction loss is ",
        "in epoch 1 of 2",
        "no result is written",
        "likely cause: the inputs' scale",
        "-D scale=standard");
    add(
        cases,
        "values around 1e30 without pretraining",
        "run -m idec -d csv -D path="
            + dir.resolve("around-1e30.csv")
            + " -k 2 --pretrain none"
            + small,
        4,
        "cluster: the embedding reaches |z| = ",
        "before the k-means initialisation",
        "-D scale=standard");
    add(
        cases,
        "pretraining learning rate far too high",
        "run -m dec -d blobs -D n=200 --pretrain-epochs 3 "
            + "--pretrain-optimizer sgd --pretrain-lr 1000"
            + small,
        4,
        "pretrain: the mean reconstruction loss is ",
        "in epoch ",
        "learning rate");
    // plugins that fail: named with id, version and jar, exit 4, no stack trace
    add(
        cases,
        "plugin throws in start()",
        "run -m boom -d blobs -D n=60 --dims 4,2 --pretrain-epochs 1 "
            + "--kmeans-restarts 1 --plugin-dir "
            + dir.resolve("throwing"),
        4,
        "objective boom 2.3.4 ("
            + dir.resolve("throwing").resolve("boom.jar")
            + ") failed in start(): IllegalStateException: licence server "
            + "unreachable");
    add(
        cases,
        "plugin built for a newer JDK",
        "plugins --plugin-dir " + dir.resolve("newer-jdk"),
        4,
        "stdout:" + dir.resolve("newer-jdk").resolve("future.jar"),
        "stdout:class file version 70");
    add(
        cases,
        "running a plugin built for a newer JDK",
        "run -m future -d blobs --plugin-dir " + dir.resolve("newer-jdk"),
        2,
        "unknown method 'future'",
        dir.resolve("newer-jdk").resolve("future.jar").toString(),
        "class file version 70");
    // files that cannot be read or written: the path and the reason in words, exit 3 (input) or 5
    // (output)
    add(
        cases,
        "unreadable csv",
        "run -m dec -d csv -D path=" + dir.resolve("unreadable.csv") + " -k 2",
        3,
        dir.resolve("unreadable.csv") + ": permission denied");
    add(
        cases,
        "predict output under a regular file",
        "predict --model "
            + dir.resolve("garbage-model")
            + " --input "
            + dir.resolve("new.csv")
            + " -o "
            + dir.resolve("a-file").resolve("out.csv"),
        5,
        "cannot write "
            + dir.resolve("a-file").resolve("out.csv")
            + ": "
            + dir.resolve("a-file")
            + " is a file, not a directory");
    add(
        cases,
        "run output is a directory",
        "run -m dec -d blobs -o " + dir.resolve("a-directory.csv"),
        5,
        "cannot write " + dir.resolve("a-directory.csv") + ": it is a directory");
    add(
        cases,
        "run output in a read-only folder",
        "run -m dec -d blobs -o " + dir.resolve("read-only").resolve("r.json"),
        5,
        "cannot write " + dir.resolve("read-only").resolve("r.json") + ": permission denied");
    add(
        cases,
        "save-model under a regular file",
        "run -m dec -d blobs --save-model " + dir.resolve("a-file").resolve("model"),
        5,
        "--save-model " + dir.resolve("a-file").resolve("model"));
    add(
        cases,
        "suite output under a regular file",
        "suite run "
            + dir.resolve("tiny-suite.yaml")
            + " -o "
            + dir.resolve("a-file").resolve("out"),
        5,
        "cannot write " + dir.resolve("a-file").resolve("out"));
    // suites too large to run: refused before anything is expanded (a million-run grid hung)
    add(
        cases,
        "suite grid of a million runs",
        "suite run " + dir.resolve("million.yaml") + " --dry-run",
        2,
        "million.yaml",
        "expands to 1,000,000 runs (1 data set x 1 seed x 1,000,000 method variants)",
        "--max-runs 10,000");
    add(
        cases,
        "suite above a lower --max-runs",
        "suite run " + dir.resolve("million.yaml") + " --max-runs 999 " + "--dry-run",
        2,
        "1,000,000 runs",
        "--max-runs 999");
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throughTheLauncher")
  void isRefusedCleanlyThroughTheLauncher(String name, String args, int code, String[] fragments)
      throws Exception {
    Path work = dir.resolve("launched-" + name.replaceAll("[^a-z0-9]+", "-"));
    Path result = work.resolve("earlier.json");
    Files.createDirectories(work);
    Files.writeString(result, EARLIER);
    List<String> argv = new ArrayList<>(List.of(args.split(" ")));
    if (argv.getFirst().equals("run")) {
      argv.addAll(List.of("--no-cache", "--no-checkpoint", "-q"));
    }
    if ((argv.getFirst().equals("run") || argv.getFirst().equals("predict"))
        && !argv.contains("-o")) {
      argv.addAll(List.of("-o", result.toString()));
    }
    ChildJvm.Result r = ChildJvm.run(work, argv.toArray(String[]::new));
    assertEquals(code, r.code(), name + ": exit code; " + r.all());
    for (String fragment : fragments) {
      boolean out = fragment.startsWith("stdout:");
      String expected = out ? fragment.substring("stdout:".length()) : fragment;
      assertTrue(
          (out ? r.out() : r.err()).contains(expected),
          name + ": the message should name '" + expected + "': " + r.all());
    }
    assertTrue(
        r.err().lines().noneMatch(BadInputTest::traceLine),
        name + ": a clean message, not a stack trace: " + r.all());
    assertEquals(EARLIER, Files.readString(result), name + ": the earlier result is untouched");
    try (Stream<Path> files = Files.list(work)) {
      List<String> left = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(
          List.of("earlier.json", "stderr", "stdout"),
          left,
          name + ": nothing else is left behind");
    }
  }

  /**
   * {@code suite report} and {@code suite merge} on folders that hold no suite results: refused
   * with exit 3 and a message naming the folder, a missing folder is not created, and a notes
   * folder with its own {@code summary.md} stays byte for byte as it was (it was once overwritten
   * by an empty report).
   */
  @org.junit.jupiter.api.Test
  void suiteCommandsLeaveFoldersWithoutSuiteResultsAlone() throws Exception {
    Path work = dir.resolve("suite-folders");
    Path notes = Files.createDirectories(work.resolve("notes"));
    Files.writeString(notes.resolve("summary.md"), "# my notes\n\nnot a suite's summary\n");
    Files.writeString(notes.resolve("todo.txt"), "read the DEC paper again\n");
    Path shard = Files.createDirectories(work.resolve("shard").resolve("runs"));
    Path suiteFile = work.resolve("tiny.yaml");
    Files.writeString(
        suiteFile,
        """
        name: tiny
        datasets: [{id: blobs, options: {n: 60, d: 4, k: 2}}]
        methods: [kmeans]
        seeds: [0]
        kmeans_restarts: 1
        report: {map: none}
        """);
    Map<Path, byte[]> before = contents(notes);
    String[][] cases = {
      {"suite", "report", notes.toString()},
      {"suite", "report", work.resolve("absent").toString()},
      {"suite", "merge", notes.toString(), "-o", work.resolve("merged").toString()},
      {"suite", "merge", shard.getParent().toString(), "-o", notes.toString()},
      {"suite", "run", suiteFile.toString(), "-o", notes.toString(), "-q", "--no-cache"},
    };
    String[] named = {
      notes.toString(),
      work.resolve("absent").toString(),
      notes.toString(),
      notes.toString(),
      notes.toString()
    };
    for (int i = 0; i < cases.length; i++) {
      String command = String.join(" ", cases[i]);
      ChildJvm.Result r = ChildJvm.run(work.resolve("child" + i), cases[i]);
      assertEquals(3, r.code(), command + ": " + r.all());
      assertTrue(
          r.err().contains("dec4j: " + named[i] + ": "),
          command + ": names the folder: " + r.all());
      assertTrue(
          r.err().lines().noneMatch(BadInputTest::traceLine),
          command + ": no stack trace: " + r.all());
      assertEquals(
          before.keySet(),
          contents(notes).keySet(),
          command + ": no file added to the notes folder");
      contents(notes)
          .forEach(
              (file, bytes) ->
                  assertTrue(
                      java.util.Arrays.equals(before.get(file), bytes),
                      command + ": " + file + " is byte for byte as it was"));
      assertTrue(
          !Files.exists(work.resolve("absent")) && !Files.exists(work.resolve("merged")),
          command + ": no folder is created");
    }
  }

  /**
   * {@code --debug} adds the stack trace the one-line message leaves out, wherever it is on the
   * command line.
   */
  @org.junit.jupiter.api.Test
  void debugAddsTheStackTrace() throws Exception {
    String out = dir.resolve("a-file").resolve("out.csv").toString();
    String[] predict = {
      "predict",
      "--model",
      dir.resolve("garbage-model").toString(),
      "--input",
      dir.resolve("new.csv").toString(),
      "-o",
      out
    };
    ChildJvm.Result plain = ChildJvm.run(dir.resolve("debug-plain"), predict);
    List<String> withDebug = new ArrayList<>(List.of(predict));
    withDebug.add("--debug");
    ChildJvm.Result debug = ChildJvm.run(dir.resolve("debug"), withDebug.toArray(String[]::new));
    List<String> debugFirst = new ArrayList<>(List.of("--debug"));
    debugFirst.addAll(List.of(predict));
    ChildJvm.Result first =
        ChildJvm.run(dir.resolve("debug-first"), debugFirst.toArray(String[]::new));
    for (ChildJvm.Result r : List.of(plain, debug, first)) {
      assertEquals(5, r.code(), r.all());
      assertTrue(r.err().startsWith("dec4j: cannot write " + out + ": "), r.all());
    }
    assertTrue(plain.err().lines().noneMatch(BadInputTest::traceLine), plain.all());
    for (ChildJvm.Result r : List.of(debug, first)) {
      assertTrue(
          r.err().contains("org.dec4j.api.OutputException: cannot write")
              && r.err().contains("\tat "),
          "--debug prints the trace: " + r.all());
    }
  }

  /** A line of a stack trace: a frame, or a qualified exception class heading one. */
  static boolean traceLine(String line) {
    return line.startsWith("\tat ")
        || line.startsWith("Exception in thread ")
        || line.matches("([a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error)\\b.*")
        || line.startsWith("Caused by: ");
  }

  private static Map<Path, byte[]> contents(Path folder) throws IOException {
    Map<Path, byte[]> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void add(
      List<Arguments> cases, String name, String args, int code, String... fragments) {
    cases.add(Arguments.of(name, args, code, fragments));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void isRefusedCleanly(String name, String args, int code, String[] fragments) throws IOException {
    Path result = dir.resolve("result-" + name.replaceAll("[^a-z0-9]+", "-") + ".json");
    Files.writeString(result, EARLIER);
    List<String> argv = new ArrayList<>(List.of(args.split(" ")));
    if (argv.getFirst().equals("run")) {
      argv.addAll(List.of("--no-cache", "--no-checkpoint", "-q", "-o", result.toString()));
    } else {
      argv.addAll(List.of("-o", result.toString()));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    String message = err.toString();
    assertEquals(code, exit, name + ": exit code; stderr: " + message);
    for (String fragment : fragments) {
      assertTrue(
          message.contains(fragment),
          name + ": the message should name '" + fragment + "': " + message);
    }
    assertTrue(
        !message.contains("\tat ") && !message.contains("Exception:"),
        name + ": a clean message, not a stack trace: " + message);
    assertEquals(EARLIER, Files.readString(result), name + ": the earlier result is untouched");
  }
}
