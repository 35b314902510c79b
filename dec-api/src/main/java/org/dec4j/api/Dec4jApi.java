package org.dec4j.api;

import java.util.Map;
import java.util.Optional;

/**
 * The version of this API, which a plugin declares and the runtime checks before using it.
 *
 * <p>The version is a single increasing integer, an <em>API level</em>: a release that adds to the
 * exported packages (a type, a {@code default} method, a record factory) raises it by one, and a
 * plugin built against level {@code n} runs on every runtime whose {@link #VERSION} is at least
 * {@code n} and whose {@link #OLDEST_SUPPORTED} is at most {@code n}. Removing or changing an
 * exported signature raises {@link #OLDEST_SUPPORTED} as well, so plugins built before the change
 * are turned away with a message instead of failing later with a {@link LinkageError}.
 *
 * <p>A plugin declares the level it was compiled against by passing {@link #VERSION} to {@link
 * PluginInfo#PluginInfo(String, String, String, java.util.List, int)}. Because {@code VERSION} is a
 * compile-time constant, javac copies its value into the plugin's class file, so the declaration
 * records the API the plugin was built with, not the one it runs on (the handshake SLF4J 2
 * providers make with {@code getRequestedApiVersion}). A plugin that declares nothing ({@link
 * #UNDECLARED}) is accepted and listed as such.
 */
public final class Dec4jApi {
  /**
   * The API level of this dec-api build. Level 2 added {@link org.dec4j.api.data.FeatureScaling},
   * the column names and scaling of {@link org.dec4j.api.data.LoadedDataset} and the scaling of
   * {@link org.dec4j.api.data.DatasetRequest}; {@code ClusteringSession.diagnostics()}, {@code
   * StudentTSession}'s protected hooks and {@code TraceEntry.diagnostics}; {@code PluginProvenance}
   * with {@code Provenance.plugins}; a {@code CommonHyperparameters.optimizer} overload with a
   * maximum learning rate; {@link OutputException}, {@link
   * Dec4jException#describe(java.io.IOException)} and {@link
   * DataException#reading(java.nio.file.Path, java.io.IOException)}; {@link ConfigException#unknown
   * ConfigException.unknown} and {@link ConfigException#closest} ("did you mean"); the {@link
   * org.dec4j.api.data.ImageShape} of a {@link org.dec4j.api.data.LoadedDataset}, also given to
   * encoders in {@code EncoderSpec.image} (which the first encoder plugin written outside the
   * runtime, a convolutional autoencoder, needed); a result's {@link
   * org.dec4j.api.result.EmbeddingSnapshot}s and {@link org.dec4j.api.result.Gallery}; {@link
   * org.dec4j.api.data.ClassSubsample} with {@code DataProvenance.subsample}; and {@link
   * org.dec4j.api.result.ClassRecall} with {@code RunResult.perClass}.
   *
   * <p>Level 3 made the contract smaller and its names unambiguous, so it drops levels 1 and 2 (see
   * {@link #MOVED} and docs/writing-an-objective-plugin.md, "Moving to API level 3"): the optional
   * building blocks moved to {@link org.dec4j.api.objective.support}; {@code HyperParameter} became
   * {@link HyperparameterSpec}; {@code PretrainConfig} moved to {@link org.dec4j.api.encoder};
   * {@link org.dec4j.api.objective.TrainingPlan} gained {@code tol}, {@code from} and the common
   * names, and {@link org.dec4j.api.objective.ClusteringSession#converged} became a default that
   * reads it; {@code ClusteringSession.restore} became {@code restoreCentroids}; the constructor of
   * {@code StudentTSession} lost its {@code tol} (the plan carries it).
   */
  public static final int VERSION = 3;

  /** The oldest API level this build still runs plugins of. */
  public static final int OLDEST_SUPPORTED = 3;

  /**
   * Types of older API levels that no longer exist under their old name, to where they went: the
   * runtime uses it to tell the author of a plugin built against an older dec-api what to change
   * when loading the plugin fails on one of them.
   */
  public static final Map<String, String> MOVED =
      Map.of(
          "org.dec4j.api.HyperParameter",
          "org.dec4j.api.HyperparameterSpec (API 3)",
          "org.dec4j.api.objective.ClusteringMath",
          "org.dec4j.api.objective.support.ClusteringMath (API 3)",
          "org.dec4j.api.objective.StudentTSession",
          "org.dec4j.api.objective.support.StudentTSession (API 3)",
          "org.dec4j.api.objective.CommonHyperparameters",
          "org.dec4j.api.objective.support.CommonHyperparameters (API 3; its name constants are on TrainingPlan "
              + "and OptimizerSpec)",
          "org.dec4j.api.result.PretrainConfig",
          "org.dec4j.api.encoder.PretrainConfig (API 3)");

  /** The level of a plugin that declares none; it is assumed compatible. */
  public static final int UNDECLARED = 0;

  private Dec4jApi() {}

  /**
   * Tells whether a plugin built against an API level can run on this API.
   *
   * @param apiVersion the level the plugin declares
   * @return true for {@link #UNDECLARED} and for levels in [{@link #OLDEST_SUPPORTED}, {@link
   *     #VERSION}]
   */
  public static boolean isSupported(int apiVersion) {
    return apiVersion == UNDECLARED || (apiVersion >= OLDEST_SUPPORTED && apiVersion <= VERSION);
  }

  /**
   * Checks that a plugin's declared API level is supported.
   *
   * @param info the plugin's metadata
   * @throws PluginException naming the plugin, the level it declares and the levels supported, and
   *     saying whether dec4j or the plugin needs upgrading
   */
  public static void requireSupported(PluginInfo info) {
    int v = info.apiVersion();
    if (isSupported(v)) {
      return;
    }
    String supported =
        OLDEST_SUPPORTED == VERSION
            ? Integer.toString(VERSION)
            : OLDEST_SUPPORTED + " to " + VERSION;
    if (v > VERSION) {
      throw new PluginException(
          "plugin '"
              + info.id()
              + "' "
              + info.version()
              + " needs dec4j API "
              + v
              + ", but this dec4j provides API "
              + supported
              + ": upgrade dec4j or use an older build of the plugin");
    }
    throw new PluginException(
        "plugin '"
            + info.id()
            + "' "
            + info.version()
            + " was built for dec4j API "
            + v
            + ", which this dec4j no longer supports (it supports "
            + supported
            + "): rebuild the plugin against the current dec-api"
            + UPGRADE_GUIDE);
  }

  /** Where a plugin author reads what changed between API levels. */
  private static final String UPGRADE_GUIDE =
      " (what changed: docs/writing-an-objective-plugin.md, 'Moving to API level 3')";

  /**
   * Explains a {@link LinkageError} raised while loading or calling a plugin, when it comes from
   * the plugin having been built against an older dec-api: a missing class of {@link #MOVED}, or a
   * missing or changed method or field of an {@code org.dec4j.api} type.
   *
   * @param plugin the plugin's class or id, for the message
   * @param error the error
   * @return the explanation, or empty when the error does not involve dec-api
   */
  public static Optional<String> explainLinkage(String plugin, LinkageError error) {
    String message = String.valueOf(error.getMessage()).replace('/', '.');
    for (var e : MOVED.entrySet()) {
      if (message.contains(e.getKey())) {
        return Optional.of(
            plugin
                + " was built against an older dec-api: "
                + e.getKey()
                + " no longer exists, it is now "
                + e.getValue()
                + "; rebuild the plugin against dec-api level "
                + VERSION
                + UPGRADE_GUIDE);
      }
    }
    boolean apiMember =
        (error instanceof NoSuchMethodError
                || error instanceof NoSuchFieldError
                || error instanceof AbstractMethodError
                || error instanceof IncompatibleClassChangeError
                || error instanceof NoClassDefFoundError)
            && message.contains("org.dec4j.api.");
    if (apiMember) {
      return Optional.of(
          plugin
              + " was built against another dec-api than this dec4j's (level "
              + VERSION
              + "): "
              + error.getClass().getSimpleName()
              + ": "
              + error.getMessage()
              + "; rebuild the plugin against dec-api level "
              + VERSION
              + UPGRADE_GUIDE);
    }
    return Optional.empty();
  }
}
