package org.dec4j.runtime;

import ai.djl.engine.Engine;
import java.util.SplittableRandom;
import smile.math.MathEx;

/**
 * The one place where a run's seed becomes random streams, and the only caller of the global
 * generators (MXNet's, through DJL's {@link Engine}, and Smile's per-thread {@link MathEx}).
 *
 * <p>Every stream a run draws from is a pure function of the run's seed and of where it is used,
 * never of the clock, the thread or what ran before, so a seed on one machine gives the same
 * assignments every time, and a run resumed from a checkpoint draws what it would have drawn:
 *
 * <table>
 *   <caption>The streams of a run with seed s</caption>
 *   <tr><th>stream</th><th>seed</th><th>used by</th></tr>
 *   <tr><td>initial weights</td><td>{@link #weights()} = s</td><td>{@code Network}</td></tr>
 *   <tr><td>batch order, pretraining and clustering</td><td>{@link #batchOrder()} = s</td><td>{@code BatchSampler}</td></tr>
 *   <tr><td>MXNet's generator at the start of a run</td><td>{@link #seedEngine()}: (int) s</td><td>{@code Runner}</td></tr>
 *   <tr><td>denoising dropout, per layer and epoch</td><td>{@link #seedDropout(int, int)}: a mix of (s, layer, epoch)</td><td>{@code Pretrainer}</td></tr>
 *   <tr><td>k-means++ seeds of restart r</td><td>{@link #seedKMeansRestart(int)}: s * 1000003 + r</td><td>{@code SmileKMeans}</td></tr>
 *   <tr><td>rows kept for plots</td><td>{@link #plotSample()} = s ^ 0x5EED5A3B1E</td><td>{@code Runner}, {@code ChooseK}</td></tr>
 *   <tr><td>the {@code retention} draw</td><td>{@link #retention()} = s ^ "RETAINED"</td><td>{@code DatasetOptions}</td></tr>
 *   <tr><td>choose-k's held-out split</td><td>{@link #validationSplit()} = s ^ "CHOOSEK"</td><td>{@code ChooseK}</td></tr>
 *   <tr><td>embedding maps (t-SNE, UMAP)</td><td>{@link #seedMaps()}: s</td><td>reports</td></tr>
 * </table>
 *
 * <p>These derivations are the ones every published result of dec4j was computed with, so they are
 * kept bit for bit. Weights and batch order share the root seed (two different uses of one
 * generator state, which does not correlate what they decide); a new stream should come from {@link
 * #split(long)}, which gives a statistically independent generator per purpose.
 */
public final class Seeds {
  private static final long PLOT_SAMPLE = 0x5EED5A3B1EL;
  private static final long RETENTION = 0x52455441494E4544L;
  private static final long VALIDATION_SPLIT = 0x43484F4F53454BL;

  private final long seed;

  private Seeds(long seed) {
    this.seed = seed;
  }

  /**
   * The streams of one run.
   *
   * @param seed the run's seed
   * @return its streams
   */
  public static Seeds of(long seed) {
    return new Seeds(seed);
  }

  /** {@return the run's seed} */
  public long seed() {
    return seed;
  }

  /** {@return the seed of the initial weights} */
  public long weights() {
    return seed;
  }

  /** {@return the seed of the batch order of pretraining and of the clustering phase} */
  public long batchOrder() {
    return seed;
  }

  /** {@return the seed of the rows a result keeps for plots} */
  public long plotSample() {
    return seed ^ PLOT_SAMPLE;
  }

  /** {@return the seed of the {@code retention} option's draw} */
  public long retention() {
    return seed ^ RETENTION;
  }

  /** {@return the seed of choose-k's held-out split} */
  public long validationSplit() {
    return seed ^ VALIDATION_SPLIT;
  }

  /**
   * An independent generator for a purpose not listed above, derived by splitting.
   *
   * @param purpose a constant naming the purpose, different for every purpose
   * @return a generator that depends on the run's seed and the purpose only
   */
  public SplittableRandom split(long purpose) {
    SplittableRandom root = new SplittableRandom(seed);
    return new SplittableRandom(root.nextLong() ^ purpose).split();
  }

  /** Seeds MXNet's generator at the start of a run. */
  public void seedEngine() {
    Engine.getInstance().setRandomSeed((int) seed);
  }

  /**
   * Seeds MXNet's generator for the dropout masks of one epoch of one layer's denoising training,
   * so they depend on (seed, layer, epoch) alone and a run resumed at an epoch boundary draws the
   * same masks.
   *
   * @param layer the layer
   * @param epoch the epoch
   */
  public void seedDropout(int layer, int epoch) {
    Engine.getInstance().setRandomSeed(dropoutSeed(seed, layer, epoch));
  }

  /**
   * The engine seed of one epoch of one layer's denoising training.
   *
   * @param seed the run's seed
   * @param layer the layer
   * @param epoch the epoch
   * @return a seed mixing the three
   */
  static int dropoutSeed(long seed, int layer, int epoch) {
    long h = seed * 0x9E3779B97F4A7C15L + layer * 0xC2B2AE3D27D4EB4FL + epoch * 0x165667B19E3779F9L;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (int) (h & 0x7FFFFFFF);
  }

  /**
   * Seeds Smile's per-thread generator for k-means restart {@code r} (its k-means++ draws).
   *
   * @param restart the restart, from 0
   */
  public void seedKMeansRestart(int restart) {
    MathEx.setSeed(seed * 1_000_003L + restart);
  }

  /** Seeds Smile's per-thread generator for an embedding map (t-SNE, UMAP) of this seed. */
  public void seedMaps() {
    MathEx.setSeed(seed);
  }
}
