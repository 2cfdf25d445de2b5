package io.jaccard4j.loss;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the predictions are compared with: either hard class indices or soft labels, plus which pixels count.
 *
 * <ul>
 *   <li><b>hard</b>: {@code int} labels of shape N&times;D<sub>1</sub>&times;&hellip; (N for N&times;C
 *       predictions). With C &ge; 2 classes the target of class c is y<sub>c</sub> = [label = c] (one-hot); with a
 *       single sigmoid channel (C = 1) the label must be 0 or 1 and y = label. Pixels whose label equals the
 *       ignore index do not count. A label that is neither in range nor the ignore index is rejected.</li>
 *   <li><b>soft</b>: values y<sub>c,i</sub> in [0, 1] in the predictions' own N&times;C&times;&hellip; layout
 *       (distributions from label smoothing or a teacher, or multi-hot vectors for multilabel tasks; they need not
 *       sum to one).</li>
 * </ul>
 * An optional keep-mask of shape N&times;D<sub>1</sub>&times;&hellip; (true = keep) drops pixels for both kinds: a
 * dropped pixel is zeroed in both x and y and gets zero gradient. Arrays are referenced, not copied.
 */
public final class Targets {
    /** Marker meaning "no ignore index". */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private final int[] labels;
    private final float[] softFloats;
    private final double[] softDoubles;
    private final int[] shape;
    private final int ignoreIndex;
    private final boolean[] keepMask;

    private Targets(int[] labels, float[] softFloats, double[] softDoubles, int[] shape, int ignoreIndex,
                    boolean[] keepMask) {
        this.labels = labels;
        this.softFloats = softFloats;
        this.softDoubles = softDoubles;
        this.shape = Objects.requireNonNull(shape, "shape").clone();
        this.ignoreIndex = ignoreIndex;
        this.keepMask = keepMask;
        int length = labels != null ? labels.length : softFloats != null ? softFloats.length : softDoubles.length;
        long product = 1;
        for (int d : this.shape) {
            if (d < 1) {
                throw new IllegalArgumentException("targets shape " + Arrays.toString(shape)
                        + " has a dimension < 1; expected positive sizes");
            }
            product *= d;
        }
        if (this.shape.length < (labels != null ? 1 : 2)) {
            throw new IllegalArgumentException("targets shape " + Arrays.toString(shape) + " has too few dimensions; expected "
                    + (labels != null ? "N x spatial... for hard labels" : "N x C x spatial... for soft labels"));
        }
        if (product != length) {
            throw new IllegalArgumentException("targets shape " + Arrays.toString(shape) + " holds " + product
                    + " elements but the data array has " + length);
        }
        if (keepMask != null) {
            long pixels = labels != null ? product : product / this.shape[1];
            if (keepMask.length != pixels) {
                throw new IllegalArgumentException("keepMask has " + keepMask.length + " entries but the targets have "
                        + pixels + " pixels (N x spatial)");
            }
        }
        if (labels == null) {
            for (int i = 0; i < length; i++) {
                double v = softFloats != null ? softFloats[i] : softDoubles[i];
                if (!(v >= 0.0 && v <= 1.0)) {
                    throw new IllegalArgumentException("soft label at flat index " + i + " is " + v
                            + "; expected a value in [0, 1]");
                }
            }
        }
    }

    /** Hard labels without an ignore index. */
    public static Targets hard(int[] labels, int[] shape) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null, null, shape, NO_IGNORE, null);
    }

    /** Hard labels; pixels labelled {@code ignoreIndex} do not count ({@link #NO_IGNORE} for none). */
    public static Targets hard(int[] labels, int[] shape, int ignoreIndex) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null, null, shape, ignoreIndex, null);
    }

    /**
     * A keep-mask from numbers that must each be 0 (drop the pixel) or 1 (keep it), as a file of bool or 0/1 values
     * holds them.
     *
     * @param what how messages name the mask (e.g. {@code --keep-mask m.npy})
     * @throws IllegalArgumentException for any other value, naming its flat index
     */
    public static boolean[] keepMask(double[] values, String what) {
        boolean[] keep = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException(what + " holds " + v + " at flat index " + i
                        + "; a keep-mask holds only 0 (drop) and 1 (keep)");
            }
            keep[i] = v == 1;
        }
        return keep;
    }

    /** Hard labels with an ignore index and a keep-mask (null for none). */
    public static Targets hard(int[] labels, int[] shape, int ignoreIndex, boolean[] keepMask) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null, null, shape, ignoreIndex, keepMask);
    }

    /** Soft labels in [0, 1], every pixel kept. */
    public static Targets soft(float[] values, int[] shape) {
        return new Targets(null, Objects.requireNonNull(values, "values"), null, shape, NO_IGNORE, null);
    }

    /** Soft labels in [0, 1] with a keep-mask (null keeps every pixel). */
    public static Targets soft(float[] values, int[] shape, boolean[] keepMask) {
        return new Targets(null, Objects.requireNonNull(values, "values"), null, shape, NO_IGNORE, keepMask);
    }

    /** Double-precision soft labels in [0, 1] with a keep-mask (null keeps every pixel). */
    public static Targets soft(double[] values, int[] shape, boolean[] keepMask) {
        return new Targets(null, null, Objects.requireNonNull(values, "values"), shape, NO_IGNORE, keepMask);
    }

    /**
     * Soft targets from a teacher for knowledge distillation: q = softmax(t / T) over the class axis of teacher
     * logits t (N&times;C&times;&hellip;), computed in double precision.
     *
     * @throws IllegalArgumentException if the temperature is not positive, C &lt; 2 or a logit is not finite
     */
    public static Targets teacherSoftmax(float[] teacherLogits, int[] shape, double temperature, boolean[] keepMask) {
        Objects.requireNonNull(teacherLogits, "teacherLogits");
        ValueRange.POSITIVE.check("temperature", temperature);
        Predictions teacher = Predictions.logits(teacherLogits, shape, Activation.SOFTMAX);
        int n = teacher.batchSize(), c = teacher.numClasses(), p = teacher.spatialSize();
        double[] q = new double[teacherLogits.length];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                int base = b * c * p + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    double t = teacherLogits[base + k * p];
                    if (!Double.isFinite(t)) {
                        throw new IllegalArgumentException("teacher logit at flat index " + (base + k * p) + " is " + t
                                + "; expected a finite value");
                    }
                    max = Math.max(max, t / temperature);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    double e = Math.exp(teacherLogits[base + k * p] / temperature - max);
                    q[base + k * p] = e;
                    sum += e;
                }
                for (int k = 0; k < c; k++) {
                    q[base + k * p] /= sum;
                }
            }
        }
        return new Targets(null, null, q, shape, NO_IGNORE, keepMask);
    }

    /** Whether these are hard class indices. */
    public boolean isHard() {
        return labels != null;
    }

    /** The ignore index, or {@link #NO_IGNORE}. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeView() {
        return shape;
    }

    int[] labels() {
        return labels;
    }

    boolean[] keepMask() {
        return keepMask;
    }

    /** The float32 soft labels, or null (not copied). */
    float[] softFloatData() {
        return softFloats;
    }

    double soft(int index) {
        return softFloats != null ? softFloats[index] : softDoubles[index];
    }
}
