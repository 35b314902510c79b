/**
 * The records of a run as written to its JSON result file: the configuration ({@link
 * org.dec4j.api.result.RunConfig}, {@link org.dec4j.api.encoder.PretrainConfig}), the outcome
 * ({@link org.dec4j.api.result.RunResult} with {@link org.dec4j.api.result.Scores}, {@link
 * org.dec4j.api.result.TraceEntry} and {@link org.dec4j.api.result.Timings}) and its {@link
 * org.dec4j.api.result.Provenance}.
 *
 * <p>All are plain records of JSON-friendly values, so a result read back from its file equals the
 * one written (hyperparameter values compare equal after {@link
 * org.dec4j.api.PluginInfo#resolve(java.util.Map)}).
 */
package org.dec4j.api.result;
