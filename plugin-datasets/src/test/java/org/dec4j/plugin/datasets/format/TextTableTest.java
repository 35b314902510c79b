package org.dec4j.plugin.datasets.format;

import static org.dec4j.plugin.datasets.TestSupport.gzip;
import static org.dec4j.plugin.datasets.TestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.plugin.datasets.format.TextTable.Delimiter;
import org.dec4j.plugin.datasets.format.TextTable.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTableTest {
  @TempDir Path dir;

  private TextTable.Table read(String text, String label) {
    Path f = write(dir.resolve("t.csv"), text);
    return TextTable.read(
        f, new TextTable.Spec(Delimiter.AUTO, Header.AUTO, label, 0, "test: label_column"));
  }

  private DataException fails(String text) {
    Path f = write(dir.resolve("bad.csv"), text);
    return assertThrows(
        DataException.class,
        () -> TextTable.read(f, new TextTable.Spec(Delimiter.AUTO, Header.AUTO, null, 0, "test")));
  }

  static Stream<Arguments> delimiters() {
    return Stream.of(
        Arguments.of("1,2,3\n4,5,6\n", Delimiter.COMMA),
        Arguments.of("1\t2\t3\n4\t5\t6\n", Delimiter.TAB),
        Arguments.of("1;2;3\n4;5;6\n", Delimiter.SEMICOLON),
        Arguments.of("  1  2 3\n4 5   6  \n", Delimiter.WHITESPACE),
        Arguments.of("1.5;2.5;3\n4;5;6\n", Delimiter.SEMICOLON));
  }

  @ParameterizedTest
  @MethodSource("delimiters")
  void sniffsTheDelimiter(String text, Delimiter expected) {
    TextTable.Table t = read(text, null);
    assertEquals(expected, t.delimiter());
    assertEquals(2, t.rows());
    assertEquals(3, t.cols());
    assertEquals(4f, t.values()[3]);
  }

  @Test
  void headerAndLabelByName() {
    TextTable.Table t = read("a,species,b\n1,setosa,2\n3,virginica,4\n", "species");
    assertTrue(t.hasHeader());
    assertEquals(List.of("a", "b"), t.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4}, t.values());
    assertArrayEquals(new String[] {"setosa", "virginica"}, t.labels());
    assertArrayEquals(new int[] {2, 3}, t.lines());
    assertEquals("species", t.labelName());
  }

  @Test
  void numericFirstRowIsNotAHeader() {
    TextTable.Table t = read("1,2\n3,4\n", null);
    assertFalse(t.hasHeader());
    assertEquals(2, t.rows());
    assertNull(t.labels());
  }

  @Test
  void quotedFieldsMayHoldTheDelimiter() {
    TextTable.Table t = read("x,name\n1,\"Smith, J\"\n2,\"say \"\"hi\"\"\"\n", "name");
    assertArrayEquals(new String[] {"Smith, J", "say \"hi\""}, t.labels());
  }

  @Test
  void spacesAroundQuotedFieldsAreIgnored() {
    TextTable.Table t = read("x,name\n1,  \"Smith, J\" \n2,\"a\"\t\n", "name");
    assertArrayEquals(new String[] {"Smith, J", "a"}, t.labels());
  }

  @Test
  void unterminatedQuoteNamesLineAndColumn() {
    DataException e = fails("1,2,3\n4,\"5,6\n");
    assertTrue(
        e.getMessage()
            .contains(
                "bad.csv: line 2, column 1: unterminated quoted field (quoted fields cannot "
                    + "span lines)"),
        e.getMessage());
  }

  @Test
  void textAfterAClosingQuoteNamesLineAndColumn() {
    DataException e = fails("1,2,3\n4,5,\"6\"x\n");
    assertTrue(
        e.getMessage().contains("bad.csv: line 2, column 2: unexpected text after a closing quote"),
        e.getMessage());
    DataException doubled = fails("1,2,3\n4,\"a\"\"b\" c,6\n");
    assertTrue(
        doubled.getMessage().contains("line 2, column 1: unexpected text after a closing quote"),
        doubled.getMessage());
  }

  @Test
  void gzippedTextIsRead() {
    Path f = write(dir.resolve("t.csv.gz"), gzip("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
    TextTable.Table t =
        TextTable.read(f, new TextTable.Spec(Delimiter.AUTO, Header.AUTO, null, 0, "test"));
    assertArrayEquals(new float[] {1, 2, 3, 4}, t.values());
  }

  @Test
  void raggedRowNamesLineAndCounts() {
    DataException e = fails("1,2,3\n4,5,6\n\n7,8\n");
    assertTrue(
        e.getMessage().contains("line 4 (data row) has 2 fields, expected 3"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
  }

  @Test
  void nonNumericNamesLineColumnAndHeader() {
    DataException e = fails("a,b\n1,2\n3,x7\n");
    assertTrue(
        e.getMessage().contains("line 3, column 1 ('b'): 'x7' is not a number"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "inf", "-Infinity", "+inf"})
  void nonFiniteValuesAreRejected(String v) {
    DataException e = fails("1,2\n3," + v + "\n");
    assertTrue(e.getMessage().contains("line 2, column 1: non-finite value"), e.getMessage());
  }

  @Test
  void floatOverflowIsRejected() {
    DataException e = fails("1,2\n3,1e39\n");
    assertTrue(e.getMessage().contains("outside the float range"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d", "0x10", "1f", "1_000"})
  void javaOnlyNumberSyntaxIsNotANumber(String v) {
    DataException e = fails("1,2\n3," + v + "\n");
    assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
  }

  @Test
  void emptyValueIsRejected() {
    DataException e = fails("1,2,3\n4,,6\n");
    assertTrue(e.getMessage().contains("line 2, column 1: empty value"), e.getMessage());
  }

  @Test
  void emptyAndBlankAndHeaderOnlyFilesAreRejected() {
    assertTrue(fails("").getMessage().contains("file is empty"));
    assertTrue(fails("\n  \n\n").getMessage().contains("no data"));
    assertTrue(fails("a,b,c\n").getMessage().contains("header row (line 1) but no data rows"));
  }

  @Test
  void labelColumnErrorsAreConfigErrors() {
    Path f = write(dir.resolve("n.csv"), "1,2\n3,4\n");
    ConfigException range =
        assertThrows(
            ConfigException.class,
            () ->
                TextTable.read(
                    f,
                    new TextTable.Spec(Delimiter.AUTO, Header.AUTO, "2", 0, "csv: label_column")));
    assertTrue(
        range.getMessage().contains("csv: label_column = '2' is out of range"), range.getMessage());
    ConfigException name =
        assertThrows(
            ConfigException.class,
            () ->
                TextTable.read(
                    f,
                    new TextTable.Spec(
                        Delimiter.AUTO, Header.AUTO, "class", 0, "csv: label_column")));
    assertTrue(name.getMessage().contains("has no header row"), name.getMessage());
  }

  @Test
  void fixedWidthIsEnforcedFromTheFirstRow() {
    Path f = write(dir.resolve("w.txt"), "1 2 3\n");
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                TextTable.read(
                    f, new TextTable.Spec(Delimiter.WHITESPACE, Header.ABSENT, null, 4, "test")));
    assertTrue(
        e.getMessage().contains("line 1 (data row) has 3 fields, expected 4 (this format has 4)"),
        e.getMessage());
  }
}
