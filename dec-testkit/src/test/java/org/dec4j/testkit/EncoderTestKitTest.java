package org.dec4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import java.util.stream.Stream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.encoder.Autoencoder;
import org.dec4j.api.encoder.Encoder;
import org.dec4j.api.encoder.EncoderSpec;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The encoder contract passes a sound dense autoencoder and catches planted faults. */
class EncoderTestKitTest {
  enum Fault {
    NONE,
    WRONG_OUTPUT,
    FOREIGN_STAGE,
    DEAD_LAYER,
    DROPOUT_AT_INFERENCE,
    ACCEPTS_ANYTHING
  }

  /** d-h-m-h-d, ReLU between, one stage per layer pair; a fault planted as asked. */
  private record Dense(Fault fault) implements Encoder {
    @Override
    public PluginInfo info() {
      return new PluginInfo(
          "toy-dense",
          "1.0",
          "a small dense autoencoder for the kit's tests",
          List.of(HyperparameterSpec.ofInt("hidden", 6, 1, 1000, "hidden width")),
          Dec4jApi.VERSION);
    }

    @Override
    public Autoencoder create(EncoderSpec spec) {
      if (spec.inputDim() < 2 && fault != Fault.ACCEPTS_ANYTHING) {
        throw new ConfigException("toy-dense: needs at least 2 features, got " + spec.inputDim());
      }
      int h = spec.hyperparameters().getInt("hidden");
      Block e1 =
          new SequentialBlock()
              .add(Linear.builder().setUnits(h).build())
              .add(Activation.reluBlock());
      Block e2 = Linear.builder().setUnits(2).build();
      Block d2 =
          new SequentialBlock()
              .add(Linear.builder().setUnits(h).build())
              .add(Activation.reluBlock());
      Block d1 =
          Linear.builder()
              .setUnits(spec.inputDim() + (fault == Fault.WRONG_OUTPUT ? 1 : 0))
              .build();
      SequentialBlock encoder = new SequentialBlock().add(e1);
      if (fault == Fault.DEAD_LAYER) {
        // A layer whose output is multiplied by zero: its weights never learn.
        encoder.add(
            new SequentialBlock()
                .add(Linear.builder().setUnits(h).build())
                .add(ai.djl.nn.LambdaBlock.singleton(x -> x.mul(0))));
      }
      if (fault == Fault.DROPOUT_AT_INFERENCE) {
        encoder.add(
            ai.djl.nn.LambdaBlock.singleton(
                x -> Dropout.dropout(x, 0.5f, true).singletonOrThrow()));
      }
      encoder.add(e2);
      SequentialBlock decoder = new SequentialBlock().add(d2).add(d1);
      Block stageEncoder = fault == Fault.FOREIGN_STAGE ? Linear.builder().setUnits(h).build() : e1;
      return new Autoencoder(
          encoder,
          decoder,
          2,
          List.of(
              new Autoencoder.Stage(stageEncoder, d1, spec.inputDim(), h),
              new Autoencoder.Stage(e2, d2, h, 2)));
    }
  }

  private static ContractResults run(Fault fault) {
    return EncoderTestKit.encoder(new Dense(fault)).input(5).input(12).refuses(1, null).execute();
  }

  @Test
  void aSoundEncoderPassesEveryCheck() {
    ContractResults r = run(Fault.NONE);
    r.assertNoFailures();
    assertEquals(0, r.skipped(), r.toString());
  }

  @Test
  void plantedFaultsAreCaught() {
    assertInstanceOf(
        Outcome.Failed.class, run(Fault.WRONG_OUTPUT).check(EncoderTestKit.SHAPES).outcome());
    assertInstanceOf(
        Outcome.Failed.class, run(Fault.FOREIGN_STAGE).check(EncoderTestKit.STAGES).outcome());
    Check dead = run(Fault.DEAD_LAYER).check(EncoderTestKit.GRADIENTS);
    assertTrue(dead.failed() && dead.toString().contains("zero gradient"), dead.toString());
    assertInstanceOf(
        Outcome.Failed.class,
        run(Fault.DROPOUT_AT_INFERENCE).check(EncoderTestKit.INFERENCE).outcome());
    assertInstanceOf(
        Outcome.Failed.class, run(Fault.ACCEPTS_ANYTHING).check(EncoderTestKit.REFUSALS).outcome());
  }

  @TestFactory
  Stream<DynamicNode> asDynamicTests() {
    return EncoderTestKit.encoder(new Dense(Fault.NONE)).param("hidden", 4).tests();
  }
}
