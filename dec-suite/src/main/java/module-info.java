/**
 * dec4j's comparison suites and reports: reads suite files, runs their runs resumably and shardably
 * through the runtime's {@link org.dec4j.runtime.Runner}, and writes summary tables and the HTML
 * report of a result folder.
 */
module org.dec4j.suite {
  requires transitive org.dec4j.runtime;
  requires smile.core;
  requires smile.base;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;

  exports org.dec4j.suite;
  exports org.dec4j.suite.report;

  opens org.dec4j.suite to
      com.fasterxml.jackson.databind;
  opens org.dec4j.suite.report to
      com.fasterxml.jackson.databind;
}
