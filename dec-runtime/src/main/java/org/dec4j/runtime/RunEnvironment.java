package org.dec4j.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run finds and keeps things, and how it was asked for: nothing here changes what the run
 * computes (that is its {@link org.dec4j.api.result.RunConfig}).
 *
 * @param dataPath directories to look for data files in
 * @param allowDownload whether missing data files may be downloaded
 * @param cacheDir where pretrained autoencoders are cached, or null for no cache
 * @param modelDir where to save the trained model (encoder weights, centroids, config), or null
 * @param checkpoints when and where to save checkpoints of long phases (disabled unless asked for)
 * @param command the command line, for provenance ("" when there is none)
 */
public record RunEnvironment(
    List<Path> dataPath,
    boolean allowDownload,
    Path cacheDir,
    Path modelDir,
    Checkpointing checkpoints,
    String command) {

  /** Copies the path; no checkpoints and no command when not given. */
  public RunEnvironment {
    dataPath = List.copyOf(dataPath);
    checkpoints = checkpoints == null ? Checkpointing.disabled() : checkpoints;
    command = command == null ? "" : command;
  }

  /**
   * An environment that reads data from a search path and keeps nothing: no downloads, no cache, no
   * saved model, no checkpoints.
   *
   * @param dataPath directories to look for data files in
   * @return the environment
   */
  public static RunEnvironment of(List<Path> dataPath) {
    return new RunEnvironment(dataPath, false, null, null, Checkpointing.disabled(), "");
  }

  /**
   * A copy that may or may not download missing data files.
   *
   * @param allow whether downloads are allowed
   * @return the copy
   */
  public RunEnvironment withDownload(boolean allow) {
    return new RunEnvironment(dataPath, allow, cacheDir, modelDir, checkpoints, command);
  }

  /**
   * A copy that caches pretrained autoencoders in a folder.
   *
   * @param dir the cache folder, or null for none
   * @return the copy
   */
  public RunEnvironment withCacheDir(Path dir) {
    return new RunEnvironment(dataPath, allowDownload, dir, modelDir, checkpoints, command);
  }

  /**
   * A copy that saves the trained model to a folder.
   *
   * @param dir the model folder, or null for none
   * @return the copy
   */
  public RunEnvironment withModelDir(Path dir) {
    return new RunEnvironment(dataPath, allowDownload, cacheDir, dir, checkpoints, command);
  }

  /**
   * A copy that saves checkpoints as given.
   *
   * @param settings when and where
   * @return the copy
   */
  public RunEnvironment withCheckpoints(Checkpointing settings) {
    return new RunEnvironment(dataPath, allowDownload, cacheDir, modelDir, settings, command);
  }

  /**
   * A copy that records a command line in the provenance.
   *
   * @param line the command line
   * @return the copy
   */
  public RunEnvironment withCommand(String line) {
    return new RunEnvironment(dataPath, allowDownload, cacheDir, modelDir, checkpoints, line);
  }
}
