package org.dec4j.api.data;

import java.util.List;

/**
 * A per-class random subsample of a labelled data set, as the DEC paper's experiment on imbalanced
 * data draws one (Xie et al., ICML 2016, section 5.4: each sample of class c is kept with
 * probability r_c), recorded in {@link DataProvenance} so a result says exactly what it ran on.
 *
 * @param rule the option as given, e.g. {@code linear:0.1}
 * @param rates the retention probability of each class, by label
 * @param seed the seed of the draw (derived from the run's or the data set's seed; independent of
 *     the weights' random stream)
 * @param available the rows of each class before the draw
 * @param kept the rows of each class kept
 */
public record ClassSubsample(
    String rule, List<Double> rates, long seed, List<Integer> available, List<Integer> kept) {

  /** Copies the lists and checks that they have one entry per class. */
  public ClassSubsample {
    rates = List.copyOf(rates);
    available = List.copyOf(available);
    kept = List.copyOf(kept);
    if (rates.size() != available.size() || kept.size() != available.size()) {
      throw new IllegalArgumentException(
          "one rate, available and kept count per class: "
              + rates.size()
              + ", "
              + available.size()
              + ", "
              + kept.size());
    }
  }

  /** {@return the rows kept over all classes} */
  public int keptTotal() {
    return kept.stream().mapToInt(Integer::intValue).sum();
  }
}
