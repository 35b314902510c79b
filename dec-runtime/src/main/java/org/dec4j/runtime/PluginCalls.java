package org.dec4j.runtime;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.PluginException;
import org.dec4j.api.objective.Batch;
import org.dec4j.api.objective.ClusteringSession;
import org.dec4j.api.objective.Progress;
import org.dec4j.api.objective.SessionState;
import org.dec4j.api.objective.TrainingPlan;

/**
 * Calls into plugin code with failures attributed: an unchecked exception or a linkage error
 * escaping a plugin becomes a {@link PluginException} naming the plugin (kind, id, version, jar)
 * and the method, e.g. {@code objective dkm 1.0.0 (/plugins/dkm.jar) failed in start():
 * IllegalStateException: ...}, which the command line reports in one line with its own exit code. A
 * {@link Dec4jException} a plugin throws on purpose (bad data, a bad setting) passes unchanged.
 */
final class PluginCalls {
  private PluginCalls() {}

  /**
   * Runs one call into a plugin.
   *
   * @param label the plugin, as {@link PluginRegistry#label} names it
   * @param method the method called, for the message
   * @param body the call
   * @param <T> its result type
   * @return its result
   * @throws PluginException when the plugin fails other than on purpose
   */
  static <T> T call(String label, String method, Supplier<T> body) {
    try {
      return body.get();
    } catch (Dec4jException e) {
      throw e;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      throw failure(label, method, e);
    }
  }

  private static void run(String label, String method, Runnable body) {
    call(
        label,
        method,
        () -> {
          body.run();
          return null;
        });
  }

  static PluginException failure(String label, String method, Throwable e) {
    if (e instanceof LinkageError le) {
      var stale = Dec4jApi.explainLinkage(label, le);
      if (stale.isPresent()) {
        return new PluginException(stale.get() + " (in " + method + "())", e);
      }
    }
    String what =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new PluginException(label + " failed in " + method + "(): " + what, e);
  }

  /**
   * Wraps a session so that each of its calls is attributed as {@link #call} does. Restoring state
   * is left unwrapped: its exceptions are part of its contract (a method without checkpoints, a
   * state that does not fit), and the clustering loop handles them.
   *
   * @param label the objective, as {@link PluginRegistry#label} names it
   * @param session the session
   * @return the guarded session
   */
  static ClusteringSession guard(String label, ClusteringSession session) {
    return new ClusteringSession() {
      @Override
      public TrainingPlan plan() {
        return call(label, "plan", session::plan);
      }

      @Override
      public int[] initialize(NDArray embeddings) {
        return call(label, "initialize", () -> session.initialize(embeddings));
      }

      @Override
      public Map<String, NDArray> parameters() {
        return call(label, "parameters", session::parameters);
      }

      @Override
      public NDArray loss(Batch batch) {
        return call(label, "loss", () -> session.loss(batch));
      }

      @Override
      public void afterStep(Batch batch) {
        run(label, "afterStep", () -> session.afterStep(batch));
      }

      @Override
      public int[] refresh(NDArray embeddings, int iteration) {
        return call(label, "refresh", () -> session.refresh(embeddings, iteration));
      }

      @Override
      public boolean converged(Progress progress) {
        return call(label, "converged", () -> session.converged(progress));
      }

      @Override
      public int[] assign(NDArray embeddings) {
        return call(label, "assign", () -> session.assign(embeddings));
      }

      @Override
      public Optional<NDArray> softAssign(NDArray embeddings) {
        return call(label, "softAssign", () -> session.softAssign(embeddings));
      }

      @Override
      public float[][] centroids() {
        return call(label, "centroids", session::centroids);
      }

      @Override
      public void restoreCentroids(float[][] centroids) {
        session.restoreCentroids(centroids);
      }

      @Override
      public boolean saveState(SessionState state) {
        return call(label, "saveState", () -> session.saveState(state));
      }

      @Override
      public void restoreState(SessionState state) {
        session.restoreState(state);
      }

      @Override
      public void close() {
        run(label, "close", session::close);
      }
    };
  }
}
