package org.dec4j.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.runtime.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dec4j datasets}: the data sets, where their files are looked for, and (with --load) their
 * sizes.
 */
@Command(
    name = "datasets",
    description = "List the data sets and where their files are looked for.")
final class DatasetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PluginOptions plugins;

  @Mixin DataOptions data;

  @Option(
      names = "--load",
      description = "Load each data set and print n, d and classes (slow for big ones).")
  boolean load;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    PluginRegistry registry = plugins.registry();
    for (Dataset d : registry.datasets().values()) {
      DatasetRequest request =
          new DatasetRequest(d.info().resolve(Map.of()), data.searchPath(), 0, false);
      out.printf("%-14s %s%n", d.info().id(), d.info().description());
      String hint = d.locationHint(request);
      if (!hint.isBlank()) {
        out.printf("%-14s %s%n", "", hint);
      }
      if (load) {
        try {
          long t = System.nanoTime();
          LoadedDataset l = d.load(request);
          out.printf(
              "%-14s n=%d d=%d classes=%d (%.1f s)%n",
              "", l.size(), l.dimension(), l.classCount(), (System.nanoTime() - t) / 1e9);
        } catch (Dec4jException e) {
          out.printf("%-14s not loadable: %s%n", "", e.getMessage());
        }
      }
    }
    return 0;
  }
}
