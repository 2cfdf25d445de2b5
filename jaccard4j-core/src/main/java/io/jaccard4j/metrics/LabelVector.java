package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One class label per sample: either integers (held as {@code long}) or strings. This is the 1-D target of
 * scikit-learn's binary and multiclass problems; its {@link #typeOfTarget() type} is inferred as
 * {@code sklearn.utils.multiclass.type_of_target} does (at most two distinct labels: binary, else multiclass).
 *
 * <p>Instances are immutable views: the factories copy nothing, so callers must not modify the arrays they
 * pass afterwards.
 */
public final class LabelVector implements Target {
    private final long[] numeric;
    private final String[] strings;

    private LabelVector(long[] numeric, String[] strings) {
        this.numeric = numeric;
        this.strings = strings;
    }

    /** Integer labels. */
    public static LabelVector of(long[] labels) {
        return new LabelVector(Objects.requireNonNull(labels, "labels"), null);
    }

    /** Integer labels. */
    public static LabelVector of(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        long[] v = new long[labels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels[i];
        }
        return new LabelVector(v, null);
    }

    /** Signed 8-bit integer labels. */
    public static LabelVector of(byte[] labels) {
        Objects.requireNonNull(labels, "labels");
        long[] v = new long[labels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels[i];
        }
        return new LabelVector(v, null);
    }

    /** Unsigned 8-bit integer labels (0..255), as image masks store them. */
    public static LabelVector ofUnsigned(byte[] labels) {
        Objects.requireNonNull(labels, "labels");
        long[] v = new long[labels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels[i] & 0xFF;
        }
        return new LabelVector(v, null);
    }

    /** Boolean labels, read as 1 (true) and 0 (false). */
    public static LabelVector of(boolean[] labels) {
        Objects.requireNonNull(labels, "labels");
        long[] v = new long[labels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels[i] ? 1 : 0;
        }
        return new LabelVector(v, null);
    }

    /** String labels; none may be null. */
    public static LabelVector of(String[] labels) {
        Objects.requireNonNull(labels, "labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException("labels[" + i + "] is null; labels must not be null");
            }
        }
        return new LabelVector(null, labels);
    }

    /**
     * Labels written as text: all integers become integer labels, otherwise all are string labels (as numpy
     * reads a column that is not entirely numeric). Integral decimals such as {@code 1.0} count as integers.
     */
    public static LabelVector parse(String[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        long[] v = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            Long parsed = parseInteger(tokens[i]);
            if (parsed == null) {
                String[] copy = new String[tokens.length];
                for (int k = 0; k < tokens.length; k++) {
                    copy[k] = tokens[k].trim();
                }
                return of(copy);
            }
            v[i] = parsed;
        }
        return new LabelVector(v, null);
    }

    /** Parses an integer written as {@code 3}, {@code -2}, {@code 3.0} or {@code 1e2}; null if it is none. */
    static Long parseInteger(String token) {
        String t = token.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            // fall through to decimals
        }
        char c = t.charAt(t.length() - 1);
        if (!(Character.isDigit(c) || c == '.')) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                return (long) d;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** The number of samples. */
    @Override
    public int size() {
        return numeric != null ? numeric.length : strings.length;
    }

    /** Whether the labels are integers (else strings). */
    public boolean isNumeric() {
        return numeric != null;
    }

    /** The integer labels; only for numeric vectors. */
    public long[] numericValues() {
        if (numeric == null) {
            throw new IllegalStateException("labels are strings, not integers");
        }
        return numeric;
    }

    /** The string labels; only for string vectors. */
    public String[] stringValues() {
        if (strings == null) {
            throw new IllegalStateException("labels are integers, not strings");
        }
        return strings;
    }

    /** The label of sample {@code i}: a {@link Long} or a {@link String}. */
    public Object get(int i) {
        return numeric != null ? (Object) numeric[i] : strings[i];
    }

    /** The distinct labels in ascending order ({@link Long}s or {@link String}s). */
    public List<Object> uniqueLabels() {
        if (numeric != null) {
            long[] u = uniqueSorted(numeric);
            List<Object> out = new ArrayList<>(u.length);
            for (long x : u) {
                out.add(x);
            }
            return out;
        }
        return new ArrayList<>(new TreeSet<>(Arrays.asList(strings)));
    }

    static long[] uniqueSorted(long[] values) {
        if (values.length == 0) {
            return values;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long x : values) {
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
        }
        if (max - min >= 0 && max - min < (1 << 20)) {
            boolean[] seen = new boolean[(int) (max - min + 1)];
            int count = 0;
            for (long x : values) {
                int k = (int) (x - min);
                if (!seen[k]) {
                    seen[k] = true;
                    count++;
                }
            }
            long[] out = new long[count];
            int j = 0;
            for (int k = 0; k < seen.length; k++) {
                if (seen[k]) {
                    out[j++] = min + k;
                }
            }
            return out;
        }
        long[] s = values.clone();
        Arrays.sort(s);
        int j = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[j++] = s[i];
            }
        }
        return Arrays.copyOf(s, j);
    }

    /** scikit-learn's {@code type_of_target}: binary with at most two distinct labels, else multiclass. */
    @Override
    public TargetType typeOfTarget() {
        return uniqueLabels().size() <= 2 ? TargetType.BINARY : TargetType.MULTICLASS;
    }
}
