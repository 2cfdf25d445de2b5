package io.jaccard4j.io;

import java.nio.ByteOrder;

/**
 * The header of an NPY file: format version, element type and byte order, memory order, shape, data offset.
 * The element count is the product of the shape (1 for a 0-d array, whose shape is {@code ()}; 0 when a
 * dimension is 0), and the data occupy {@link #dataBytes()} = count × item size bytes from {@link #dataOffset()}.
 */
public final class NpyHeader {
    private final int majorVersion;
    private final NpyDtype dtype;
    private final ByteOrder byteOrder;
    private final boolean fortranOrder;
    private final int[] shape;
    private final long dataOffset;
    private final long size;

    NpyHeader(int majorVersion, NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape,
            long dataOffset) {
        this.majorVersion = majorVersion;
        this.dtype = dtype;
        this.byteOrder = byteOrder;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.dataOffset = dataOffset;
        this.size = elementCount(shape);
    }

    /**
     * The product of a shape, exactly.
     *
     * @throws IllegalArgumentException when it does not fit a 64-bit count of bytes of data
     */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            if (n > Long.MAX_VALUE / 8 / d) { // 8 bytes the largest item: the data's byte count must fit a long
                throw new IllegalArgumentException("NPY shape " + describe(shape)
                        + " holds more elements than any file can");
            }
            n *= d;
        }
        return n;
    }

    /** A shape as numpy prints it: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String describe(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** 1, 2 or 3. */
    public int majorVersion() {
        return majorVersion;
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** The byte order of the data. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** Whether the data are in Fortran (column-major) order. */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a 0-d array, 0 for a zero-size one). */
    public long size() {
        return size;
    }

    /** The number of dimensions (0 for a 0-d array). */
    public int ndim() {
        return shape.length;
    }

    /** Bytes of data the header claims: {@link #size()} × the item size. */
    public long dataBytes() {
        return size * dtype.itemSize();
    }

    /** Byte offset of the data in the file. */
    public long dataOffset() {
        return dataOffset;
    }

    @Override
    public String toString() {
        return "NpyHeader{v" + majorVersion + ", " + dtype + ", " + byteOrder + (fortranOrder ? ", fortran" : "")
                + ", shape=" + describe(shape) + "}";
    }
}
