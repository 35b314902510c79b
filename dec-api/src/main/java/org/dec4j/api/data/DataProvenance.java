package org.dec4j.api.data;

import java.util.List;

/**
 * Where loaded data came from, so a result can be traced to its exact input.
 *
 * @param source the canonical source (publication or URL) or the generator
 * @param files the files read, as absolute paths (empty for generated data)
 * @param sha256 SHA-256 over the loaded feature and label values (not the files), so the same
 *     data from a different file layout has the same checksum
 * @param description the options used, e.g. {@code split=all}
 */
public record DataProvenance(String source, List<String> files, String sha256, String description) {
  /** Copies the file list. */
  public DataProvenance {
    files = List.copyOf(files);
  }
}
