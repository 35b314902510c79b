package org.example.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.dec4j.runtime.ClusteringModel;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.Pretraining;
import org.dec4j.runtime.ProgressSink;
import org.dec4j.runtime.metrics.ClusteringMetrics;

/**
 * Clusters 300 rows held in memory with IDEC, saves the model, reads it back, predicts new rows and
 * scores the clustering against the known groups.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the example.
   *
   * @param args the directory to save the model in (default: a new temporary directory)
   * @throws Exception when the directory cannot be made
   */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dec4j-model");

    // Three groups of 100 rows in 8 dimensions: group g is centred at 3 on the features j with j % 3 == g.
    Random random = new Random(42);
    float[][] rows = new float[300][8];
    int[] groups = new int[300];
    for (int i = 0; i < rows.length; i++) {
      groups[i] = i % 3;
      for (int j = 0; j < 8; j++) {
        rows[i][j] = (float) ((j % 3 == groups[i] ? 3 : 0) + random.nextGaussian() * 0.5);
      }
    }

    ClusteringModel model = DeepClustering.method("idec")
        .clusters(3)
        .seed(0)
        .param("gamma", 0.1)
        .param("batch_size", 32)
        .dims(32, 16, 2)
        .pretrain(Pretraining.endToEnd().epochs(30).batchSize(32))
        .listener(ProgressSink.lines(line -> System.err.println("  " + line)))
        .fit(rows);
    System.out.println("fitted " + model.method() + ": " + model.clusters() + " clusters, "
        + model.result().iterations() + " iterations");
    System.out.println("training rows: " + model.scores(groups));

    model.save(dir);
    ClusteringModel loaded = DeepClustering.load(dir);
    float[][] fresh = {
      {3, 0, 0, 3, 0, 0, 3, 0},
      {0, 3, 0, 0, 3, 0, 0, 3},
      {0, 0, 3, 0, 0, 3, 0, 0},
    };
    int[] predicted = loaded.predict(fresh);
    System.out.println("new rows of groups 0, 1, 2 -> clusters " + Arrays.toString(predicted));
    System.out.println("as the training rows of their groups: "
        + (predicted[0] == loaded.labels()[0] && predicted[1] == loaded.labels()[1]
            && predicted[2] == loaded.labels()[2]));
    float[] q = loaded.predictSoft(fresh)[0];
    System.out.printf("soft assignment of the first: %.3f %.3f %.3f%n", q[0], q[1], q[2]);
    System.out.println("reloaded model on the training rows: "
        + ClusteringMetrics.scores(groups, loaded.predict(rows)));
  }
}
