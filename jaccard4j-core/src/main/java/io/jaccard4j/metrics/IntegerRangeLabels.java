package io.jaccard4j.metrics;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of integer class labels taken from the consecutive range {@code first, first + 1, ...}: entry
 * i is {@code first + i}, or {@code first + indices[i]} for a selection of the range. It holds no label: each
 * {@link Long} is made when read, so 10⁶ classes cost no boxed objects until someone reads them.
 */
final class IntegerRangeLabels extends AbstractList<Object> implements RandomAccess, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final long first;
    private final int size;
    /** Null for the whole range; else the offsets from {@code first}, in list order. */
    private final int[] indices;
    /** The whole range a selection was taken from (this list itself for a whole range). */
    private final IntegerRangeLabels source;

    private IntegerRangeLabels(long first, int size, int[] indices, IntegerRangeLabels source) {
        this.first = first;
        this.size = size;
        this.indices = indices;
        this.source = source == null ? this : source;
    }

    /** The labels {@code first .. first + size − 1}. */
    static IntegerRangeLabels of(long first, int size) {
        return new IntegerRangeLabels(first, size, null, null);
    }

    /** The labels at the given offsets of this whole range (not copied), in their order. */
    IntegerRangeLabels select(int[] offsets) {
        if (indices != null) {
            throw new IllegalStateException("select from a whole range only");
        }
        return new IntegerRangeLabels(first, offsets.length, offsets, this);
    }

    /** The offsets of a selection within {@code range}, or null when this list is not a selection of it. */
    int[] offsetsIn(Object range) {
        return indices != null && source == range ? indices : null;
    }

    @Override
    public Object get(int i) {
        Objects.checkIndex(i, size);
        return first + (indices == null ? i : indices[i]);
    }

    @Override
    public int size() {
        return size;
    }
}
