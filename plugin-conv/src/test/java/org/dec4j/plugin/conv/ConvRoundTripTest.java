package org.dec4j.plugin.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.dec4j.api.data.DataProvenance;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.ImageShape;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.runtime.ClusteringModel;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.runtime.Pretraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user runs it: found by the runtime, trained with DEC on small images, saved,
 * loaded and asked to predict.
 */
class ConvRoundTripTest {
  @TempDir Path dir;

  /**
   * 16 x 16 images of three classes: a bright horizontal bar at rows 2-3, 7-8 or 12-13, with noise.
   */
  private static LoadedDataset bars(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[n * 256];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int p = 0; p < 256; p++) {
        int row = p / 16;
        boolean bar = row == 2 + 5 * y[i] || row == 3 + 5 * y[i];
        v[i * 256 + p] =
            (float) Math.min(1, Math.max(0, (bar ? 0.9 : 0.05) + 0.1 * random.nextGaussian()));
      }
    }
    FeatureMatrix f = new FeatureMatrix(v, n, 256);
    return new LoadedDataset(
            "bars",
            f,
            y,
            3,
            new DataProvenance("generated bars", List.of(), LoadedDataset.checksum(f, y), ""))
        .withImage(ImageShape.gray(16, 16));
  }

  @Test
  void decOnTheConvEncoderSavesLoadsAndPredicts() {
    LoadedDataset data = bars(150, 1);
    ClusteringModel model =
        DeepClustering.method("dec")
            .clusters(3)
            .seed(0)
            .encoder("conv")
            .encoderParam("filters", "8,16,16,4")
            .param("max_iter", 100)
            .param("batch_size", 32)
            .pretrain(Pretraining.endToEnd().epochs(15).batchSize(32))
            .fit(data);
    assertTrue(
        model.result().scores().acc() > 0.9,
        "three bar positions are easy: " + model.result().scores());
    assertEquals("conv", model.result().config().encoder());
    model.save(dir);
    ClusteringModel loaded = DeepClustering.load(dir);
    float[][] rows = new float[data.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = data.features().row(i);
    }
    assertArrayEquals(
        model.predict(rows), loaded.predict(rows), "the loaded model predicts as the trained one");
    assertArrayEquals(
        model.labels(), loaded.predict(rows), "and gives the training rows their clusters");
    float[][] fresh = new float[3][];
    LoadedDataset other = bars(3, 99);
    for (int i = 0; i < 3; i++) {
      fresh[i] = other.features().row(i);
    }
    int[] predicted = loaded.predict(fresh);
    int[] firstOfClass = new int[3];
    for (int c = 0; c < 3; c++) {
      firstOfClass[c] = model.labels()[c];
    }
    assertArrayEquals(firstOfClass, predicted, "new images get the cluster of their class");
  }
}
