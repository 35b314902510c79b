package org.dec4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dec4j.api.result.Scores;
import org.junit.jupiter.api.Test;

class ClusteringLoopStatusTest {

  @Test
  void showsTheMeanLossAndTheLabelChange() {
    assertEquals("loss 0.01970  changed 0.0707", ClusteringLoop.status(0.0197, 0.0707, null));
  }

  @Test
  void showsADashBeforeTheFirstStepInsteadOfNaN() {
    assertEquals("loss -  changed 0.0006", ClusteringLoop.status(Double.NaN, 0.0006, null));
  }

  @Test
  void appendsTheScoresWhenLabelsAreKnown() {
    Scores scores = new Scores(0.5, 0.25, 0.125);
    assertEquals("loss -  changed 0.0000  " + scores, ClusteringLoop.status(Double.NaN, 0, scores));
  }
}
