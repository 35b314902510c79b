package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives a message naming the input, a non-zero exit code, and leaves results alone. */
class MainTest {
  @TempDir
  Path temp;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
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
  })
  void badInputNamesTheProblemAndExitsNonZero(String name, String args, int code, String fragment) {
    Path result = temp.resolve("result.json");
    Outcome o = run((args + " --no-cache -q -o " + result).split(" "));
    assertEquals(code, o.code(), name + ": " + o.err());
    assertTrue(o.err().contains(fragment), name + ": message should mention '" + fragment + "': " + o.err());
    assertTrue(!Files.exists(result), "no result file is written for a failed run");
  }

  @Test
  void missingDataFilesAreADataErrorAndAnEarlierResultSurvives() throws Exception {
    Path result = temp.resolve("earlier.json");
    Files.writeString(result, "{\"earlier\": true}");
    Outcome o = run("run", "-m", "dec", "-d", "mnist", "--data-dir", temp.resolve("empty").toString(),
        "--no-cache", "-q", "-o", result.toString());
    assertEquals(Main.EXIT_DATA, o.code(), o.err());
    assertTrue(o.err().contains("train-images-idx3-ubyte"), o.err());
    assertEquals("{\"earlier\": true}", Files.readString(result), "the earlier result is untouched");
  }

  @Test
  void pluginsListsEveryBundledMethod() {
    Outcome o = run("plugins");
    assertEquals(0, o.code(), o.err());
    for (String id : new String[] {"dec", "idec", "dcn", "ae-kmeans", "mlp", "mnist", "synthetic"}) {
      assertTrue(o.out().contains(" " + id + " "), "plugins lists " + id + ":\n" + o.out());
    }
  }
}
