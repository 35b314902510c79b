package org.dec4j.runtime.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dec4j.api.Hyperparameters;
import org.dec4j.api.objective.ClusteringContext;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.KMeans;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.nn.Network;

/**
 * The engine internals that {@code dec4j bench} (in dec-cli) measures: the context a session sees
 * and the real clustering loop, both package-private in {@code org.dec4j.runtime}. This package is
 * exported to {@code org.dec4j.cli} only, so nothing here is public API.
 *
 * <p>The runtime's package registers its implementation when its holder class is initialised, the
 * first time {@link #engine()} is called.
 */
public final class EngineAccess {
  private static final String HOLDER = "org.dec4j.runtime.EngineHooks";
  private static volatile Engine engine;

  private EngineAccess() {}

  /** What the benchmark calls in the runtime's package. */
  public interface Engine {
    /**
     * The context a session of a real run sees.
     *
     * @param hyperparameters the objective's resolved hyperparameters
     * @param clusters the number of clusters
     * @param sampleCount rows of the data
     * @param embeddingDim width of the embedding
     * @param seed the seed
     * @param manager the session's manager
     * @param kmeans the k-means of the initialisation
     * @return the context
     */
    ClusteringContext context(
        Hyperparameters hyperparameters,
        int clusters,
        int sampleCount,
        int embeddingDim,
        long seed,
        NDManager manager,
        KMeans kmeans);

    /**
     * Runs the clustering loop of a real run (its refreshes and metrics included) with a session.
     *
     * @param network the network
     * @param data all rows
     * @param truth the labels, for the per-refresh metrics
     * @param seed the seed (also of the metric sample)
     * @param progress receives the loop's progress
     * @param session the started session
     */
    void cluster(
        Network network,
        NDArray data,
        int[] truth,
        long seed,
        ProgressSink progress,
        ClusteringSession session);

    /**
     * {@return MXNet's enabled build features of interest, e.g. "features MKLDNN OPENMP BLAS_OPEN"}
     */
    String nativeFeatures();
  }

  /**
   * Registers the runtime's implementation; called once, by the runtime itself.
   *
   * @param implementation the implementation
   */
  public static synchronized void register(Engine implementation) {
    if (engine != null) {
      throw new IllegalStateException("the engine access is registered already");
    }
    engine = implementation;
  }

  /** {@return the runtime's implementation} */
  public static Engine engine() {
    if (engine == null) {
      try {
        Class.forName(HOLDER, true, EngineAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(HOLDER + " is missing from the runtime", e);
      }
    }
    return engine;
  }
}
