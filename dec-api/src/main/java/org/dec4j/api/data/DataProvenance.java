package org.dec4j.api.data;

import java.util.List;

/**
 * Where loaded data came from, so a result can be traced to its exact input.
 *
 * @param source the canonical source (publication or URL) or the generator
 * @param files the files read, as absolute paths (empty for generated data)
 * @param sha256 SHA-256 over the loaded feature and label values (not the files), so the same data
 *     from a different file layout has the same checksum
 * @param description the options used, e.g. {@code split=all}
 * @param subsample the per-class subsampling the runtime applied after loading (the {@code
 *     retention} option), or null when every row was kept; {@code sha256} is then the checksum of
 *     the rows kept
 */
public record DataProvenance(
    String source,
    List<String> files,
    String sha256,
    String description,
    ClassSubsample subsample) {

  /**
   * Provenance of data kept whole (API level 2's constructor).
   *
   * @param source the canonical source
   * @param files the files read
   * @param sha256 the checksum of the values loaded
   * @param description the options used
   */
  public DataProvenance(String source, List<String> files, String sha256, String description) {
    this(source, files, sha256, description, null);
  }

  /** Copies the file list. */
  public DataProvenance {
    files = List.copyOf(files);
  }

  /**
   * Returns this provenance for a per-class subsample of the data.
   *
   * @param checksum the checksum of the rows kept
   * @param applied what was kept
   * @return the provenance
   */
  public DataProvenance withSubsample(String checksum, ClassSubsample applied) {
    return new DataProvenance(source, files, checksum, description, applied);
  }
}
