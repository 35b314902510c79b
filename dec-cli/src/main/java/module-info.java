/**
 * The {@code dec4j} command line: run, plugins, datasets, suites; and the benchmark of {@code dec4j
 * bench}.
 */
module org.dec4j.cli {
  requires org.dec4j.runtime;
  requires org.dec4j.suite;
  requires ai.djl.mxnet_engine;
  requires info.picocli;
  requires jdk.unsupported;
  requires java.management;
  requires jdk.management;

  opens org.dec4j.cli to
      info.picocli;
}
