package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A fixed mapping from class labels ({@link Long}s or {@link String}s) to dense indices 0..n−1, built once and
 * applied to whole label arrays, so that confusion states never look labels up element by element in a map.
 *
 * <p>Integer labels spanning a small range are encoded through a lookup table; others through binary search
 * or a hash map; a {@link #range} of consecutive integers by subtraction, storing no label. Labels not in the encoder encode to {@code -1} with {@link #encodeOrMinusOne} and fail with
 * {@link #encode}.
 */
public final class LabelEncoder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final int TABLE_LIMIT = 1 << 16;

    private final List<Object> classes;
    private final boolean numeric;
    private final long[] sortedNumeric;
    private final int[] sortedToIndex;
    private final long tableMin;
    private final int[] table;
    private final Map<String, Integer> stringIndex;
    /** For {@link #range(long, int)}: the label of index 0; the label of index i is rangeFirst + i. */
    private final long rangeFirst;
    private final boolean range;

    /** The encoder of the consecutive integers {@code first .. first + n − 1}: nothing stored per class. */
    private LabelEncoder(long first, int n) {
        this.classes = IntegerRangeLabels.of(first, n);
        this.numeric = true;
        this.sortedNumeric = new long[0];
        this.sortedToIndex = new int[0];
        this.tableMin = 0;
        this.table = null;
        this.stringIndex = null;
        this.rangeFirst = first;
        this.range = true;
    }

    private LabelEncoder(List<Object> classes) {
        this.rangeFirst = 0;
        this.range = false;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        boolean allLong = true;
        boolean allString = true;
        for (Object c : classes) {
            Objects.requireNonNull(c, "class label");
            allLong &= c instanceof Long;
            allString &= c instanceof String;
        }
        if (!allLong && !allString) {
            throw new IllegalArgumentException("Mix of label input types (string and number): " + classes);
        }
        this.numeric = allLong;
        if (allLong && !classes.isEmpty()) {
            int n = classes.size();
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = (Long) classes.get(i);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(values[a], values[b]));
            sortedNumeric = new long[n];
            sortedToIndex = new int[n];
            for (int i = 0; i < n; i++) {
                sortedNumeric[i] = values[order[i]];
                sortedToIndex[i] = order[i];
                if (i > 0 && sortedNumeric[i] == sortedNumeric[i - 1]) {
                    throw new IllegalArgumentException("duplicate class label " + sortedNumeric[i]);
                }
            }
            long span = sortedNumeric[n - 1] - sortedNumeric[0];
            if (span >= 0 && span < TABLE_LIMIT) {
                tableMin = sortedNumeric[0];
                table = new int[(int) span + 1];
                Arrays.fill(table, -1);
                for (int i = 0; i < n; i++) {
                    table[(int) (values[i] - tableMin)] = i;
                }
            } else {
                tableMin = 0;
                table = null;
            }
            stringIndex = null;
        } else {
            sortedNumeric = new long[0];
            sortedToIndex = new int[0];
            tableMin = 0;
            table = null;
            stringIndex = new HashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                if (stringIndex.put((String) classes.get(i), i) != null) {
                    throw new IllegalArgumentException("duplicate class label '" + classes.get(i) + "'");
                }
            }
        }
    }

    /** An encoder whose index order is the order of {@code classes} (no duplicates; all Long or all String). */
    public static LabelEncoder of(List<?> classes) {
        Objects.requireNonNull(classes, "classes");
        List<Object> normalized = new ArrayList<>(classes.size());
        for (Object c : classes) {
            normalized.add(normalize(c));
        }
        return new LabelEncoder(normalized);
    }

    /** The integer classes 0..n−1 (see {@link #range(long, int)}). */
    public static LabelEncoder range(int n) {
        return range(0, n);
    }

    /**
     * The consecutive integer classes {@code first .. first + n − 1}, label v at index v − first. The same
     * encoder as {@link #of} of that list, but held in O(1) memory: the index of a label is computed, and
     * {@link #classes()} is a view that makes each label when read.
     *
     * @throws IllegalArgumentException for a negative {@code n}, or a last label beyond {@code Long.MAX_VALUE}
     */
    public static LabelEncoder range(long first, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a range of classes needs n >= 0; got " + n);
        }
        if (n > 0 && first > Long.MAX_VALUE - (n - 1)) {
            throw new IllegalArgumentException("the classes " + first + " .. " + first + " + " + (n - 1)
                    + " go beyond the largest long");
        }
        return new LabelEncoder(first, n);
    }

    /** Whether index order is ascending label order (true for {@link #range}), so that no sort is needed. */
    boolean isAscendingRange() {
        return range;
    }

    /**
     * The sorted union of the labels of several vectors, as scikit-learn's {@code unique_labels}.
     *
     * @throws IllegalArgumentException if the vectors mix string and integer labels
     */
    public static LabelEncoder fit(LabelVector... vectors) {
        return new LabelEncoder(unionSorted(vectors));
    }

    /** The sorted union of the labels of several vectors (scikit-learn's {@code unique_labels}). */
    public static List<Object> unionSorted(LabelVector... vectors) {
        boolean anyNumeric = false;
        boolean anyString = false;
        for (LabelVector v : vectors) {
            if (v.size() == 0) {
                continue;
            }
            anyNumeric |= v.isNumeric();
            anyString |= !v.isNumeric();
        }
        if (anyNumeric && anyString) {
            throw new IllegalArgumentException("Mix of label input types (string and number)");
        }
        List<Object> out = new ArrayList<>();
        if (anyString) {
            TreeSet<String> set = new TreeSet<>();
            for (LabelVector v : vectors) {
                if (v.size() > 0) {
                    set.addAll(Arrays.asList(v.stringValues()));
                }
            }
            out.addAll(set);
        } else {
            int total = 0;
            for (LabelVector v : vectors) {
                total += v.size();
            }
            long[] all = new long[total];
            int k = 0;
            for (LabelVector v : vectors) {
                if (v.size() > 0) {
                    long[] u = LabelVector.uniqueSorted(v.numericValues());
                    System.arraycopy(u, 0, all, k, u.length);
                    k += u.length;
                }
            }
            for (long x : LabelVector.uniqueSorted(Arrays.copyOf(all, k))) {
                out.add(x);
            }
        }
        return out;
    }

    static Object normalize(Object label) {
        Objects.requireNonNull(label, "label");
        if (label instanceof Long || label instanceof String) {
            return label;
        }
        if (label instanceof Integer || label instanceof Short || label instanceof Byte) {
            return ((Number) label).longValue();
        }
        if (label instanceof Boolean) {
            return ((Boolean) label) ? 1L : 0L;
        }
        if (label instanceof Number) {
            double d = ((Number) label).doubleValue();
            if (d == Math.rint(d)) {
                return (long) d;
            }
            throw new IllegalArgumentException("label " + label + " is not an integer; class labels are integers or strings");
        }
        if (label instanceof Character) {
            return label.toString();
        }
        throw new IllegalArgumentException("label " + label + " of type " + label.getClass().getSimpleName()
                + " is neither an integer nor a string");
    }

    /** The classes in index order. */
    public List<Object> classes() {
        return classes;
    }

    /** The number of classes. */
    public int size() {
        return classes.size();
    }

    /** Whether the classes are integers. */
    public boolean isNumeric() {
        return numeric && !classes.isEmpty();
    }

    /** The index of a label, or −1 if it is not a class. */
    public int indexOf(Object label) {
        Object l;
        try {
            l = normalize(label);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (l instanceof Long) {
            return numeric ? indexOfNumeric((Long) l) : -1;
        }
        if (stringIndex == null) {
            return -1;
        }
        Integer i = stringIndex.get(l);
        return i == null ? -1 : i;
    }

    private int indexOfNumeric(long v) {
        if (range) {
            long k = v - rangeFirst; // wraps negative when v and rangeFirst are far apart
            return v >= rangeFirst && k >= 0 && k < classes.size() ? (int) k : -1;
        }
        if (table != null) {
            long k = v - tableMin;
            return k >= 0 && k < table.length ? table[(int) k] : -1;
        }
        int pos = Arrays.binarySearch(sortedNumeric, v);
        return pos >= 0 ? sortedToIndex[pos] : -1;
    }

    /** Encodes every label; labels that are not classes become −1. */
    public int[] encodeOrMinusOne(LabelVector labels) {
        int n = labels.size();
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        if (labels.isNumeric()) {
            long[] v = labels.numericValues();
            if (!numeric || classes.isEmpty()) {
                Arrays.fill(out, -1);
                return out;
            }
            if (range) {
                long first = rangeFirst;
                long n2 = classes.size();
                for (int i = 0; i < n; i++) {
                    long k = v[i] - first;
                    out[i] = v[i] >= first && k >= 0 && k < n2 ? (int) k : -1;
                }
            } else if (table != null) {
                int[] t = table;
                long min = tableMin;
                for (int i = 0; i < n; i++) {
                    long k = v[i] - min;
                    out[i] = k >= 0 && k < t.length ? t[(int) k] : -1;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = indexOfNumeric(v[i]);
                }
            }
        } else {
            String[] v = labels.stringValues();
            for (int i = 0; i < n; i++) {
                Integer idx = stringIndex == null ? null : stringIndex.get(v[i]);
                out[i] = idx == null ? -1 : idx;
            }
        }
        return out;
    }

    /**
     * Encodes every label.
     *
     * @throws IllegalArgumentException naming the first label that is not a class
     */
    public int[] encode(LabelVector labels) {
        int[] out = encodeOrMinusOne(labels);
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                throw new IllegalArgumentException("label " + format(labels.get(i)) + " at position " + i
                        + " is not one of the classes " + formatList(classes));
            }
        }
        return out;
    }

    static String format(Object label) {
        return label instanceof String ? "'" + label + "'" : String.valueOf(label);
    }

    static String formatList(List<?> labels) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i == 20 && labels.size() > 24) {
                sb.append("... ").append(labels.size() - 20).append(" more");
                break;
            }
            sb.append(format(labels.get(i)));
        }
        return sb.append(']').toString();
    }
}
