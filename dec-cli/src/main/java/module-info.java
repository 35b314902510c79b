/** The {@code dec4j} command line: run, plugins, datasets. */
module org.dec4j.cli {
  requires org.dec4j.runtime;
  requires org.dec4j.suite;
  requires info.picocli;
  requires jdk.unsupported;
  requires java.management;

  opens org.dec4j.cli to info.picocli;
}
