package org.dec4j.plugin.datasets.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void sortedNumbersAreSortedNumerically() {
    Labels.Encoded e = Labels.encode(new String[] {"10", "9", "2", "10"}, Labels.Order.SORTED);
    assertEquals(List.of("2", "9", "10"), e.classes());
    assertArrayEquals(new int[] {2, 1, 0, 2}, e.codes());
  }

  @Test
  void sortedStringsUseCodePoints() {
    Labels.Encoded e = Labels.encode(new String[] {"b", "a", "B"}, Labels.Order.SORTED);
    assertEquals(List.of("B", "a", "b"), e.classes());
    assertArrayEquals(new int[] {2, 1, 0}, e.codes());
  }

  @Test
  void firstSeenKeepsFileOrder() {
    Labels.Encoded e =
        Labels.encode(new String[] {"cat", "dog", "cat", "ant"}, Labels.Order.FIRST_SEEN);
    assertEquals(List.of("cat", "dog", "ant"), e.classes());
    assertArrayEquals(new int[] {0, 1, 0, 2}, e.codes());
  }

  @Test
  void integerLabelsAreShiftedAndChecked() {
    Path f = Path.of("y.txt");
    assertArrayEquals(
        new int[] {0, 5, 2},
        Labels.integers(new String[] {"1", "6", "3.0"}, new int[] {1, 2, 3}, f, 1, 6));
    DataException range =
        assertThrows(
            DataException.class,
            () -> Labels.integers(new String[] {"1", "7"}, new int[] {1, 2}, f, 1, 6));
    assertTrue(
        range.getMessage().contains("y.txt: line 2: label 7 is outside the class range [1, 6]"),
        range.getMessage());
    DataException frac =
        assertThrows(
            DataException.class, () -> Labels.integers(new float[] {2.5f}, new int[] {9}, f, 1, 6));
    assertTrue(
        frac.getMessage().contains("line 9: label 2.5 is not an integer"), frac.getMessage());
  }
}
