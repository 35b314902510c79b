/**
 * The dec4j runtime: finds plugins with {@link java.util.ServiceLoader}, pretrains autoencoders
 * with DJL on MXNet, drives clustering objectives, evaluates and records results. Suites and
 * reports are in {@code org.dec4j.suite}, the command line in {@code org.dec4j.cli}.
 */
module org.dec4j.runtime {
  requires transitive org.dec4j.api;
  requires ai.djl.mxnet_engine;
  requires smile.core;
  requires smile.base;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.management;
  requires jdk.management;
  requires com.sun.jna;

  exports org.dec4j.runtime;
  exports org.dec4j.runtime.metrics;
  // The ids of the built-in objective and encoder, which suites and reports name.
  exports org.dec4j.runtime.builtin to
      org.dec4j.suite;
  // For the benchmark of `dec4j bench`, which times the network, the optimiser and the clustering
  // loop.
  exports org.dec4j.runtime.nn to
      org.dec4j.cli;
  exports org.dec4j.runtime.internal to
      org.dec4j.cli;

  opens org.dec4j.runtime to
      com.fasterxml.jackson.databind;

  uses org.dec4j.api.encoder.Encoder;
  uses org.dec4j.api.objective.ClusteringObjective;
  uses org.dec4j.api.data.Dataset;

  provides org.dec4j.api.encoder.Encoder with
      org.dec4j.runtime.nn.MlpEncoder,
      org.dec4j.runtime.builtin.IdentityEncoder;
  provides org.dec4j.api.objective.ClusteringObjective with
      org.dec4j.runtime.builtin.AeKMeansObjective;
}
