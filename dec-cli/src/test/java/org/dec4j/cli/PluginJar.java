package org.dec4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds a one-class objective plugin jar in a test, with the JDK's javac and jar against the
 * dec-api module this test runs with, for the command line's handling of plugins that fail.
 */
final class PluginJar {
  private PluginJar() {}

  /**
   * An objective plugin (k-means on the embedding, no training phase) whose {@code start()} runs
   * {@code startBody} first.
   *
   * @param id the objective's id (also its module and package name, with '-' removed)
   * @param startBody statements run at the start of {@code start()}
   * @param work a scratch folder
   * @param jar the jar to write
   * @param classFileMajor when above 0, the provider's class file is given this major version (as
   *     if compiled by a newer JDK)
   * @return the jar
   */
  static Path objective(String id, String startBody, Path work, Path jar, int classFileMajor)
      throws IOException {
    String name = "org.test." + id.replace("-", "");
    Path src = work.resolve("src-" + id);
    Path classes = work.resolve("classes-" + id);
    Path pkg = src.resolve(name.replace('.', '/'));
    Files.createDirectories(pkg);
    Files.writeString(
        src.resolve("module-info.java"),
        "module "
            + name
            + " {\n  requires org.dec4j.api;\n"
            + "  provides org.dec4j.api.objective.ClusteringObjective with "
            + name
            + ".Plugin;\n}\n");
    Files.writeString(
        pkg.resolve("Plugin.java"),
        """
        package %1$s;

        import ai.djl.ndarray.NDArray;
        import java.util.List;
        import org.dec4j.api.PluginInfo;
        import org.dec4j.api.objective.*;
        import org.dec4j.api.objective.support.*;

        public final class Plugin implements ClusteringObjective {
          @Override
          public PluginInfo info() {
            return new PluginInfo("%2$s", "2.3.4", "test plugin %2$s", List.of());
          }

          @Override
          public ClusteringSession start(ClusteringContext context) {
            %3$s
            return new ClusteringSession() {
              private NDArray mu;

              @Override
              public TrainingPlan plan() {
                return new TrainingPlan(1, 0, 1, OptimizerSpec.sgd(0.01, 0), false, false, 0);
              }

              @Override
              public int[] initialize(NDArray z) {
                KMeans.Result r = context.kmeans().fit(z, context.clusters(), context.seed());
                mu = context.keep(ClusteringMath.fromRows(context.manager(), r.centroids()));
                return r.labels();
              }

              @Override
              public NDArray loss(Batch batch) {
                throw new IllegalStateException("no training phase");
              }

              @Override
              public int[] refresh(NDArray z, int iteration) {
                return assign(z);
              }

              @Override
              public boolean converged(Progress progress) {
                return true;
              }

              @Override
              public int[] assign(NDArray z) {
                return ClusteringMath.nearest(z, mu);
              }

              @Override
              public float[][] centroids() {
                return ClusteringMath.toRows(mu);
              }
            };
          }
        }
        """
            .formatted(name, id, startBody));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--module-path",
                System.getProperty("jdk.module.path"),
                "-d",
                classes.toString(),
                "-proc:none",
                "-nowarn"));
    try (Stream<Path> s = Files.walk(src)) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    tool("javac", args);
    if (classFileMajor > 0) {
      Path cls = classes.resolve(name.replace('.', '/')).resolve("Plugin.class");
      byte[] bytes = Files.readAllBytes(cls);
      bytes[6] = (byte) (classFileMajor >> 8);
      bytes[7] = (byte) classFileMajor;
      Files.write(cls, bytes);
    }
    Files.createDirectories(jar.getParent());
    tool("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    return jar;
  }

  private static void tool(String name, List<String> args) {
    ToolProvider t =
        ToolProvider.findFirst(name).orElseThrow(() -> new IllegalStateException("no " + name));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    if (t.run(out, out, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException(name + " failed: " + buffer.toString(StandardCharsets.UTF_8));
    }
  }
}
