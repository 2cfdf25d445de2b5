package io.jaccard4j.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * scikit-learn's {@code type_of_target} on raw numeric or string label arrays, and the conversion to the
 * {@link Target} the scorers take. For numbers (an array in C order with its shape):
 * <ul>
 *   <li>a non-integral value (or NaN / infinity) anywhere: {@code continuous} (not a classification target);</li>
 *   <li>1-D, or 2-D with one column (a column vector): {@code binary} with at most two distinct values, else
 *       {@code multiclass};</li>
 *   <li>2-D with more columns: {@code multilabel-indicator} if it holds at most two distinct values (as
 *       scikit-learn's {@code is_multilabel} decides; a non-zero entry then means "label present"), else
 *       {@code multiclass-multioutput} (not supported by the overlap scores).</li>
 * </ul>
 * Strings are always one label a sample. Unsupported kinds fail with scikit-learn's message,
 * e.g. "continuous is not supported".
 */
public final class TypeOfTarget {
    private TypeOfTarget() {
    }

    /** scikit-learn's name for the type of a numeric array: one of the {@link TargetType} ids, or
     * {@code continuous} / {@code multiclass-multioutput}. */
    public static String name(double[] values, int[] shape) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(shape, "shape");
        if (shape.length > 2) {
            return "unknown";
        }
        for (double v : values) {
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                return "continuous";
            }
        }
        long distinct = Arrays.stream(values).distinct().limit(3).count();
        if (shape.length == 2 && shape[1] > 1) {
            return distinct <= 2 ? TargetType.MULTILABEL_INDICATOR.id() : "multiclass-multioutput";
        }
        return distinct <= 2 ? TargetType.BINARY.id() : TargetType.MULTICLASS.id();
    }

    /**
     * The target of a numeric array: integer labels, or a multilabel indicator matrix.
     *
     * @throws IllegalArgumentException "continuous is not supported" and the like for other kinds
     */
    public static Target toTarget(double[] values, int[] shape) {
        String type = name(values, shape);
        if (type.equals(TargetType.MULTILABEL_INDICATOR.id())) {
            byte[] d = new byte[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (values[i] != 0 ? 1 : 0);
            }
            return IndicatorMatrix.of(d, shape[0], shape[1]);
        }
        if (!type.equals(TargetType.BINARY.id()) && !type.equals(TargetType.MULTICLASS.id())) {
            throw new IllegalArgumentException(type + " is not supported");
        }
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) values[i];
        }
        return LabelVector.of(v);
    }
}
