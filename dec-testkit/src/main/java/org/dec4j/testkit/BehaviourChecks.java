package org.dec4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.result.TraceEntry;

/**
 * The checks of what an objective does when it trains, beyond the shape of what it returns: the
 * bugs that leave every value well-formed but change the results (a gradient that never reaches the
 * centroids, an unseeded random number, a hyperparameter read but unused, a flipped sign, a
 * checkpoint that misses part of the state, a NaN on a batch without a contributing sample, a range
 * that includes values the method cannot train with).
 */
final class BehaviourChecks {
  static final String GRADIENT_FLOW =
      "a non-zero gradient reaches the encoder and every array of parameters()";
  static final String TRAINING_MOVES =
      "a short run changes the encoder, every array of parameters() and centroids()";
  static final String LEARNS =
      "where k-means alone is imperfect, training lowers the loss and does not worsen"
          + " the clustering";
  static final String EDGES =
      "batches where no sample contributes to the loss give a finite loss and gradients";
  static final String RESUME =
      "saveState(), then restoreState() in a new session, continues exactly as the"
          + " uninterrupted run";
  static final String EXTREMES =
      "every numeric hyperparameter at its declared min and max gives finite losses and"
          + " valid labels";
  static final String USED = "changing any hyperparameter changes the run";
  static final String DIAGNOSTICS =
      "diagnostics() are snake_case names with finite values, the same at every" + " refresh";

  /** How much the quality run's ARI may fall below its k-means start before the check fails. */
  static final double ARI_TOLERANCE = 0.05;

  private BehaviourChecks() {}

  static Outcome gradientFlow(KitRuns runs) {
    HarnessRun r = runs.first();
    if (r.losses().length == 0) {
      return new Outcome.Skipped("no gradient step ran");
    }
    List<String> problems = new ArrayList<>();
    r.maxGradients()
        .forEach(
            (name, g) -> {
              if (Double.isNaN(g) || Double.isInfinite(g)) {
                problems.add(name + " received a non-finite gradient");
              } else if (g == 0) {
                problems.add(
                    name
                        + " never received a non-zero gradient in "
                        + r.losses().length
                        + " steps: the loss does"
                        + " not depend on it (stopGradient(), or a copy such as duplicate(), toType() or toFloatArray() taken"
                        + " before the loss uses it)");
              }
            });
    for (String stray : r.strayGradients()) {
      problems.add(
          stray
              + " of the session receives a gradient but is not in parameters(), so no optimiser"
              + " updates it: return it from parameters()");
    }
    return problems.isEmpty()
        ? pass(r.maxGradients().keySet() + ", " + r.losses().length + " steps")
        : fail(String.join("; ", problems));
  }

  static Outcome trainingMoves(KitRuns runs) {
    HarnessRun r = runs.first();
    if (r.iterations() == 0) {
      return new Outcome.Skipped("no iteration ran");
    }
    return r.unchanged().isEmpty()
        ? pass(r.iterations() + " iterations")
        : fail(
            String.join(", ", r.unchanged())
                + " did not change over "
                + r.iterations()
                + " iterations: an array"
                + " the optimiser never updates (not in parameters(), no gradient, or setRequiresGradient(true) missing),"
                + " or centroids() returning a copy taken at initialize()");
  }

  static Outcome learns(KitRuns runs) {
    Fixture f = runs.qualityFixture;
    HarnessRun r = runs.quality();
    double start = r.initialAri(f);
    double end = r.ari(f);
    String scores =
        String.format(
            Locale.ROOT,
            "ARI %.3f at the start (initialize()), %.3f after %d iterations",
            start,
            end,
            r.iterations());
    if (start >= 0.999) {
      return new Outcome.Skipped(
          "initialize() already recovers the quality fixture '"
              + f.name()
              + "' ("
              + scores
              + "), so it cannot show whether training helps; give .qualityFixture(...) one it does not recover");
    }
    double[] l = r.losses();
    if (l.length < 8) {
      return new Outcome.Skipped(
          "only "
              + l.length
              + " steps ran on the quality fixture '"
              + f.name()
              + "'; allow more iterations (max_iter, or a later convergence)");
    }
    List<String> problems = new ArrayList<>();
    String decrease = lossDecrease(r);
    if (decrease.startsWith("!")) {
      problems.add(
          decrease.substring(1)
              + "; the optimiser minimises what loss() returns, so check that it depends on"
              + " the trained arrays and that lr is used");
    }
    if (end < start - ARI_TOLERANCE) {
      problems.add(
          scores
              + ": training made the clustering worse than its k-means start. Check the sign of the"
              + " loss (the optimiser minimises it) and which way each term pulls the embedding and the centroids");
    }
    String where = " (fixture '" + f.name() + "')";
    return problems.isEmpty()
        ? pass(scores + ", " + decrease + where)
        : fail(String.join("; ", problems) + where);
  }

  /** Refresh intervals this long or longer are compared half against half. */
  static final int INTERVAL_STEPS = 8;

  /**
   * Whether the loss decreased: within the refresh intervals of at least {@link #INTERVAL_STEPS}
   * steps, where whatever a refresh recomputes (DEC's target P) is fixed, the first half's mean
   * against the second's, summed relative to the first halves; with shorter intervals, the first
   * quarter of the run against the last.
   *
   * @return a description; starting with "!" when the loss did not decrease
   */
  static String lossDecrease(HarnessRun r) {
    double[] l = r.losses();
    List<Integer> starts = new ArrayList<>();
    r.trace().forEach(e -> starts.add(e.iteration()));
    starts.add(l.length);
    double relative = 0;
    double before = 0;
    double after = 0;
    int intervals = 0;
    for (int i = 0; i + 1 < starts.size(); i++) {
      int from = starts.get(i);
      int to = Math.min(starts.get(i + 1), l.length);
      int half = (to - from) / 2;
      if (to - from < INTERVAL_STEPS) {
        continue;
      }
      double a = mean(l, from, from + half);
      double b = mean(l, to - half, to);
      relative += (a - b) / Math.max(Math.abs(a), 1e-30);
      before += a;
      after += b;
      intervals++;
    }
    if (intervals > 0) {
      String text =
          String.format(
              Locale.ROOT,
              "the loss within %d refresh interval%s went from %.4g to %.4g"
                  + " (first half against second half, summed)",
              intervals,
              intervals == 1 ? "" : "s",
              before,
              after);
      return (relative > 0 ? "" : "!")
          + text.replace("went from", relative > 0 ? "fell from" : "did not fall: from");
    }
    int q = Math.max(2, l.length / 4);
    double first = mean(l, 0, q);
    double last = mean(l, l.length - q, l.length);
    String text =
        String.format(
            Locale.ROOT,
            "the loss fell from %.4g over the first %d steps to %.4g over the last %d",
            first,
            q,
            last,
            q);
    return last < first ? text : "!" + text.replace("fell from", "did not fall: from");
  }

  static Outcome edges(KitRuns runs) {
    HarnessRun r = runs.first();
    if (r.edgeProblems().isEmpty()) {
      return pass(r.edgeProbes().size() + " batches: " + String.join(", ", r.edgeProbes()));
    }
    return fail(
        String.join("; ", r.edgeProblems())
            + ". A mean over samples, clusters or weights that can be empty"
            + " must not divide by zero: divide by max(count, 1), or floor the denominator as ClusteringMath does");
  }

  static Outcome resume(KitRuns runs) {
    // Runs that go on past convergence, so that the state saved has evolved over several refreshes.
    HarnessRun a = runs.continued();
    int refreshes = a.refreshLabels().size();
    if (refreshes == 0) {
      return new Outcome.Skipped("the run has no refresh, so there is nothing to checkpoint");
    }
    int at = Math.max(1, refreshes - 1);
    HarnessRun b;
    try {
      b = runs.resumed(at);
    } catch (IllegalStateException e) {
      return new Outcome.Failed(
          e.getMessage()
              + ". saveState() must store everything the later calls need (what"
              + " refresh() computed, counters, schedules), and restoreState() must rebuild it",
          e.getCause());
    }
    if (b.saveStateDeclined()) {
      return new Outcome.Skipped(
          "saveState() returns false, so a killed run starts its clustering phase again"
              + " instead of resuming; implement saveState() and restoreState() to resume");
    }
    String diff = difference(a, b);
    if (diff != null) {
      return fail(
          "after saveState() at iteration "
              + b.resumedAt()
              + " and restoreState() in a new session, the"
              + " run differs from the uninterrupted one: "
              + diff
              + ". saveState() must store everything the later"
              + " calls depend on (what refresh() computed, counters, schedules), bit for bit");
    }
    return pass(
        "resumed at iteration " + b.resumedAt() + " of " + b.iterations() + " (past convergence)");
  }

  static Outcome extremes(KitRuns runs, PluginInfo info) {
    KitRuns.Attempt baseline = runs.sweep(Map.of());
    if (baseline.error() != null) {
      return new Outcome.Failed(
          "the run with the kit's parameters fails already: " + baseline.error().getMessage(),
          baseline.error());
    }
    List<String> problems = new ArrayList<>();
    int tried = 0;
    for (HyperparameterSpec h : info.hyperparameters()) {
      if (!numeric(h)) {
        continue;
      }
      for (boolean max : new boolean[] {false, true}) {
        double bound = max ? h.max() : h.min();
        if (!Double.isFinite(bound)) {
          continue; // the bounds check reports it
        }
        Object value = typed(h, bound);
        tried++;
        String label = h.name() + " = " + value + " (its declared " + (max ? "max" : "min") + ")";
        KitRuns.Attempt a = runs.sweep(Map.of(h.name(), value));
        if (a.error() != null) {
          problems.add(label + ": " + a.error().getMessage());
          continue;
        }
        String bad = badValues(a.run(), runs.fixture.clusters());
        if (bad != null) {
          problems.add(label + ": " + bad);
        }
      }
    }
    return problems.isEmpty()
        ? pass(tried + " runs of " + runs.sweepIterations() + " iterations")
        : fail(
            String.join("; ", problems)
                + ". Declare the range of values the method can train with, or make the"
                + " computation safe at its ends");
  }

  private static String badValues(HarnessRun r, int k) {
    double[] l = r.losses();
    for (int i = 0; i < l.length; i++) {
      if (!Double.isFinite(l[i])) {
        return "the loss at iteration " + i + " is " + l[i];
      }
    }
    List<int[]> all = new ArrayList<>();
    all.add(r.initialLabels());
    all.addAll(r.refreshLabels());
    all.add(r.labels());
    for (int[] labels : all) {
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= k) {
          return "label " + labels[i] + " for point " + i + ", outside [0, " + k + ")";
        }
      }
    }
    return null;
  }

  static Outcome used(KitRuns runs, PluginInfo info) {
    HarnessRun baseline;
    try {
      baseline = runs.sweep(Map.of()).get();
    } catch (RuntimeException e) {
      return new Outcome.Failed("the run with the kit's parameters failed: " + e.getMessage(), e);
    }
    Map<String, Object> base = baseline.hyperparameters().asMap();
    List<HyperparameterSpec> switches =
        info.hyperparameters().stream()
            .filter(
                h ->
                    h.type() == HyperparameterSpec.Type.CHOICE
                        || h.type() == HyperparameterSpec.Type.BOOLEAN)
            .toList();
    List<String> ignored = new ArrayList<>();
    int tested = 0;
    for (HyperparameterSpec h : info.hyperparameters()) {
      List<Object> alternatives = alternatives(h, base.get(h.name()));
      if (alternatives.isEmpty()) {
        continue;
      }
      tested++;
      if (changes(runs, h.name(), alternatives, Map.of(), baseline)) {
        continue;
      }
      // Some hyperparameters only matter under another setting (momentum with optimizer = sgd).
      boolean used = false;
      for (HyperparameterSpec s : switches) {
        if (s.name().equals(h.name()) || used) {
          continue;
        }
        for (Object other : alternatives(s, base.get(s.name()))) {
          KitRuns.Attempt under = runs.sweep(Map.of(s.name(), other));
          if (under.error() == null
              && changes(runs, h.name(), alternatives, Map.of(s.name(), other), under.run())) {
            used = true;
            break;
          }
        }
      }
      if (!used) {
        ignored.add(
            h.name()
                + " ("
                + base.get(h.name())
                + " -> "
                + String.join(" and ", alternatives.stream().map(String::valueOf).toList())
                + ")");
      }
    }
    if (ignored.isEmpty()) {
      return pass(tested + " hyperparameters changed the run");
    }
    String under =
        switches.isEmpty()
            ? ""
            : ", also with every other value of "
                + String.join(", ", switches.stream().map(HyperparameterSpec::name).toList());
    return fail(
        "changing "
            + String.join("; ", ignored)
            + " changed nothing in a "
            + runs.sweepIterations()
            + "-iteration run"
            + under
            + ": not the plan, a loss, a label, the centroids or a diagnostic. Read each"
            + " hyperparameter from context.hyperparameters() and use it, or remove its declaration");
  }

  private static boolean changes(
      KitRuns runs,
      String name,
      List<Object> alternatives,
      Map<String, Object> context,
      HarnessRun reference) {
    for (Object value : alternatives) {
      Map<String, Object> p = new java.util.HashMap<>(context);
      p.put(name, value);
      KitRuns.Attempt a = runs.sweep(p);
      if (a.error() != null || difference(reference, a.run()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Other valid values of a hyperparameter than its value in the kit's runs: its bounds, or its
   * other choices.
   */
  static List<Object> alternatives(HyperparameterSpec h, Object current) {
    Set<Object> out = new LinkedHashSet<>();
    switch (h.type()) {
      case BOOLEAN -> out.add(!(Boolean) current);
      case CHOICE -> h.choices().stream().filter(c -> !c.equals(current)).forEach(out::add);
      case INT, LONG, REAL -> {
        double now = ((Number) current).doubleValue();
        for (double bound : new double[] {h.min(), h.max()}) {
          if (Double.isFinite(bound) && bound != now) {
            out.add(typed(h, bound));
          }
        }
        if (out.isEmpty()) {
          for (double near : new double[] {now + 1, now - 1, now * 2, now / 2}) {
            if (near >= h.min()
                && near <= h.max()
                && near != now
                && (h.type() == HyperparameterSpec.Type.REAL || near == Math.rint(near))) {
              out.add(typed(h, near));
              break;
            }
          }
        }
      }
      default -> {
        // TEXT and INT_LIST: no value can be guessed that the method would accept.
      }
    }
    return List.copyOf(out);
  }

  static Outcome diagnostics(KitRuns runs) {
    HarnessRun r = runs.first();
    Set<String> names = null;
    for (TraceEntry e : r.trace()) {
      Set<String> here = e.diagnostics().keySet();
      if (names == null) {
        names = here;
      } else if (!names.equals(here)) {
        return fail(
            "diagnostics() reported "
                + names
                + " at the first refresh but "
                + here
                + " at iteration "
                + e.iteration()
                + "; report the same names at every refresh");
      }
      for (var d : e.diagnostics().entrySet()) {
        if (d.getKey() == null || !d.getKey().matches("[a-z][a-z0-9_]*")) {
          return fail(
              "diagnostic name '"
                  + d.getKey()
                  + "' is not snake_case (lowercase letters, digits, _)");
        }
        if (d.getValue() == null || !Double.isFinite(d.getValue())) {
          return fail(
              "diagnostic '"
                  + d.getKey()
                  + "' is "
                  + d.getValue()
                  + " at iteration "
                  + e.iteration()
                  + "; report a finite value (e.g. 0 when nothing was counted)");
        }
      }
    }
    return pass(names == null || names.isEmpty() ? "none reported" : String.join(", ", names));
  }

  /**
   * The first observable difference between two runs: plan, iterations, stopping, losses, labels,
   * centroids, soft assignment, diagnostics.
   *
   * @return a description, or null when they agree in all of them
   */
  static String difference(HarnessRun a, HarnessRun b) {
    if (!a.plan().equals(b.plan())) {
      return "plan() is " + a.plan() + " in one and " + b.plan() + " in the other";
    }
    double[] la = a.losses();
    double[] lb = b.losses();
    for (int i = 0; i < Math.min(la.length, lb.length); i++) {
      if (Double.doubleToLongBits(la[i]) != Double.doubleToLongBits(lb[i])) {
        return "the loss at iteration "
            + i
            + " is "
            + la[i]
            + " in one and "
            + lb[i]
            + " in the other";
      }
    }
    if (a.iterations() != b.iterations() || a.converged() != b.converged()) {
      return "one ran "
          + a.iterations()
          + " iterations"
          + (a.converged() ? " (converged)" : "")
          + ", the other "
          + b.iterations()
          + (b.converged() ? " (converged)" : "");
    }
    if (!Arrays.equals(a.initialLabels(), b.initialLabels())) {
      return "initialize() gave different labels ("
          + differing(a.initialLabels(), b.initialLabels())
          + " of "
          + a.initialLabels().length
          + " points)";
    }
    for (int i = 0; i < Math.min(a.refreshLabels().size(), b.refreshLabels().size()); i++) {
      if (!Arrays.equals(a.refreshLabels().get(i), b.refreshLabels().get(i))) {
        return "refresh() #"
            + (i + 1)
            + " gave different labels ("
            + differing(a.refreshLabels().get(i), b.refreshLabels().get(i))
            + " points)";
      }
    }
    if (!Arrays.equals(a.labels(), b.labels())) {
      return "assign() gave different final labels ("
          + differing(a.labels(), b.labels())
          + " of "
          + a.labels().length
          + " points)";
    }
    if (!Arrays.deepEquals(a.centroids(), b.centroids())) {
      return "centroids() differ at the end";
    }
    if (!Arrays.deepEquals(a.softAssignment(), b.softAssignment())) {
      return "softAssign() differs at the end";
    }
    for (int i = 0; i < Math.min(a.trace().size(), b.trace().size()); i++) {
      if (!Objects.equals(a.trace().get(i).diagnostics(), b.trace().get(i).diagnostics())) {
        return "diagnostics() differ at iteration " + a.trace().get(i).iteration();
      }
    }
    return null;
  }

  static int differing(int[] a, int[] b) {
    int d = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        d++;
      }
    }
    return d + Math.abs(a.length - b.length);
  }

  private static boolean numeric(HyperparameterSpec h) {
    return h.type() == HyperparameterSpec.Type.INT
        || h.type() == HyperparameterSpec.Type.LONG
        || h.type() == HyperparameterSpec.Type.REAL;
  }

  private static Object typed(HyperparameterSpec h, double v) {
    return switch (h.type()) {
      case INT -> (int) v;
      case LONG -> (long) v;
      default -> v;
    };
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  private static Outcome pass(String detail) {
    return new Outcome.Passed(detail);
  }

  private static Outcome fail(String message) {
    return new Outcome.Failed(message, null);
  }
}
