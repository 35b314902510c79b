/**
 * Deep k-means as a dec4j objective with id {@code dkm}.
 *
 * <p>Like every dec4j plugin it requires only {@code org.dec4j.api} (which brings DJL's NDArray API),
 * provides its objective, and exports nothing: dec4j finds it with {@link java.util.ServiceLoader}.
 */
module org.example.dkm {
  requires org.dec4j.api;

  provides org.dec4j.api.objective.ClusteringObjective with org.example.dkm.DeepKMeansObjective;
}
