package org.dec4j.api.data;

import org.dec4j.api.PluginInfo;

/**
 * Service-provider interface for a data set.
 *
 * <p>A provider is cheap to construct: {@link #info()} returns metadata only, and the data are read
 * (or generated) by {@link #load(DatasetRequest)}. Implementations are found by {@link
 * java.util.ServiceLoader}; a plugin module declares {@code provides org.dec4j.api.data.Dataset
 * with ...}.
 */
public interface Dataset {

  /** {@return the id, version, description and the options this data set accepts} */
  PluginInfo info();

  /**
   * Says in one line where the files of this data set are looked for and where they come from, for
   * listings and for the error a user sees when they are missing.
   *
   * @param request the request (its search path)
   * @return a human-readable description; empty for generated data
   */
  default String locationHint(DatasetRequest request) {
    return "";
  }

  /**
   * Loads the data.
   *
   * @param request validated options, search path and seed
   * @return the features, labels when known, and provenance
   * @throws org.dec4j.api.DataException when files are missing or malformed, naming the file and
   *     the problem; never returns partial data
   */
  LoadedDataset load(DatasetRequest request);
}
