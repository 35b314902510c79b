package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.dec4j.api.Hyperparameters;

/**
 * What the runtime gives a {@link ClusteringSession}: its validated hyperparameters, the problem
 * size, a seed, a memory scope and services such as k-means.
 */
public interface ClusteringContext {

  /** {@return the method's validated hyperparameters} */
  Hyperparameters hyperparameters();

  /** {@return the number of clusters k, at least 2} */
  int clusters();

  /** {@return the number of samples n in the data being clustered} */
  int sampleCount();

  /** {@return the dimension of the embedding the encoder produces} */
  int embeddingDim();

  /** {@return the run's seed; use it (not global state) for every random choice} */
  long seed();

  /**
   * Returns the memory scope of the session: arrays the session keeps between iterations
   * (centroids, target distributions) are attached here and freed when the run ends.
   *
   * @return the session's manager
   */
  NDManager manager();

  /** {@return the runtime's seeded k-means (with restarts), for initialisation} */
  KMeans kmeans();

  /**
   * Makes an array outlive the current step. The runtime runs every call into the session inside an
   * {@link NDScope} that frees all arrays created there when the call returns; state the session
   * keeps (a new target distribution, new centroids) must pass through here, or be updated in
   * place.
   *
   * @param array an array created during the current call
   * @return the same array, now owned by {@link #manager()}
   */
  default NDArray keep(NDArray array) {
    NDScope.unregister(array);
    array.attach(manager());
    return array;
  }
}
