package org.dec4j.runtime.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small plugins, each with one defect a plugin directory must survive, and one healthy automatic
 * module.
 */
final class BrokenPlugins {
  private BrokenPlugins() {}

  /**
   * A k-means-only objective (no training phase), parameterised by package, id, API level and
   * constructor body.
   */
  static String objective(
      String pkg, String cls, String id, String apiVersion, String constructorBody) {
    return """
        package %1$s;

        import ai.djl.ndarray.NDArray;
        import java.util.List;
        import org.dec4j.api.Dec4jApi;
        import org.dec4j.api.PluginInfo;
        import org.dec4j.api.objective.*;
        import org.dec4j.api.objective.support.*;

        public final class %2$s implements ClusteringObjective {
          public %2$s() {
            %5$s
          }

          @Override
          public PluginInfo info() {
            return new PluginInfo("%3$s", "0.1", "test plugin %3$s", List.of(), %4$s);
          }

          @Override
          public ClusteringSession start(ClusteringContext context) {
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
        .formatted(pkg, cls, id, apiVersion, constructorBody);
  }

  private static Map<String, String> module(
      String name, String moduleInfoBody, String cls, String source) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("module-info.java", "module " + name + " {\n" + moduleInfoBody + "\n}\n");
    if (cls != null) {
      files.put(name.replace('.', '/') + "/" + cls + ".java", source);
    }
    return files;
  }

  private static String provides(String name, String cls) {
    return "  requires org.dec4j.api;\n  provides org.dec4j.api.objective.ClusteringObjective with "
        + name
        + "."
        + cls
        + ";";
  }

  /**
   * Writes the broken plugins (and the healthy automatic one) into a plugin directory.
   *
   * @param pluginDir the plugin directory
   * @param work a scratch directory
   */
  static void writeInto(Path pluginDir, Path work) throws Exception {
    Map<String, Map<String, String>> modules = new LinkedHashMap<>();
    modules.put(
        "org.test.throwing",
        module(
            "org.test.throwing",
            provides("org.test.throwing", "Throwing"),
            "Throwing",
            objective(
                "org.test.throwing",
                "Throwing",
                "throwing",
                "Dec4jApi.VERSION",
                "throw new IllegalStateException(\"cannot start: licence server unreachable\");")));
    modules.put(
        "org.test.dupdec",
        module(
            "org.test.dupdec",
            provides("org.test.dupdec", "Impostor"),
            "Impostor",
            objective("org.test.dupdec", "Impostor", "dec", "Dec4jApi.VERSION", "")));
    modules.put(
        "org.test.future",
        module(
            "org.test.future",
            provides("org.test.future", "Future"),
            "Future",
            objective("org.test.future", "Future", "future", "Dec4jApi.VERSION + 1", "")));
    modules.put(
        "org.test.lib",
        module(
            "org.test.lib",
            "  exports org.test.lib;",
            "Lib",
            "package org.test.lib;\npublic final class Lib {\n  public static String name() {\n    return \"lib\";\n  }\n}\n"));
    modules.put(
        "org.test.needy",
        module(
            "org.test.needy",
            provides("org.test.needy", "Needy") + "\n  requires org.test.lib;",
            "Needy",
            objective(
                "org.test.needy",
                "Needy",
                "needy",
                "Dec4jApi.VERSION",
                "org.test.lib.Lib.name();")));
    modules.put(
        "org.test.empty",
        module(
            "org.test.empty",
            "  requires org.dec4j.api;",
            "Nothing",
            "package org.test.empty;\npublic final class Nothing {}\n"));
    Map<String, Path> jars = PluginJars.moduleJars(modules, work);

    Files.copy(jars.get("org.test.throwing"), pluginDir.resolve("throws-at-construction.jar"));
    Files.copy(jars.get("org.test.dupdec"), pluginDir.resolve("duplicate-dec.jar"));
    Files.copy(jars.get("org.test.future"), pluginDir.resolve("needs-future-api.jar"));
    Files.copy(jars.get("org.test.needy"), pluginDir.resolve("missing-library.jar"));
    Files.copy(jars.get("org.test.empty"), pluginDir.resolve("provides-nothing.jar"));
    // The same plugin with its library beside it in a folder of its own loads fine.
    Path withLib = Files.createDirectories(pluginDir.resolve("needy-with-lib"));
    Files.copy(jars.get("org.test.needy"), withLib.resolve("needy.jar"));
    Files.copy(jars.get("org.test.lib"), withLib.resolve("lib.jar"));
    // Not a zip at all.
    Files.write(
        pluginDir.resolve("corrupt.jar"),
        "this is not a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // A jar without module-info: an automatic module whose provider is listed in META-INF/services.
    PluginJars.automaticJar(
        Map.of(
            "org/test/auto/AutoKMeans.java",
            objective("org.test.auto", "AutoKMeans", "auto-kmeans", "Dec4jApi.VERSION", "")),
        "org.dec4j.api.objective.ClusteringObjective",
        "org.test.auto.AutoKMeans",
        pluginDir.resolve("auto-kmeans-0.1.jar"),
        work);
    // Built against API level 2, where the hyperparameter declarations lived in the contract
    // package:
    // compiled with a stub of the old class, which the jar (like a real old build) does not
    // contain.
    PluginJars.automaticJar(
        Map.of(
            "org/test/old/OldDec.java",
            objective(
                "org.test.old",
                "OldDec",
                "old-dec",
                "2",
                "org.dec4j.api.objective.CommonHyperparameters.batchSize(256);"),
            "org/dec4j/api/objective/CommonHyperparameters.java",
            """
            package org.dec4j.api.objective;
            public final class CommonHyperparameters {
              public static org.dec4j.api.HyperparameterSpec batchSize(int d) {
                return null;
              }
            }
            """),
        "org.dec4j.api.objective.ClusteringObjective",
        "org.test.old.OldDec",
        pluginDir.resolve("old-api-2.jar"),
        work,
        List.of("org/dec4j/api/objective/CommonHyperparameters.class"));
    // Declares API level 2 but links fine: turned away by the level check.
    PluginJars.automaticJar(
        Map.of(
            "org/test/level2/Level2.java",
            objective("org.test.level2", "Level2", "level-two", "2", "")),
        "org.dec4j.api.objective.ClusteringObjective",
        "org.test.level2.Level2",
        pluginDir.resolve("declares-api-2.jar"),
        work);
  }
}
