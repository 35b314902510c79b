package org.dec4j.runtime.nn;

/**
 * The float MXNet computes with when it is handed a float operator parameter.
 *
 * <p>DJL passes operator parameters such as a learning rate as decimal strings ({@code
 * String.valueOf(float)}), and MXNet 1.9 reads them with dmlc-core's fast decimal parser, which is
 * not correctly rounded: the integer digits, the fraction digits (as a 64-bit integer over a power
 * of ten, divided in double precision and rounded to float) and the power-of-ten exponent (a float
 * scale built from factors 1e8 and 10) are combined in float arithmetic, each step rounding. About
 * one value in eight comes out one unit in the last place away from the float that was written
 * (Adam's bias-corrected step size, for instance, on many steps). Code that must give MXNet's
 * kernels' results bit for bit ({@link FusedKernels}) applies this to its parameters first; {@code
 * GradientStepTest} checks it against MXNet on thousands of values.
 */
final class MxnetFloats {
  private MxnetFloats() {}

  /**
   * {@return the float MXNet reads from {@code String.valueOf(value)}}
   *
   * @param value a finite float
   */
  static float asPassed(float value) {
    return parse(String.valueOf(value));
  }

  /**
   * Reads a decimal as dmlc-core's parser does (sign, digits, optional fraction, optional exponent;
   * no infinities or NaN, which no optimiser parameter takes).
   *
   * @param text the decimal
   * @return the float it gives
   * @throws NumberFormatException when the text is not a plain decimal
   */
  static float parse(String text) {
    int at = 0;
    int n = text.length();
    boolean negative = false;
    if (at < n && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
      negative = text.charAt(at++) == '-';
    }
    long whole = 0;
    int digits = 0;
    while (at < n && isDigit(text.charAt(at))) {
      whole = whole * 10 + (text.charAt(at++) - '0');
      digits++;
    }
    float value = whole;
    if (at < n && text.charAt(at) == '.') {
      at++;
      long fraction = 0;
      long scale = 1;
      int count = 0;
      while (at < n && isDigit(text.charAt(at))) {
        // Only the first 19 fraction digits count (they fit a 64-bit integer).
        if (count < 19) {
          fraction = fraction * 10 + (text.charAt(at) - '0');
          scale *= 10;
        }
        at++;
        count++;
      }
      digits += count;
      value += (float) (unsigned(fraction) / unsigned(scale));
    }
    if (digits == 0) {
      throw new NumberFormatException("not a decimal: '" + text + "'");
    }
    if (at < n && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      boolean divide = false;
      if (at < n && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
        divide = text.charAt(at++) == '-';
      }
      int exponent = 0;
      while (at < n && isDigit(text.charAt(at))) {
        exponent = Math.min(1000, exponent * 10 + (text.charAt(at++) - '0'));
      }
      if (exponent >= 38) {
        // dmlc clips values at the float range's ends there; no optimiser parameter comes near.
        throw new NumberFormatException("exponent at the end of the float range: '" + text + "'");
      }
      float factor = 1f;
      for (; exponent >= 8; exponent -= 8) {
        factor *= 1e8f;
      }
      for (; exponent > 0; exponent--) {
        factor *= 10f;
      }
      value = divide ? value / factor : value * factor;
    }
    if (at != n) {
      throw new NumberFormatException("not a decimal: '" + text + "'");
    }
    return negative ? -value : value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The unsigned 64-bit integer as a double, rounded as a C++ conversion from uint64_t rounds. */
  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1 | (v & 1)) * 2.0;
  }
}
