/** DEC, Deep Embedded Clustering (Xie, Girshick and Farhadi, ICML 2016), as a dec4j objective. */
module org.dec4j.plugin.dec {
  requires org.dec4j.api;

  provides org.dec4j.api.objective.ClusteringObjective with
      org.dec4j.plugin.dec.DecObjective;
}
