package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.dec4j.plugin.datasets.TestSupport.idx;
import static org.dec4j.plugin.datasets.TestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dec4j.plugin.datasets.format.Arff;
import org.dec4j.plugin.datasets.format.Hdf5;
import org.dec4j.plugin.datasets.format.Idx;
import org.dec4j.plugin.datasets.format.Npy;
import org.dec4j.plugin.datasets.format.TextTable;
import org.dec4j.testkit.FileFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every file reader: random bytes, and random mutations of valid files (bit
 * flips, overwritten, inserted, deleted and duplicated bytes, truncation, text-level edits, gzip of
 * the mutation and mutation of the gzip). A reader may accept a case or refuse it, but only with
 * the project's own {@code Dec4jException} whose message names the file; never with another
 * exception, an error such as {@link OutOfMemoryError}, or a hang (the test kit's {@link
 * FileFuzzer}).
 */
class ReaderFuzzTest {
  /** Cases per reader: a few hundred keep the whole class to a few seconds. */
  static final int CASES = 300;

  /** jHDF takes tens of milliseconds per file: fewer cases for HDF5. */
  static final int H5_CASES = 120;

  @TempDir static Path tmp;

  /** The mutations, with ARFF's keywords among the text tokens. */
  private static final FileFuzzer FUZZER =
      new FileFuzzer()
          .cases(CASES)
          .tokens(
              List.of(
                  ",",
                  "\n",
                  "\"",
                  "NaN",
                  "-",
                  "e99",
                  "9999999999",
                  "{",
                  "@data",
                  "@attribute z {",
                  "\t",
                  " ",
                  "\r\n",
                  "1e-50",
                  "'",
                  "%",
                  "}",
                  "Infinity"));

  @Test
  void idxImages() {
    byte[] px = new byte[5 * 3 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 37);
    }
    byte[] plain = idx(new int[] {5, 3, 2}, px);
    fuzz("idx-images", 1, List.of(plain, gzip(plain)), false, "images", f -> Idx.read(f, 3));
  }

  @Test
  void idxLabels() {
    byte[] plain = idx(new int[] {6}, new byte[] {0, 1, 2, 9, 4, 5});
    fuzz("idx-labels", 2, List.of(plain, gzip(plain)), false, "labels", f -> Idx.read(f, 1));
  }

  @Test
  void mnistDataset() {
    Path dir = tmp.resolve("mnist-set");
    TestSupport.writeIdxSet(dir, 4, 3, 28, 28, true);
    Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
    Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
    byte[] imageBytes = read(images);
    byte[] labelBytes = read(labels);
    MnistDataset mnist = new MnistDataset();
    fuzz(
        "mnist images",
        3,
        List.of(imageBytes),
        false,
        images,
        f -> TestSupport.load(mnist, Map.of("split", "test"), dir));
    write(images, imageBytes);
    fuzz(
        "mnist labels",
        4,
        List.of(labelBytes),
        false,
        labels,
        f -> TestSupport.load(mnist, Map.of("split", "test"), dir));
  }

  @Test
  void csvText() {
    String csv = "a,b,c,label\n0.5,1,-2e-3,x\n1.5,\"2\",3,y\n-4,5.25,6,x\n";
    String tsv = "0.5\t1\t2\n3\t4\t5\n";
    String spaces = "  1 2 3\n4   5 6 \n";
    CsvDataset dataset = new CsvDataset();
    fuzz(
        "csv",
        5,
        List.of(bytes(csv), bytes(tsv), bytes(spaces), gzip(bytes(csv))),
        true,
        "table.csv",
        f -> TestSupport.load(dataset, Map.of("path", f.toString(), "label_column", "label"), tmp));
    fuzz(
        "csv (no label)",
        6,
        List.of(bytes(csv), bytes(tsv)),
        true,
        "plain.csv",
        f ->
            TextTable.read(
                f,
                new TextTable.Spec(
                    TextTable.Delimiter.AUTO, TextTable.Header.AUTO, null, 0, "test")));
  }

  @Test
  void arff() {
    String arff =
        "% comment\n@relation toy\n@attribute x numeric\n@attribute 'y y' real\n"
            + "@attribute class {a,b}\n@data\n1,2,a\n3.5,-4,b\n{0 1, 2 b}\n";
    CsvDataset dataset = new CsvDataset();
    fuzz(
        "arff",
        7,
        List.of(bytes(arff), gzip(bytes(arff))),
        true,
        "toy.arff",
        f -> TestSupport.load(dataset, Map.of("path", f.toString(), "label_column", "class"), tmp));
    fuzz(
        "arff reader",
        8,
        List.of(bytes(arff)),
        true,
        "direct.arff",
        f -> Arff.read(f, null, "test"));
  }

  @Test
  void uspsText() {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      text.append(r);
      for (int j = 0; j < 256; j++) {
        text.append(' ').append(((r + j) % 5) / 2.0 - 1);
      }
      text.append('\n');
    }
    Path dir = tmp.resolve("usps-text");
    UspsDataset usps = new UspsDataset();
    fuzz(
        "usps text",
        9,
        List.of(bytes(text.toString()), gzip(bytes(text.toString()))),
        true,
        dir.resolve("zip.train.gz"),
        f -> TestSupport.load(usps, Map.of("format", "text", "split", "train"), dir));
  }

  @Test
  void uspsH5() throws IOException {
    Path dir = tmp.resolve("usps-h5");
    Files.createDirectories(dir);
    Path valid = dir.resolve("valid.h5");
    try (WritableHdfFile h5 = HdfFile.write(valid)) {
      for (String part : new String[] {"train", "test"}) {
        float[][] data = new float[2][256];
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 256; j++) {
            data[i][j] = ((i + j) % 5) / 4f;
          }
        }
        WritableGroup g = h5.putGroup(part);
        g.putDataset("data", data);
        g.putDataset("target", new int[] {1, 7});
      }
    }
    byte[] h5 = read(valid);
    Files.delete(valid);
    UspsDataset usps = new UspsDataset();
    // HDF5 files are mostly padding: mutate more often, and read both the dataset and the raw
    // readers.
    fuzz(
        "usps h5",
        10,
        H5_CASES,
        List.of(h5),
        false,
        dir.resolve("usps.h5"),
        f -> TestSupport.load(usps, Map.of("format", "h5", "split", "train"), dir));
    fuzz(
        "hdf5 reader",
        11,
        H5_CASES,
        List.of(h5),
        false,
        tmp.resolve("fuzz-11/raw.h5"),
        f -> {
          Hdf5.readFloats(f, "/test/data");
          Hdf5.readInts(f, "/test/target");
        });
  }

  @Test
  void npyAndNpz() {
    List<byte[]> npy =
        List.of(
            resource("format/reuters-mini-p2.npy"),
            resource("format/reuters-mini-p3.npy"),
            resource("format/reuters-mini-p4.npy"),
            resource("format/u1.npy"),
            resource("format/fortran-be-f8.npy"));
    fuzz("npy", 12, npy, false, "a.npy", f -> Npy.read(f).toFloats());
    Path dir = tmp.resolve("reuters");
    Reuters10kDataset reuters = new Reuters10kDataset();
    fuzz(
        "reuters npy",
        13,
        npy.subList(0, 3),
        false,
        dir.resolve("reutersidf10k.npy"),
        f -> TestSupport.load(reuters, Map.of(), dir));
    Path zipDir = tmp.resolve("reuters-npz");
    fuzz(
        "reuters npz",
        14,
        List.of(resource("format/reuters-mini.npz")),
        false,
        zipDir.resolve("reutersidf10k.npz"),
        f -> TestSupport.load(reuters, Map.of(), zipDir));
  }

  @Test
  void uciDigitsAndHar() {
    StringBuilder pen = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 16; j++) {
        pen.append((r * 13 + j * 7) % 101).append(',');
      }
      pen.append(r).append('\n');
    }
    Path penDir = tmp.resolve("pendigits");
    PendigitsDataset pendigits = new PendigitsDataset();
    fuzz(
        "pendigits",
        15,
        List.of(bytes(pen.toString())),
        true,
        penDir.resolve("pendigits.tes"),
        f -> TestSupport.load(pendigits, Map.of("split", "test"), penDir));
    StringBuilder x = new StringBuilder();
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 561; j++) {
        x.append(' ').append(String.format(java.util.Locale.ROOT, "%.4e", (r + j) % 7 / 3.5 - 1));
      }
      x.append('\n');
    }
    Path harDir = tmp.resolve("har");
    write(harDir.resolve("y_test.txt"), bytes("1\n6\n"));
    HarDataset har = new HarDataset();
    fuzz(
        "har",
        16,
        List.of(bytes(x.toString())),
        true,
        harDir.resolve("X_test.txt"),
        f -> TestSupport.load(har, Map.of("split", "test"), harDir));
  }

  /**
   * Hand-made files that random mutation rarely produces: headers claiming huge or overflowing
   * sizes (in plain and gzipped files, whose real size is unknown until read), deep nesting and
   * cycles in pickles and .npy headers, malformed numbers in pickle text opcodes.
   */
  @Test
  void craftedHeaders() {
    List<String> failures = new ArrayList<>();
    Map<String, byte[]> idxCases = new java.util.LinkedHashMap<>();
    idxCases.put("huge.idx", idx(new int[] {0x7FFF0000 / 4, 2, 2}, new byte[8]));
    idxCases.put("huge.idx.gz", gzip(idx(new int[] {0x7FFF0000 / 4, 2, 2}, new byte[8])));
    idxCases.put("overflow.idx", idx(new int[] {0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF}, new byte[8]));
    for (var e : idxCases.entrySet()) {
      check(failures, e.getKey(), e.getValue(), f -> Idx.read(f, 3));
    }
    Map<String, byte[]> npyCases = new java.util.LinkedHashMap<>();
    npyCases.put(
        "overflow.npy",
        npy(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, "
                + "2147483647, 2147483647), }",
            new byte[16]));
    npyCases.put(
        "huge.npy.gz",
        gzip(
            npy(
                "{'descr': '|u1', 'fortran_order': False, 'shape': (2147480000,), }",
                new byte[16])));
    npyCases.put("deep.npy", npy("[".repeat(200_000), new byte[0]));
    npyCases.put(
        "float.npy",
        npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", bytes("Fnot-a-number\n.")));
    // ]q\0 h\0 a . : a list appended to itself
    npyCases.put(
        "cycle.npy",
        npy(
            "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
            new byte[] {']', 'q', 0, 'h', 0, 'a', '.'}));
    // } ]q\0 h\0 a 0 h\0 K\1 s . : a self-containing list used as a dict key (POP leaves the dict
    // on top)
    npyCases.put(
        "cyclic-key.npy",
        npy(
            "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
            new byte[] {'}', ']', 'q', 0, 'h', 0, 'a', '0', 'h', 0, 'K', 1, 's', '.'}));
    byte[] nested = new byte[2 * 300_000 + 1];
    for (int i = 0; i < 300_000; i++) {
      nested[i] = ']';
      nested[300_000 + i] = 'a';
    }
    nested[nested.length - 1] = '.';
    npyCases.put(
        "nested.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", nested));
    npyCases.put(
        "huge-pickle.npy.gz",
        gzip(
            npy(
                "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
                new byte[] {'B', (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F})));
    for (var e : npyCases.entrySet()) {
      check(failures, e.getKey(), e.getValue(), f -> Npy.read(f).toFloats());
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static void check(
      List<String> failures, String name, byte[] content, FileFuzzer.Reader reader) {
    Path file = tmp.resolve("crafted").resolve(name);
    write(file, content);
    String failure = FUZZER.runCase(reader, file);
    if (failure == null) {
      failures.add(name + ": accepted");
    } else if (!failure.isEmpty()) {
      failures.add(name + ": " + failure);
    }
  }

  /** A version-1 .npy file with the given header text and payload. */
  private static byte[] npy(String header, byte[] payload) {
    String h = header + " ".repeat(Math.max(0, 63 - (10 + header.length()) % 64)) + "\n";
    byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
    out.writeBytes(
        new byte[] {(byte) hb.length, (byte) (hb.length >>> 8), (byte) (hb.length >>> 16), 0});
    out.writeBytes(hb);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static void fuzz(
      String name,
      long seed,
      List<byte[]> seeds,
      boolean text,
      String fileName,
      FileFuzzer.Reader reader) {
    fuzz(name, seed, seeds, text, tmp.resolve("fuzz-" + seed).resolve(fileName), reader);
  }

  private static void fuzz(
      String name,
      long seed,
      List<byte[]> seeds,
      boolean text,
      Path file,
      FileFuzzer.Reader reader) {
    FUZZER.run(name, seed, seeds, text, file, reader).assertClean();
  }

  private static void fuzz(
      String name,
      long seed,
      int cases,
      List<byte[]> seeds,
      boolean text,
      Path file,
      FileFuzzer.Reader reader) {
    FUZZER.cases(cases).run(name, seed, seeds, text, file, reader).assertClean();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, byte[] content) {
    TestSupport.write(file, content);
  }
}
