package org.dec4j.runtime;

import ai.djl.mxnet.jna.JnaUtils;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the loaded MXNet library was built with, for benchmark and provenance output. */
final class NativeSettings {
  private static final List<String> INTERESTING = List.of("MKLDNN", "OPENMP", "BLAS_OPEN", "BLAS_MKL",
      "BLAS_ATLAS", "BLAS_APPLE", "LAPACK", "SSE", "F16C", "INT64_TENSOR_SIZE");

  private NativeSettings() {}

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
