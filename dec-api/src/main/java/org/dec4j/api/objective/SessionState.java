package org.dec4j.api.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dec4j.api.DataException;

/**
 * The state a {@link ClusteringSession} saves into a checkpoint and restores from it: named, typed
 * arrays with their shapes, kept as exact copies (floats and doubles bit for bit), so that a run
 * resumed from a checkpoint continues exactly as the uninterrupted run would.
 *
 * <p>Values are copied in and out; the runtime writes them to disk and reads them back. Names are
 * the session's own (e.g. {@code centroids}, {@code target}); a getter for a missing name or the
 * wrong type throws {@link DataException} naming the entry.
 */
public final class SessionState {
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * One stored array.
   *
   * @param values a {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]} (not shared)
   * @param shape its dimensions; their product is the array's length
   */
  public record Entry(Object values, long[] shape) {
    /** Checks that the shape matches the values. */
    public Entry {
      shape = shape.clone();
      long n = 1;
      for (long d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
        }
        n *= d;
      }
      if (n != java.lang.reflect.Array.getLength(values)) {
        throw new IllegalArgumentException(
            "shape "
                + Arrays.toString(shape)
                + " does not match "
                + java.lang.reflect.Array.getLength(values)
                + " values");
      }
    }

    /** {@return a copy of the dimensions} */
    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  /** Creates an empty state. */
  public SessionState() {}

  /**
   * Stores floats.
   *
   * @param name the entry's name
   * @param values the values (copied)
   * @param shape their dimensions; none means a vector
   * @return this state
   */
  public SessionState putFloats(String name, float[] values, long... shape) {
    return put(name, values.clone(), shape, values.length);
  }

  /**
   * Stores doubles.
   *
   * @param name the entry's name
   * @param values the values (copied)
   * @param shape their dimensions; none means a vector
   * @return this state
   */
  public SessionState putDoubles(String name, double[] values, long... shape) {
    return put(name, values.clone(), shape, values.length);
  }

  /**
   * Stores ints (e.g. assignments).
   *
   * @param name the entry's name
   * @param values the values (copied)
   * @param shape their dimensions; none means a vector
   * @return this state
   */
  public SessionState putInts(String name, int[] values, long... shape) {
    return put(name, values.clone(), shape, values.length);
  }

  /**
   * Stores longs (e.g. counts).
   *
   * @param name the entry's name
   * @param values the values (copied)
   * @param shape their dimensions; none means a vector
   * @return this state
   */
  public SessionState putLongs(String name, long[] values, long... shape) {
    return put(name, values.clone(), shape, values.length);
  }

  /**
   * Stores a float32 NDArray with its shape (copied out of native memory).
   *
   * @param name the entry's name
   * @param array the array
   * @return this state
   */
  public SessionState putArray(String name, NDArray array) {
    float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
    return put(name, values, array.getShape().getShape(), values.length);
  }

  private SessionState put(String name, Object values, long[] shape, int length) {
    entries.put(name, new Entry(values, shape.length == 0 ? new long[] {length} : shape));
    return this;
  }

  /**
   * Stores an entry as read back from a checkpoint (for the runtime).
   *
   * @param name the entry's name
   * @param entry the entry; its values are copied
   * @return this state
   */
  public SessionState put(String name, Entry entry) {
    Object v = entry.values();
    Object copy =
        switch (v) {
          case float[] f -> f.clone();
          case double[] d -> d.clone();
          case int[] i -> i.clone();
          case long[] l -> l.clone();
          default ->
              throw new IllegalArgumentException(
                  "unsupported entry type " + v.getClass().getSimpleName());
        };
    entries.put(name, new Entry(copy, entry.shape()));
    return this;
  }

  /** {@return the entries' names, in the order stored} */
  public Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /**
   * Tells whether an entry is stored.
   *
   * @param name the entry's name
   * @return whether it is stored
   */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * Returns an entry (for the runtime, which writes it to disk).
   *
   * @param name the entry's name
   * @return the entry; its values are a copy
   * @throws DataException when there is no such entry
   */
  public Entry entry(String name) {
    Entry e = require(name);
    return new Entry(
        switch (e.values()) {
          case float[] f -> f.clone();
          case double[] d -> d.clone();
          case int[] i -> i.clone();
          case long[] l -> l.clone();
          default -> throw new IllegalStateException();
        },
        e.shape);
  }

  /**
   * Returns an entry's shape.
   *
   * @param name the entry's name
   * @return its dimensions
   * @throws DataException when there is no such entry
   */
  public long[] shape(String name) {
    return require(name).shape();
  }

  /**
   * Returns stored floats.
   *
   * @param name the entry's name
   * @return a copy
   * @throws DataException when missing or of another type
   */
  public float[] getFloats(String name) {
    return typed(name, float[].class).clone();
  }

  /**
   * Returns stored doubles.
   *
   * @param name the entry's name
   * @return a copy
   * @throws DataException when missing or of another type
   */
  public double[] getDoubles(String name) {
    return typed(name, double[].class).clone();
  }

  /**
   * Returns stored ints.
   *
   * @param name the entry's name
   * @return a copy
   * @throws DataException when missing or of another type
   */
  public int[] getInts(String name) {
    return typed(name, int[].class).clone();
  }

  /**
   * Returns stored longs.
   *
   * @param name the entry's name
   * @return a copy
   * @throws DataException when missing or of another type
   */
  public long[] getLongs(String name) {
    return typed(name, long[].class).clone();
  }

  /**
   * Recreates a stored float array as an NDArray of its shape.
   *
   * @param name the entry's name
   * @param manager where the array lives
   * @return the array
   * @throws DataException when missing or not floats
   */
  public NDArray getArray(String name, NDManager manager) {
    float[] values = typed(name, float[].class);
    return manager.create(values, new Shape(require(name).shape));
  }

  /**
   * Checks that an entry has the expected shape, so a checkpoint of another problem size is
   * refused.
   *
   * @param name the entry's name
   * @param expected the dimensions it must have
   * @throws DataException naming the entry and both shapes
   */
  public void requireShape(String name, long... expected) {
    long[] shape = require(name).shape;
    if (!Arrays.equals(shape, expected)) {
      throw new DataException(
          "session state '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + ", expected "
              + Arrays.toString(expected));
    }
  }

  private Entry require(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new DataException(
          "session state has no entry '" + name + "' (it has " + entries.keySet() + ")");
    }
    return e;
  }

  private <T> T typed(String name, Class<T> type) {
    Object v = require(name).values();
    if (!type.isInstance(v)) {
      throw new DataException(
          "session state entry '"
              + name
              + "' holds "
              + v.getClass().getComponentType()
              + " values, not "
              + type.getComponentType());
    }
    return type.cast(v);
  }
}
