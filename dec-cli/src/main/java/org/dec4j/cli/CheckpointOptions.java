package org.dec4j.cli;

import java.nio.file.Path;
import org.dec4j.runtime.Checkpointing;
import picocli.CommandLine.Option;

/**
 * When and where runs save checkpoints: --checkpoint-dir (else ~/.dec4j/checkpoints), the
 * intervals, or --no-checkpoint for none.
 */
final class CheckpointOptions {
  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description =
          "Where runs keep checkpoints, one folder"
              + " per configuration, deleted when its result is written (default: ~/.dec4j/checkpoints).")
  Path dir;

  @Option(
      names = "--checkpoint-epochs",
      paramLabel = "N",
      defaultValue = "" + Checkpointing.EPOCHS,
      description =
          "Checkpoint pretraining every N epochs; 0: by time only (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--checkpoint-refreshes",
      paramLabel = "N",
      defaultValue = "" + Checkpointing.REFRESHES,
      description =
          "Checkpoint the clustering phase every N refreshes; 0: by time only (default: ${DEFAULT-VALUE}).")
  int refreshes;

  @Option(
      names = "--checkpoint-minutes",
      paramLabel = "M",
      defaultValue = "10",
      description =
          "Also checkpoint at the first epoch end or refresh after M minutes; 0: by count only"
              + " (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--no-checkpoint",
      description = "Neither write checkpoints nor resume from them.")
  boolean off;

  /** {@return the checkpoint settings these options describe} */
  Checkpointing settings() {
    return off
        ? Checkpointing.disabled()
        : new Checkpointing(
            dir != null ? dir : Path.of(System.getProperty("user.home"), ".dec4j", "checkpoints"),
            epochs,
            refreshes,
            minutes);
  }
}
