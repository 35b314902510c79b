package org.dec4j.runtime.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {

  @Test
  void commandLineThenEnvironmentThenPropertyThenTheDefaultWhenItExists(@TempDir Path temp)
      throws Exception {
    Path a = temp.resolve("a");
    Path b = temp.resolve("b");
    Path c = temp.resolve("c");
    Path home = temp.resolve("home-plugins");
    Map<String, String> env = Map.of(PluginPath.ENV, b + File.pathSeparator + a);
    assertEquals(
        List.of(a, b, c),
        PluginPath.resolve(List.of(a), env, c.toString(), home),
        "duplicates dropped, order kept; the default is skipped while it does not exist");
    Files.createDirectories(home);
    assertEquals(List.of(a, home), PluginPath.resolve(List.of(a), Map.of(), null, home));
    assertEquals(
        List.of(),
        PluginPath.resolve(List.of(), Map.of(PluginPath.ENV, " "), "", temp.resolve("none")));
  }
}
