/**
 * Reports of result folders: summary tables as CSV, Markdown and LaTeX, and a self-contained HTML
 * report with metric and loss curves, t-SNE or UMAP maps of the final embeddings and confusion
 * matrices.
 *
 * <p>{@link org.dec4j.suite.report.ResultFolder} defines the folder layout and merges folders (e.g.
 * one per shard); {@link org.dec4j.suite.report.ReportWriter} writes the report of one.
 */
package org.dec4j.suite.report;
