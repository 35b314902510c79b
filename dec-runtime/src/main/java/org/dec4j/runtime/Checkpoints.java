package org.dec4j.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.result.RunConfig;
import org.dec4j.runtime.nn.Checkpointer;
import org.dec4j.runtime.nn.TensorFile;

/**
 * The checkpoint folder of one run: {@code <dir>/run-<key>/}, with one file per phase ({@code
 * pretrain.ckpt}, {@code cluster.ckpt}) and a {@code run.json} that says which run it belongs to.
 * The key hashes everything that determines the run's result, so a run started again with the same
 * configuration finds its own checkpoints and no other run's; that includes the SHA-256 of every
 * plugin-directory jar the run uses, so a plugin rebuilt under the same version does not resume the
 * old build's checkpoints (runs of dec4j's own plugins keep their keys). A running run holds a lock
 * on {@code <dir>/run-<key>/lock}, so a second process started on the same configuration (two
 * terminals, the same suite started twice) is refused instead of overwriting the first one's
 * checkpoints.
 */
final class Checkpoints {
  /** Version of the checkpoint layout; part of the key, so older checkpoints are never read. */
  static final int FORMAT = 1;

  private final Checkpointing policy;
  private final Path dir;
  private final Map<String, Object> description;
  private final ProgressSink progress;
  private long lastSave = System.nanoTime();
  private boolean described;

  private Checkpoints(
      Checkpointing policy, Path dir, Map<String, Object> description, ProgressSink progress) {
    this.policy = policy;
    this.dir = dir;
    this.description = description;
    this.progress = progress;
  }

  /**
   * Opens the checkpoints of a run (nothing is written until the first checkpoint).
   *
   * @param policy when and where
   * @param config the run's resolved configuration
   * @param dataSha256 the checksum of its data
   * @param pluginJars the SHA-256 of each plugin-directory jar the run uses, by kind and id
   * @param progress where to report unreadable checkpoints
   * @return the run's checkpoints
   */
  static Checkpoints open(
      Checkpointing policy,
      RunConfig config,
      String dataSha256,
      Map<String, String> pluginJars,
      ProgressSink progress) {
    Map<String, Object> description = description(config, dataSha256, pluginJars);
    return new Checkpoints(
        policy, policy.dir().resolve("run-" + key(description)), description, progress);
  }

  /**
   * The folder a run's checkpoints live in.
   *
   * @param policy when and where
   * @param config the run's resolved configuration
   * @param dataSha256 the checksum of its data
   * @param pluginJars the SHA-256 of each plugin-directory jar the run uses, by kind and id
   * @return the folder (it may not exist)
   */
  static Path folder(
      Checkpointing policy, RunConfig config, String dataSha256, Map<String, String> pluginJars) {
    return policy.dir().resolve("run-" + key(description(config, dataSha256, pluginJars)));
  }

  /** {@return the run's folder} */
  Path dir() {
    return dir;
  }

  /**
   * Returns one phase's checkpointer.
   *
   * @param name the phase, also the file name
   * @param every boundaries between checkpoints (0: by time only)
   * @return the checkpointer
   */
  Checkpointer phase(String name, int every) {
    return new Phase(dir.resolve(name + ".ckpt"), every);
  }

  /** A claim on a run's checkpoint folder; closing it releases the folder. */
  interface Claim extends AutoCloseable {
    /** No claim (checkpoints disabled, or a folder that cannot be locked). */
    Claim NONE = () -> {};

    @Override
    void close();
  }

  /**
   * Claims the run's folder for this process until the claim is closed. When the folder cannot be
   * created or locked (a read-only home, a file system without locks) the run goes on unclaimed and
   * says so: checkpoints are a convenience and must not stop a run.
   *
   * @return the claim
   * @throws ConfigException when another process (or another run in this one) holds the folder
   */
  Claim claim() {
    Path file = dir.resolve("lock");
    FileChannel channel;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      progress.info("cannot lock " + file + " (" + e.getMessage() + "); running without the lock");
      return Claim.NONE;
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      progress.info("cannot lock " + file + " (" + e.getMessage() + "); running without the lock");
      closeQuietly(channel);
      return Claim.NONE;
    }
    if (lock == null) {
      String holder = holder(channel);
      closeQuietly(channel);
      throw new ConfigException(
          "this configuration is already running"
              + holder
              + ": its checkpoint folder "
              + dir
              + " is locked. Wait for that run to finish (then this one finds its result or resumes), or run this"
              + " copy with --checkpoint-dir DIR elsewhere or --no-checkpoint");
    }
    try {
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
    } catch (IOException e) {
      // the pid is only for the message of a refused second run
    }
    FileLock held = lock;
    return () -> {
      try {
        held.release();
      } catch (IOException e) {
        // closing the channel releases it as well
      }
      closeQuietly(channel);
    };
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      int n = channel.read(buffer, 0);
      String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
      return pid.matches("[0-9]{1,19}") ? " in process " + pid : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  /** Deletes the run's checkpoints (unusable ones, before starting over), keeping its lock. */
  void discardCheckpoints() {
    deleteFiles(dir, "lock");
  }

  /**
   * Deletes a run's checkpoint folder, if there is one.
   *
   * @param folder the folder
   */
  static void discard(Path folder) {
    if (Files.isDirectory(folder) && deleteFiles(folder, null)) {
      try {
        Files.deleteIfExists(folder);
      } catch (IOException e) {
        // A leftover folder only costs disk space; the next run of this configuration reuses it.
      }
    }
  }

  /**
   * Deletes the files of a folder but {@code keep}; false when some could not be listed or deleted.
   */
  private static boolean deleteFiles(Path folder, String keep) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        if (!f.getFileName().toString().equals(keep)) {
          Files.deleteIfExists(f);
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Map<String, Object> description(
      RunConfig config, String dataSha256, Map<String, String> pluginJars) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", FORMAT);
    d.put("data_sha256", dataSha256);
    d.put("method", config.method());
    d.put("method_params", new TreeMap<>(config.methodParams()));
    d.put("dataset", config.dataset());
    d.put("dataset_params", new TreeMap<>(config.datasetParams()));
    d.put("encoder", config.encoder());
    d.put("encoder_params", new TreeMap<>(config.encoderParams()));
    d.put("pretrain", config.pretrain() == null ? null : Runner.pretrainKey(config.pretrain()));
    d.put("clusters", config.clusters());
    d.put("seed", config.seed());
    d.put("kmeans_restarts", config.kmeansRestarts());
    if (!pluginJars.isEmpty()) {
      // Only when there are any, so that runs of dec4j's own plugins keep the keys they had.
      d.put("plugin_jars_sha256", new TreeMap<>(pluginJars));
    }
    return d;
  }

  static String key(Map<String, Object> description) {
    try {
      String text = Json.mapper().writeValueAsString(description);
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean timeIsUp() {
    return policy.everyMinutes() > 0
        && (System.nanoTime() - lastSave) / 60e9 >= policy.everyMinutes();
  }

  /** One phase's checkpoint file. */
  private final class Phase implements Checkpointer {
    private final Path file;
    private final int every;

    Phase(Path file, int every) {
      this.file = file;
      this.every = every;
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public TensorFile latest() {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      try {
        return TensorFile.read(file);
      } catch (DataException e) {
        progress.info("ignoring an unreadable checkpoint (" + e.getMessage() + ")");
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // the next save replaces it anyway
        }
        return null;
      }
    }

    @Override
    public boolean due(int boundaries) {
      return (every > 0 && boundaries >= every) || timeIsUp();
    }

    @Override
    public void save(TensorFile checkpoint) {
      try {
        if (!described) {
          Json.writeAtomically(dir.resolve("run.json"), description);
          described = true;
        }
        checkpoint.write(file);
        lastSave = System.nanoTime();
      } catch (IOException | DataException e) {
        // Failing to checkpoint must not fail the run; it only loses the ability to resume.
        progress.info("could not write checkpoint " + file + ": " + e.getMessage());
      }
    }
  }
}
