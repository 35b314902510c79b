package org.dec4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Enforces the API level ({@link Dec4jApi#VERSION}) instead of leaving it to memory: dec-api's
 * public signature ({@link ApiSignatures}) is recorded per level in {@code
 * dec-api/api/level-N.txt}, and
 *
 * <ul>
 *   <li>the classes must match the record of the current level, so any change to the exported API
 *       fails the build until the level is raised and the new signature recorded;
 *   <li>from one recorded level to the next, something must have changed, and a removal or change
 *       (or a new abstract method in an existing type, which existing plugins do not implement)
 *       must come with {@link Dec4jApi#OLDEST_SUPPORTED} raised to that level, and every type that
 *       disappeared must be named in {@link Dec4jApi#MOVED}, so old plugins get a message.
 * </ul>
 *
 * <p>To record a new level: raise the constants, then run {@code ./build -pl dec-api verify
 * -Ddec4j.api.record=true} and commit the new file.
 */
class ApiLevelTest {
  private static final Path DIR = Path.of("api");
  private static final Pattern HEADER =
      Pattern.compile("# dec-api level (\\d+), oldest supported (\\d+)");

  @Test
  void theClassesMatchTheRecordOfTheCurrentLevel() throws IOException {
    Set<String> now = ApiSignatures.current();
    Path file = DIR.resolve("level-" + Dec4jApi.VERSION + ".txt");
    if (Boolean.getBoolean("dec4j.api.record")) {
      List<String> lines = new ArrayList<>();
      lines.add(
          "# dec-api level "
              + Dec4jApi.VERSION
              + ", oldest supported "
              + Dec4jApi.OLDEST_SUPPORTED);
      lines.addAll(now);
      Files.createDirectories(DIR);
      Files.write(file, lines, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(file),
        "API level "
            + Dec4jApi.VERSION
            + " has no recorded signature ("
            + file
            + "); record it with ./build -pl dec-api verify -Ddec4j.api.record=true");
    Level recorded = read(file);
    assertEquals(
        Dec4jApi.OLDEST_SUPPORTED,
        recorded.oldest(),
        file + " was recorded with another OLDEST_SUPPORTED");
    Set<String> added = minus(now, recorded.lines());
    Set<String> removed = minus(recorded.lines(), now);
    if (!added.isEmpty() || !removed.isEmpty()) {
      fail(
          "dec-api's public signature is not the one recorded for level "
              + Dec4jApi.VERSION
              + " ("
              + file
              + ")"
              + "\nadded:\n  "
              + String.join("\n  ", added)
              + "\nremoved or changed:\n  "
              + String.join("\n  ", removed)
              + "\nAn addition needs a new level: raise Dec4jApi.VERSION and record it (-Ddec4j.api.record=true). A"
              + " removal or change also raises OLDEST_SUPPORTED to the new level, and a type that moved goes into"
              + " Dec4jApi.MOVED.");
    }
  }

  @Test
  void eachRecordedLevelFollowsTheRulesAgainstThePreviousOne() throws IOException {
    Level previous = null;
    int checked = 0;
    for (int level = 1; level <= Dec4jApi.VERSION; level++) {
      Path file = DIR.resolve("level-" + level + ".txt");
      if (!Files.exists(file)) {
        continue;
      }
      Level current = read(file);
      assertEquals(level, current.level(), file + "'s header names another level");
      if (previous != null) {
        Set<String> added = minus(current.lines(), previous.lines());
        Set<String> removed = minus(previous.lines(), current.lines());
        assertFalse(
            added.isEmpty() && removed.isEmpty(),
            "level "
                + level
                + " records no change from level "
                + previous.level()
                + ": it should not have been raised");
        List<String> breaking = new ArrayList<>(removed);
        Set<String> oldTypes = types(previous.lines());
        for (String a : added) {
          if (a.endsWith(" abstract") && oldTypes.contains(a.substring(0, a.indexOf('#')))) {
            breaking.add(a + " (a new abstract method: existing implementations lack it)");
          }
        }
        if (!breaking.isEmpty()) {
          assertEquals(
              level,
              current.oldest(),
              "level "
                  + level
                  + " removes or changes what level "
                  + previous.level()
                  + " had, so it must drop the older levels (OLDEST_SUPPORTED = "
                  + level
                  + "):\n  "
                  + String.join("\n  ", breaking));
        }
        for (String gone : minus(oldTypes, types(current.lines()))) {
          String outermost = gone.contains("$") ? gone.substring(0, gone.indexOf('$')) : gone;
          assertTrue(
              Dec4jApi.MOVED.containsKey(outermost),
              "type "
                  + gone
                  + " of level "
                  + previous.level()
                  + " is gone at level "
                  + level
                  + ": say where it went in Dec4jApi.MOVED");
        }
        checked++;
      }
      previous = current;
    }
    assertTrue(checked >= 1, "at least two consecutive levels are recorded");
  }

  @Test
  void theMovedTypesNoLongerExistAndTheirNewHomesDo() {
    for (var e : Dec4jApi.MOVED.entrySet()) {
      assertFalse(exists(e.getKey()), e.getKey() + " still exists");
      String target = e.getValue().split(" ")[0];
      assertTrue(
          exists(target), "the new home of " + e.getKey() + ", " + target + ", does not exist");
    }
  }

  @Test
  void aLinkageErrorOnAMovedTypeIsExplained() {
    var explained =
        Dec4jApi.explainLinkage(
            "org.example.Old", new NoClassDefFoundError("org/dec4j/api/objective/StudentTSession"));
    assertTrue(explained.isPresent());
    assertTrue(
        explained
            .get()
            .startsWith(
                "org.example.Old was built against an older dec-api: "
                    + "org.dec4j.api.objective.StudentTSession no longer exists, it is now "
                    + "org.dec4j.api.objective.support.StudentTSession"),
        explained.get());
    var member =
        Dec4jApi.explainLinkage(
            "dkm",
            new NoSuchMethodError(
                "'void org.dec4j.api.objective.support.StudentTSession.<init>(ClusteringContext, TrainingPlan, double, double)'"));
    assertTrue(
        member
            .orElseThrow()
            .contains("rebuild the plugin against dec-api level " + Dec4jApi.VERSION),
        member.orElseThrow());
    assertTrue(
        Dec4jApi.explainLinkage("x", new NoClassDefFoundError("com/acme/Missing")).isEmpty(),
        "errors that do not involve dec-api are not explained as an API change");
  }

  private static boolean exists(String name) {
    try {
      Class.forName(name, false, Dec4jApi.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private record Level(int level, int oldest, Set<String> lines) {}

  private static Level read(Path file) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    Matcher m = HEADER.matcher(all.isEmpty() ? "" : all.get(0));
    assertTrue(m.matches(), file + " must start with '# dec-api level N, oldest supported M'");
    Set<String> lines = new TreeSet<>();
    all.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(lines::add);
    return new Level(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), lines);
  }

  private static Set<String> types(Set<String> lines) {
    Set<String> out = new TreeSet<>();
    lines.stream()
        .filter(l -> !l.contains("#"))
        .forEach(l -> out.add(l.substring(0, l.indexOf(' '))));
    return out;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
