package io.jaccard4j.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array of one numpy element type, held in C (row-major) order in a primitive array
 * suited to the type: {@code byte[]} for bool/int8/uint8, {@code short[]} for int16/uint16 and the raw bits of
 * float16, {@code int[]} for int32/uint32, {@code long[]} for int64/uint64, {@code float[]} and
 * {@code double[]} for float32/float64. Unsigned values are read back unsigned; a uint64 above
 * {@link Long#MAX_VALUE} converts exactly to double but fails as a long or int.
 *
 * <p>The factories wrap the given arrays without copying: do not modify them afterwards.
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final int size;
    private final Object data;

    NpyArray(NpyDtype dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " has " + n
                    + " elements; at most " + (Integer.MAX_VALUE - 8) + " are supported");
        }
        this.size = (int) n;
        int len = java.lang.reflect.Array.getLength(data);
        if (len != size) {
            throw new IllegalArgumentException("data has " + len + " elements but shape " + Arrays.toString(shape)
                    + " needs " + size);
        }
        this.data = data;
    }

    private static int[] shapeOr1d(int[] shape, int length) {
        return shape == null || shape.length == 0 && length != 1 ? new int[] {length} : shape;
    }

    /** A float32 array. An empty shape means 1-D of the data's length. */
    public static NpyArray of(float[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT32, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** A float64 array. */
    public static NpyArray of(double[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT64, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** An int32 array. */
    public static NpyArray of(int[] data, int... shape) {
        return new NpyArray(NpyDtype.INT32, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** An int64 array. */
    public static NpyArray of(long[] data, int... shape) {
        return new NpyArray(NpyDtype.INT64, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** A uint8 array (bytes read as 0..255). */
    public static NpyArray ofUint8(byte[] data, int... shape) {
        return new NpyArray(NpyDtype.UINT8, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** A uint16 array (shorts read as 0..65535). */
    public static NpyArray ofUint16(short[] data, int... shape) {
        return new NpyArray(NpyDtype.UINT16, shapeOr1d(shape, data.length), Objects.requireNonNull(data, "data"));
    }

    /** A bool array. */
    public static NpyArray ofBool(boolean[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        byte[] b = new byte[data.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (data[i] ? 1 : 0);
        }
        return new NpyArray(NpyDtype.BOOL, shapeOr1d(shape, data.length), b);
    }

    /** An array of any type over a primitive array of the matching kind (see the class comment). */
    public static NpyArray of(NpyDtype dtype, Object data, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        Class<?> want = storageClass(dtype);
        if (data.getClass() != want) {
            throw new IllegalArgumentException(dtype + " data must be a " + want.getSimpleName() + ", got "
                    + data.getClass().getSimpleName());
        }
        return new NpyArray(dtype, shapeOr1d(shape, java.lang.reflect.Array.getLength(data)), data);
    }

    static Class<?> storageClass(NpyDtype d) {
        switch (d) {
            case BOOL: case INT8: case UINT8: return byte[].class;
            case INT16: case UINT16: case FLOAT16: return short[].class;
            case INT32: case UINT32: return int[].class;
            case INT64: case UINT64: return long[].class;
            case FLOAT32: return float[].class;
            default: return double[].class;
        }
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions: 0 for a 0-d array (numpy's {@code np.array(3.5)}, shape {@code ()}, one element).
     * The readers return 0-d arrays as numpy does; a caller that needs a vector of samples refuses them, as
     * scikit-learn does.
     */
    public int ndim() {
        return shape.length;
    }

    /**
     * The number of elements: the product of the shape, so 0 for a zero-size array such as shape {@code (2, 0, 4)}
     * or {@code (0,)}, which the readers return as numpy does; a caller that scores samples refuses them.
     */
    public int size() {
        return size;
    }

    /** The backing primitive array (not a copy: do not modify). */
    public Object data() {
        return data;
    }

    /** The same data under another shape with the same number of elements. */
    public NpyArray reshape(int... newShape) {
        return new NpyArray(dtype, newShape, data);
    }

    /** Element {@code i} (C order) as a double; exact for every type but int64/uint64 beyond 2^53. */
    public double getDouble(int i) {
        switch (dtype) {
            case BOOL: case INT8: return ((byte[]) data)[i];
            case UINT8: return ((byte[]) data)[i] & 0xFF;
            case INT16: return ((short[]) data)[i];
            case UINT16: return ((short[]) data)[i] & 0xFFFF;
            case FLOAT16: return Half.toFloat(((short[]) data)[i]);
            case INT32: return ((int[]) data)[i];
            case UINT32: return ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT64: return ((long[]) data)[i];
            case UINT64: {
                long v = ((long[]) data)[i];
                return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
            }
            case FLOAT32: return ((float[]) data)[i];
            default: return ((double[]) data)[i];
        }
    }

    /**
     * Element {@code i} as a long.
     *
     * @throws IllegalArgumentException if it is not an integer (a float with a fraction, NaN, infinite) or
     *     does not fit a long
     */
    public long getLong(int i) {
        switch (dtype) {
            case BOOL: case INT8: return ((byte[]) data)[i];
            case UINT8: return ((byte[]) data)[i] & 0xFF;
            case INT16: return ((short[]) data)[i];
            case UINT16: return ((short[]) data)[i] & 0xFFFF;
            case INT32: return ((int[]) data)[i];
            case UINT32: return ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT64: return ((long[]) data)[i];
            case UINT64: {
                long v = ((long[]) data)[i];
                if (v < 0) {
                    throw new IllegalArgumentException("element " + i + " = " + Long.toUnsignedString(v)
                            + " does not fit a signed 64-bit integer");
                }
                return v;
            }
            default: {
                double d = getDouble(i);
                if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
                    throw new IllegalArgumentException("element " + i + " = " + d + " is not an integer");
                }
                return (long) d;
            }
        }
    }

    /** All elements as doubles (a new array). */
    public double[] toDoubleArray() {
        if (dtype == NpyDtype.FLOAT64) {
            return ((double[]) data).clone();
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as floats (a new array; float64 rounds). */
    public float[] toFloatArray() {
        if (dtype == NpyDtype.FLOAT32) {
            return ((float[]) data).clone();
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements as longs (see {@link #getLong}). */
    public long[] toLongArray() {
        long[] out = new long[size];
        switch (dtype) {
            case INT32: {
                int[] d = (int[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = d[i];
                }
                return out;
            }
            case INT64:
                System.arraycopy((long[]) data, 0, out, 0, size);
                return out;
            case UINT8: {
                byte[] d = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = d[i] & 0xFF;
                }
                return out;
            }
            default:
                for (int i = 0; i < size; i++) {
                    out[i] = getLong(i);
                }
                return out;
        }
    }

    /**
     * All elements as ints.
     *
     * @throws IllegalArgumentException naming the first element that is not an integer in int range
     */
    public int[] toIntArray() {
        int[] out = new int[size];
        switch (dtype) {
            case BOOL: case INT8: {
                byte[] b = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = b[i];
                }
                return out;
            }
            case UINT8: {
                byte[] b = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = b[i] & 0xFF;
                }
                return out;
            }
            case INT32:
                return ((int[]) data).clone();
            default:
                for (int i = 0; i < size; i++) {
                    long v = getLong(i);
                    if (v != (int) v) {
                        throw new IllegalArgumentException("element " + i + " = " + v + " does not fit a 32-bit integer");
                    }
                    out[i] = (int) v;
                }
                return out;
        }
    }

    /** The raw bytes of a bool, int8 or uint8 array (not a copy). */
    public byte[] toByteArray() {
        if (!(data instanceof byte[])) {
            throw new IllegalStateException("a " + dtype + " array has no byte view; use toIntArray");
        }
        return (byte[]) data;
    }

    /** All elements as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i) != 0;
        }
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray{" + dtype + ", shape=" + Arrays.toString(shape) + "}";
    }
}
