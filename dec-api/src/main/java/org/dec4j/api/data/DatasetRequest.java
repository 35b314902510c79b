package org.dec4j.api.data;

import java.nio.file.Path;
import java.util.List;
import org.dec4j.api.Hyperparameters;

/**
 * What the runtime asks a {@link Dataset} for.
 *
 * @param options the data set's own options, validated against its {@code info().hyperparameters()}
 * @param searchPath directories to look for files in, in order (the data directory option, the
 *     {@code DEC4J_DATA} environment variable, the user default, system locations)
 * @param seed seed for generated data and subsampling
 * @param allowDownload whether the loader may download missing files (it then verifies checksums)
 */
public record DatasetRequest(Hyperparameters options, List<Path> searchPath, long seed, boolean allowDownload) {
  /** Copies the search path. */
  public DatasetRequest {
    searchPath = List.copyOf(searchPath);
  }
}
