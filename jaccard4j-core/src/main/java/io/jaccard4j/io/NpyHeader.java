package io.jaccard4j.io;

import java.nio.ByteOrder;
import java.util.Arrays;

/** The header of an NPY file: format version, element type and byte order, memory order, shape, data offset. */
public final class NpyHeader {
    private final int majorVersion;
    private final NpyDtype dtype;
    private final ByteOrder byteOrder;
    private final boolean fortranOrder;
    private final int[] shape;
    private final long dataOffset;

    NpyHeader(int majorVersion, NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape,
            long dataOffset) {
        this.majorVersion = majorVersion;
        this.dtype = dtype;
        this.byteOrder = byteOrder;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.dataOffset = dataOffset;
    }

    /** 1, 2 or 3. */
    public int majorVersion() {
        return majorVersion;
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    public boolean fortranOrder() {
        return fortranOrder;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Byte offset of the data in the file. */
    public long dataOffset() {
        return dataOffset;
    }

    @Override
    public String toString() {
        return "NpyHeader{v" + majorVersion + ", " + dtype + ", " + byteOrder + (fortranOrder ? ", fortran" : "")
                + ", shape=" + Arrays.toString(shape) + "}";
    }
}
