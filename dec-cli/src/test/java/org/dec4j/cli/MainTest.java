package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives a message naming the input, a non-zero exit code, and leaves results alone. */
class MainTest {
  @TempDir Path temp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown method      | run -m kmeanz -d blobs                 | 2 | unknown method 'kmeanz'",
        "unknown data set    | run -m dec -d cifar                    | 2 | unknown dataset 'cifar'",
        "tol out of range    | run -m dec -d blobs -P tol=1.5          | 2 | tol",
        "negative rate       | run -m dec -d blobs -P lr=-0.1          | 2 | lr",
        "unknown parameter   | run -m dec -d blobs -P lernrate=0.1     | 2 | lernrate",
        "k below 2           | run -m dec -d blobs -k 1                | 2 | k = 1",
        "k above n           | run -m dec -d blobs -D n=20 -k 50       | 2 | k = 50",
        "bad data option     | run -m dec -d blobs -D n=abc            | 2 | n",
        "missing csv path    | run -m dec -d csv                       | 2 | path",
        "bad pretrain mode   | run -m dec -d blobs --pretrain sideways | 2 | sideways",
        "bad optimiser       | run -m dec -d blobs --pretrain-optimizer rmsprop | 2 | pretrain optimizer = 'rmsprop'",
        "bad initialisation  | run -m dec -d blobs --pretrain-init he   | 2 | pretrain init = 'he' must be one of",
      })
  void badInputNamesTheProblemAndExitsNonZero(String name, String args, int code, String fragment) {
    Path result = temp.resolve("result.json");
    CliRun o = run((args + " --no-cache -q -o " + result).split(" "));
    assertEquals(code, o.code(), name + ": " + o.err());
    assertTrue(
        o.err().contains(fragment),
        name + ": message should mention '" + fragment + "': " + o.err());
    assertTrue(!Files.exists(result), "no result file is written for a failed run");
  }

  @Test
  void missingDataFilesAreADataErrorAndAnEarlierResultSurvives() throws Exception {
    Path result = temp.resolve("earlier.json");
    Files.writeString(result, "{\"earlier\": true}");
    CliRun o =
        run(
            "run",
            "-m",
            "dec",
            "-d",
            "mnist",
            "--data-dir",
            temp.resolve("empty").toString(),
            "--no-cache",
            "-q",
            "-o",
            result.toString());
    assertEquals(Main.EXIT_DATA, o.code(), o.err());
    assertTrue(o.err().contains("train-images-idx3-ubyte"), o.err());
    assertEquals(
        "{\"earlier\": true}", Files.readString(result), "the earlier result is untouched");
  }

  @Test
  void pluginsListsEveryBundledMethod() {
    CliRun o = run("plugins");
    assertEquals(0, o.code(), o.err());
    for (String id :
        new String[] {"dec", "idec", "dcn", "ae-kmeans", "mlp", "mnist", "synthetic"}) {
      assertTrue(o.out().contains(" " + id + " "), "plugins lists " + id + ":\n" + o.out());
    }
  }

  @Test
  void aSavedModelPredictsNewDataAndRefusesTheWrongDimension() throws Exception {
    Path model = temp.resolve("model");
    CliRun trained =
        run(
            "run",
            "-m",
            "dec",
            "-d",
            "blobs",
            "--dims",
            "16,4",
            "--pretrain-epochs",
            "2",
            "-P",
            "max_iter=50",
            "--kmeans-restarts",
            "2",
            "--no-cache",
            "-q",
            "--save-model",
            model.toString(),
            "-o",
            temp.resolve("r.json").toString());
    assertEquals(0, trained.code(), trained.err());
    assertTrue(
        Files.exists(model.resolve("model.json")) && Files.exists(model.resolve("encoder.params")));

    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      StringBuilder row = new StringBuilder();
      for (int j = 0; j < 10; j++) {
        row.append(j == 0 ? "" : ",").append(i * 0.5 + j * 0.1);
      }
      csv.append(row).append('\n');
    }
    Path input = temp.resolve("new.csv");
    Files.writeString(input, csv);
    CliRun predicted =
        run("predict", "--model", model.toString(), "--input", input.toString(), "--soft");
    assertEquals(0, predicted.code(), predicted.err());
    String[] lines = predicted.out().strip().split("\n");
    assertEquals("index,cluster,q_0,q_1,q_2", lines[0]);
    assertEquals(6, lines.length, predicted.out());
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      int cluster = Integer.parseInt(f[1]);
      assertTrue(cluster >= 0 && cluster < 3, lines[i]);
      double sum = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
      assertEquals(1.0, sum, 1e-4, lines[i]);
    }

    Path narrow = temp.resolve("narrow.csv");
    Files.writeString(narrow, "1,2,3\n4,5,6\n");
    CliRun refused = run("predict", "--model", model.toString(), "--input", narrow.toString());
    assertEquals(Main.EXIT_DATA, refused.code(), refused.err());
    assertTrue(
        refused.err().contains("takes 10 features") && refused.err().contains("has 3"),
        refused.err());
  }

  @Test
  void aModelTrainedOnStandardisedColumnsPredictsSingleRowsAsInTraining() throws Exception {
    // Two columns three orders of magnitude apart: standardised, both separate the groups.
    StringBuilder train = new StringBuilder("height,weight\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    for (int i = 0; i < 60; i++) {
      int g = i % 3;
      train.append(
          String.format(
              java.util.Locale.ROOT,
              "%.3f,%.1f%n",
              1.5 + 0.2 * g + 0.02 * random.nextDouble(),
              5000 + 1000 * g + 100 * random.nextDouble()));
    }
    Path csv = Files.writeString(temp.resolve("train.csv"), train);
    Path model = temp.resolve("model");
    Path result = temp.resolve("r.json");
    CliRun trained =
        run(
            "run",
            "-m",
            "dec",
            "-d",
            "csv",
            "-D",
            "path=" + csv,
            "-D",
            "scale=standard",
            "-k",
            "3",
            "--dims",
            "8,2",
            "--pretrain-epochs",
            "10",
            "-P",
            "max_iter=60",
            "-P",
            "update_interval=20",
            "--kmeans-restarts",
            "2",
            "--no-cache",
            "--no-checkpoint",
            "-q",
            "--save-model",
            model.toString(),
            "-o",
            result.toString());
    assertEquals(0, trained.code(), trained.err());
    int[] assigned =
        org.dec4j.runtime.Json.read(result, org.dec4j.api.result.RunResult.class).assignments();
    String[] lines = train.toString().split("\n");
    for (int i = 1; i <= 60; i += 11) {
      Path one =
          Files.writeString(temp.resolve("row" + i + ".csv"), lines[0] + "\n" + lines[i] + "\n");
      CliRun p = run("predict", "--model", model.toString(), "--input", one.toString());
      assertEquals(0, p.code(), p.err());
      assertEquals(
          "0," + assigned[i - 1],
          p.out().strip().split("\n")[1],
          "row " + i + " alone: " + p.out());
    }
    Path one = temp.resolve("row1.csv");
    CliRun conflicting =
        run(
            "predict",
            "--model",
            model.toString(),
            "--input",
            one.toString(),
            "-D",
            "scale=minmax");
    assertEquals(Main.EXIT_CONFIG, conflicting.code(), conflicting.err());
    assertTrue(
        conflicting.err().contains("scale=minmax conflicts")
            && conflicting.err().contains("scale=standard"),
        conflicting.err());
    Path renamed = Files.writeString(temp.resolve("renamed.csv"), "height,mass\n1.7,6000\n");
    CliRun refused = run("predict", "--model", model.toString(), "--input", renamed.toString());
    assertEquals(Main.EXIT_DATA, refused.code(), refused.err());
    assertTrue(
        refused.err().contains(renamed.toString()) && refused.err().contains("'mass'"),
        refused.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run          | Pretrain (or reuse) an autoencoder",
        "compare      | --seeds",
        "suite        | run",
        "suite run    | --shard",
        "suite merge  | Join result folders",
        "suite report | Write (again)",
        "predict      | --model",
        "score        | --truth",
        "plugins      | List the encoders",
        "datasets     | List the data sets",
        "bench        | Measure training speed",
      })
  void everySubcommandAnswersHelpWithoutRunning(String command, String fragment) {
    String[] words = (command + " --help").split(" +");
    CliRun o = run(words);
    assertEquals(0, o.code(), command + " --help: " + o.err());
    assertTrue(
        o.out().startsWith("Usage: dec4j " + command.trim()),
        command + " --help prints its usage:\n" + o.out());
    assertTrue(o.out().contains(fragment), command + " --help describes it:\n" + o.out());
    assertTrue(
        o.out().contains("-h, --help"), command + " --help lists the help option:\n" + o.out());
  }
}
