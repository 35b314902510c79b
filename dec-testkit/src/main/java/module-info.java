/**
 * The dec4j plugin test kit: the contract every objective, and every data set, plugin must pass, as
 * a fluent runner ({@link org.dec4j.testkit.ObjectiveTestKit}, {@link
 * org.dec4j.testkit.DatasetTestKit}) whose checks come out as a report or as JUnit dynamic tests.
 *
 * <p>It needs neither the dec4j runtime nor Smile: objectives run on a fixed embedding through the
 * kit's own small loop ({@link org.dec4j.testkit.ObjectiveHarness}), which keeps the runtime's
 * calling contract (scopes, refreshes, plans) described on {@link
 * org.dec4j.api.objective.ClusteringObjective}. Add it in test scope.
 */
module org.dec4j.testkit {
  requires transitive org.dec4j.api;
  // Static: JUnit is there in every test run that asks for dynamic tests; a report (execute())
  // needs no JUnit at all.
  requires static org.junit.jupiter.api;
  requires com.fasterxml.jackson.databind;
  // Thread CPU time: the file fuzzer tells a hung reader from a slow machine by it.
  requires java.management;

  exports org.dec4j.testkit;
}
