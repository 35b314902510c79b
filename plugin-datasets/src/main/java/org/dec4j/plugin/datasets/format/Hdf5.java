package org.dec4j.plugin.datasets.format;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dec4j.api.DataException;

/**
 * Reads numeric HDF5 datasets through jHDF (a pure-Java HDF5 reader), so no native HDF5 library is
 * needed. All jHDF use is kept in this class.
 */
public final class Hdf5 {

  /**
   * A dataset read as floats.
   *
   * @param values the values, row-major
   * @param dims the dataset's dimensions
   */
  public record Floats(float[] values, int[] dims) {}

  private Hdf5() {}

  /**
   * Reads a numeric dataset as floats.
   *
   * @param file the HDF5 file
   * @param path the dataset path, e.g. {@code /train/data}
   * @return the values and dimensions
   * @throws DataException when the file is not HDF5, the dataset is missing or not numeric
   */
  public static Floats readFloats(Path file, String path) {
    try (HdfFile hdf = open(file)) {
      Dataset ds = dataset(hdf, file, path);
      return new Floats(toFloats(ds.getDataFlat(), file, path, ds), ds.getDimensions());
    } catch (RuntimeException e) {
      throw wrap(file, path, e);
    }
  }

  /**
   * Reads an integer dataset (e.g. labels); floating-point values must be whole numbers.
   *
   * @param file the HDF5 file
   * @param path the dataset path
   * @return the values, row-major
   * @throws DataException when the dataset is missing, not numeric or holds fractions
   */
  public static int[] readInts(Path file, String path) {
    try (HdfFile hdf = open(file)) {
      Dataset ds = dataset(hdf, file, path);
      Object flat = ds.getDataFlat();
      int n = java.lang.reflect.Array.getLength(flat);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        double v = ((Number) java.lang.reflect.Array.get(flat, i)).doubleValue();
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new DataException(
              file + ": dataset " + path + " element " + i + " (" + v + ") is not an integer");
        }
        out[i] = (int) v;
      }
      return out;
    } catch (RuntimeException e) {
      throw wrap(file, path, e);
    }
  }

  private static float[] toFloats(Object flat, Path file, String path, Dataset ds) {
    if (flat instanceof float[] f) {
      return f;
    }
    if (flat instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    if (flat != null
        && flat.getClass().isArray()
        && Number.class.isAssignableFrom(boxed(flat.getClass().getComponentType()))) {
      int n = java.lang.reflect.Array.getLength(flat);
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) java.lang.reflect.Array.get(flat, i)).floatValue();
      }
      return out;
    }
    throw new DataException(
        file + ": dataset " + path + " holds " + ds.getJavaType() + ", not numbers");
  }

  private static Class<?> boxed(Class<?> c) {
    if (c == byte.class) {
      return Byte.class;
    } else if (c == short.class) {
      return Short.class;
    } else if (c == int.class) {
      return Integer.class;
    } else if (c == long.class) {
      return Long.class;
    }
    return c;
  }

  private static HdfFile open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": file not found");
    }
    try {
      return new HdfFile(file);
    } catch (RuntimeException e) {
      throw new DataException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  private static Dataset dataset(HdfFile hdf, Path file, String path) {
    Node node;
    try {
      node = hdf.getByPath(path);
    } catch (RuntimeException e) {
      throw new DataException(file + ": has no dataset " + path + " (" + e.getMessage() + ")", e);
    }
    if (!(node instanceof Dataset ds)) {
      throw new DataException(file + ": " + path + " is a " + node.getType() + ", not a dataset");
    }
    if (ds.isScalar() || ds.isCompound() || ds.isVariableLength()) {
      throw new DataException(
          file
              + ": dataset "
              + path
              + " is not a numeric array (dims "
              + Arrays.toString(ds.getDimensions())
              + ")");
    }
    return ds;
  }

  private static DataException wrap(Path file, String path, RuntimeException e) {
    if (e instanceof DataException d) {
      return d;
    }
    return new DataException(file + ": cannot read HDF5 dataset " + path + " (" + e + ")", e);
  }
}
