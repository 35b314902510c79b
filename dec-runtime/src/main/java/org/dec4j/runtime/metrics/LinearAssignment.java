package org.dec4j.runtime.metrics;

import java.util.Arrays;

/**
 * Maximum-weight one-to-one assignment on a dense, possibly rectangular integer matrix: the
 * Hungarian method of Kuhn ("The Hungarian method for the assignment problem", Naval Research
 * Logistics Quarterly 2, 1955), made O(r^2 c) for r &lt;= c in the shortest-augmenting-path form
 * with dual potentials (Munkres, "Algorithms for the assignment and transportation problems", J.
 * SIAM 5, 1957; Jonker and Volgenant, Computing 38, 1987).
 *
 * <p>Rows are added one at a time; each addition runs a Dijkstra-like search over reduced costs
 * from the new row to a free column and augments along the path found. All arithmetic is in {@code
 * long}, so the optimum is exact, with no tolerance to tune.
 */
final class LinearAssignment {
  private static final long UNREACHED = Long.MAX_VALUE / 4;

  private LinearAssignment() {}

  /**
   * The one-to-one assignment of rows to columns maximising the summed weight; {@code min(r, c)}
   * pairs are assigned. Ties between optimal assignments are broken arbitrarily but
   * deterministically.
   *
   * @param weight r x c, r and c >= 1, every row the same length
   * @return for each row its column, or -1 when r &gt; c and the row is left out
   */
  static int[] maximize(int[][] weight) {
    int rows = weight.length;
    int cols = weight[0].length;
    if (rows <= cols) {
      return minimizeWide(negated(weight, false), rows, cols);
    }
    int[] colToRow = minimizeWide(negated(weight, true), cols, rows);
    int[] rowToCol = new int[rows];
    Arrays.fill(rowToCol, -1);
    for (int col = 0; col < cols; col++) {
      rowToCol[colToRow[col]] = col;
    }
    return rowToCol;
  }

  private static long[][] negated(int[][] weight, boolean transpose) {
    int rows = weight.length;
    int cols = weight[0].length;
    long[][] cost = transpose ? new long[cols][rows] : new long[rows][cols];
    for (int r = 0; r < rows; r++) {
      if (weight[r].length != cols) {
        throw new IllegalArgumentException(
            "weight matrix is ragged: row 0 has "
                + cols
                + " columns, row "
                + r
                + " has "
                + weight[r].length);
      }
      for (int c = 0; c < cols; c++) {
        if (transpose) {
          cost[c][r] = -(long) weight[r][c];
        } else {
          cost[r][c] = -(long) weight[r][c];
        }
      }
    }
    return cost;
  }

  /**
   * Minimum-cost assignment of every row when {@code rows <= cols}.
   *
   * <p>Column slot 0 is a virtual column holding the row being inserted; real column j lives in
   * slot j + 1. Row potentials {@code rowPot} and column potentials {@code colPot} keep every
   * reduced cost {@code cost - rowPot - colPot} non-negative and zero on assigned pairs, which is
   * what makes the final assignment optimal (complementary slackness).
   */
  private static int[] minimizeWide(long[][] cost, int rows, int cols) {
    long[] rowPot = new long[rows + 1];
    long[] colPot = new long[cols + 1];
    int[] holder = new int[cols + 1]; // 1-based row holding each column slot, 0 if free
    int[] parentSlot = new int[cols + 1]; // previous column slot on the shortest path
    long[] distance = new long[cols + 1];
    boolean[] settled = new boolean[cols + 1];

    for (int row = 1; row <= rows; row++) {
      holder[0] = row;
      Arrays.fill(distance, UNREACHED);
      Arrays.fill(settled, false);
      int slot = 0;
      while (holder[slot] != 0) {
        settled[slot] = true;
        int from = holder[slot];
        long[] fromCost = cost[from - 1];
        long fromPot = rowPot[from];
        long step = UNREACHED;
        int nearest = -1;
        for (int j = 1; j <= cols; j++) {
          if (settled[j]) {
            continue;
          }
          long reduced = fromCost[j - 1] - fromPot - colPot[j];
          if (reduced < distance[j]) {
            distance[j] = reduced;
            parentSlot[j] = slot;
          }
          // Among equally near columns prefer a free one: the search can stop there, which keeps
          // tie-heavy (sparse, mostly zero) contingency tables from exploring every column.
          if (nearest < 0
              || distance[j] < step
              || (distance[j] == step && holder[j] == 0 && holder[nearest] != 0)) {
            step = distance[j];
            nearest = j;
          }
        }
        // Shift the duals by the step so the nearest column's reduced cost becomes zero while
        // the tree already built keeps its zero reduced costs.
        for (int j = 0; j <= cols; j++) {
          if (settled[j]) {
            rowPot[holder[j]] += step;
            colPot[j] -= step;
          } else {
            distance[j] -= step;
          }
        }
        slot = nearest;
      }
      // Flip the alternating path: each column on it passes to the row that reached it.
      while (slot != 0) {
        int previous = parentSlot[slot];
        holder[slot] = holder[previous];
        slot = previous;
      }
    }

    int[] rowToCol = new int[rows];
    for (int j = 1; j <= cols; j++) {
      if (holder[j] != 0) {
        rowToCol[holder[j] - 1] = j - 1;
      }
    }
    return rowToCol;
  }
}
