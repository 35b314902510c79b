/**
 * The dec4j runtime: finds plugins with {@link java.util.ServiceLoader}, pretrains autoencoders with
 * DJL on MXNet, drives clustering objectives, evaluates and records results.
 */
module org.dec4j.runtime {
  requires transitive org.dec4j.api;
  requires ai.djl.mxnet_engine;
  requires smile.core;
  requires smile.base;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;
  requires java.management;
  requires jdk.management;
  requires com.sun.jna;

  exports org.dec4j.runtime;
  exports org.dec4j.runtime.metrics;
  exports org.dec4j.runtime.report;
  exports org.dec4j.runtime.suite;

  opens org.dec4j.runtime to com.fasterxml.jackson.databind;
  opens org.dec4j.runtime.report to com.fasterxml.jackson.databind;
  opens org.dec4j.runtime.suite to com.fasterxml.jackson.databind;

  uses org.dec4j.api.encoder.Encoder;
  uses org.dec4j.api.objective.ClusteringObjective;
  uses org.dec4j.api.data.Dataset;

  provides org.dec4j.api.encoder.Encoder with
      org.dec4j.runtime.nn.MlpEncoder,
      org.dec4j.runtime.builtin.IdentityEncoder;
  provides org.dec4j.api.objective.ClusteringObjective with org.dec4j.runtime.builtin.AeKMeansObjective;
}
