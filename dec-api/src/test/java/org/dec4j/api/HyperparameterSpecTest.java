package org.dec4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HyperparameterSpec}'s parsing into canonical types and its messages: each names the owner,
 * the parameter, the value given and the constraint it breaks.
 */
class HyperparameterSpecTest {
  private static final HyperparameterSpec ALPHA =
      HyperparameterSpec.ofReal("alpha", 1.0, 0.0, 10.0, "degrees of freedom");
  private static final HyperparameterSpec INTERVAL =
      HyperparameterSpec.ofInt("update_interval", 140, 1, 100_000, "every n");
  private static final HyperparameterSpec SEED = HyperparameterSpec.ofLong("seed", 0L, "the seed");
  private static final HyperparameterSpec FLAG =
      HyperparameterSpec.ofBoolean("pretrain", true, "pretrain first");
  private static final HyperparameterSpec INIT =
      HyperparameterSpec.ofChoice("init", "kmeans", List.of("kmeans", "random"), "how to start");
  private static final HyperparameterSpec PATH = HyperparameterSpec.ofText("path", null, "a file");
  private static final HyperparameterSpec DIMS =
      HyperparameterSpec.ofIntList("dims", List.of(500, 500, 2000, 10), 1, 100_000, "layer sizes");

  /**
   * The message of the ConfigException the parse throws, checked to name owner, parameter and
   * value.
   */
  private static String failure(HyperparameterSpec p, Object raw) {
    ConfigException e = assertThrows(ConfigException.class, () -> p.parse("dec", raw));
    String m = e.getMessage();
    assertTrue(m.startsWith("dec: " + p.name() + " = '" + raw + "'"), m);
    return m;
  }

  @Test
  void numbersArriveAsStringsOrNumbersAndComeOutCanonical() {
    assertEquals(5, INTERVAL.parse("dec", "5"));
    assertEquals(5, INTERVAL.parse("dec", 5L));
    assertEquals(5, INTERVAL.parse("dec", 5.0));
    assertEquals(12345678901L, SEED.parse("dec", " 12345678901 "));
    assertEquals(0.5, ALPHA.parse("dec", "0.5"));
    assertEquals(2.0, ALPHA.parse("dec", 2));
  }

  @Test
  void outOfRangeNamesTheBounds() {
    assertTrue(failure(INTERVAL, "0").endsWith("is out of range: must be in [1, 100000]"));
    assertTrue(failure(ALPHA, 10.5).endsWith("is out of range: must be in [0, 10]"));
    assertTrue(failure(ALPHA, "-0.1").contains("out of range"));
  }

  @Test
  void typeErrorsSayWhatWasExpected() {
    assertTrue(failure(INTERVAL, "ten").endsWith("is not an integer in [1, 100000]"));
    assertTrue(failure(INTERVAL, 2.5).endsWith("is not an integer in [1, 100000]"));
    assertTrue(failure(SEED, "1e3").contains("is not an integer"));
    assertTrue(failure(ALPHA, "one").endsWith("is not a number in [0, 10]"));
    assertTrue(failure(ALPHA, "NaN").endsWith("is not a finite number"));
    assertTrue(failure(FLAG, "yes").endsWith("must be true or false"));
    assertTrue(failure(INIT, "kmeans++").endsWith("must be one of kmeans, random"));
  }

  @Test
  void intIsCheckedAgainstThirtyTwoBits() {
    HyperparameterSpec wide =
        new HyperparameterSpec(
            "wide",
            HyperparameterSpec.Type.INT,
            1,
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            List.of(),
            "");
    assertTrue(failure(wide, "3000000000").endsWith("does not fit a 32-bit integer"));
  }

  @Test
  void booleansChoicesAndText() {
    assertEquals(false, FLAG.parse("dec", " FALSE "));
    assertEquals(true, FLAG.parse("dec", Boolean.TRUE));
    assertEquals("random", INIT.parse("dec", " random"));
    assertEquals("a b.csv", PATH.parse("dec", "a b.csv"));
    assertNull(PATH.parse("dec", null));
  }

  @Test
  void missingValueOfATypedParameterSaysWhatIsExpected() {
    assertTrue(failure(INTERVAL, null).endsWith("is missing; expected an integer in [1, 100000]"));
  }

  @Test
  void intListsFromStringsOrLists() {
    assertEquals(List.of(500, 500, 2000, 10), DIMS.parse("dec", "500,500,2000,10"));
    assertEquals(List.of(500, 10), DIMS.parse("dec", "[500, 10]"));
    assertEquals(List.of(8, 4), DIMS.parse("dec", "8-4"));
    assertEquals(List.of(8, 4), DIMS.parse("dec", List.of(8L, 4)));
    assertTrue(failure(DIMS, "").endsWith("must list at least one integer"));
    assertTrue(
        failure(DIMS, "500,0,10")
            .contains("(element 2 of 3, 0) is out of range: must be in [1, 100000]"));
    assertTrue(failure(DIMS, "500,x").endsWith("is not a list of integers, each in [1, 100000]"));
  }

  @Test
  void declarationsAreCheckedToo() {
    PluginException name =
        assertThrows(
            PluginException.class, () -> HyperparameterSpec.ofInt("UpdateInterval", 1, 0, 2, ""));
    assertTrue(
        name.getMessage().contains("'UpdateInterval' must be snake_case"), name.getMessage());
    ConfigException badDefault =
        assertThrows(ConfigException.class, () -> HyperparameterSpec.ofInt("k", 0, 1, 9, ""));
    assertTrue(
        badDefault.getMessage().startsWith("declaration: k = '0' is out of range"),
        badDefault.getMessage());
  }

  @Test
  void constraintsInWords() {
    assertEquals("in [1, 100000]", INTERVAL.constraint());
    assertEquals("any number", SEED.constraint());
    assertEquals(
        ">= 0",
        HyperparameterSpec.ofReal("tol", 0.001, 0, Double.POSITIVE_INFINITY, "").constraint());
    assertEquals("in [0, 0.5]", HyperparameterSpec.ofReal("p", 0.1, 0, 0.5, "").constraint());
    assertEquals("one of kmeans, random", INIT.constraint());
    assertEquals("comma-separated integers, each in [1, 100000]", DIMS.constraint());
  }
}
