package org.dec4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.dec4j.api.Dec4jException;

/**
 * Seeded fuzzing of a file reader: random bytes, and random mutations of valid files (bit flips,
 * overwritten, inserted, deleted and duplicated bytes, truncation, 32-bit sizes written over
 * headers, text-level token edits, and for gzipped files the mutation of the content under a new
 * gzip). A reader may accept a case or refuse it, but only with dec4j's own {@link Dec4jException}
 * whose message names the file; never with another exception, an error such as {@link
 * OutOfMemoryError}, or a hang. Each case runs on a worker thread with a limit on its CPU time.
 *
 * <p>For a data set plugin's reader:
 *
 * <pre>{@code
 * new FileFuzzer().run("my format", 1, List.of(validBytes), false, tempDir.resolve("data.myf"),
 *     f -> MyFormat.read(f)).assertClean();
 * }</pre>
 *
 * <p>A fuzzer is immutable: {@link #cases}, {@link #timeout}, {@link #tokens}, {@link #fixUp} and
 * {@link #naming} return changed copies.
 *
 * <p>The cases depend only on the seed, so a failure reported as "case 17" is the same case on
 * every machine; its first bytes are in the message.
 */
public final class FileFuzzer {
  /**
   * Default tokens spliced into text files: separators, quotes, numbers at the edges of parsing.
   */
  public static final List<String> TEXT_TOKENS =
      List.of(
          ",",
          "\n",
          "\"",
          "NaN",
          "-",
          "e99",
          "9999999999",
          "{",
          "}",
          "\t",
          " ",
          "\r\n",
          "1e-50",
          "'",
          "%",
          "Infinity",
          "null",
          "[]",
          ":",
          "]");

  /** Reads one case. */
  @FunctionalInterface
  public interface Reader {
    /**
     * Reads the file as the code under test would.
     *
     * @param file the case
     * @throws Exception whatever the reader throws; only {@link Dec4jException} is clean
     */
    void read(Path file) throws Exception;
  }

  /**
   * What a fuzzing run found.
   *
   * @param name the reader, for messages
   * @param cases cases run
   * @param refused cases refused cleanly
   * @param failures unclean outcomes, one line (and a stack) each
   */
  public record Report(String name, int cases, int refused, List<String> failures) {
    /** Copies the failures. */
    public Report {
      failures = List.copyOf(failures);
    }

    /**
     * Throws when a case failed uncleanly, or when no case was refused (then the mutations never
     * reached the reader's checks, and the run proved nothing).
     *
     * @throws AssertionError with every unclean outcome
     */
    public void assertClean() {
      if (!failures.isEmpty()) {
        throw new AssertionError(
            name
                + ": "
                + failures.size()
                + " unclean outcomes of "
                + cases
                + " cases:\n"
                + String.join("\n", failures));
      }
      if (refused == 0) {
        throw new AssertionError(
            name
                + ": none of "
                + cases
                + " cases was refused; the mutations do not reach the"
                + " reader's checks");
      }
    }
  }

  private final int cases;
  private final Duration timeout;
  private final List<String> tokens;
  private final UnaryOperator<byte[]> fixUp;
  private final Function<Path, String> named;

  /**
   * A fuzzer with 300 cases per run, 20 s of CPU time per case, {@link #TEXT_TOKENS}, messages
   * naming the file.
   */
  public FileFuzzer() {
    this(300, Duration.ofSeconds(20), TEXT_TOKENS, null, f -> f.getFileName().toString());
  }

  private FileFuzzer(
      int cases,
      Duration timeout,
      List<String> tokens,
      UnaryOperator<byte[]> fixUp,
      Function<Path, String> named) {
    if (cases < 1) {
      throw new IllegalArgumentException("cases = " + cases + " must be >= 1");
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("give at least one token");
    }
    this.cases = cases;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.tokens = List.copyOf(tokens);
    this.fixUp = fixUp;
    this.named = Objects.requireNonNull(named, "named");
  }

  /**
   * Returns a copy that runs this many cases per {@link #run}.
   *
   * @param count cases, at least 1
   * @return the copy
   */
  public FileFuzzer cases(int count) {
    return new FileFuzzer(count, timeout, tokens, fixUp, named);
  }

  /**
   * Returns a copy that gives each case this much CPU time on its thread (or ten times as long on
   * the wall clock, for a reader that blocks) before calling it a hang.
   *
   * @param limit the time limit per case
   * @return the copy
   */
  public FileFuzzer timeout(Duration limit) {
    return new FileFuzzer(cases, limit, tokens, fixUp, named);
  }

  /**
   * Returns a copy that splices these tokens into text cases.
   *
   * @param texts the tokens (the format's keywords, separators, numbers)
   * @return the copy
   */
  public FileFuzzer tokens(List<String> texts) {
    return new FileFuzzer(cases, timeout, texts, fixUp, named);
  }

  /**
   * Returns a copy that repairs half of the binary cases after mutating them, e.g. recomputes a
   * trailing checksum so that mutations get past it to the parser.
   *
   * @param repair the repair, given and returning a case's bytes
   * @return the copy
   */
  public FileFuzzer fixUp(UnaryOperator<byte[]> repair) {
    return new FileFuzzer(cases, timeout, tokens, Objects.requireNonNull(repair, "repair"), named);
  }

  /**
   * Returns a copy that requires refusals to name {@code name.apply(file)} instead of the file name
   * (e.g. a model folder for a file inside it).
   *
   * @param name what a refusal's message must contain, from the case's path
   * @return the copy
   */
  public FileFuzzer naming(Function<Path, String> name) {
    return new FileFuzzer(cases, timeout, tokens, fixUp, name);
  }

  /**
   * Runs the cases against one reader. Afterwards the file holds the first valid seed again.
   *
   * @param name the reader, for messages
   * @param seed the seed of the cases
   * @param seeds valid files to mutate
   * @param text whether the format is text (adds token edits)
   * @param file where each case is written (its folder is created)
   * @param reader reads the file
   * @return what was found
   */
  public Report run(
      String name, long seed, List<byte[]> seeds, boolean text, Path file, Reader reader) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException(name + ": give at least one valid file to mutate");
    }
    byte[][] spliced =
        tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    int ran = 0;
    ExecutorService worker = worker();
    try {
      for (int c = 0; c < cases; c++) {
        byte[] input = mutate(random, seeds, text, spliced);
        write(file, input);
        ran++;
        String failure = runCase(worker, reader, file);
        if (failure == null) {
          continue;
        }
        if (failure.isEmpty()) {
          refused++;
        } else {
          failures.add(
              "case "
                  + c
                  + " ("
                  + input.length
                  + " bytes, starts "
                  + HexFormat.of().formatHex(input, 0, Math.min(16, input.length))
                  + "): "
                  + failure);
          if (failure.startsWith("hang")) {
            break;
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
    write(file, seeds.getFirst());
    return new Report(name, ran, refused, failures);
  }

  /**
   * Reads one file and classifies the outcome.
   *
   * @param reader the reader
   * @param file the file
   * @return null when the file was accepted, "" when refused cleanly, else what went wrong (a
   *     message that does not name the file, another exception with its first frames, a hang)
   */
  public String runCase(Reader reader, Path file) {
    ExecutorService worker = worker();
    try {
      return runCase(worker, reader, file);
    } finally {
      worker.shutdownNow();
    }
  }

  /** A single daemon thread: a hung case's thread does not keep the JVM alive. */
  private static ExecutorService worker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz");
          t.setDaemon(true);
          return t;
        });
  }

  private String runCase(ExecutorService worker, Reader reader, Path file) {
    java.util.concurrent.atomic.AtomicReference<Thread> runner =
        new java.util.concurrent.atomic.AtomicReference<>();
    Future<Throwable> result =
        worker.submit(
            () -> {
              runner.set(Thread.currentThread());
              try {
                reader.read(file);
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    Throwable t;
    try {
      t = awaitCase(result, runner);
    } catch (TimeoutException e) {
      result.cancel(true);
      return "hang: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "harness: interrupted";
    } catch (Exception e) {
      return "harness: " + e;
    }
    if (t == null) {
      return null;
    }
    if (t instanceof Dec4jException d) {
      String message = String.valueOf(d.getMessage());
      String expected = named.apply(file);
      return message.contains(expected)
          ? ""
          : "message does not name '" + expected + "': " + message;
    }
    StringBuilder trace = new StringBuilder(t.toString());
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < Math.min(8, frames.length); i++) {
      trace.append("\n      at ").append(frames[i]);
    }
    return trace.toString();
  }

  /**
   * Waits for a case. A hang is a reader that has used {@link #timeout} of CPU time on its thread
   * (a loop that never ends), or that has not answered in ten times that long (a blocked reader):
   * the CPU clock, not the wall clock, so a busy machine slowing every case down is not a hang.
   */
  private Throwable awaitCase(
      Future<Throwable> result, java.util.concurrent.atomic.AtomicReference<Thread> runner)
      throws Exception {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    boolean cpuClock =
        threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    long limit = timeout.toNanos();
    long started = System.nanoTime();
    long startCpu = -1;
    while (true) {
      try {
        return result.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long wall = System.nanoTime() - started;
        Thread thread = runner.get();
        long cpu = cpuClock && thread != null ? threads.getThreadCpuTime(thread.threadId()) : -1;
        if (cpu >= 0 && startCpu < 0) {
          startCpu = cpu;
        }
        if (cpuClock
            ? (startCpu >= 0 && cpu - startCpu >= limit) || wall >= 10 * limit
            : wall >= limit) {
          throw new TimeoutException(
              cpuClock && wall < 10 * limit
                  ? "no answer after " + timeout.toMillis() / 1000.0 + " s of CPU time"
                  : "no answer in " + wall / 1_000_000_000L + " s");
        }
      }
    }
  }

  private byte[] mutate(
      SplittableRandom random, List<byte[]> seeds, boolean text, byte[][] spliced) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      byte[] noise = new byte[random.nextInt(0, 600)];
      random.nextBytes(noise);
      return noise;
    }
    byte[] base = seeds.get(random.nextInt(seeds.size()));
    boolean regzip = false;
    if (kind == 1 && isGzip(base)) {
      base = gunzip(base);
      regzip = true;
    }
    byte[] out = base.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      out = edit(random, out, text, spliced);
    }
    if (fixUp != null && !text && random.nextBoolean()) {
      out = fixUp.apply(out);
    }
    return regzip ? gzip(out) : out;
  }

  private static byte[] edit(SplittableRandom random, byte[] in, boolean text, byte[][] spliced) {
    int n = in.length;
    int op = random.nextInt(text ? 8 : 7);
    int at = n == 0 ? 0 : random.nextInt(n);
    switch (op) {
      case 0 -> {
        byte[] out = in.clone();
        if (n > 0) {
          out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      }
      case 1 -> {
        byte[] out = in.clone();
        byte[] special = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, 0x10};
        if (n > 0) {
          out[at] = special[random.nextInt(special.length)];
        }
        return out;
      }
      case 2 -> {
        return Arrays.copyOf(in, n == 0 ? 0 : random.nextInt(n));
      }
      case 3 -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        return splice(in, at, at, extra);
      }
      case 4 -> {
        int len = n == 0 ? 0 : random.nextInt(Math.min(64, n - at) + 1);
        return splice(in, at, at + len, new byte[0]);
      }
      case 5 -> {
        int len = n == 0 ? 0 : random.nextInt(Math.min(64, n - at) + 1);
        return splice(in, at, at, Arrays.copyOfRange(in, at, at + len));
      }
      case 6 -> {
        // a large or negative 32-bit number over four bytes: the sizes and lengths in headers
        byte[] out = in.clone();
        int[] values = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF_FFF0, 65536, 0};
        int v = values[random.nextInt(values.length)];
        for (int i = 0; i < 4 && at + i < n; i++) {
          out[at + i] = (byte) (v >>> (24 - 8 * i));
        }
        return out;
      }
      default -> {
        byte[] token = spliced[random.nextInt(spliced.length)];
        int len = n == 0 ? 0 : random.nextInt(Math.min(3, n - at) + 1);
        return splice(in, at, at + len, token);
      }
    }
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }

  private static boolean isGzip(byte[] b) {
    return b.length > 2 && b[0] == 0x1f && (b[1] & 0xFF) == 0x8b;
  }

  private static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void write(Path file, byte[] content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
