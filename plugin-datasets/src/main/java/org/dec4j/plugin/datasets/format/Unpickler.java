package org.dec4j.plugin.datasets.format;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;

/**
 * A data-only reader for the Python pickles NumPy writes into object arrays, such as DEC's {@code
 * reutersidf10k.npy} (a dict {@code {'data': ndarray, 'label': ndarray}} saved with {@code
 * np.save}).
 *
 * <p>It interprets pickle protocols 0 to 4 as data: dicts become {@link LinkedHashMap}s, lists and
 * tuples {@link List}s, strings {@link String}s, bytes {@code byte[]}, integers {@link Long} or
 * {@link BigInteger}, floats {@link Double}. NumPy arrays ({@code
 * numpy.core.multiarray._reconstruct} followed by {@code __setstate__}) and dtypes become {@link
 * NdArray}s; Python 3 bytes pickled at protocol 2 ({@code _codecs.encode}) become {@code byte[]};
 * Python 2 strings become {@link String}s holding one char per byte. Any other global is never
 * imported or called: it becomes an inert {@link Opaque} value, so a malicious pickle cannot run
 * code here.
 *
 * <p>Format: the opcode table of CPython's {@code pickletools} module documentation.
 *
 * <p>Why not razorvine's {@code net.razorvine:pickle} 1.5 (measured December 2026, with NumPy's
 * {@code _reconstruct} and {@code dtype} registered as its constructors): it reads the valid test
 * pickles, but it trusts the file. Of 3,000 seeded mutations of the REUTERS test pickles, 275
 * escaped it as exceptions other than its own {@code PickleException} and {@code IOException}: 118
 * {@code ClassCastException}, 63 {@code IndexOutOfBoundsException}, 51 {@code
 * NegativeArraySizeException}, 21 {@code NumberFormatException}, 1 {@code NullPointerException} and
 * 21 {@link OutOfMemoryError}s (it allocates a length-prefixed argument's claimed size before
 * reading it, so a 5-byte pickle claiming 2 GB fails the heap); this class turns the same 3,000
 * into 2,601 {@code DataException}s and 399 values, none escaping. A self-containing list used as a
 * dict key ends razorvine in a {@link StackOverflowError} (hashing). Making it safe means
 * overriding its handlers for the seven length-prefixed opcodes, the three that insert dict keys
 * and {@code BUILD} (which calls {@code __setstate__} by reflection, so this package would have to
 * be opened to it): most of what this class does beyond one-line opcodes. It also has no {@code
 * Automatic-Module-Name} (its module name, {@code pickle}, comes from the jar's file name) and
 * keeps its constructors in one JVM-wide static map. So this reader stays.
 */
public final class Unpickler {

  /**
   * A Python global that was referenced but not interpreted.
   *
   * @param module the module name
   * @param name the attribute name
   */
  public record Global(String module, String name) {}

  /**
   * The result of calling a global this reader does not interpret.
   *
   * @param callable what was called
   * @param args the arguments
   */
  public record Opaque(Object callable, Object args) {}

  private static final Object MARK = new Object();

  private final Source in;
  private final String origin;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();

  /**
   * Data pickles nest a few levels; deeper (or self-referring) ones are refused before the stack
   * runs out.
   */
  private static final int MAX_DEPTH = 100;

  private int depth;

  private Unpickler(InputStream in, String origin, long offset, long limit) {
    this.in = new Source(in, origin, offset, limit);
    this.origin = origin;
  }

  /**
   * Reads one pickle.
   *
   * @param in the stream, positioned at the first opcode
   * @param origin the file (and entry), for messages
   * @param offset the stream's byte offset in the file, for messages
   * @param limit the number of bytes available, or -1 when unknown (guards allocations)
   * @return the unpickled value
   * @throws DataException for a truncated or malformed pickle, naming the byte offset
   */
  public static Object load(InputStream in, String origin, long offset, long limit) {
    return new Unpickler(in, origin, offset, limit).run();
  }

  private Object run() {
    while (true) {
      long at = in.pos;
      int op = in.u8();
      switch (op) {
        case 0x80 -> in.u8(); // PROTO
        case 0x95 -> in.le(8); // FRAME: framing only helps streaming readers
        case '.' -> {
          if (stack.size() != 1) {
            throw bad(at, "STOP with " + stack.size() + " values on the stack");
          }
          return finish(stack.getFirst());
        }
        case '(' -> marks.push(stack.size());
        case 'N' -> push(null);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'J' -> push((long) (int) in.le(4));
        case 'K' -> push(in.le(1));
        case 'M' -> push(in.le(2));
        case 0x8a -> push(longOf(in.bytes(in.le(1), "LONG1")));
        case 0x8b -> push(longOf(in.bytes(in.le(4), "LONG4")));
        case 'G' ->
            push(ByteBuffer.wrap(in.bytes(8, "BINFLOAT")).order(ByteOrder.BIG_ENDIAN).getDouble());
        case 'I' -> {
          String s = in.line();
          push(s.equals("01") ? Boolean.TRUE : s.equals("00") ? Boolean.FALSE : parseLong(s, at));
        }
        case 'L' -> push(parseLong(stripL(in.line()), at));
        case 'F' -> push(parseDouble(in.line(), at));
        case 'U' -> push(latin1(in.bytes(in.le(1), "SHORT_BINSTRING")));
        case 'T' -> push(latin1(in.bytes(in.le(4), "BINSTRING")));
        case 'X' -> push(utf8(in.bytes(in.le(4), "BINUNICODE")));
        case 0x8c -> push(utf8(in.bytes(in.le(1), "SHORT_BINUNICODE")));
        case 0x8d -> push(utf8(in.bytes(in.le(8), "BINUNICODE8")));
        case 'C' -> push(in.bytes(in.le(1), "SHORT_BINBYTES"));
        case 'B' -> push(in.bytes(in.le(4), "BINBYTES"));
        case 0x8e, 0x96 -> push(in.bytes(in.le(8), "BINBYTES8"));
        case ')' -> push(new ArrayList<>());
        case 't' -> push(popMark(at));
        case 0x85 -> push(listOf(pop(at)));
        case 0x86 -> {
          Object b = pop(at);
          Object a = pop(at);
          push(listOf(a, b));
        }
        case 0x87 -> {
          Object c = pop(at);
          Object b = pop(at);
          Object a = pop(at);
          push(listOf(a, b, c));
        }
        case ']' -> push(new ArrayList<>());
        case 'l' -> push(popMark(at));
        case 'a' -> {
          Object v = pop(at);
          listAt(top(at), at).add(v);
        }
        case 'e' -> {
          List<Object> items = popMark(at);
          listAt(top(at), at).addAll(items);
        }
        case '}' -> push(new LinkedHashMap<>());
        case 'd' -> {
          List<Object> items = popMark(at);
          Map<Object, Object> d = new LinkedHashMap<>();
          putAll(d, items, at);
          push(d);
        }
        case 's' -> {
          Object v = pop(at);
          Object k = pop(at);
          dictAt(top(at), at).put(key(k, at), v);
        }
        case 'u' -> {
          List<Object> items = popMark(at);
          putAll(dictAt(top(at), at), items, at);
        }
        case 'c' -> push(new Global(in.line(), in.line()));
        case 0x93 -> {
          Object name = pop(at);
          Object module = pop(at);
          push(new Global(String.valueOf(module), String.valueOf(name)));
        }
        case 'R', 0x81 -> {
          Object args = pop(at);
          Object callable = pop(at);
          push(call(callable, args, at));
        }
        case 'b' -> {
          Object state = pop(at);
          build(top(at), state, at);
        }
        case 'q' -> memo.put(in.le(1), top(at));
        case 'r' -> memo.put(in.le(4), top(at));
        case 'p' -> memo.put(parseLong(in.line(), at), top(at));
        case 0x94 -> memo.put((long) memo.size(), top(at));
        case 'h' -> push(memoGet(in.le(1), at));
        case 'j' -> push(memoGet(in.le(4), at));
        case 'g' -> push(memoGet(parseLong(in.line(), at), at));
        case '0' -> pop(at);
        case '1' -> popMark(at);
        case '2' -> push(top(at));
        default -> throw bad(at, String.format("unsupported pickle opcode 0x%02X", op));
      }
    }
  }

  /**
   * A NumPy array under construction: {@code _reconstruct} creates it, {@code __setstate__} fills
   * it.
   */
  private static final class PendingArray {
    int[] shape = new int[0];
    PendingDtype dtype;
    boolean fortran;
    byte[] data = new byte[0];
    List<Object> objects;
  }

  /** A NumPy dtype: its name from the constructor, its byte order from {@code __setstate__}. */
  private static final class PendingDtype {
    final String name;
    char order;

    PendingDtype(String name) {
      this.name = name;
      this.order = name.endsWith("1") || name.startsWith("O") ? '|' : '<';
    }

    String descr() {
      char kind = name.charAt(0);
      if (kind == 'O') {
        return "|O";
      }
      return (order == '=' ? '<' : order) + name;
    }
  }

  private Object call(Object callable, Object args, long at) {
    if (callable instanceof Global g) {
      boolean numpy = g.module().startsWith("numpy");
      if (numpy && g.name().equals("_reconstruct")) {
        return new PendingArray();
      }
      if (numpy
          && g.name().equals("dtype")
          && args instanceof List<?> l
          && !l.isEmpty()
          && l.getFirst() instanceof String s
          && s.matches("[fiubO][0-9]*")) {
        return new PendingDtype(s);
      }
      if (g.module().equals("_codecs")
          && g.name().equals("encode")
          && args instanceof List<?> l
          && !l.isEmpty()
          && l.getFirst() instanceof String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
      }
    }
    return new Opaque(callable, args);
  }

  private void build(Object target, Object state, long at) {
    if (target instanceof PendingDtype d
        && state instanceof List<?> s
        && s.size() > 1
        && s.get(1) instanceof String o
        && o.length() == 1) {
      d.order = o.charAt(0);
    } else if (target instanceof PendingArray a) {
      if (!(state instanceof List<?> s) || s.size() < 4) {
        throw bad(at, "ndarray state is not a 4- or 5-tuple");
      }
      int base = s.size() == 5 ? 1 : 0;
      if (!(s.get(base) instanceof List<?> shape)
          || !(s.get(base + 1) instanceof PendingDtype dtype)) {
        throw bad(at, "ndarray state has no shape tuple and dtype");
      }
      a.shape = new int[shape.size()];
      for (int i = 0; i < shape.size(); i++) {
        if (!(shape.get(i) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
          throw bad(at, "ndarray shape " + shape + " is invalid");
        }
        a.shape[i] = (int) (long) n;
      }
      a.dtype = dtype;
      a.fortran = Boolean.TRUE.equals(s.get(base + 2));
      Object raw = s.get(base + 3);
      if (raw instanceof byte[] b) {
        a.data = b;
      } else if (raw instanceof String str) {
        a.data = str.getBytes(StandardCharsets.ISO_8859_1);
      } else if (raw instanceof List<?> objects) {
        a.objects = new ArrayList<>(objects);
      } else {
        throw bad(
            at,
            "ndarray state holds "
                + (raw == null ? "None" : raw.getClass().getSimpleName())
                + " instead of bytes or a list");
      }
    }
  }

  private Object finish(Object v) {
    if (++depth > MAX_DEPTH) {
      throw new DataException(
          origin
              + ": the pickle nests containers deeper than "
              + MAX_DEPTH
              + " levels (or refers to itself)");
    }
    try {
      return finishValue(v);
    } finally {
      depth--;
    }
  }

  private Object finishValue(Object v) {
    if (v instanceof PendingArray a) {
      if (a.dtype == null) {
        throw new DataException(origin + ": a pickled ndarray was never given its state");
      }
      List<Object> objects = null;
      if (a.objects != null) {
        objects = new ArrayList<>();
        for (Object o : a.objects) {
          objects.add(finish(o));
        }
      }
      NdArray arr = new NdArray(a.dtype.descr(), a.shape, a.fortran, a.data, objects, origin);
      arr.checkLength();
      return arr;
    }
    if (v instanceof PendingDtype d) {
      return d.descr();
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(finish(k), finish(val)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(finish(o));
      }
      return out;
    }
    return v;
  }

  private void push(Object v) {
    stack.add(v);
  }

  private Object pop(long at) {
    if (stack.isEmpty() || (!marks.isEmpty() && marks.peek() == stack.size())) {
      throw bad(at, "stack underflow");
    }
    return stack.removeLast();
  }

  private Object top(long at) {
    if (stack.isEmpty()) {
      throw bad(at, "stack underflow");
    }
    return stack.getLast();
  }

  private List<Object> popMark(long at) {
    if (marks.isEmpty()) {
      throw bad(at, "no MARK on the stack");
    }
    int from = marks.pop();
    List<Object> sub = stack.subList(from, stack.size());
    List<Object> items = new ArrayList<>(sub);
    sub.clear();
    return items;
  }

  private Object memoGet(long key, long at) {
    if (!memo.containsKey(key)) {
      throw bad(at, "memo key " + key + " was never stored");
    }
    return memo.get(key);
  }

  @SuppressWarnings("unchecked")
  private List<Object> listAt(Object o, long at) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw bad(at, "APPEND to a non-list");
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dictAt(Object o, long at) {
    if (o instanceof Map<?, ?> m) {
      return (Map<Object, Object>) m;
    }
    throw bad(at, "SETITEM on a non-dict");
  }

  private void putAll(Map<Object, Object> d, List<Object> items, long at) {
    if (items.size() % 2 != 0) {
      throw bad(at, "odd number of dict items");
    }
    for (int i = 0; i < items.size(); i += 2) {
      d.put(key(items.get(i), at), items.get(i + 1));
    }
  }

  /**
   * Admits only scalar dict keys: a container key would be hashed recursively, which a
   * self-referring pickle turns into a stack overflow (and data pickles key by strings).
   */
  private Object key(Object k, long at) {
    if (k == null
        || k instanceof String
        || k instanceof Long
        || k instanceof BigInteger
        || k instanceof Double
        || k instanceof Boolean) {
      return k;
    }
    throw bad(
        at,
        "dict key of type "
            + k.getClass().getSimpleName()
            + " is not supported (scalar keys only)");
  }

  private static List<Object> listOf(Object... items) {
    List<Object> l = new ArrayList<>(items.length);
    for (Object o : items) {
      l.add(o);
    }
    return l;
  }

  private static Object longOf(byte[] le) {
    if (le.length == 0) {
      return 0L;
    }
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    BigInteger v = new BigInteger(be);
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private long parseLong(String s, long at) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw bad(at, "'" + s + "' is not an integer");
    }
  }

  private double parseDouble(String s, long at) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw bad(at, "'" + s + "' is not a float");
    }
  }

  private static String stripL(String s) {
    return s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private DataException bad(long at, String what) {
    return new DataException(origin + ": malformed pickle at byte " + at + ": " + what);
  }

  /** The byte source, counting its position for messages. */
  private static final class Source {
    private final InputStream in;
    private final String origin;
    private final long offset;
    private final long limit;
    long pos;

    Source(InputStream in, String origin, long offset, long limit) {
      this.in = in;
      this.origin = origin;
      this.offset = offset;
      this.limit = limit;
      this.pos = offset;
    }

    int u8() {
      try {
        int b = in.read();
        if (b < 0) {
          throw new DataException(
              origin + ": pickle is truncated at byte " + pos + " (no STOP opcode)");
        }
        pos++;
        return b;
      } catch (IOException e) {
        throw new DataException(
            origin + ": read failed at byte " + pos + " (" + DataException.describe(e) + ")", e);
      }
    }

    long le(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v |= (long) u8() << (8 * i);
      }
      return v;
    }

    byte[] bytes(long n, String what) {
      if (n < 0 || n > Integer.MAX_VALUE - 16 || (limit >= 0 && pos - offset + n > limit)) {
        throw new DataException(
            origin
                + ": pickle "
                + what
                + " at byte "
                + pos
                + " claims "
                + n
                + " bytes, more than the file holds");
      }
      byte[] b;
      try {
        b = DataFiles.readUpTo(in, n);
      } catch (IOException e) {
        throw new DataException(
            origin
                + ": read failed at byte "
                + pos
                + " or later ("
                + DataException.describe(e)
                + ")",
            e);
      }
      if (b.length < n) {
        throw new DataException(
            origin
                + ": pickle is truncated at byte "
                + (pos + b.length)
                + " (inside "
                + what
                + " of "
                + n
                + " bytes)");
      }
      pos += n;
      return b;
    }

    String line() {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = u8()) != '\n') {
        sb.append((char) b);
        if (sb.length() > 1 << 16) {
          throw new DataException(
              origin + ": pickle text argument at byte " + pos + " has no end of line");
        }
      }
      return sb.toString();
    }
  }
}
