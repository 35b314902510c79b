package org.dec4j.plugin.datasets.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;

/**
 * Reader for Weka's ARFF files (dense and sparse rows) with numeric attributes and at most one
 * nominal attribute, the label.
 *
 * <p>An ARFF file has a header ({@code @relation}, one {@code @attribute name type} per column,
 * where the type is {@code numeric}, {@code real}, {@code integer} or a nominal value list {@code
 * {a,b,c}}) and then {@code @data} rows: comma-separated values, or sparse rows {@code {index
 * value, ...}} where omitted values are 0. {@code %} starts a comment. Missing values ({@code ?}),
 * string, date and relational attributes are rejected with the line and column.
 *
 * <p>Format: Weka's "Attribute-Relation File Format" documentation.
 */
public final class Arff {

  /**
   * A parsed ARFF file.
   *
   * @param table the features and the raw label of every row (when a label column was chosen)
   * @param labelClasses the declared values of a nominal label attribute, in declaration order, or
   *     null when the label is numeric or absent
   */
  public record Result(TextTable.Table table, List<String> labelClasses) {}

  private record Attribute(String name, List<String> nominal, int line) {}

  private Arff() {}

  /**
   * Reads an ARFF file.
   *
   * @param file the file (gzip or plain, UTF-8)
   * @param labelColumn the label attribute: a name or a 0-based index; null for none
   * @param owner the option, for configuration errors
   * @return the table and label classes
   * @throws DataException naming the file, line and column of malformed content
   * @throws ConfigException when the label column does not exist
   */
  public static Result read(Path file, String labelColumn, String owner) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8),
            DataFiles.BUFFER)) {
      return parse(file, reader, labelColumn, owner);
    } catch (IOException e) {
      throw DataFiles.failure(file, "a line", e);
    }
  }

  private static Result parse(Path file, BufferedReader reader, String labelColumn, String owner)
      throws IOException {
    List<Attribute> attributes = new ArrayList<>();
    int lineNo = 0;
    String line;
    boolean data = false;
    while (!data && (line = reader.readLine()) != null) {
      lineNo++;
      String s = stripComment(line).trim();
      if (s.isEmpty()) {
        continue;
      }
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("@relation")) {
        continue;
      } else if (lower.startsWith("@attribute")) {
        attributes.add(attribute(file, s.substring("@attribute".length()).trim(), lineNo));
      } else if (lower.startsWith("@data")) {
        data = true;
      } else {
        throw new DataException(
            file
                + ": line "
                + lineNo
                + ": expected @relation, @attribute or @data, found '"
                + abbreviate(s)
                + "'");
      }
    }
    if (!data) {
      throw new DataException(
          file + ": no @data section" + (attributes.isEmpty() ? " (is this an ARFF file?)" : ""));
    }
    if (attributes.isEmpty()) {
      throw new DataException(file + ": no @attribute declarations");
    }
    int label = resolveLabel(file, attributes, labelColumn, owner);
    for (int j = 0; j < attributes.size(); j++) {
      Attribute a = attributes.get(j);
      if (a.nominal() != null && j != label) {
        throw new DataException(
            file
                + ": line "
                + a.line()
                + ": attribute '"
                + a.name()
                + "' is nominal; only the"
                + " label column may be nominal (set "
                + owner
                + " to it, or drop the attribute)");
      }
    }
    int width = attributes.size();
    int cols = width - (label >= 0 ? 1 : 0);
    if (cols == 0) {
      throw new DataException(file + ": no feature columns: the only attribute is the label");
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      if (j != label) {
        names.add(attributes.get(j).name());
      }
    }
    TextTable.FloatBuilder values = new TextTable.FloatBuilder(cols * 256);
    List<String> labels = label >= 0 ? new ArrayList<>() : null;
    TextTable.IntBuilder lines = new TextTable.IntBuilder();
    float[] row = new float[width];
    String[] raw = new String[width];
    while ((line = reader.readLine()) != null) {
      lineNo++;
      String s = stripComment(line).trim();
      if (s.isEmpty()) {
        continue;
      }
      java.util.Arrays.fill(row, 0f);
      java.util.Arrays.fill(raw, null);
      if (s.startsWith("{")) {
        sparse(file, s, lineNo, attributes, raw);
      } else {
        List<String> fields = split(file, s, lineNo);
        if (fields.size() != width) {
          throw new DataException(
              file
                  + ": line "
                  + lineNo
                  + " has "
                  + fields.size()
                  + " values, expected "
                  + width
                  + " (one per @attribute); the rows are ragged");
        }
        for (int j = 0; j < width; j++) {
          raw[j] = fields.get(j);
        }
      }
      for (int j = 0; j < width; j++) {
        Attribute a = attributes.get(j);
        String v = raw[j];
        if (v != null && v.equals("?")) {
          throw new DataException(
              file
                  + ": line "
                  + lineNo
                  + ", column "
                  + j
                  + " ('"
                  + a.name()
                  + "'): missing value '?' (missing values are not supported)");
        }
        if (j == label) {
          String lv = v == null ? (a.nominal() != null ? a.nominal().getFirst() : "0") : v;
          if (a.nominal() != null && !a.nominal().contains(lv)) {
            throw new DataException(
                file
                    + ": line "
                    + lineNo
                    + ", column "
                    + j
                    + " ('"
                    + a.name()
                    + "'): '"
                    + lv
                    + "' is not one of the declared values "
                    + a.nominal());
          }
          labels.add(lv);
        } else {
          row[j] = v == null ? 0f : TextTable.parseNumber(v, file, lineNo, j, a.name());
        }
      }
      for (int j = 0; j < width; j++) {
        if (j != label) {
          values.add(row[j]);
        }
      }
      lines.add(lineNo);
    }
    if (lines.size() == 0) {
      throw new DataException(file + ": the @data section has no rows");
    }
    TextTable.Table table =
        new TextTable.Table(
            file,
            List.copyOf(names),
            values.toArray(),
            lines.size(),
            cols,
            labels == null ? null : labels.toArray(String[]::new),
            lines.toArray(),
            TextTable.Delimiter.COMMA,
            true,
            label >= 0 ? attributes.get(label).name() : null);
    return new Result(table, label >= 0 ? attributes.get(label).nominal() : null);
  }

  private static void sparse(
      Path file, String s, int lineNo, List<Attribute> attributes, String[] raw) {
    if (!s.endsWith("}")) {
      throw new DataException(file + ": line " + lineNo + ": sparse row does not end with '}'");
    }
    String body = s.substring(1, s.length() - 1).trim();
    if (body.isEmpty()) {
      return;
    }
    for (String pair : split(file, body, lineNo)) {
      String p = pair.trim();
      int sp = indexOfSpace(p);
      if (sp < 0) {
        throw new DataException(
            file + ": line " + lineNo + ": sparse entry '" + p + "' is not 'index value'");
      }
      int idx;
      try {
        idx = Integer.parseInt(p.substring(0, sp));
      } catch (NumberFormatException e) {
        throw new DataException(
            file
                + ": line "
                + lineNo
                + ": sparse index '"
                + p.substring(0, sp)
                + "' is not an integer",
            e);
      }
      if (idx < 0 || idx >= attributes.size()) {
        throw new DataException(
            file
                + ": line "
                + lineNo
                + ": sparse index "
                + idx
                + " is outside [0, "
                + (attributes.size() - 1)
                + "]");
      }
      raw[idx] = unquote(p.substring(sp).trim());
    }
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int resolveLabel(
      Path file, List<Attribute> attributes, String labelColumn, String owner) {
    if (labelColumn == null || labelColumn.isBlank()) {
      return -1;
    }
    String col = labelColumn.trim();
    for (int j = 0; j < attributes.size(); j++) {
      if (attributes.get(j).name().equals(col)) {
        return j;
      }
    }
    try {
      int j = Integer.parseInt(col);
      if (j >= 0 && j < attributes.size()) {
        return j;
      }
    } catch (NumberFormatException ignored) {
      // Not an index either: reported below with the attribute names.
    }
    throw new ConfigException(
        owner
            + " = '"
            + col
            + "' names no attribute of "
            + file
            + "; its attributes are "
            + attributes.stream().map(Attribute::name).toList()
            + " (or give a 0-based index)");
  }

  private static Attribute attribute(Path file, String decl, int lineNo) {
    String name;
    String rest;
    if (decl.startsWith("'") || decl.startsWith("\"")) {
      int end = decl.indexOf(decl.charAt(0), 1);
      if (end < 0) {
        throw new DataException(file + ": line " + lineNo + ": unterminated quoted attribute name");
      }
      name = decl.substring(1, end);
      rest = decl.substring(end + 1).trim();
    } else {
      int sp = indexOfSpace(decl);
      if (sp < 0) {
        throw new DataException(file + ": line " + lineNo + ": @attribute without a type");
      }
      name = decl.substring(0, sp);
      rest = decl.substring(sp).trim();
    }
    String type = rest.toLowerCase(Locale.ROOT);
    if (type.equals("numeric") || type.equals("real") || type.equals("integer")) {
      return new Attribute(name, null, lineNo);
    }
    if (rest.startsWith("{") && rest.endsWith("}")) {
      List<String> values = new ArrayList<>();
      for (String v : split(file, rest.substring(1, rest.length() - 1), lineNo)) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
      if (values.isEmpty()) {
        throw new DataException(
            file + ": line " + lineNo + ": nominal attribute '" + name + "' declares no values");
      }
      return new Attribute(name, List.copyOf(values), lineNo);
    }
    throw new DataException(
        file
            + ": line "
            + lineNo
            + ": attribute '"
            + name
            + "' has type '"
            + rest
            + "'; only numeric, real, integer and nominal {...} attributes are supported");
  }

  private static List<String> split(Path file, String s, int lineNo) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i <= n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
        char q = s.charAt(i);
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            sb.append(s.charAt(i++));
          } else if (c == q) {
            closed = true;
            break;
          } else {
            sb.append(c);
          }
        }
        if (!closed) {
          throw new DataException(
              file + ": line " + lineNo + ", column " + out.size() + ": unterminated quote");
        }
        while (i < n && s.charAt(i) != ',') {
          i++;
        }
        out.add(sb.toString());
      } else {
        int start = i;
        while (i < n && s.charAt(i) != ',') {
          i++;
        }
        out.add(s.substring(start, i).trim());
      }
      i++;
    }
    return out;
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    char q = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == q) {
          quoted = false;
        }
      } else if (c == '\'' || c == '"') {
        quoted = true;
        q = c;
      } else if (c == '%') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
