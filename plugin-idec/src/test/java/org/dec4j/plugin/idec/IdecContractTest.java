package org.dec4j.plugin.idec;

import java.util.stream.Stream;
import org.dec4j.testkit.ObjectiveTestKit;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * IDEC against the plugin contract of dec-testkit, on the kit's small fixture with a short budget.
 */
class IdecContractTest {

  @TestFactory
  Stream<DynamicNode> idecPassesThePluginContract() {
    return ObjectiveTestKit.objective(new IdecObjective())
        .parameter("max_iter", 120)
        .parameter("update_interval", 30)
        .parameter("batch_size", 64)
        .tests();
  }
}
