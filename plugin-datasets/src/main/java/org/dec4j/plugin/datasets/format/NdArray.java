package org.dec4j.plugin.datasets.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.dec4j.api.DataException;

/**
 * A NumPy array as read from a {@code .npy} file or a pickle: its dtype, shape and raw bytes (or,
 * for object arrays, the unpickled elements).
 *
 * @param descr the NumPy type string, e.g. {@code <f4}, {@code <i8}, {@code |u1}, {@code |O}
 * @param shape the shape (empty for a 0-d array)
 * @param fortranOrder whether the bytes are column-major
 * @param data the raw element bytes (empty for object arrays)
 * @param objects the elements of an object array, in order (null for numeric arrays)
 * @param origin where the array came from, for messages
 */
public record NdArray(
    String descr,
    int[] shape,
    boolean fortranOrder,
    byte[] data,
    List<Object> objects,
    String origin) {

  /** Returns the number of elements (1 for a 0-d array). */
  public long size() {
    long n = 1;
    for (int s : shape) {
      n *= s;
      if (n > Integer.MAX_VALUE) {
        // Checked at every step so the product cannot overflow a long.
        throw new DataException(
            origin + ": shape " + Arrays.toString(shape) + " describes more than 2^31 values");
      }
    }
    return n;
  }

  /**
   * Returns the kind character of the dtype: {@code f}, {@code i}, {@code u}, {@code b} or {@code
   * O}.
   */
  public char kind() {
    return descr.charAt(1);
  }

  /** Returns the element size in bytes. */
  public int itemSize() {
    return kind() == 'O' ? 0 : Integer.parseInt(descr.substring(2));
  }

  /** Checks that the numeric payload has exactly size x itemSize bytes. */
  void checkLength() {
    if (kind() == 'O') {
      return;
    }
    long want = size() * itemSize();
    if (data.length != want) {
      throw new DataException(
          origin
              + ": array of shape "
              + Arrays.toString(shape)
              + " and dtype "
              + descr
              + " needs "
              + want
              + " data bytes but has "
              + data.length);
    }
  }

  /**
   * Returns the values as floats in row-major (C) order, converting any numeric dtype.
   *
   * @return the values
   * @throws DataException for a non-numeric dtype
   */
  public float[] toFloats() {
    int n = Math.toIntExact(size());
    float[] out = new float[n];
    ByteBuffer b = buffer();
    int w = itemSize();
    switch (kind()) {
      case 'f' -> {
        if (w == 4) {
          b.asFloatBuffer().get(out);
        } else if (w == 8) {
          for (int i = 0; i < n; i++) {
            out[i] = (float) b.getDouble(i * 8);
          }
        } else if (w == 2) {
          for (int i = 0; i < n; i++) {
            out[i] = Float.float16ToFloat(b.getShort(i * 2));
          }
        } else {
          throw unsupported();
        }
      }
      case 'i', 'u', 'b' -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) integerAt(b, i);
        }
      }
      default -> throw unsupported();
    }
    return toRowMajor(out);
  }

  /**
   * Returns the values as ints in row-major order, for labels. Floating-point values must be whole.
   *
   * @return the values
   * @throws DataException for a non-numeric dtype, a fractional value or one outside the int range
   */
  public int[] toInts() {
    int n = Math.toIntExact(size());
    int[] out = new int[n];
    ByteBuffer b = buffer();
    for (int i = 0; i < n; i++) {
      double v =
          switch (kind()) {
            case 'f' ->
                itemSize() == 8
                    ? b.getDouble(i * 8)
                    : itemSize() == 4 ? b.getFloat(i * 4) : Double.NaN;
            case 'i', 'u', 'b' -> integerAt(b, i);
            default -> throw unsupported();
          };
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new DataException(
            origin + ": element " + i + " (" + v + ") is not a valid integer label");
      }
      out[i] = (int) v;
    }
    if (fortranOrder && shape.length == 2) {
      int r = shape[0];
      int c = shape[1];
      int[] t = new int[n];
      for (int j = 0; j < c; j++) {
        for (int i = 0; i < r; i++) {
          t[i * c + j] = out[j * r + i];
        }
      }
      return t;
    }
    if (fortranOrder && shape.length > 2) {
      throw new DataException(
          origin + ": Fortran-ordered arrays of " + shape.length + " dimensions are not supported");
    }
    return out;
  }

  private double integerAt(ByteBuffer b, int i) {
    boolean unsigned = kind() != 'i';
    return switch (itemSize()) {
      case 1 -> unsigned ? b.get(i) & 0xFF : b.get(i);
      case 2 -> unsigned ? b.getShort(i * 2) & 0xFFFF : b.getShort(i * 2);
      case 4 -> unsigned ? b.getInt(i * 4) & 0xFFFFFFFFL : b.getInt(i * 4);
      case 8 -> {
        long v = b.getLong(i * 8);
        yield unsigned && v < 0 ? Math.scalb((double) (v >>> 1), 1) : v;
      }
      default -> throw unsupported();
    };
  }

  private ByteBuffer buffer() {
    char order = descr.charAt(0);
    return ByteBuffer.wrap(data)
        .order(
            order == '>'
                ? ByteOrder.BIG_ENDIAN
                : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN);
  }

  private float[] toRowMajor(float[] v) {
    if (!fortranOrder || shape.length < 2) {
      return v;
    }
    if (shape.length != 2) {
      throw new DataException(
          origin + ": Fortran-ordered arrays of " + shape.length + " dimensions are not supported");
    }
    int r = shape[0];
    int c = shape[1];
    float[] out = new float[v.length];
    for (int j = 0; j < c; j++) {
      for (int i = 0; i < r; i++) {
        out[i * c + j] = v[j * r + i];
      }
    }
    return out;
  }

  private DataException unsupported() {
    return new DataException(origin + ": dtype " + descr + " is not a supported numeric type");
  }

  @Override
  public String toString() {
    return "NdArray[" + descr + " " + Arrays.toString(shape) + (fortranOrder ? " F" : "") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray a
        && a.descr.equals(descr)
        && Arrays.equals(a.shape, shape)
        && a.fortranOrder == fortranOrder
        && Arrays.equals(a.data, data)
        && java.util.Objects.equals(a.objects, objects);
  }

  @Override
  public int hashCode() {
    return descr.hashCode() * 31 + Arrays.hashCode(shape);
  }
}
