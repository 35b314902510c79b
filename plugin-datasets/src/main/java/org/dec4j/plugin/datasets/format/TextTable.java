package org.dec4j.plugin.datasets.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;

/**
 * Reader for delimited text matrices (CSV, TSV, whitespace-separated), gzip or plain, with an
 * optional header row and an optional label column.
 *
 * <p>Every row must have the same number of fields; every field except the label must be a finite
 * decimal number. Anything else fails with the file, the 1-based line number and the 0-based column
 * (with its header name when there is one). Blank lines are skipped. Fields may be wrapped in
 * double quotes (a doubled quote inside stands for one); quoted fields cannot span lines. Apache
 * Commons CSV tokenizes comma, tab and semicolon lines (RFC 4180 quoting, whitespace around a field
 * ignored), one line at a time; this class reads the lines, sniffs the delimiter, splits
 * whitespace-separated lines and reports every problem in its own file/line/column form.
 *
 * <p>Values are parsed straight into a growing {@code float[]}, never boxed, so files of a few
 * million values load in well under a second.
 */
public final class TextTable {

  /** How fields are separated. */
  public enum Delimiter {
    /** Sniffed from the first lines: tab, then semicolon, then comma, else whitespace. */
    AUTO,
    /** {@code ,} */
    COMMA,
    /** a tab character */
    TAB,
    /** {@code ;} */
    SEMICOLON,
    /** runs of spaces and tabs; leading and trailing whitespace is ignored */
    WHITESPACE;

    char character() {
      return switch (this) {
        case COMMA -> ',';
        case TAB -> '\t';
        case SEMICOLON -> ';';
        default -> 0;
      };
    }
  }

  /** Whether the first row names the columns. */
  public enum Header {
    /**
     * Detected: the first row is a header when one of its fields is not a number while the same
     * field of the second row is (or, in a one-row file, when any field is not a number).
     */
    AUTO,
    /** The first row is a header. */
    PRESENT,
    /** Every row is data. */
    ABSENT
  }

  /**
   * What to read.
   *
   * @param delimiter the field separator
   * @param header whether there is a header row
   * @param labelColumn the label column: a header name, or a 0-based index; null for none
   * @param expectedFields the number of fields every row must have, or 0 for "as the first row"
   * @param owner who asked, for configuration errors (e.g. {@code "csv: label_column"})
   */
  public record Spec(
      Delimiter delimiter, Header header, String labelColumn, int expectedFields, String owner) {}

  /**
   * A parsed table.
   *
   * @param file the file read
   * @param featureNames names of the feature columns (from the header, or {@code column_<j>})
   * @param values the feature values, row-major
   * @param rows the number of data rows
   * @param cols the number of feature columns
   * @param labels the raw label field of every row, or null without a label column
   * @param lines the 1-based line number of every row, for messages
   * @param delimiter the delimiter used (never AUTO)
   * @param hasHeader whether a header row was read
   * @param labelName the label column's name (header name or index), or null
   */
  public record Table(
      Path file,
      List<String> featureNames,
      float[] values,
      int rows,
      int cols,
      String[] labels,
      int[] lines,
      Delimiter delimiter,
      boolean hasHeader,
      String labelName) {}

  private TextTable() {}

  /**
   * Reads a table.
   *
   * @param file the file (gzip or plain, UTF-8)
   * @param spec what to read
   * @return the table, complete
   * @throws DataException for an empty, ragged, non-numeric, non-finite or corrupt file, naming the
   *     file, the line and the column
   * @throws ConfigException when the label column does not exist in the file
   */
  public static Table read(Path file, Spec spec) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8),
            DataFiles.BUFFER)) {
      return new Parser(file, spec, reader).parse();
    } catch (IOException e) {
      throw DataFiles.failure(file, "close", e);
    }
  }

  private static final class Parser {
    private final Path file;
    private final Spec spec;
    private final BufferedReader reader;
    private int lineNo;

    Parser(Path file, Spec spec, BufferedReader reader) {
      this.file = file;
      this.spec = spec;
      this.reader = reader;
    }

    private String nextLine() {
      try {
        String line;
        do {
          line = reader.readLine();
          lineNo++;
        } while (line != null && line.isBlank());
        return line;
      } catch (IOException e) {
        throw DataFiles.failure(file, "line " + (lineNo + 1), e);
      }
    }

    Table parse() {
      String first = nextLine();
      if (first == null) {
        throw new DataException(file + ": file has no data (only blank lines)");
      }
      if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
        first = first.substring(1);
      }
      int firstLine = lineNo;
      String second = nextLine();
      int secondLine = lineNo;
      Delimiter delimiter =
          spec.delimiter() == Delimiter.AUTO ? sniff(first, second) : spec.delimiter();
      List<String> firstFields = split(first, delimiter, firstLine);
      List<String> secondFields = second == null ? null : split(second, delimiter, secondLine);
      boolean header =
          switch (spec.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(firstFields, secondFields);
          };
      int width = spec.expectedFields() > 0 ? spec.expectedFields() : firstFields.size();
      int labelIndex = resolveLabel(header ? firstFields : null, width);

      List<String> names = new ArrayList<>();
      for (int j = 0; j < width; j++) {
        if (j != labelIndex) {
          names.add(header && j < firstFields.size() ? firstFields.get(j).trim() : "column_" + j);
        }
      }
      int cols = width - (labelIndex >= 0 ? 1 : 0);
      if (cols == 0) {
        throw new DataException(file + ": no feature columns: the only column is the label column");
      }
      String labelName =
          labelIndex < 0
              ? null
              : header ? firstFields.get(labelIndex).trim() : Integer.toString(labelIndex);
      if (header) {
        checkWidth(firstFields, width, firstLine, "header row");
      }

      FloatBuilder values = new FloatBuilder(cols * 1024);
      List<String> labels = labelIndex >= 0 ? new ArrayList<>() : null;
      IntBuilder lines = new IntBuilder();
      List<String> headerNames = header ? firstFields : null;
      if (!header) {
        addRow(firstFields, firstLine, width, labelIndex, headerNames, values, labels, lines);
      }
      if (secondFields != null) {
        addRow(secondFields, secondLine, width, labelIndex, headerNames, values, labels, lines);
        String line;
        while ((line = nextLine()) != null) {
          addRow(
              split(line, delimiter, lineNo),
              lineNo,
              width,
              labelIndex,
              headerNames,
              values,
              labels,
              lines);
        }
      }
      int rows = lines.size();
      if (rows == 0) {
        throw new DataException(
            file + ": the file has a header row (line " + firstLine + ") but no data rows");
      }
      return new Table(
          file,
          List.copyOf(names),
          values.toArray(),
          rows,
          cols,
          labels == null ? null : labels.toArray(String[]::new),
          lines.toArray(),
          delimiter,
          header,
          labelName);
    }

    private int resolveLabel(List<String> header, int width) {
      String col = spec.labelColumn();
      if (col == null || col.isBlank()) {
        return -1;
      }
      col = col.trim();
      if (header != null) {
        for (int j = 0; j < header.size(); j++) {
          if (header.get(j).trim().equals(col)) {
            return j;
          }
        }
      }
      try {
        int j = Integer.parseInt(col);
        if (j < 0 || j >= width) {
          throw new ConfigException(
              spec.owner()
                  + " = '"
                  + col
                  + "' is out of range: "
                  + file
                  + " has "
                  + width
                  + " columns, so a 0-based index must be in [0, "
                  + (width - 1)
                  + "]");
        }
        return j;
      } catch (NumberFormatException e) {
        throw new ConfigException(
            spec.owner()
                + " = '"
                + col
                + "' names no column of "
                + file
                + (header == null
                    ? " (the file has no header row; give a 0-based column index)"
                    : "; its columns are " + String.join(", ", header)),
            e);
      }
    }

    private void checkWidth(List<String> fields, int width, int line, String what) {
      if (fields.size() != width) {
        String basis =
            spec.expectedFields() > 0 ? "this format has " + width : "the first row has " + width;
        throw new DataException(
            file
                + ": line "
                + line
                + " ("
                + what
                + ") has "
                + fields.size()
                + " fields, expected "
                + width
                + " ("
                + basis
                + "); the rows are ragged");
      }
    }

    private void addRow(
        List<String> fields,
        int line,
        int width,
        int labelIndex,
        List<String> header,
        FloatBuilder values,
        List<String> labels,
        IntBuilder lines) {
      checkWidth(fields, width, line, "data row");
      for (int j = 0; j < width; j++) {
        String field = fields.get(j);
        if (j == labelIndex) {
          String label = field.trim();
          if (label.isEmpty()) {
            throw new DataException(
                file + ": line " + line + ", column " + j + " (label): empty label");
          }
          labels.add(label);
        } else {
          values.add(parseNumber(field, file, line, j, header == null ? null : header.get(j)));
        }
      }
      lines.add(line);
    }

    private Delimiter sniff(String first, String second) {
      Delimiter[] candidates = {Delimiter.TAB, Delimiter.SEMICOLON, Delimiter.COMMA};
      for (Delimiter d : candidates) {
        int a = count(first, d.character());
        if (a > 0 && (second == null || count(second, d.character()) == a)) {
          return d;
        }
      }
      // No count agrees: the rows are ragged. Keep the first row's own separator (if it has one)
      // so that the error says so, rather than reading "1,2,3" as one non-numeric field.
      for (Delimiter d : candidates) {
        if (count(first, d.character()) > 0) {
          return d;
        }
      }
      return Delimiter.WHITESPACE;
    }

    private static int count(String s, char c) {
      int n = 0;
      boolean quoted = false;
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '"') {
          quoted = !quoted;
        } else if (ch == c && !quoted) {
          n++;
        }
      }
      return n;
    }

    private boolean looksLikeHeader(List<String> first, List<String> second) {
      for (int j = 0; j < first.size(); j++) {
        boolean firstNumeric = isNumeric(first.get(j));
        boolean secondNumeric = second == null || (j < second.size() && isNumeric(second.get(j)));
        if (!firstNumeric && secondNumeric) {
          return true;
        }
      }
      return false;
    }

    private List<String> split(String line, Delimiter d, int line1) {
      if (d != Delimiter.WHITESPACE) {
        return tokens(line, d, line1);
      }
      List<String> out = new ArrayList<>();
      int n = line.length();
      int i = 0;
      while (i < n) {
        while (i < n && isSpace(line.charAt(i))) {
          i++;
        }
        if (i == n) {
          break;
        }
        int start = i;
        while (i < n && !isSpace(line.charAt(i))) {
          i++;
        }
        out.add(line.substring(start, i));
      }
      return out;
    }

    /**
     * Splits one delimited line with Commons CSV (RFC 4180 quoting, spaces around fields ignored);
     * a line holds one record, as quoted fields cannot span lines. Its errors are reported in this
     * reader's form: file, line, and the column of the offending field.
     */
    private List<String> tokens(String line, Delimiter d, int line1) {
      try (CSVParser parser = CSVParser.parse(line, FORMATS[d.ordinal()])) {
        Iterator<CSVRecord> records = parser.iterator();
        return records.hasNext() ? records.next().toList() : List.of();
      } catch (IOException | UncheckedIOException e) {
        boolean unterminated =
            String.valueOf(e.getMessage()).contains("EOF reached before encapsulated token");
        throw new DataException(
            file
                + ": line "
                + line1
                + ", column "
                + badField(line, d.character())
                + ": "
                + (unterminated
                    ? "unterminated quoted field (quoted fields cannot span lines)"
                    : "unexpected text after a closing quote"),
            e);
      }
    }
  }

  /**
   * Commons CSV formats by {@link Delimiter#ordinal()}: RFC 4180 with that separator (null for
   * AUTO, WHITESPACE).
   */
  private static final CSVFormat[] FORMATS = new CSVFormat[Delimiter.values().length];

  static {
    for (Delimiter d : Delimiter.values()) {
      if (d.character() != 0) {
        FORMATS[d.ordinal()] =
            CSVFormat.RFC4180
                .builder()
                .setDelimiter(d.character())
                .setIgnoreSurroundingSpaces(true)
                .get();
      }
    }
  }

  /**
   * The 0-based field of a line that Commons CSV refused, for messages: the first quoted field that
   * is not closed or has text between its closing quote and the separator.
   */
  static int badField(String line, char sep) {
    int n = line.length();
    int i = 0;
    for (int field = 0; ; field++) {
      while (i < n && line.charAt(i) != sep && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        i = closingQuote(line, i + 1);
        if (i < 0) {
          return field;
        }
        for (i++; i < n && line.charAt(i) != sep; i++) {
          if (!Character.isWhitespace(line.charAt(i))) {
            return field;
          }
        }
      } else {
        while (i < n && line.charAt(i) != sep) {
          i++;
        }
      }
      if (i >= n) {
        return field;
      }
      i++;
    }
  }

  /** The index of the quote that closes a quoted field whose text starts at {@code from}, or -1. */
  private static int closingQuote(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      if (line.charAt(i) == '"') {
        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
  }

  /**
   * Returns whether a field is a plain decimal number (optional sign, digits, point, exponent).
   * Java's own parser also accepts {@code NaN}, {@code Infinity}, hex floats and {@code 1d}; those
   * are not numbers in a data file.
   *
   * @param field the field
   * @return whether it parses as a number
   */
  static boolean isNumeric(String field) {
    String s = field.trim();
    if (s.isEmpty()) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Parses one numeric field strictly, failing with the file, line and column.
   *
   * @param field the raw field
   * @param file the file, for messages
   * @param line the 1-based line number
   * @param col the 0-based column
   * @param name the column's header name, or null
   * @return the value, finite
   * @throws DataException for an empty, non-numeric or non-finite field
   */
  public static float parseNumber(String field, Path file, int line, int col, String name) {
    String s = field.trim();
    if (isNumeric(s)) {
      float v = Float.parseFloat(s);
      if (Float.isFinite(v)) {
        return v;
      }
      throw new DataException(
          where(file, line, col, name) + ": value '" + s + "' is outside the float range");
    }
    if (s.isEmpty()) {
      throw new DataException(
          where(file, line, col, name) + ": empty value (missing values are not supported)");
    }
    String lower = s.toLowerCase(Locale.ROOT).replace("+", "").replace("-", "");
    if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
      throw new DataException(
          where(file, line, col, name)
              + ": non-finite value '"
              + s
              + "' (NaN and infinity"
              + " are not allowed)");
    }
    throw new DataException(
        where(file, line, col, name) + ": '" + abbreviate(s) + "' is not a number");
  }

  private static String where(Path file, int line, int col, String name) {
    return file
        + ": line "
        + line
        + ", column "
        + col
        + (name == null ? "" : " ('" + name.trim() + "')");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** A growing float array: rows are appended without boxing. */
  static final class FloatBuilder {
    private float[] a;
    private int n;

    FloatBuilder(int capacity) {
      a = new float[Math.max(16, capacity)];
    }

    void add(float v) {
      if (n == a.length) {
        if (a.length >= Integer.MAX_VALUE - 16) {
          throw new DataException("table has more than 2^31 values");
        }
        a = java.util.Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 16, a.length * 2L));
      }
      a[n++] = v;
    }

    float[] toArray() {
      return a.length == n ? a : java.util.Arrays.copyOf(a, n);
    }
  }

  /** A growing int array. */
  static final class IntBuilder {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
