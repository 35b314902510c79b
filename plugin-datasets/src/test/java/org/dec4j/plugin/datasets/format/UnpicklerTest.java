package org.dec4j.plugin.datasets.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.junit.jupiter.api.Test;

class UnpicklerTest {

  /** Writes pickle opcodes by hand, to reproduce what Python 2.7's cPickle emitted. */
  private static final class Pickle {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle op(int code) {
      out.write(code);
      return this;
    }

    Pickle global(String module, String name) {
      out.write('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle binstring(byte[] b) {
      if (b.length < 256) {
        out.write('U');
        out.write(b.length);
      } else {
        out.write('T');
        out.writeBytes(
            ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
      }
      out.writeBytes(b);
      return this;
    }

    Pickle str(String s) {
      return binstring(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    Pickle int1(int v) {
      out.write('K');
      out.write(v);
      return this;
    }

    Pickle bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    /** Pushes an ndarray the way numpy 1.x on Python 2 pickled one. */
    Pickle ndarray(String dtype, char order, int[] shape, byte[] data) {
      global("numpy.core.multiarray", "_reconstruct")
          .global("numpy", "ndarray")
          .op('(')
          .int1(0)
          .op('t')
          .str("b")
          .op(0x87)
          .op('R');
      op('(').int1(1).op('(');
      for (int s : shape) {
        int1(s);
      }
      op('t');
      global("numpy", "dtype").op('(').str(dtype).int1(0).int1(1).op('t').op('R');
      op('(')
          .int1(3)
          .str(String.valueOf(order))
          .op('N')
          .op('N')
          .op('N')
          .op('J')
          .bytes(new byte[] {-1, -1, -1, -1})
          .op('J')
          .bytes(new byte[] {-1, -1, -1, -1})
          .int1(0)
          .op('t')
          .op('b');
      return op(0x89).binstring(data).op('t').op('b');
    }

    Object load() {
      byte[] b = out.toByteArray();
      return Unpickler.load(new ByteArrayInputStream(b), "test.pkl", 0, b.length);
    }
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  @Test
  void readsPython2StyleDictOfArrays() {
    byte[] labels =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(1).array();
    Pickle p =
        new Pickle()
            .op(0x80)
            .op(2)
            .op('}')
            .op('q')
            .op(0)
            .op('(')
            .str("data")
            .ndarray("f4", '<', new int[] {2, 2}, floats(1f, 2f, 3f, 4f))
            .str("label")
            .ndarray("i8", '<', new int[] {2}, labels)
            .op('u')
            .op('.');
    Map<?, ?> dict = assertInstanceOf(Map.class, p.load());
    NdArray data = (NdArray) dict.get("data");
    assertEquals("<f4", data.descr());
    assertArrayEquals(new float[] {1, 2, 3, 4}, data.toFloats());
    assertArrayEquals(new int[] {3, 1}, ((NdArray) dict.get("label")).toInts());
  }

  @Test
  void bigEndianDtypeStateIsHonoured() {
    byte[] be =
        ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
    NdArray a =
        (NdArray) new Pickle().op(0x80).op(2).ndarray("f4", '>', new int[] {2}, be).op('.').load();
    assertArrayEquals(new float[] {1.5f, -2f}, a.toFloats());
  }

  @Test
  void unknownGlobalsAreNeverCalled() {
    Object v =
        new Pickle()
            .op(0x80)
            .op(2)
            .global("os", "system")
            .op('(')
            .str("echo pwned")
            .op('t')
            .op('R')
            .op('.')
            .load();
    Unpickler.Opaque o = assertInstanceOf(Unpickler.Opaque.class, v);
    assertEquals(new Unpickler.Global("os", "system"), o.callable());
    assertEquals(List.of("echo pwned"), o.args());
  }

  @Test
  void arrayPayloadOfWrongLengthIsRejected() {
    Pickle p =
        new Pickle().op(0x80).op(2).ndarray("f4", '<', new int[] {3}, floats(1f, 2f)).op('.');
    DataException e = assertThrows(DataException.class, p::load);
    assertTrue(e.getMessage().contains("needs 12 data bytes but has 8"), e.getMessage());
  }

  @Test
  void missingStopIsTruncation() {
    Pickle p = new Pickle().op(0x80).op(2).op('}');
    DataException e = assertThrows(DataException.class, p::load);
    assertTrue(e.getMessage().contains("truncated at byte 3"), e.getMessage());
  }

  @Test
  void unknownOpcodeNamesTheOffset() {
    Pickle p = new Pickle().op(0x80).op(2).op(0xFE);
    DataException e = assertThrows(DataException.class, p::load);
    assertTrue(
        e.getMessage().contains("unsupported pickle opcode 0xFE")
            && e.getMessage().contains("byte 2"),
        e.getMessage());
  }

  @Test
  void hugeLengthIsRejectedBeforeAllocating() {
    Pickle p = new Pickle().op(0x80).op(3).op('B').bytes(new byte[] {-1, -1, -1, 0x7f});
    DataException e = assertThrows(DataException.class, p::load);
    assertTrue(e.getMessage().contains("more than the file holds"), e.getMessage());
  }
}
