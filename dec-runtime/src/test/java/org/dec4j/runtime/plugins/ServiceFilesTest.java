package org.dec4j.runtime.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module that {@code provides} a service in its {@code module-info.java} lists the same
 * providers, in the same order, in {@code META-INF/services/<service>}, and has no services file
 * without a {@code provides}: the module path reads the first, the class path the second, and an
 * application must find the same plugins on either.
 */
class ServiceFilesTest {
  private static final Pattern PROVIDES =
      Pattern.compile("provides\\s+([\\w.]+)\\s+with\\s+([\\w.,\\s]+);");

  @Test
  void servicesFilesMatchModuleInfo() throws IOException {
    Path root = PluginJars.repositoryRoot();
    List<Path> modules;
    try (Stream<Path> s = Files.walk(root, 5)) {
      modules =
          s.filter(p -> p.endsWith(Path.of("src/main/java/module-info.java")))
              .filter(p -> !p.toString().contains("/target/"))
              .sorted()
              .toList();
    }
    int checked = 0;
    for (Path info : modules) {
      Path module = info.getParent().getParent().getParent().getParent();
      Map<String, List<String>> declared = provides(Files.readString(info));
      Path services = module.resolve("src/main/resources/META-INF/services");
      Map<String, List<String>> listed = new TreeMap<>();
      if (Files.isDirectory(services)) {
        try (Stream<Path> files = Files.list(services)) {
          for (Path f : files.sorted().toList()) {
            listed.put(
                f.getFileName().toString(),
                Files.readAllLines(f).stream()
                    .map(l -> l.replaceAll("#.*", "").strip())
                    .filter(l -> !l.isEmpty())
                    .toList());
          }
        }
      }
      assertEquals(
          declared,
          listed,
          root.relativize(module)
              + ": META-INF/services must list what module-info"
              + " provides, in the same order");
      checked += declared.size();
    }
    assertTrue(
        checked >= 6, "the plugins' and the runtime's services were all checked: " + checked);
    assertFalse(modules.isEmpty());
  }

  /** Service to providers, from a module declaration with its comments removed. */
  static Map<String, List<String>> provides(String moduleInfo) {
    String code = moduleInfo.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    Map<String, List<String>> out = new TreeMap<>();
    Matcher m = PROVIDES.matcher(code);
    while (m.find()) {
      List<String> providers = new ArrayList<>(out.getOrDefault(m.group(1), List.of()));
      Arrays.stream(m.group(2).split(",")).map(String::strip).forEach(providers::add);
      out.put(m.group(1), providers);
    }
    return out;
  }
}
