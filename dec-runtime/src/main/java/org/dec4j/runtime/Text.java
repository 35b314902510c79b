package org.dec4j.runtime;

/** Small wording helpers shared by the runtime's and the command line's messages. */
public final class Text {
  private Text() {}

  /**
   * A count with its noun, singular for one: {@code count(1, "data set")} is "1 data set", {@code
   * count(4, "run")} is "4 runs".
   *
   * @param n the count
   * @param noun the singular noun; the plural adds an "s"
   * @return the count and the noun
   */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
