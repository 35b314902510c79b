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
 * @param scaling a scaling fitted on a model's training data, to apply instead of fitting one on
 *     the rows being loaded, or null to fit as usual. Set when a saved model predicts: the option
 *     it names ({@link FeatureScaling#option()}) is already set to its method, and a data set that
 *     fits statistics for that option must apply these ones and report them in {@link
 *     LoadedDataset#scaling()} (data of another width may be left unscaled and reported unscaled:
 *     the caller refuses them). Data sets without fitted scaling ignore it.
 */
public record DatasetRequest(
    Hyperparameters options,
    List<Path> searchPath,
    long seed,
    boolean allowDownload,
    FeatureScaling scaling) {

  /**
   * A request that fits any scaling on the rows loaded (API level 1's constructor).
   *
   * @param options the validated options
   * @param searchPath directories to look for files in
   * @param seed seed for generated data
   * @param allowDownload whether downloads are allowed
   */
  public DatasetRequest(
      Hyperparameters options, List<Path> searchPath, long seed, boolean allowDownload) {
    this(options, searchPath, seed, allowDownload, null);
  }

  /** Copies the search path. */
  public DatasetRequest {
    searchPath = List.copyOf(searchPath);
  }
}
