package org.dec4j.runtime;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/** Versions of dec4j, its libraries and the machine, for provenance. */
public final class Versions {
  private Versions() {}

  /** Returns the dec4j version (from the runtime jar's manifest, or "dev"). */
  public static String dec4j() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** Returns library versions. */
  public static Map<String, String> libraries() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("java", System.getProperty("java.runtime.version", "?"));
    out.put("djl", Engine.getDjlVersion());
    try {
      Engine engine = Engine.getInstance();
      out.put("engine", engine.getEngineName() + " " + engine.getVersion());
    } catch (RuntimeException e) {
      out.put("engine", "unavailable: " + e.getMessage());
    }
    out.put("smile", moduleVersion(smile.clustering.KMeans.class, "6.3.0"));
    out.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    return out;
  }

  /** Returns machine facts. */
  public static Map<String, String> machine() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    out.put("arch", System.getProperty("os.arch"));
    out.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    out.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    String omp = System.getenv("OMP_NUM_THREADS");
    out.put("omp_num_threads", omp == null ? "unset" : omp);
    return out;
  }

  private static String moduleVersion(Class<?> type, String fallback) {
    return type.getModule().getDescriptor() != null
        ? type.getModule().getDescriptor().rawVersion().orElse(fallback) : fallback;
  }
}
