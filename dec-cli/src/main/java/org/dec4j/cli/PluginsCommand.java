package org.dec4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.runtime.Comparison;
import org.dec4j.runtime.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dec4j plugins}: every plugin found, with its hyperparameters, and every broken one. */
@Command(
    name = "plugins",
    description = "List the encoders, methods and data sets found, and any that failed.")
final class PluginsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--verbose", description = "Also list each plugin's hyperparameters.")
  boolean verbose;

  @Mixin PluginOptions plugins;

  /** The origin shown for the k-means baselines. */
  static final String BASELINE = "built-in baseline";

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    PluginRegistry registry = plugins.registry();
    for (Path dir : registry.pluginDirs()) {
      out.printf("plugin directory %s%n", dir);
    }
    out.printf(
        "%-9s %-14s %-8s %-4s %-30s %s%n", "KIND", "ID", "VERSION", "API", "ORIGIN", "DESCRIPTION");
    List<PluginRegistry.Entry> entries = new ArrayList<>();
    for (var e : registry.entries()) {
      // The baselines run like any method (run -m, compare, suites) but come with dec4j itself.
      entries.add(
          e.info().id().equals(Comparison.AE_KMEANS) && e.kind().equals("objective")
              ? new PluginRegistry.Entry(e.kind(), e.info(), BASELINE)
              : e);
      if (e.info().id().equals(Comparison.AE_KMEANS) && e.kind().equals("objective")) {
        entries.add(new PluginRegistry.Entry(e.kind(), Comparison.kmeansInfo(), BASELINE));
      }
    }
    for (var e : entries) {
      String api =
          e.info().apiVersion() == Dec4jApi.UNDECLARED
              ? "-"
              : Integer.toString(e.info().apiVersion());
      out.printf(
          "%-9s %-14s %-8s %-4s %-30s %s%n",
          e.kind(), e.info().id(), e.info().version(), api, e.origin(), e.info().description());
      if (verbose) {
        for (HyperparameterSpec h : e.info().hyperparameters()) {
          out.printf(
              "            %-18s default %-16s %s (%s)%n",
              h.name(), h.defaultValue(), h.description(), h.constraint());
        }
      }
    }
    for (var f : registry.failures()) {
      out.printf(
          "BROKEN    %-9s %s%s: %s%n",
          f.kind(),
          f.provider(),
          f.origin().isEmpty() || f.origin().equals(f.provider()) ? "" : " (" + f.origin() + ")",
          f.problem());
    }
    return registry.failures().isEmpty() ? 0 : Main.EXIT_FAILURE;
  }
}
