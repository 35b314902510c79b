/**
 * Comparison suites: many methods (with hyperparameters and small grids) on many data sets with
 * several seeds, from one YAML or JSON file.
 *
 * <p>{@link org.dec4j.suite.SuiteReader} reads and validates a file into a {@link
 * org.dec4j.suite.Suite}; {@link org.dec4j.suite.SuitePlan} lists its runs in a fixed order and
 * checks them against the plugins; {@link org.dec4j.suite.SuiteRunner} runs them resumably (each
 * finished run is its own atomically written file, and finished runs are skipped on a rerun) and
 * shardably ({@link org.dec4j.suite.Shard}), then writes the report of {@link
 * org.dec4j.suite.report}.
 */
package org.dec4j.suite;
