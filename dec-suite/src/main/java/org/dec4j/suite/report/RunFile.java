package org.dec4j.suite.report;

import java.nio.file.Path;
import org.dec4j.api.result.RunResult;

/**
 * A result file and its contents.
 *
 * @param path the path relative to its result folder, e.g. {@code runs/mnist/dec-seed0.json}
 * @param result the result
 */
public record RunFile(Path path, RunResult result) {}
