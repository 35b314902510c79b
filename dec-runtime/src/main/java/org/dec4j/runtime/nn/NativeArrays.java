package org.dec4j.runtime.nn;

import ai.djl.Device;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.foreign.MemorySegment;

/**
 * The memory of MXNet arrays, seen from Java without copying: a {@link MemorySegment} over an
 * array's data, for code that updates arrays in place between engine operations. The caller must
 * have waited for the engine ({@code JnaUtils.waitAll()}) so no pending operation reads or writes
 * the array, and must not push operations on it while using the segment.
 */
final class NativeArrays {
  private static final MxnetLibrary LIB = LibUtils.loadLibrary();

  private NativeArrays() {}

  /**
   * Whether {@link #segment} can view an array: a dense float32 array in CPU memory of less than 2
   * GB.
   *
   * @param array the array
   * @return whether it can be viewed
   */
  static boolean viewable(NDArray array) {
    return array instanceof MxNDArray
        && array.getDataType() == DataType.FLOAT32
        && !array.isSparse()
        && Device.Type.CPU.equals(array.getDevice().getDeviceType())
        && array.size() * Float.BYTES <= Integer.MAX_VALUE;
  }

  /**
   * The array's data, as MXNet holds it now (asked for anew each time: MXNet may move an array to
   * its default layout, which {@code MXNDArrayGetData} does first).
   *
   * @param array a {@link #viewable} array
   * @return its floats, read-write
   */
  static MemorySegment segment(NDArray array) {
    PointerByReference ref = new PointerByReference();
    JnaUtils.checkCall(LIB.MXNDArrayGetData(((MxNDArray) array).getHandle(), ref));
    Pointer data = ref.getValue();
    if (data == null) {
      throw new IllegalStateException("MXNet array without data");
    }
    return MemorySegment.ofBuffer(data.getByteBuffer(0, array.size() * Float.BYTES));
  }
}
