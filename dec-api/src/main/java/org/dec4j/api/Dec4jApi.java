package org.dec4j.api;

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
 * <p>A plugin declares the level it was compiled against by passing {@link #VERSION} to
 * {@link PluginInfo#PluginInfo(String, String, String, java.util.List, int)}. Because
 * {@code VERSION} is a compile-time constant, javac copies its value into the plugin's class
 * file, so the declaration records the API the plugin was built with, not the one it runs on (the
 * handshake SLF4J 2 providers make with {@code getRequestedApiVersion}). A plugin that declares
 * nothing ({@link #UNDECLARED}) is accepted and listed as such.
 */
public final class Dec4jApi {
  /**
   * The API level of this dec-api build. Level 2 added {@link org.dec4j.api.data.FeatureScaling},
   * the column names and scaling of {@link org.dec4j.api.data.LoadedDataset} and the scaling of
   * {@link org.dec4j.api.data.DatasetRequest}; {@code ClusteringSession.diagnostics()},
   * {@code StudentTSession}'s protected hooks and {@code TraceEntry.diagnostics};
   * {@code PluginProvenance} with {@code Provenance.plugins}; a
   * {@code CommonHyperparameters.optimizer} overload with a maximum learning rate;
   * {@link OutputException}, {@link Dec4jException#describe(java.io.IOException)} and
   * {@link DataException#reading(java.nio.file.Path, java.io.IOException)};
   * {@link ConfigException#unknown ConfigException.unknown} and {@link ConfigException#closest}
   * ("did you mean"); the {@link org.dec4j.api.data.ImageShape} of a
   * {@link org.dec4j.api.data.LoadedDataset}, also given to encoders in {@code EncoderSpec.image} (which
   * the first encoder plugin written outside the runtime, a convolutional autoencoder, needed); a result's
   * {@link org.dec4j.api.result.EmbeddingSnapshot}s and {@link org.dec4j.api.result.Gallery};
   * {@link org.dec4j.api.data.ClassSubsample} with {@code DataProvenance.subsample}; and
   * {@link org.dec4j.api.result.ClassRecall} with {@code RunResult.perClass}.
   */
  public static final int VERSION = 2;

  /** The oldest API level this build still runs plugins of. */
  public static final int OLDEST_SUPPORTED = 1;

  /** The level of a plugin that declares none; it is assumed compatible. */
  public static final int UNDECLARED = 0;

  private Dec4jApi() {}

  /**
   * Tells whether a plugin built against an API level can run on this API.
   *
   * @param apiVersion the level the plugin declares
   * @return true for {@link #UNDECLARED} and for levels in [{@link #OLDEST_SUPPORTED}, {@link #VERSION}]
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
    String supported = OLDEST_SUPPORTED == VERSION ? Integer.toString(VERSION)
        : OLDEST_SUPPORTED + " to " + VERSION;
    if (v > VERSION) {
      throw new PluginException("plugin '" + info.id() + "' " + info.version() + " needs dec4j API " + v
          + ", but this dec4j provides API " + supported + ": upgrade dec4j or use an older build of the plugin");
    }
    throw new PluginException("plugin '" + info.id() + "' " + info.version() + " was built for dec4j API " + v
        + ", which this dec4j no longer supports (it supports " + supported
        + "): rebuild the plugin against the current dec-api");
  }
}
