/**
 * A program that uses dec4j as a library. On the module path it needs the runtime only; the
 * methods (plugin-dec, plugin-idec, plugin-dcn) are found by {@link java.util.ServiceLoader}.
 */
module org.example.embedding {
  requires org.dec4j.runtime;
}
