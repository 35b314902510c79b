/**
 * The stable dec4j API: the three service-provider interfaces a plugin implements ({@link
 * org.dec4j.api.encoder.Encoder}, {@link org.dec4j.api.objective.ClusteringObjective}, {@link
 * org.dec4j.api.data.Dataset}) and the records they exchange with the runtime.
 *
 * <p>Plugins require this module only. Tensors are DJL {@code NDArray}s, so DJL's API is
 * re-exported to every plugin.
 */
module org.dec4j.api {
  requires transitive ai.djl.api;

  exports org.dec4j.api;
  exports org.dec4j.api.data;
  exports org.dec4j.api.encoder;
  exports org.dec4j.api.objective;
  exports org.dec4j.api.objective.support;
  exports org.dec4j.api.result;
}
