package org.dec4j.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public signature of dec-api as sorted lines of text: one line per public type and per public
 * or protected constructor, method and field of the exported packages, with generic types, so that
 * two levels of the API can be compared line by line (as japicmp compares two jars).
 */
final class ApiSignatures {
  private ApiSignatures() {}

  /** {@return the signature of the dec-api classes this JVM loaded Dec4jApi from} */
  static Set<String> current() {
    Path root;
    try {
      root = Path.of(Dec4jApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<String> exported =
        Dec4jApi.class.getModule().isNamed()
            ? Dec4jApi.class.getModule().getDescriptor().exports().stream()
                .filter(e -> !e.isQualified())
                .map(e -> e.source())
                .collect(Collectors.toSet())
            : null;
    Set<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, Dec4jApi.class.getClassLoader());
        if (!visible(c) || (exported != null && !exported.contains(c.getPackageName()))) {
          continue;
        }
        describe(c, lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  /** A class plugins can see: public, and nested only in such classes. */
  private static boolean visible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())
          || k.isAnonymousClass()
          || k.isLocalClass()
          || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> c, Set<String> out) {
    String kind =
        c.isAnnotation()
            ? "@interface"
            : c.isInterface()
                ? "interface"
                : c.isEnum()
                    ? "enum"
                    : c.isRecord()
                        ? "record"
                        : (Modifier.isAbstract(c.getModifiers()) ? "abstract " : "")
                            + (Modifier.isFinal(c.getModifiers()) ? "final " : "")
                            + "class";
    StringBuilder type = new StringBuilder(c.getName()).append(" : ").append(kind);
    if (c.getTypeParameters().length > 0) {
      type.append(" <")
          .append(
              Arrays.stream(c.getTypeParameters())
                  .map(Type::getTypeName)
                  .collect(Collectors.joining(", ")))
          .append('>');
    }
    Type sup = c.getGenericSuperclass();
    if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord()) {
      type.append(" extends ").append(sup.getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      type.append(" implements ")
          .append(
              Arrays.stream(c.getGenericInterfaces())
                  .map(Type::getTypeName)
                  .collect(Collectors.joining(", ")));
    }
    out.add(type.toString());
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (exposed(k) && !k.isSynthetic()) {
        out.add(c.getName() + "#<init>(" + params(k.getGenericParameterTypes()) + ")");
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (exposed(m) && !m.isSynthetic() && !m.isBridge()) {
        String flags =
            (Modifier.isStatic(m.getModifiers()) ? " static" : "")
                + (Modifier.isAbstract(m.getModifiers()) ? " abstract" : "")
                + (m.isDefault() ? " default" : "");
        out.add(
            c.getName()
                + "#"
                + m.getName()
                + "("
                + params(m.getGenericParameterTypes())
                + ") : "
                + m.getGenericReturnType().getTypeName()
                + flags);
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (exposed(f) && !f.isSynthetic()) {
        out.add(
            c.getName()
                + "#"
                + f.getName()
                + " : "
                + f.getGenericType().getTypeName()
                + (Modifier.isStatic(f.getModifiers()) ? " static" : ""));
      }
    }
  }

  private static boolean exposed(Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod) || Modifier.isProtected(mod);
  }

  private static String params(Type[] types) {
    return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
  }
}
