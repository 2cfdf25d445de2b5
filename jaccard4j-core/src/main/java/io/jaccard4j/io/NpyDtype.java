package io.jaccard4j.io;

import java.nio.ByteOrder;

/** The numpy element types jaccard4j reads and writes, with their NPY {@code descr} codes. */
public enum NpyDtype {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes an element. */
    public int itemSize() {
        return itemSize;
    }

    public boolean isBool() {
        return kind == 'b';
    }

    /** Signed or unsigned integer (not bool). */
    public boolean isInteger() {
        return kind == 'i' || kind == 'u';
    }

    public boolean isUnsigned() {
        return kind == 'u';
    }

    public boolean isFloating() {
        return kind == 'f';
    }

    /** The little-endian descr numpy writes, e.g. {@code <f4}, {@code |u1}. */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** A parsed descr: the type and its byte order. */
    public static final class Parsed {
        public final NpyDtype dtype;
        public final ByteOrder order;

        Parsed(NpyDtype dtype, ByteOrder order) {
            this.dtype = dtype;
            this.order = order;
        }
    }

    /**
     * Parses a descr such as {@code <i4}, {@code >f8}, {@code |b1}, {@code =u2}; a descr without its byte-order
     * character ({@code f8}) is in native order, as numpy reads it.
     *
     * @throws IllegalArgumentException naming the descr when it is not a supported plain numeric type
     */
    public static Parsed parse(String descr) {
        if (descr != null && descr.length() >= 2 && "<>|=".indexOf(descr.charAt(0)) < 0) {
            try {
                return parse("=" + descr);
            } catch (IllegalArgumentException e) {
                throw unsupported(descr);
            }
        }
        if (descr == null || descr.length() < 3) {
            throw unsupported(descr);
        }
        char endian = descr.charAt(0);
        ByteOrder order;
        switch (endian) {
            case '<': case '|': order = ByteOrder.LITTLE_ENDIAN; break;
            case '>': order = ByteOrder.BIG_ENDIAN; break;
            case '=': order = ByteOrder.nativeOrder(); break;
            default: throw unsupported(descr);
        }
        char kind = descr.charAt(1);
        int size;
        String digits = descr.substring(2);
        if (!digits.matches("[0-9]{1,2}")) {
            throw unsupported(descr);
        }
        size = Integer.parseInt(digits);
        if (kind == '?') {
            kind = 'b';
        }
        for (NpyDtype d : values()) {
            if (d.kind == kind && d.itemSize == size) {
                return new Parsed(d, order);
            }
        }
        throw unsupported(descr);
    }

    private static IllegalArgumentException unsupported(String descr) {
        return new IllegalArgumentException("unsupported NPY dtype '" + descr + "'; supported: bool, int8-int64, "
                + "uint8-uint64, float16, float32, float64");
    }
}
