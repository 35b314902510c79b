package org.dec4j.runtime;

import ai.djl.mxnet.jna.JnaUtils;
import com.sun.jna.Function;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Thread settings of the native libraries, and what the loaded MXNet library was built with.
 *
 * <p>MXNet sizes its OpenMP pool from {@code OMP_NUM_THREADS} when set; otherwise it takes half the
 * processors, assuming two hyper-threads per core. On a machine without hyper-threading (a 2-vCPU
 * VM, most cloud instances) that leaves half the cores idle: measured on a 2-core EPYC, a 2048^3
 * FullyConnected product ran at 66-79 GFLOP/s with one thread and 112-123 GFLOP/s with two. The
 * {@code dec4j} launcher therefore exports {@code OMP_NUM_THREADS} (the processor count) unless the
 * user set it; a program embedding the runtime calls {@link #configureThreads()} first. The thread
 * count changes the order of floating-point sums, so a run and its resumption from a checkpoint
 * must use the same setting to agree bit for bit.
 */
public final class NativeSettings {
  private static final List<String> INTERESTING =
      List.of(
          "MKLDNN",
          "OPENMP",
          "BLAS_OPEN",
          "BLAS_MKL",
          "BLAS_ATLAS",
          "BLAS_APPLE",
          "LAPACK",
          "SSE",
          "F16C",
          "INT64_TENSOR_SIZE");

  private NativeSettings() {}

  /**
   * Sets {@code OMP_NUM_THREADS} to the number of available processors unless it is already set.
   * Only effective before the MXNet engine is first used (the library reads it when it loads); the
   * variable is set in the process's C environment, where native code reads it.
   *
   * @return a one-line description of what was done, e.g. "OMP_NUM_THREADS=2 (set by dec4j)"
   */
  public static String configureThreads() {
    String given = System.getenv("OMP_NUM_THREADS");
    if (given != null && !given.isBlank()) {
      return "OMP_NUM_THREADS=" + given + " (from the environment)";
    }
    String value = Integer.toString(Runtime.getRuntime().availableProcessors());
    try {
      int rc =
          Function.getFunction("c", "setenv").invokeInt(new Object[] {"OMP_NUM_THREADS", value, 1});
      return rc == 0
          ? "OMP_NUM_THREADS=" + value + " (set by dec4j)"
          : "OMP_NUM_THREADS unset (setenv failed)";
    } catch (RuntimeException | LinkageError e) {
      return "OMP_NUM_THREADS unset (" + e.getMessage() + ")";
    }
  }

  /**
   * The number of OpenMP threads MXNet's operators use in this process: {@code OMP_NUM_THREADS}
   * (its first value) when set, else half the processors, as MXNet chooses (at least one).
   *
   * @return the thread count
   */
  public static int ompThreads() {
    String value = nativeEnv("OMP_NUM_THREADS");
    if (value != null && !value.isBlank()) {
      try {
        return Math.max(1, Integer.parseInt(value.split(",")[0].trim()));
      } catch (NumberFormatException e) {
        // MXNet and OpenMP ignore a malformed value too.
      }
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * Reads an environment variable from the C environment, which {@link #configureThreads()} may
   * have changed after the JVM started ({@link System#getenv} would not show it).
   *
   * @param name the variable
   * @return its value, or null
   */
  public static String nativeEnv(String name) {
    try {
      com.sun.jna.Pointer p =
          Function.getFunction("c", "getenv").invokePointer(new Object[] {name});
      return p == null ? null : p.getString(0);
    } catch (RuntimeException | LinkageError e) {
      return System.getenv(name);
    }
  }

  /** {@return the enabled build features of interest, e.g. "features MKLDNN OPENMP BLAS_OPEN"} */
  static String describe() {
    try {
      Set<String> enabled = JnaUtils.getFeatures();
      Set<String> shown = new TreeSet<>();
      for (String f : INTERESTING) {
        if (enabled.contains(f)) {
          shown.add(f);
        }
      }
      return "features " + String.join(" ", shown);
    } catch (RuntimeException | LinkageError e) {
      return "features unknown (" + e.getMessage() + ")";
    }
  }
}
