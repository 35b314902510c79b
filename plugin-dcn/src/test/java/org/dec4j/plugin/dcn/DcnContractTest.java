package org.dec4j.plugin.dcn;

import java.util.stream.Stream;
import org.dec4j.testkit.ObjectiveTestKit;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * DCN against the plugin contract of dec-testkit, on the kit's small fixture with a short budget.
 */
class DcnContractTest {

  @TestFactory
  Stream<DynamicNode> dcnPassesThePluginContract() {
    return ObjectiveTestKit.objective(new DcnObjective())
        .parameter("epochs", 20)
        .parameter("batch_size", 64)
        .tests();
  }
}
