package org.dec4j.plugin.datasets;

import static org.dec4j.plugin.datasets.TestSupport.load;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureScaling;
import org.dec4j.api.data.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
  static final String IRIS =
      """
      sepal,petal,species
      5.1,1.4,setosa
      7.0,4.7,versicolor
      6.3,6.0,virginica
      4.9,1.4,setosa
      """;

  @TempDir Path tmp;

  private final CsvDataset csv = new CsvDataset();

  @Test
  void missingPathIsAConfigErrorNamingTheOption() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(csv, Map.of(), tmp));
    assertTrue(e.getMessage().startsWith("csv: path is missing"), e.getMessage());
  }

  @Test
  void anImageShapeDeclaresRowsAsPictures() {
    write(tmp.resolve("img.csv"), "0,1,2,3,4,5\n6,7,8,9,10,11\n");
    LoadedDataset d = load(csv, Map.of("path", "img.csv", "image_shape", "2x3"), tmp);
    assertEquals(new org.dec4j.api.data.ImageShape(2, 3, 1), d.image());
    assertNull(load(csv, Map.of("path", "img.csv"), tmp).image(), "no shape, no pictures");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load(csv, Map.of("path", "img.csv", "image_shape", "28x28"), tmp));
    assertTrue(
        e.getMessage().startsWith("csv: image_shape = 28x28 needs 784 features per row;"),
        e.getMessage());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () -> load(csv, Map.of("path", "img.csv", "image_shape", "six"), tmp));
    assertTrue(bad.getMessage().contains("write HEIGHTxWIDTH"), bad.getMessage());
  }

  @Test
  void absentFileListsThePlacesTried() {
    DataException e =
        assertThrows(DataException.class, () -> load(csv, Map.of("path", "nope.csv"), tmp));
    assertTrue(e.getMessage().contains("file 'nope.csv' (option path) not found"), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.resolve("nope.csv").toString()), e.getMessage());
  }

  @Test
  void relativePathIsFoundOnTheSearchPath() {
    write(tmp.resolve("m.csv"), "1,2\n3,4\n");
    LoadedDataset d = load(csv, Map.of("path", "m.csv"), tmp.resolve("elsewhere"), tmp);
    assertEquals(2, d.size());
    assertNull(d.labels());
    assertEquals(0, d.classCount());
    assertEquals(tmp.resolve("m.csv").toString(), d.provenance().files().getFirst());
  }

  @Test
  void headerAndStringLabelsSortedByDefault() {
    Path f = write(tmp.resolve("iris.csv"), IRIS);
    LoadedDataset d = load(csv, Map.of("path", f.toString(), "label_column", "species"), tmp);
    assertEquals(4, d.size());
    assertEquals(2, d.dimension());
    assertEquals(3, d.classCount());
    assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
    assertArrayEquals(new float[] {5.1f, 1.4f}, d.features().row(0));
    assertTrue(
        d.provenance().description().contains("label_column=species"),
        d.provenance().description());
  }

  @Test
  void firstSeenOrderAndIndexLabelColumn() {
    Path f = write(tmp.resolve("z.tsv"), "b\t1\t2\na\t3\t4\nb\t5\t6\n");
    LoadedDataset d =
        load(
            csv,
            Map.of("path", f.toString(), "label_column", "0", "label_order", "first_seen"),
            tmp);
    assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    assertArrayEquals(new float[] {3, 4}, d.features().row(1));
    LoadedDataset sorted = load(csv, Map.of("path", f.toString(), "label_column", "0"), tmp);
    assertArrayEquals(new int[] {1, 0, 1}, sorted.labels());
  }

  @Test
  void numericLabelsOneToThreeBecomeZeroToTwo() {
    Path f = write(tmp.resolve("n.txt"), "0.5 0.25 3\n1 2 1\n4 4 2\n");
    LoadedDataset d = load(csv, Map.of("path", f.toString(), "label_column", "2"), tmp);
    assertArrayEquals(new int[] {2, 0, 1}, d.labels());
    assertTrue(
        d.provenance().description().contains("delimiter=whitespace"),
        d.provenance().description());
  }

  @Test
  void explicitDelimiterAndHeaderOverrideDetection() {
    Path f = write(tmp.resolve("s.csv"), "1;2\n3;4\n");
    LoadedDataset d =
        load(csv, Map.of("path", f.toString(), "delimiter", "semicolon", "header", "true"), tmp);
    assertEquals(1, d.size());
    assertArrayEquals(new float[] {3, 4}, d.features().row(0));
  }

  @Test
  void scalingOptions() {
    Path f = write(tmp.resolve("s.csv"), "0,10\n5,10\n10,10\n");
    LoadedDataset mm = load(csv, Map.of("path", f.toString(), "scale", "minmax"), tmp);
    assertArrayEquals(new float[] {0, 0, 0.5f, 0, 1, 0}, mm.features().values());
    LoadedDataset z = load(csv, Map.of("path", f.toString(), "scale", "standard"), tmp);
    float s = (float) Math.sqrt(1.5);
    assertArrayEquals(new float[] {-s, 0, 0, 0, s, 0}, z.features().values(), 1e-6f);
  }

  @Test
  void theScalingFittedIsReportedAndAFittedOneIsAppliedInsteadOfRefitting() {
    Path train = write(tmp.resolve("train.csv"), "x,y\n0,10\n5,10\n10,10\n");
    LoadedDataset z = load(csv, Map.of("path", train.toString(), "scale", "standard"), tmp);
    assertEquals(List.of("x", "y"), z.columns(), "the header names the columns");
    FeatureScaling fitted = z.scaling();
    assertEquals("scale=standard", fitted.setting());
    assertArrayEquals(new double[] {5, 10}, fitted.offset());
    assertArrayEquals(new double[] {Math.sqrt(50.0 / 3), 0}, fitted.divisor(), 1e-12);
    // One new row, scaled by the training rows' statistics rather than its own (which would give
    // 0).
    Path one = write(tmp.resolve("one.csv"), "x,y\n10,10\n");
    LoadedDataset row =
        csv.load(
            new DatasetRequest(
                csv.info().resolve(Map.of("path", one.toString(), "scale", "standard")),
                List.of(tmp),
                0,
                false,
                fitted));
    assertEquals(fitted, row.scaling());
    assertArrayEquals(
        z.features().row(2), row.features().row(0), "the training row's scaled values, exactly");
    // A fitted scaling of another method is refused; one for another width leaves the values
    // unscaled.
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                csv.load(
                    new DatasetRequest(
                        csv.info().resolve(Map.of("path", one.toString(), "scale", "minmax")),
                        List.of(tmp),
                        0,
                        false,
                        fitted)));
    assertTrue(
        e.getMessage().contains("scale=minmax conflicts with the fitted scaling scale=standard"),
        e.getMessage());
    Path wide = write(tmp.resolve("wide.csv"), "1,2,3\n");
    LoadedDataset unscaled =
        csv.load(
            new DatasetRequest(
                csv.info().resolve(Map.of("path", wide.toString(), "scale", "standard")),
                List.of(tmp),
                0,
                false,
                fitted));
    assertNull(unscaled.scaling());
    assertNull(unscaled.columns(), "a file without a header names no columns");
    assertArrayEquals(new float[] {1, 2, 3}, unscaled.features().values());
    assertNull(
        load(csv, Map.of("path", train.toString()), tmp).scaling(), "scale=none applies nothing");
  }

  @Test
  void badRowsGiveLineAndColumn() {
    Path ragged = write(tmp.resolve("r.csv"), "a,b\n1,2\n3\n");
    DataException e1 =
        assertThrows(DataException.class, () -> load(csv, Map.of("path", ragged.toString()), tmp));
    assertTrue(
        e1.getMessage().contains("r.csv: line 3 (data row) has 1 fields, expected 2"),
        e1.getMessage());
    Path text = write(tmp.resolve("t.csv"), IRIS);
    DataException e2 =
        assertThrows(DataException.class, () -> load(csv, Map.of("path", text.toString()), tmp));
    assertTrue(
        e2.getMessage().contains("t.csv: line 2, column 2 ('species'): 'setosa' is not a number"),
        e2.getMessage());
    Path nan = write(tmp.resolve("nan.csv"), "1,2\nNaN,3\n");
    DataException e3 =
        assertThrows(DataException.class, () -> load(csv, Map.of("path", nan.toString()), tmp));
    assertTrue(
        e3.getMessage().contains("line 2, column 0: non-finite value 'NaN'"), e3.getMessage());
    Path empty = write(tmp.resolve("e.csv"), "");
    DataException e4 =
        assertThrows(DataException.class, () -> load(csv, Map.of("path", empty.toString()), tmp));
    assertTrue(e4.getMessage().contains("e.csv: file is empty"), e4.getMessage());
  }

  @Test
  void unknownLabelColumnIsAConfigError() {
    Path f = write(tmp.resolve("iris.csv"), IRIS);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load(csv, Map.of("path", f.toString(), "label_column", "class"), tmp));
    assertTrue(
        e.getMessage().contains("csv: label_column = 'class' names no column")
            && e.getMessage().contains("sepal, petal, species"),
        e.getMessage());
  }

  @Test
  void arffIsChosenByExtension() {
    Path f =
        write(
            tmp.resolve("w.arff"),
            """
        @relation w
        @attribute x numeric
        @attribute y numeric
        @attribute kind {zeta, alpha}
        @data
        1,2,alpha
        3,4,zeta
        """);
    LoadedDataset d = load(csv, Map.of("path", f.toString(), "label_column", "kind"), tmp);
    assertArrayEquals(new int[] {1, 0}, d.labels(), "nominal classes keep their declared order");
    assertEquals(2, d.classCount());
    assertArrayEquals(new float[] {1, 2, 3, 4}, d.features().values());
    assertTrue(d.provenance().description().contains("format=arff"), d.provenance().description());
  }
}
