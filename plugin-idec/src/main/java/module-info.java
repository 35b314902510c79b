/**
 * IDEC, Improved Deep Embedded Clustering with local structure preservation (Guo, Gao, Liu and Yin,
 * IJCAI 2017), as a {@link org.dec4j.api.objective.ClusteringObjective} with id {@code idec}.
 *
 * <p>The module exports nothing: the runtime finds the objective through {@link
 * java.util.ServiceLoader}.
 */
module org.dec4j.plugin.idec {
  requires org.dec4j.api;

  provides org.dec4j.api.objective.ClusteringObjective with
      org.dec4j.plugin.idec.IdecObjective;
}
