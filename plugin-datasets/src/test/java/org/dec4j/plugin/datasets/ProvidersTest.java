package org.dec4j.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dec4j.api.HyperparameterSpec;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every provider of this module meets, checked through the module's own declaration.
 */
class ProvidersTest {
  static final List<String> IDS =
      List.of(
          "mnist",
          "fashion-mnist",
          "usps",
          "optdigits",
          "pendigits",
          "reuters-10k",
          "har",
          "synthetic",
          "blobs",
          "csv");
  static final Set<String> FILE_SETS =
      Set.of("mnist", "fashion-mnist", "usps", "optdigits", "pendigits", "reuters-10k", "har");

  @TempDir Path tmp;

  /** Instantiates the providers the module descriptor declares, as ServiceLoader would. */
  static List<Dataset> declaredProviders() throws ReflectiveOperationException {
    Module module = Dataset.class.getModule();
    ModuleDescriptor descriptor = ProvidersTest.class.getModule().getDescriptor();
    assertTrue(module.isNamed() && descriptor != null, "tests must run on the module path");
    List<Dataset> out = new ArrayList<>();
    for (ModuleDescriptor.Provides p : descriptor.provides()) {
      if (p.service().equals(Dataset.class.getName())) {
        for (String impl : p.providers()) {
          out.add((Dataset) Class.forName(impl).getConstructor().newInstance());
        }
      }
    }
    return out;
  }

  @Test
  void moduleDeclaresOneProviderPerDataSet() throws ReflectiveOperationException {
    List<String> ids = declaredProviders().stream().map(d -> d.info().id()).toList();
    assertEquals(IDS, ids);
    assertEquals(
        Set.of(),
        ProvidersTest.class.getModule().getDescriptor().exports(),
        "the plugin exports nothing");
  }

  @Test
  void metadataIsCompleteAndDefaultsResolve() throws ReflectiveOperationException {
    Set<String> seen = new HashSet<>();
    for (Dataset d : declaredProviders()) {
      PluginInfo info = d.info();
      assertTrue(seen.add(info.id()), "duplicate id " + info.id());
      assertTrue(PluginInfo.isValidId(info.id()));
      assertFalse(info.version().isBlank());
      assertFalse(info.description().isBlank(), info.id());
      assertFalse(info.description().contains("\n"), info.id() + ": one line");
      for (HyperparameterSpec h : info.hyperparameters()) {
        assertFalse(h.description().isBlank(), info.id() + "." + h.name());
      }
      assertEquals(info.hyperparameters().size(), info.resolve(Map.of()).asMap().size());
    }
  }

  @Test
  void imageAndTableSetsOfferSplits() throws ReflectiveOperationException {
    for (Dataset d : declaredProviders()) {
      boolean split = d.info().hyperparameters().stream().anyMatch(h -> h.name().equals("split"));
      boolean expected =
          Set.of("mnist", "fashion-mnist", "usps", "optdigits", "pendigits", "har")
              .contains(d.info().id());
      assertEquals(expected, split, d.info().id());
      if (split) {
        HyperparameterSpec h =
            d.info().hyperparameters().stream()
                .filter(p -> p.name().equals("split"))
                .findFirst()
                .orElseThrow();
        assertEquals("all", h.defaultValue());
        assertEquals(List.of("all", "train", "test"), h.choices());
      }
    }
  }

  @Test
  void fileSetsSayWhereTheyLookAndWhereFilesComeFrom() throws ReflectiveOperationException {
    for (Dataset d : declaredProviders()) {
      if (!FILE_SETS.contains(d.info().id())) {
        continue;
      }
      DatasetRequest r = new DatasetRequest(d.info().resolve(Map.of()), List.of(tmp), 0, false);
      String hint = d.locationHint(r);
      assertTrue(hint.contains(tmp.resolve(d.info().id()).toString()), hint);
      assertTrue(hint.contains("source: "), hint);
    }
  }
}
