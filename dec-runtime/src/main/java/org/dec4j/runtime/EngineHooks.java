package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.runtime.internal.EngineAccess;
import org.dec4j.runtime.nn.Network;

/** This package's side of {@link EngineAccess}, for the benchmark of dec-cli. */
final class EngineHooks implements EngineAccess.Engine {
  static {
    EngineAccess.register(new EngineHooks());
  }

  private EngineHooks() {}

  @Override
  public ClusteringContext context(
      Hyperparameters hyperparameters,
      int clusters,
      int sampleCount,
      int embeddingDim,
      long seed,
      NDManager manager,
      KMeans kmeans) {
    return new Runner.Context(
        hyperparameters, clusters, sampleCount, embeddingDim, seed, manager, kmeans);
  }

  @Override
  public void cluster(
      Network network,
      NDArray data,
      int[] truth,
      long seed,
      ProgressSink progress,
      ClusteringSession session) {
    var loop = new ClusteringLoop(network, data, truth, seed, progress);
    loop.run(
        session, Runner.sampleRows(Math.toIntExact(data.getShape().get(0)), Runner.SAMPLE, seed));
  }

  @Override
  public String nativeFeatures() {
    return NativeSettings.describe();
  }
}
