package org.dec4j.cli;

import java.util.concurrent.Callable;
import org.dec4j.api.HyperParameter;
import org.dec4j.runtime.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dec4j plugins}: every plugin found, with its hyperparameters, and every broken one. */
@Command(name = "plugins", description = "List the encoders, methods and data sets found, and any that failed.")
final class PluginsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", description = "Also list each plugin's hyperparameters.")
  boolean verbose;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    PluginRegistry registry = PluginRegistry.discover();
    for (var e : registry.entries()) {
      out.printf("%-9s %-14s %-8s %-30s %s%n", e.kind(), e.info().id(), e.info().version(), e.origin(),
          e.info().description());
      if (verbose) {
        for (HyperParameter h : e.info().hyperparameters()) {
          out.printf("            %-18s default %-16s %s (%s)%n", h.name(), h.defaultValue(), h.description(),
              h.constraint());
        }
      }
    }
    for (var f : registry.failures()) {
      out.printf("BROKEN    %-9s %s: %s%n", f.kind(), f.provider(), f.problem());
    }
    return registry.failures().isEmpty() ? 0 : Main.EXIT_FAILURE;
  }
}
