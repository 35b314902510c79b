package org.dec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.result.RunResult;
import org.dec4j.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The commands agree with each other: the baselines run through {@code run} as through {@code
 * compare} and suites and are listed by {@code plugins}; a mistyped id gets a suggestion; usage
 * placeholders are written like the options.
 */
class CliConsistencyTest {
  @TempDir Path temp;

  @Test
  void theRawFeatureBaselineRunsThroughRunLikeAnyMethod() throws Exception {
    Path file = temp.resolve("kmeans.json");
    CliRun o =
        CliRun.of(
            "run",
            "-m",
            "kmeans",
            "-d",
            "blobs",
            "-D",
            "n=120",
            "-D",
            "k=3",
            "--kmeans-restarts",
            "2",
            "--no-cache",
            "--no-checkpoint",
            "-q",
            "-o",
            file.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("kmeans on blobs (k=3, seed 0): ACC"), o.out());
    RunResult r = Json.read(file, RunResult.class);
    assertEquals(
        "ae-kmeans", r.config().method(), "the same run as compare's and a suite's kmeans");
    assertEquals("identity", r.config().encoder());
    assertEquals("none", r.config().pretrain().mode());
  }

  @Test
  void pluginsListsBothBaselinesAsBuiltIn() {
    CliRun o = CliRun.of("plugins");
    assertEquals(0, o.code(), o.err());
    for (String id : List.of("kmeans", "ae-kmeans")) {
      Matcher m =
          Pattern.compile("(?m)^objective\\s+" + Pattern.quote(id) + "\\s.*$").matcher(o.out());
      assertTrue(m.find(), id + " listed:\n" + o.out());
      assertTrue(m.group().contains("built-in baseline"), m.group());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "method         | run -m kmean -d blobs                  | (did you mean 'kmeans'?)",
        "method typo    | run -m iedc -d blobs                   | did you mean 'idec'?",
        "data set       | run -m dec -d blobz                    | did you mean 'blobs'?",
        "hyperparameter | run -m dec -d blobs -P update_intervall=5 | did you mean 'update_interval'?",
        "data option    | run -m dec -d blobs -D spred=2         | did you mean 'spread'?",
        "compare method | compare --methods dec,ae-kmean -d blobs | did you mean 'ae-kmeans'?",
      })
  void aMistypedIdGetsASuggestion(String name, String args, String suggestion) {
    CliRun o = CliRun.of((args + " --no-cache -q -o " + temp.resolve("out")).split(" "));
    assertEquals(2, o.code(), name + ": " + o.err());
    assertTrue(o.err().contains(suggestion), name + ": " + o.err());
    assertTrue(o.err().contains("known: "), "the known ids are still listed: " + o.err());
  }

  @Test
  void noSuggestionForANameFarFromEveryKnownOne() {
    CliRun o = CliRun.of("run", "-m", "spectral", "-d", "blobs", "-q");
    assertEquals(2, o.code(), o.err());
    assertTrue(!o.err().contains("did you mean"), o.err());
  }

  @Test
  void usagePlaceholdersAreKebabCaseLikeTheOptions() {
    CommandLine cli = Main.commandLine();
    List<String> camel = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>(List.of(cli));
    for (int i = 0; i < all.size(); i++) {
      CommandLine c = all.get(i);
      all.addAll(c.getSubcommands().values().stream().filter(s -> !all.contains(s)).toList());
      Matcher m =
          Pattern.compile("<[^>]*[A-Z][^>]*>")
              .matcher(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
      while (m.find()) {
        camel.add(c.getCommandName() + ": " + m.group());
      }
    }
    assertTrue(all.size() > 10, "every subcommand was looked at: " + all.size());
    assertEquals(List.of(), camel, "placeholders in camelCase");
    CliRun help = CliRun.of("run", "--help");
    assertTrue(help.out().contains("--pretrain-epochs=<pretrain-epochs>"), help.out());
  }

  @Test
  void aRunResultFileIsWrittenWhereAsked() throws Exception {
    Path file = temp.resolve("nested").resolve("r.json");
    CliRun o =
        CliRun.of(
            "run",
            "-m",
            "ae-kmeans",
            "-d",
            "blobs",
            "-D",
            "n=90",
            "-D",
            "k=3",
            "--dims",
            "8,2",
            "--pretrain-epochs",
            "2",
            "--kmeans-restarts",
            "1",
            "--no-cache",
            "--no-checkpoint",
            "-q",
            "-o",
            file.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(Files.isRegularFile(file));
  }
}
