package org.dec4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The method and its hyperparameters, as {@code run} and {@code choose-k} take them. */
final class MethodOptions {
  @Option(
      names = {"-m", "--method"},
      defaultValue = "dec",
      description = "Clustering method id (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = {"-P", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A method hyperparameter (repeatable), e.g. -P update_interval=140.")
  Map<String, String> params = new LinkedHashMap<>();
}
