package org.dec4j.runtime.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;

/**
 * Reads one column of integer labels (ground-truth classes or predicted clusters) from a file, for
 * scoring with {@link ClusteringMetrics}: delimited text (CSV, TSV, semicolon- or
 * whitespace-separated, an optional header row) or a NumPy {@code .npy} array (1-D, or 2-D with the
 * column chosen by index).
 *
 * <p>Text: the delimiter is a tab if any line has one, else a comma, else a semicolon, else runs of
 * whitespace; the first row is a header when one of its fields is not a number. Labels must be
 * integers; {@code 3.0} (as NumPy's {@code savetxt} writes {@code 3}) counts as 3. Without a column
 * named, a header column called {@code cluster}, {@code label}, {@code labels}, {@code class},
 * {@code y}, {@code target} or {@code prediction} is taken, else the only column. Everything else
 * fails with the file and, for text, the 1-based line: a missing file, a ragged row, a non-integer
 * label ({@link DataException}), an unknown column ({@link ConfigException}).
 */
public final class LabelFile {
  /** Header names taken as the label column when none is named, in order of preference. */
  static final List<String> LABEL_NAMES =
      List.of("cluster", "label", "labels", "class", "y", "target", "prediction");

  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private LabelFile() {}

  /**
   * One column of labels and where it came from.
   *
   * @param file the file read
   * @param column the column's header name, or its 0-based index as text
   * @param labels the labels, one per data row
   */
  public record Column(Path file, String column, int[] labels) {
    /** {@return the number of labels} */
    public int size() {
      return labels.length;
    }
  }

  /**
   * Reads a label column.
   *
   * @param file the file ({@code .npy} by its extension, else text)
   * @param column a header name or a 0-based index, or null to choose as described above
   * @param option the command-line option that chooses the column, for messages (e.g. {@code
   *     --pred-column})
   * @return the column
   * @throws DataException for a missing, empty, ragged or non-integer file, naming it and the line
   * @throws ConfigException when the column does not exist or cannot be chosen
   */
  public static Column read(Path file, String column, String option) {
    if (!Files.exists(file)) {
      throw new DataException(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": not a regular file");
    }
    try {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")
          ? npy(file, column, option)
          : text(file, column, option);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Column text(Path file, String column, String option) throws IOException {
    List<String> text = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          text.add(line);
          lines.add(lineNo);
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new DataException(
          file
              + ": not a text file of labels (bytes that are not UTF-8); give a CSV, TSV or"
              + " .npy file",
          e);
    }
    if (text.isEmpty()) {
      throw new DataException(
          file + ": the file is empty; it should hold a column of integer labels");
    }
    // The delimiter of any line, so that a ragged row of a one-column file is seen as one.
    char delimiter =
        text.stream().anyMatch(l -> l.indexOf('\t') >= 0)
            ? '\t'
            : text.stream().anyMatch(l -> l.indexOf(',') >= 0)
                ? ','
                : text.stream().anyMatch(l -> l.indexOf(';') >= 0) ? ';' : 0;
    List<String[]> rows = text.stream().map(l -> split(l, delimiter)).toList();
    String[] first = rows.getFirst();
    boolean header = false;
    for (String f : first) {
      if (!isNumber(f)) {
        header = true;
        break;
      }
    }
    int width = first.length;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      names.add(header ? first[j] : Integer.toString(j));
    }
    int index = choose(file, column, option, header ? names : null, width);
    int from = header ? 1 : 0;
    if (rows.size() == from) {
      throw new DataException(
          file + ": the file has a header row (line " + lines.getFirst() + ") but no labels");
    }
    int[] labels = new int[rows.size() - from];
    for (int r = from; r < rows.size(); r++) {
      String[] fields = rows.get(r);
      if (fields.length != width) {
        throw new DataException(
            file
                + ": line "
                + lines.get(r)
                + " has "
                + fields.length
                + " fields, expected "
                + width
                + " as "
                + (header ? "in the header" : "on line " + lines.getFirst())
                + " (a ragged row)");
      }
      String v = fields[index];
      Integer label = integer(v);
      if (label == null) {
        throw new DataException(
            file
                + ": line "
                + lines.get(r)
                + ", column "
                + index
                + (header ? " ('" + names.get(index) + "')" : "")
                + ": '"
                + v
                + "' is not an integer label");
      }
      labels[r - from] = label;
    }
    return new Column(file, names.get(index), labels);
  }

  private static String[] split(String line, char delimiter) {
    String[] parts =
        delimiter == 0
            ? line.strip().split("\\s+")
            : line.split(Pattern.quote(String.valueOf(delimiter)), -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
        p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
      }
      parts[i] = p;
    }
    return parts;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return !s.isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The label a field holds, or null when it is not an integer in int's range. */
  private static Integer integer(String s) {
    try {
      return Integer.valueOf(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
          return (int) d;
        }
      } catch (NumberFormatException ignored) {
        // not a number at all
      }
      return null;
    }
  }

  /** The 0-based index of the column to read. */
  private static int choose(
      Path file, String column, String option, List<String> names, int width) {
    String choices =
        names == null
            ? width + " unnamed columns (0 to " + (width - 1) + ")"
            : width + " columns (" + String.join(", ", names) + ")";
    if (column != null && !column.isBlank()) {
      String c = column.strip();
      if (names != null && names.contains(c)) {
        return names.indexOf(c);
      }
      try {
        int j = Integer.parseInt(c);
        if (j >= 0 && j < width) {
          return j;
        }
      } catch (NumberFormatException ignored) {
        // not an index: reported below
      }
      throw new ConfigException(
          option + " " + c + ": " + file + " has no such column; it has " + choices);
    }
    if (names != null) {
      for (String preferred : LABEL_NAMES) {
        for (int j = 0; j < width; j++) {
          if (names.get(j).equalsIgnoreCase(preferred)) {
            return j;
          }
        }
      }
    }
    if (width == 1) {
      return 0;
    }
    throw new ConfigException(
        file + " has " + choices + ": choose the label column with " + option + " NAME|INDEX");
  }

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private static Column npy(Path file, String column, String option) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, NPY_MAGIC, 0, 6)) {
      throw new DataException(file + ": not a NumPy .npy file (no \\x93NUMPY magic)");
    }
    int major = bytes[6];
    int headerLength = major == 1 ? Short.toUnsignedInt(in.getShort(8)) : in.getInt(8);
    int start = major == 1 ? 10 : 12;
    if (headerLength < 0 || start + headerLength > bytes.length) {
      throw new DataException(
          file + ": .npy header of " + headerLength + " bytes runs past the file's end");
    }
    String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher shapeText = SHAPE.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    if (!descr.find() || !shapeText.find()) {
      throw new DataException(
          file + ": .npy header without a numeric dtype and shape: " + header.strip());
    }
    char kind = descr.group(2).charAt(0);
    int size = Integer.parseInt(descr.group(3));
    if ("iubf".indexOf(kind) < 0
        || !(size == 1 || size == 2 || size == 4 || size == 8)
        || (kind == 'f' && size < 4)) {
      throw new DataException(
          file
              + ": .npy dtype '"
              + descr.group(1)
              + kind
              + size
              + "' is not an integer or float"
              + " array of labels");
    }
    long[] shape =
        java.util.Arrays.stream(shapeText.group(1).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    if (shape.length == 0 || shape.length > 2) {
      throw new DataException(
          file
              + ": .npy array of shape "
              + java.util.Arrays.toString(shape)
              + "; labels need a"
              + " 1-D array or a 2-D one with a column chosen by "
              + option);
    }
    long rows = shape[0];
    int width = shape.length == 2 ? Math.toIntExact(shape[1]) : 1;
    int index = choose(file, column, option, null, width);
    if (rows == 0 || width == 0) {
      throw new DataException(file + ": the array is empty; it should hold integer labels");
    }
    long needed = rows * width * size;
    if (start + headerLength + needed > bytes.length) {
      throw new DataException(
          file
              + ": "
              + rows
              + " x "
              + width
              + " values of "
              + size
              + " bytes need "
              + needed
              + " bytes of data; the file has "
              + (bytes.length - start - headerLength));
    }
    in.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    boolean columnMajor = fortran.find() && fortran.group(1).equals("True");
    int[] labels = new int[Math.toIntExact(rows)];
    for (int i = 0; i < labels.length; i++) {
      long element = columnMajor ? (long) index * rows + i : (long) i * width + index;
      int at = Math.toIntExact(start + headerLength + element * size);
      double v =
          switch (kind) {
            case 'f' -> size == 4 ? in.getFloat(at) : in.getDouble(at);
            case 'u' ->
                size == 1
                    ? Byte.toUnsignedInt(in.get(at))
                    : size == 2
                        ? Short.toUnsignedInt(in.getShort(at))
                        : size == 4
                            ? Integer.toUnsignedLong(in.getInt(at))
                            : (double) in.getLong(at);
            default ->
                size == 1
                    ? in.get(at)
                    : size == 2
                        ? in.getShort(at)
                        : size == 4 ? in.getInt(at) : (double) in.getLong(at);
          };
      if (!(v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE)) {
        throw new DataException(
            file
                + ": element "
                + i
                + (width > 1 ? " of column " + index : "")
                + " is "
                + v
                + ", not an integer label");
      }
      labels[i] = (int) v;
    }
    return new Column(file, Integer.toString(index), labels);
  }
}
