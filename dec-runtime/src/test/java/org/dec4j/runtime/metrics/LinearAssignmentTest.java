package org.dec4j.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Hungarian solver against exhaustive search on small matrices. */
class LinearAssignmentTest {
  /** Weight ranges: 2 gives many ties (sparse tables), 1000 nearly none. */
  private static final int[] BOUNDS = {2, 5, 1000};

  @Test
  void squareMatricesReachTheBruteForceOptimum() {
    Random random = new Random(1955);
    for (int k = 1; k <= 6; k++) {
      for (int trial = 0; trial < 40; trial++) {
        int[][] weight = randomMatrix(random, k, k, BOUNDS[trial % BOUNDS.length]);
        checkOptimal(weight);
      }
    }
  }

  @Test
  void rectangularMatricesReachTheBruteForceOptimum() {
    Random random = new Random(1957);
    for (int rows = 1; rows <= 6; rows++) {
      for (int cols = 1; cols <= 6; cols++) {
        if (rows == cols) {
          continue;
        }
        for (int trial = 0; trial < 15; trial++) {
          checkOptimal(randomMatrix(random, rows, cols, BOUNDS[trial % BOUNDS.length]));
        }
      }
    }
  }

  @Test
  void extremeWeightsStayExact() {
    int max = Integer.MAX_VALUE;
    int[][] weight = {{max, max - 1, 0}, {max, 0, max - 2}, {0, max, max}};
    checkOptimal(weight);
  }

  @Test
  void allZeroMatrixStillAssignsEveryRowOfTheSmallerSide() {
    int[] wide = LinearAssignment.maximize(new int[2][5]);
    assertEquals(2, java.util.Arrays.stream(wide).distinct().count());
    int[] tall = LinearAssignment.maximize(new int[5][2]);
    assertEquals(3, java.util.Arrays.stream(tall).filter(c -> c < 0).count());
  }

  @Test
  void knownAntiGreedyCaseIsSolved() {
    // Greedy takes 9 first and ends with 9 + 1 = 10; the optimum is 8 + 8 = 16.
    assertArrayEquals(new int[] {1, 0}, LinearAssignment.maximize(new int[][] {{9, 8}, {8, 1}}));
  }

  @Test
  void raggedMatrixIsRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> LinearAssignment.maximize(new int[][] {{1, 2}, {3}}));
  }

  private static int[][] randomMatrix(Random random, int rows, int cols, int bound) {
    int[][] weight = new int[rows][cols];
    for (int[] row : weight) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextInt(bound);
      }
    }
    return weight;
  }

  private static void checkOptimal(int[][] weight) {
    int rows = weight.length;
    int cols = weight[0].length;
    int[] rowToCol = LinearAssignment.maximize(weight);
    assertEquals(rows, rowToCol.length);
    boolean[] used = new boolean[cols];
    long total = 0;
    int assigned = 0;
    for (int r = 0; r < rows; r++) {
      int c = rowToCol[r];
      if (c < 0) {
        continue;
      }
      assertTrue(c < cols, "column out of range");
      assertTrue(!used[c], "column " + c + " assigned twice");
      used[c] = true;
      total += weight[r][c];
      assigned++;
    }
    assertEquals(Math.min(rows, cols), assigned, "every row of the smaller side is assigned");
    assertEquals(bruteForce(weight, 0, new boolean[cols]), total, () -> describe(weight));
  }

  /**
   * Best total over all injective maps from rows to columns, rows allowed to stay out when tall.
   */
  private static long bruteForce(int[][] weight, int row, boolean[] used) {
    if (row == weight.length) {
      return 0;
    }
    int rowsLeft = weight.length - row;
    int colsFree = 0;
    for (boolean u : used) {
      colsFree += u ? 0 : 1;
    }
    long best = rowsLeft > colsFree ? bruteForce(weight, row + 1, used) : Long.MIN_VALUE;
    for (int c = 0; c < used.length; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.max(best, weight[row][c] + bruteForce(weight, row + 1, used));
        used[c] = false;
      }
    }
    return best;
  }

  private static String describe(int[][] weight) {
    StringBuilder s = new StringBuilder("matrix:");
    for (int[] row : weight) {
      s.append(' ').append(java.util.Arrays.toString(row));
    }
    return s.toString();
  }
}
