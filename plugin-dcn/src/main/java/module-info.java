/**
 * DCN, the Deep Clustering Network of Yang, Fu, Sidiropoulos and Hong, "Towards K-means-friendly
 * Spaces: Simultaneous Deep Learning and Clustering" (ICML 2017), as a {@link
 * org.dec4j.api.objective.ClusteringObjective} with id {@code dcn}.
 *
 * <p>The module exports nothing: the runtime finds the objective through {@link
 * java.util.ServiceLoader}.
 */
module org.dec4j.plugin.dcn {
  requires org.dec4j.api;

  provides org.dec4j.api.objective.ClusteringObjective with
      org.dec4j.plugin.dcn.DcnObjective;
}
