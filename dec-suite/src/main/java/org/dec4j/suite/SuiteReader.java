package org.dec4j.suite;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.api.ConfigException;
import org.dec4j.api.encoder.PretrainConfig;
import org.dec4j.runtime.DeepClustering;
import org.dec4j.suite.report.PublishedFigure;
import org.dec4j.suite.report.ReportOptions;

/**
 * Reads suite files (YAML, or JSON, which is YAML too) into {@link Suite}s, and writes them back.
 *
 * <p>Every problem is reported as a {@link ConfigException} whose message starts with the file
 * name, the line and column of the field and its path, e.g. {@code quick.yaml:7:30:
 * methods[2].grid.gamma: ...}. Unknown fields are errors (a misspelt key would otherwise be
 * silently ignored), and the message lists the known ones. Shorthands: a data set or method may be
 * given by its id alone, and {@code seeds} may be a count ({@code seeds: 3} means 0, 1, 2).
 *
 * <p>Hyperparameter names and values are checked against the plugins later, by {@link
 * SuitePlan#of(Suite, org.dec4j.runtime.PluginRegistry)}, since only the plugins know them.
 */
public final class SuiteReader {
  /** The built-in example suite, a class-path resource beside this class. */
  static final String EXAMPLE_RESOURCE = "default-suite.yaml";

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .build();

  private SuiteReader() {}

  /**
   * Reads a suite file.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
   * @return the suite; its name defaults to the file name without extension
   * @throws ConfigException naming the file and the field for any problem
   */
  public static Suite read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such suite file");
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read the suite file: " + ConfigException.describe(e));
    }
    String fileName = file.getFileName() == null ? "suite" : file.getFileName().toString();
    String base = fileName.replaceFirst("\\.(ya?ml|json)$", "");
    return parse(text, fileName, base);
  }

  /**
   * Returns the built-in example suite: DEC, IDEC and DCN against the k-means baselines on the
   * first real data set found (see {@link Suite#AUTO}), with settings that finish in minutes.
   *
   * @return the suite
   */
  public static Suite example() {
    return parse(exampleText(), EXAMPLE_RESOURCE, "default");
  }

  /**
   * Returns the text of the built-in example suite, to copy and edit.
   *
   * @return YAML with comments
   */
  public static String exampleText() {
    try (InputStream in = SuiteReader.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the built-in suite " + EXAMPLE_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses suite text.
   *
   * @param text YAML or JSON
   * @param source the file name, for messages
   * @param defaultName the suite's name when the text gives none
   * @return the suite
   * @throws ConfigException naming the source and the field for any problem
   */
  public static Suite parse(String text, String source, String defaultName) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(
          source
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": not valid YAML/JSON: "
              + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source + ": the suite file is empty");
    }
    Node top = new Node(source, "", root, new Where(text));
    try {
      return top.suite(defaultName);
    } catch (ConfigException e) {
      if (e.getMessage().startsWith(source + ":")) {
        throw e;
      }
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a suite as JSON in the file format, so it can be read back and run again.
   *
   * @param suite the suite
   * @return indented JSON
   */
  public static String toJson(Suite suite) {
    try {
      return JSON.writeValueAsString(tree(suite));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(Suite suite) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("name", suite.name());
    if (suite.output() != null) {
      root.put("output", suite.output());
    }
    ArrayNode datasets = root.putArray("datasets");
    for (Suite.DatasetEntry d : suite.datasets()) {
      ObjectNode n = datasets.addObject();
      n.put("id", d.id());
      n.set("options", JSON.valueToTree(d.options()));
      n.put("k", d.k());
      n.put("data_seed", d.dataSeed());
    }
    ArrayNode methods = root.putArray("methods");
    for (Suite.MethodEntry m : suite.methods()) {
      ObjectNode n = methods.addObject();
      n.put("id", m.id());
      n.set("params", JSON.valueToTree(m.params()));
      n.set("grid", JSON.valueToTree(m.grid()));
    }
    ArrayNode seeds = root.putArray("seeds");
    suite.seeds().forEach(seeds::add);
    ObjectNode ae = root.putObject("autoencoder");
    ae.put("encoder", suite.autoencoder().encoder());
    ae.set("params", JSON.valueToTree(suite.autoencoder().params()));
    PretrainConfig p = suite.autoencoder().pretrain();
    ObjectNode pn = ae.putObject("pretrain");
    pn.put("mode", p.mode());
    pn.put("epochs", p.epochs());
    pn.put("layer_epochs", p.layerEpochs());
    pn.put("batch_size", p.batchSize());
    pn.put("learning_rate", p.learningRate());
    pn.put("dropout", p.dropout());
    pn.put("optimizer", p.optimizer());
    pn.put("momentum", p.momentum());
    pn.put("init", p.init());
    root.put("kmeans_restarts", suite.kmeansRestarts());
    ObjectNode report = root.putObject("report");
    report.put("map", suite.report().map());
    report.put("map_sample", suite.report().mapSample());
    report.put("map_iterations", suite.report().mapIterations());
    // written only when not the default, so suite.json files of folders made before stay the same
    if (!"lowest".equals(suite.report().mapSeeds())) {
      report.put("map_seeds", suite.report().mapSeeds());
    }
    if (!suite.report().mapProgress()) {
      report.put("map_progress", false);
    }
    if (!suite.report().published().isEmpty()) {
      ArrayNode published = report.putArray("published");
      for (PublishedFigure figure : suite.report().published()) {
        ObjectNode o = published.addObject();
        o.put("dataset", figure.dataset());
        o.put("method", figure.method());
        if (figure.acc() != null) {
          o.put("acc", figure.acc());
        }
        if (figure.nmi() != null) {
          o.put("nmi", figure.nmi());
        }
        if (figure.ari() != null) {
          o.put("ari", figure.ari());
        }
        o.put("source", figure.source());
      }
    }
    return root;
  }

  /**
   * Where each field and list element starts in the text (line and column, from 1), found when a
   * message needs it by walking the text's tokens again: the parsed tree keeps no positions.
   */
  private static final class Where {
    private final String text;
    private Map<String, String> at;

    Where(String text) {
      this.text = text;
    }

    /** {@return "line:column" of the path, or of its nearest ancestor that is in the text} */
    String of(String path) {
      if (at == null) {
        at = new LinkedHashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
          for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            JsonStreamContext c = p.getParsingContext();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
              c = c.getParent();
            }
            if (t == JsonToken.FIELD_NAME || (c != null && c.inArray())) {
              JsonLocation l = p.currentTokenLocation();
              at.putIfAbsent(path(c), l.getLineNr() + ":" + l.getColumnNr());
            }
          }
        } catch (IOException | RuntimeException e) {
          // the text parsed once already; without positions the message still names the field
        }
      }
      for (String p = path; ; p = parent(p)) {
        String found = at.get(p);
        if (found != null || p.isEmpty()) {
          return found;
        }
      }
    }

    /** {@return the path without its last field or index: "a.b[2]" -> "a.b" -> "a" -> ""} */
    static String parent(String path) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      return cut < 0 ? "" : path.substring(0, cut);
    }

    /**
     * The path in messages' form ({@code methods[1].grid}) of the current position of a context:
     * each enclosing object adds its current field, each list its current index.
     */
    private static String path(JsonStreamContext c) {
      StringBuilder b = new StringBuilder();
      for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
        String part = x.inArray() ? "[" + x.getCurrentIndex() + "]" : x.getCurrentName();
        if (part != null) {
          b.insert(0, b.isEmpty() || b.charAt(0) == '[' ? part : part + ".");
        }
      }
      return b.toString();
    }
  }

  /** A node of the tree with its path and the text's positions, for messages. */
  private record Node(String source, String path, JsonNode json, Where where) {

    private ConfigException error(String message) {
      return at(path, message);
    }

    /** An error about this node, placed in the text at {@code position} (a path). */
    private ConfigException at(String position, String message) {
      String lineColumn = where.of(position);
      return new ConfigException(
          source
              + (lineColumn == null ? "" : ":" + lineColumn)
              + ": "
              + (path.isEmpty() ? "" : path + ": ")
              + message);
    }

    /** An error from a constructor, placed at this node unless it is placed already. */
    private ConfigException wrap(ConfigException e) {
      return e.getMessage().startsWith(source + ":") ? e : error(e.getMessage());
    }

    private Node child(String name) {
      return new Node(source, path.isEmpty() ? name : path + "." + name, json.get(name), where);
    }

    private Node element(int i) {
      return new Node(source, path + "[" + i + "]", json.get(i), where);
    }

    private boolean present() {
      return json != null && !json.isNull() && !json.isMissingNode();
    }

    private void allowOnly(String what, String... names) {
      if (!json.isObject()) {
        throw error("must be a mapping (" + what + "), got " + kind());
      }
      Set<String> known = new TreeSet<>(List.of(names));
      for (var field : json.properties()) {
        String name = field.getKey();
        if (!known.contains(name)) {
          String closest = ConfigException.closest(name, known);
          throw at(
              child(name).path,
              "unknown field '"
                  + name
                  + "'"
                  + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                  + "; known: "
                  + String.join(", ", known));
        }
      }
    }

    private String kind() {
      return json == null || json.isNull()
          ? "nothing"
          : json.isObject() ? "a mapping" : json.isArray() ? "a list" : "'" + json.asText() + "'";
    }

    private String text(String fallback) {
      if (!present()) {
        if (fallback == null) {
          throw error("missing");
        }
        return fallback;
      }
      if (!json.isValueNode()) {
        throw error("must be text, got " + kind());
      }
      return json.asText();
    }

    private boolean flag(boolean fallback) {
      if (!present()) {
        return fallback;
      }
      if (json.isBoolean()) {
        return json.booleanValue();
      }
      String t = json.asText().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
      throw error("must be true or false, got " + kind());
    }

    private long integer(long fallback, long min, long max) {
      if (!present()) {
        return fallback;
      }
      long v;
      if (json.isIntegralNumber() && json.canConvertToLong()) {
        v = json.longValue();
      } else if (json.isTextual() && json.asText().trim().matches("-?\\d+")) {
        v = Long.parseLong(json.asText().trim());
      } else {
        throw error("must be a whole number, got " + kind());
      }
      if (v < min || v > max) {
        throw error(v + " must be in [" + min + ", " + max + "]");
      }
      return v;
    }

    private double real(double fallback) {
      if (!present()) {
        return fallback;
      }
      if (json.isNumber()) {
        return json.doubleValue();
      }
      try {
        return Double.parseDouble(json.asText().trim());
      } catch (NumberFormatException e) {
        throw error("must be a number, got " + kind());
      }
    }

    /** Scalars, lists of scalars (INT_LIST values) and nested maps, as plain Java values. */
    private Map<String, Object> values() {
      if (!present()) {
        return Map.of();
      }
      if (!json.isObject()) {
        throw error("must be a mapping of names to values, got " + kind());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (var e : json.properties()) {
        Node v = child(e.getKey());
        out.put(e.getKey(), v.value());
      }
      return out;
    }

    private Object value() {
      if (json == null || json.isNull()) {
        throw error("has no value");
      }
      if (json.isArray()) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
          Node e = element(i);
          if (!e.json.isValueNode()) {
            throw e.error("must be a single value, got " + e.kind());
          }
          list.add(e.scalar());
        }
        return list;
      }
      if (!json.isValueNode()) {
        throw error("must be a single value or a list of numbers, got " + kind());
      }
      return scalar();
    }

    private Object scalar() {
      if (json.isBoolean()) {
        return json.booleanValue();
      }
      if (json.isIntegralNumber()) {
        return json.canConvertToInt() ? (Object) json.intValue() : (Object) json.longValue();
      }
      if (json.isNumber()) {
        return json.doubleValue();
      }
      return json.asText();
    }

    Suite suite(String defaultName) {
      allowOnly(
          "the suite",
          "name",
          "output",
          "datasets",
          "methods",
          "seeds",
          "autoencoder",
          "kmeans_restarts",
          "report");
      String name = child("name").text(defaultName);
      Node output = child("output");
      String out = output.present() ? output.text(null) : null;
      List<Suite.DatasetEntry> datasets = new ArrayList<>();
      Node ds = child("datasets");
      for (Node d : ds.list("data sets")) {
        datasets.add(d.dataset());
      }
      List<Suite.MethodEntry> methods = new ArrayList<>();
      for (Node m : child("methods").list("methods")) {
        methods.add(m.method());
      }
      List<Long> seeds = child("seeds").seeds();
      Suite.AutoencoderSettings ae = child("autoencoder").autoencoder();
      int restarts =
          (int) child("kmeans_restarts").integer(DeepClustering.KMEANS_RESTARTS, 1, 10_000);
      ReportOptions report = child("report").report();
      try {
        return new Suite(name, out, datasets, methods, seeds, ae, restarts, report);
      } catch (ConfigException e) {
        throw wrap(e);
      }
    }

    private List<Node> list(String what) {
      if (!present()) {
        throw error("missing; list the " + what);
      }
      if (!json.isArray()) {
        throw error("must be a list of " + what + ", got " + kind());
      }
      if (json.isEmpty()) {
        throw error("list at least one");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        out.add(element(i));
      }
      return out;
    }

    private Suite.DatasetEntry dataset() {
      if (json.isTextual()) {
        return new Suite.DatasetEntry(json.asText().trim(), Map.of(), 0, 0);
      }
      allowOnly(
          "a data set id, or id with options, k, data_seed", "id", "options", "k", "data_seed");
      String id = child("id").text(null).trim();
      Map<String, Object> options = child("options").values();
      int k = (int) child("k").integer(0, 0, 100_000);
      long dataSeed = child("data_seed").integer(0, Long.MIN_VALUE, Long.MAX_VALUE);
      try {
        return new Suite.DatasetEntry(id, options, k, dataSeed);
      } catch (ConfigException e) {
        throw wrap(e);
      }
    }

    private Suite.MethodEntry method() {
      if (json.isTextual()) {
        return new Suite.MethodEntry(json.asText().trim(), Map.of(), Map.of());
      }
      allowOnly("a method id, or id with params and grid", "id", "params", "grid");
      String id = child("id").text(null).trim();
      Map<String, Object> params = child("params").values();
      Map<String, List<Object>> grid = new LinkedHashMap<>();
      Node g = child("grid");
      if (g.present()) {
        if (!g.json.isObject()) {
          throw g.error("must map hyperparameter names to lists of values, got " + g.kind());
        }
        for (var field : g.json.properties()) {
          String name = field.getKey();
          Node values = g.child(name);
          if (!values.json.isArray() || values.json.isEmpty()) {
            throw values.error(
                "must be a non-empty list of values to try, e.g. [0.1, 0.01], got "
                    + values.kind());
          }
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < values.json.size(); i++) {
            list.add(values.element(i).value());
          }
          grid.put(name, list);
        }
      }
      try {
        return new Suite.MethodEntry(id, params, grid);
      } catch (ConfigException e) {
        throw wrap(e);
      }
    }

    private List<Long> seeds() {
      if (!present()) {
        return List.of(0L);
      }
      List<Long> out = new ArrayList<>();
      if (json.isIntegralNumber()) {
        long count = integer(1, 1, 1000);
        for (long s = 0; s < count; s++) {
          out.add(s);
        }
        return out;
      }
      for (Node s : list("seeds")) {
        out.add(s.integer(0, Long.MIN_VALUE, Long.MAX_VALUE));
      }
      return out;
    }

    private Suite.AutoencoderSettings autoencoder() {
      PretrainConfig d = PretrainConfig.defaults();
      if (!present()) {
        return new Suite.AutoencoderSettings("mlp", Map.of(), d);
      }
      allowOnly("encoder, params, pretrain", "encoder", "params", "pretrain");
      String encoder = child("encoder").text("mlp").trim();
      Map<String, Object> params = child("params").values();
      Node p = child("pretrain");
      PretrainConfig pretrain = d;
      if (p.present()) {
        p.allowOnly(
            "pretraining settings",
            "mode",
            "epochs",
            "layer_epochs",
            "batch_size",
            "learning_rate",
            "dropout",
            "optimizer",
            "momentum",
            "init");
        try {
          pretrain =
              new PretrainConfig(
                  p.child("mode").text(d.mode()).trim().toLowerCase(Locale.ROOT),
                  (int) p.child("epochs").integer(d.epochs(), 0, 1_000_000),
                  (int) p.child("layer_epochs").integer(d.layerEpochs(), 0, 1_000_000),
                  (int) p.child("batch_size").integer(d.batchSize(), 1, 1 << 20),
                  p.child("learning_rate").real(d.learningRate()),
                  p.child("dropout").real(d.dropout()),
                  p.child("optimizer").text(d.optimizer()).trim().toLowerCase(Locale.ROOT),
                  p.child("momentum").real(d.momentum()),
                  p.child("init").text(d.init()).trim().toLowerCase(Locale.ROOT));
        } catch (ConfigException e) {
          throw p.wrap(e);
        }
      }
      return new Suite.AutoencoderSettings(encoder, params, pretrain);
    }

    private ReportOptions report() {
      ReportOptions d = ReportOptions.defaults();
      if (!present()) {
        return d;
      }
      allowOnly(
          "report settings",
          "map",
          "map_sample",
          "map_iterations",
          "map_seeds",
          "map_progress",
          "published");
      List<PublishedFigure> published = new ArrayList<>();
      if (child("published").present()) {
        for (Node f : child("published").list("published figures")) {
          published.add(f.figure());
        }
      }
      try {
        return new ReportOptions(
            child("map").text(d.map()).trim().toLowerCase(Locale.ROOT),
            (int) child("map_sample").integer(d.mapSample(), Integer.MIN_VALUE, Integer.MAX_VALUE),
            (int)
                child("map_iterations")
                    .integer(d.mapIterations(), Integer.MIN_VALUE, Integer.MAX_VALUE),
            published,
            child("map_seeds").text(d.mapSeeds()).trim().toLowerCase(Locale.ROOT),
            child("map_progress").flag(d.mapProgress()));
      } catch (ConfigException e) {
        // the message names its field already ("report.map = ...")
        Matcher field = Pattern.compile("^([\\w.\\[\\]]+) = ").matcher(e.getMessage());
        String lineColumn = where.of(field.find() ? field.group(1) : path);
        throw new ConfigException(
            source + (lineColumn == null ? "" : ":" + lineColumn) + ": " + e.getMessage());
      }
    }

    private PublishedFigure figure() {
      allowOnly(
          "a published figure: dataset, method, acc/nmi/ari, source",
          "dataset",
          "method",
          "acc",
          "nmi",
          "ari",
          "source");
      try {
        return new PublishedFigure(
            child("dataset").text(null).trim(),
            child("method").text(null).trim(),
            optional("acc"),
            optional("nmi"),
            optional("ari"),
            child("source").text("").trim());
      } catch (ConfigException e) {
        throw wrap(e);
      }
    }

    private Double optional(String name) {
      Node n = child(name);
      return n.present() ? n.real(0) : null;
    }
  }
}
