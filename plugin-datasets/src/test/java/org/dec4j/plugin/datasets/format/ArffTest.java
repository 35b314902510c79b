package org.dec4j.plugin.datasets.format;

import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffTest {
  static final String HEADER =
      """
      % a comment
      @RELATION iris
      @ATTRIBUTE sepal NUMERIC
      @ATTRIBUTE 'petal width' REAL
      @ATTRIBUTE class {Iris-setosa, 'Iris-versicolor', Iris-virginica}
      @DATA
      """;

  @TempDir Path dir;

  private Path file(String text) {
    return write(dir.resolve("t.arff"), text);
  }

  @Test
  void readsDenseRowsWithNominalLabelInDeclaredOrder() {
    Arff.Result r =
        Arff.read(
            file(HEADER + "5.1,0.2,Iris-virginica\n4.9,0.3,'Iris-setosa' % trailing\n"),
            "class",
            "o");
    assertEquals(List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica"), r.labelClasses());
    assertEquals(List.of("sepal", "petal width"), r.table().featureNames());
    assertArrayEquals(new float[] {5.1f, 0.2f, 4.9f, 0.3f}, r.table().values());
    assertArrayEquals(new String[] {"Iris-virginica", "Iris-setosa"}, r.table().labels());
  }

  @Test
  void readsSparseRowsWithZerosForOmittedValues() {
    Arff.Result r = Arff.read(file(HEADER + "{1 0.5, 2 Iris-versicolor}\n{0 3}\n"), "2", "o");
    assertArrayEquals(new float[] {0f, 0.5f, 3f, 0f}, r.table().values());
    assertArrayEquals(new String[] {"Iris-versicolor", "Iris-setosa"}, r.table().labels());
  }

  @Test
  void missingValueIsRejectedWithPosition() {
    DataException e =
        assertThrows(
            DataException.class,
            () -> Arff.read(file(HEADER + "5.1,?,Iris-setosa\n"), "class", "o"));
    assertTrue(
        e.getMessage().contains("line 7, column 1 ('petal width'): missing value"), e.getMessage());
  }

  @Test
  void undeclaredNominalValueIsRejected() {
    DataException e =
        assertThrows(
            DataException.class, () -> Arff.read(file(HEADER + "5.1,1,rose\n"), "class", "o"));
    assertTrue(e.getMessage().contains("'rose' is not one of the declared values"), e.getMessage());
  }

  @Test
  void nominalFeatureWithoutLabelChoiceIsRejected() {
    DataException e =
        assertThrows(
            DataException.class,
            () -> Arff.read(file(HEADER + "5.1,1,Iris-setosa\n"), null, "csv: label_column"));
    assertTrue(
        e.getMessage().contains("attribute 'class' is nominal")
            && e.getMessage().contains("csv: label_column"),
        e.getMessage());
  }

  @Test
  void stringAttributesAreRejected() {
    DataException e =
        assertThrows(
            DataException.class,
            () -> Arff.read(file("@relation r\n@attribute name string\n@data\n'x'\n"), null, "o"));
    assertTrue(
        e.getMessage().contains("line 2: attribute 'name' has type 'string'"), e.getMessage());
  }

  @Test
  void raggedRowsAndUnknownLabelColumn() {
    DataException e =
        assertThrows(
            DataException.class, () -> Arff.read(file(HEADER + "5.1,Iris-setosa\n"), "class", "o"));
    assertTrue(e.getMessage().contains("line 7 has 2 values, expected 3"), e.getMessage());
    ConfigException c =
        assertThrows(
            ConfigException.class,
            () -> Arff.read(file(HEADER + "1,2,Iris-setosa\n"), "kind", "o"));
    assertTrue(c.getMessage().contains("'kind' names no attribute"), c.getMessage());
  }
}
