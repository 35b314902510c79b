package org.dec4j.runtime;

import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.api.result.RunConfig;

/**
 * A request for one run: what to run (a {@link RunConfig}, with the hyperparameters and options the
 * user gave; {@link Runner} resolves them once, and the result records them resolved) and where to
 * find and keep things ({@link RunEnvironment}).
 *
 * @param run what to run: method, data set, encoder, their settings, pretraining, k (0 for the data
 *     set's class count), seed and k-means restarts
 * @param environment data path, downloads, cache, model folder, checkpoints, command line
 */
public record RunSpec(RunConfig run, RunEnvironment environment) {

  /**
   * Checks k and the restarts, naming the option, and copies the settings.
   *
   * @throws ConfigException for k below 0 or fewer than one k-means restart
   */
  public RunSpec {
    if (run == null || environment == null) {
      throw new IllegalArgumentException("a run request needs a configuration and an environment");
    }
    if (run.clusters() < 0) {
      throw new ConfigException(
          "k = "
              + run.clusters()
              + ": give at least 2 clusters, or 0 to take the data"
              + " set's class count");
    }
    if (run.kmeansRestarts() < 1) {
      throw new ConfigException("kmeans-restarts = " + run.kmeansRestarts() + " must be >= 1");
    }
    run =
        new RunConfig(
            run.method(),
            Map.copyOf(run.methodParams()),
            run.dataset(),
            Map.copyOf(run.datasetParams()),
            run.encoder(),
            Map.copyOf(run.encoderParams()),
            run.pretrain(),
            run.clusters(),
            run.seed(),
            run.kmeansRestarts());
  }

  /**
   * A copy with another method.
   *
   * @param method the method id
   * @param params its hyperparameters
   * @return the copy
   */
  public RunSpec withMethod(String method, Map<String, Object> params) {
    RunConfig r = run;
    return new RunSpec(
        new RunConfig(
            method,
            params,
            r.dataset(),
            r.datasetParams(),
            r.encoder(),
            r.encoderParams(),
            r.pretrain(),
            r.clusters(),
            r.seed(),
            r.kmeansRestarts()),
        environment);
  }

  /**
   * A copy with another encoder and pretraining.
   *
   * @param encoder the encoder id
   * @param params its hyperparameters
   * @param pretrain the pretraining
   * @return the copy
   */
  public RunSpec withEncoder(String encoder, Map<String, Object> params, PretrainConfig pretrain) {
    RunConfig r = run;
    return new RunSpec(
        new RunConfig(
            r.method(),
            r.methodParams(),
            r.dataset(),
            r.datasetParams(),
            encoder,
            params,
            pretrain,
            r.clusters(),
            r.seed(),
            r.kmeansRestarts()),
        environment);
  }

  /**
   * A copy with other pretraining settings.
   *
   * @param settings the pretraining
   * @return the copy
   */
  public RunSpec withPretrain(PretrainConfig settings) {
    return withEncoder(run.encoder(), run.encoderParams(), settings);
  }

  /**
   * A copy with another k and seed.
   *
   * @param clusters k, or 0 for the data set's class count
   * @param seed the seed
   * @return the copy
   */
  public RunSpec withClustersAndSeed(int clusters, long seed) {
    RunConfig r = run;
    return new RunSpec(
        new RunConfig(
            r.method(),
            r.methodParams(),
            r.dataset(),
            r.datasetParams(),
            r.encoder(),
            r.encoderParams(),
            r.pretrain(),
            clusters,
            seed,
            r.kmeansRestarts()),
        environment);
  }

  /**
   * A copy in another environment.
   *
   * @param other the environment
   * @return the copy
   */
  public RunSpec in(RunEnvironment other) {
    return new RunSpec(run, other);
  }

  /**
   * A copy that saves the trained model to a folder.
   *
   * @param dir the model folder
   * @return the copy
   */
  public RunSpec withModelDir(java.nio.file.Path dir) {
    return in(environment.withModelDir(dir));
  }

  /**
   * A copy that saves checkpoints as given.
   *
   * @param settings when and where
   * @return the copy
   */
  public RunSpec withCheckpoints(Checkpointing settings) {
    return in(environment.withCheckpoints(settings));
  }
}
