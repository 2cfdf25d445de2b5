package io.jaccard4j.torchmetrics;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.TargetType;
import java.util.Arrays;
import java.util.Objects;

/**
 * torchmetrics 1.9's classification {@code JaccardIndex} and {@code F1Score} (the {@code Binary*}, {@code Multiclass*}
 * and {@code Multilabel*} metric classes), computed from core's confusion states ({@link MulticlassConfusion},
 * {@link LabelCounts}).
 *
 * <p><b>Formatting</b> (torchmetrics' {@code _*_format}): tensors are {@code (N, ...)}; extra dimensions are
 * flattened into the batch.
 * <ul>
 *   <li>binary: preds and target of one shape; target values in {0, 1} (or the ignore index); float preds get a
 *       sigmoid when any value lies outside [0, 1], then {@code pred = p > threshold} (strictly greater);</li>
 *   <li>multiclass: preds {@code (N, ...)} labels, or float {@code (N, C, ...)} arg-maxed over dimension 1 (the
 *       first maximum); labels lie in 0..C−1;</li>
 *   <li>multilabel: preds and target {@code (N, L, ...)}, label axis 1, thresholded as binary;</li>
 *   <li>{@code ignore_index}: entries whose target equals it are dropped (for multilabel, entry by entry).</li>
 * </ul>
 *
 * <p><b>Reduction</b>, with per-class tp, fp, fn and {@code z} = zero_division (0 or 1) for 0/0:
 * <ul>
 *   <li>Jaccard J_c = tp/(tp+fp+fn), F1 F_c = 2tp/(2tp+fp+fn); binary: class 1's value;</li>
 *   <li>micro: the ratio of the sums over classes; for multiclass Jaccard the ignore index, when it is a class
 *       0..C−1, is left out of the denominator's sum;</li>
 *   <li>macro: Σ w_c s_c / Σ w_c with w_c = 1, except — multiclass only — w_c = 0 for classes absent from both
 *       preds and target, and (Jaccard only) for the class equal to the ignore index;</li>
 *   <li>weighted: w_c = tp+fn (support);</li>
 *   <li>Σ w_c = 0 (e.g. every target ignored) gives NaN for Jaccard whatever z (torchmetrics divides plainly)
 *       and 0 for F1 (torchmetrics' safe divide);</li>
 *   <li>none: the per-class values.</li>
 * </ul>
 * Differences from torchmetrics, by design: labels outside 0..C−1 are rejected (torchmetrics does not validate
 * multiclass values and fails with an internal error or miscounts), and non-integer label predictions are
 * rejected rather than truncated. See {@code docs/torchmetrics.md}.
 */
public final class TorchmetricsClassification {
    /** The most classes taken from the data when {@code num_classes} is not given. */
    public static final int MAX_INFERRED_CLASSES = 4096;

    private TorchmetricsClassification() {
    }

    /** The constructor arguments of a torchmetrics classification metric. Immutable; see {@link #builder()}. */
    public static final class Options {
        private final Metric metric;
        private final TargetType task;
        private final Average average;
        private final Long ignoreIndex;
        private final double zeroDivision;
        private final double threshold;
        private final Integer numClasses;

        private Options(Builder b) {
            this.metric = b.metric;
            this.task = Objects.requireNonNull(b.task, "task");
            this.ignoreIndex = b.ignoreIndex;
            this.zeroDivision = b.zeroDivision;
            this.threshold = b.threshold;
            this.numClasses = b.numClasses;
            if (metric != Metric.JACCARD && metric != Metric.F1) {
                throw new IllegalArgumentException("--semantics torchmetrics scores --metric jaccard (JaccardIndex) and "
                        + "f1 (F1Score); got " + metric.id());
            }
            if (task == TargetType.BINARY) {
                this.average = Average.BINARY;
            } else {
                Average a = b.average == null ? Average.MACRO : b.average;
                if (a != Average.MICRO && a != Average.MACRO && a != Average.WEIGHTED && a != Average.NONE) {
                    throw new IllegalArgumentException("--average must be micro, macro, weighted or none for "
                            + "torchmetrics' " + task.id() + " task; got " + a.id());
                }
                this.average = a;
            }
            if (numClasses != null && numClasses < 2) {
                throw new IllegalArgumentException("--num-classes must be an integer larger than 1 (torchmetrics' "
                        + (task == TargetType.MULTILABEL_INDICATOR ? "num_labels" : "num_classes") + "); got "
                        + numClasses);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public Metric metric() {
            return metric;
        }

        public TargetType task() {
            return task;
        }

        /** The average applied: {@link Average#BINARY} for the binary task, else micro, macro, weighted or none. */
        public Average average() {
            return average;
        }

        public Long ignoreIndex() {
            return ignoreIndex;
        }

        public double zeroDivision() {
            return zeroDivision;
        }

        public double threshold() {
            return threshold;
        }

        /** {@code num_classes} / {@code num_labels}, or null to take it from the data. */
        public Integer numClasses() {
            return numClasses;
        }

        /** torchmetrics' class name, e.g. {@code MulticlassJaccardIndex}. */
        public String torchmetricsName() {
            String prefix = task == TargetType.BINARY ? "Binary" : task == TargetType.MULTICLASS ? "Multiclass"
                    : "Multilabel";
            return prefix + (metric == Metric.JACCARD ? "JaccardIndex" : "F1Score");
        }
    }

    /** Builds {@link Options}; every setter validates its value as torchmetrics' argument validation does. */
    public static final class Builder {
        private Metric metric = Metric.JACCARD;
        private TargetType task;
        private Average average;
        private Long ignoreIndex;
        private double zeroDivision;
        private double threshold = 0.5;
        private Integer numClasses;

        private Builder() {
        }

        /** {@link Metric#JACCARD} (JaccardIndex) or {@link Metric#F1} (F1Score). */
        public Builder metric(Metric m) {
            this.metric = Objects.requireNonNull(m, "metric");
            return this;
        }

        /** binary, multiclass or multilabel ({@link TargetType#MULTILABEL_INDICATOR}). */
        public Builder task(TargetType t) {
            this.task = t;
            return this;
        }

        /** micro, macro, weighted or none; null for torchmetrics' default (macro). Ignored by the binary task. */
        public Builder average(Average a) {
            this.average = a;
            return this;
        }

        /** {@code ignore_index}: a target value whose entries are dropped, or null. */
        public Builder ignoreIndex(Long v) {
            this.ignoreIndex = v;
            return this;
        }

        /** {@code zero_division}: 0 or 1. */
        public Builder zeroDivision(double z) {
            if (z != 0.0 && z != 1.0) {
                throw new IllegalArgumentException("--zero-division must be 0 or 1 with --semantics torchmetrics "
                        + "(torchmetrics' zero_division); got " + z);
            }
            this.zeroDivision = z;
            return this;
        }

        /** {@code threshold}: a number in [0, 1]; a prediction counts as positive when {@code p > threshold}. */
        public Builder threshold(double t) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("--threshold must lie in [0, 1] with --semantics torchmetrics "
                        + "(torchmetrics' threshold); got " + t);
            }
            this.threshold = t;
            return this;
        }

        /** {@code num_classes} (multiclass) or {@code num_labels} (multilabel); null to take it from the data. */
        public Builder numClasses(Integer c) {
            this.numClasses = c;
            return this;
        }

        public Options build() {
            return new Options(this);
        }
    }

    /** A score: one value, or one value a class ({@code average=none}). */
    public static final class Result {
        private final double score;
        private final double[] perClass;
        private final double[] support;

        Result(double score, double[] perClass, double[] support) {
            this.score = score;
            this.perClass = perClass;
            this.support = support;
        }

        /** The averaged value (NaN with {@code average=none}; see {@link #perClass()}). */
        public double score() {
            return score;
        }

        /** Whether the result is one value a class. */
        public boolean isPerClass() {
            return perClass != null;
        }

        /** One value a class (a copy) for {@code average=none}, else null. */
        public double[] perClass() {
            return perClass == null ? null : perClass.clone();
        }

        /** tp + fn of each class (a copy); class 1 only for the binary task. */
        public double[] support() {
            return support.clone();
        }

        @Override
        public String toString() {
            return perClass != null ? Arrays.toString(perClass) : Double.toString(score);
        }
    }

    /**
     * Formats, counts and reduces one {@code update(preds, target)} as the torchmetrics metric does.
     *
     * @param preds predictions as float64 (labels, probabilities or logits), row-major
     * @param predShape their shape
     * @param predsFloating whether preds are a floating-point tensor (thresholded or arg-maxed) rather than labels
     * @param target true labels, row-major
     * @param targetShape their shape
     * @throws IllegalArgumentException for shapes or values torchmetrics rejects, and labels outside 0..C−1
     */
    public static Result score(double[] preds, int[] predShape, boolean predsFloating, long[] target,
            int[] targetShape, Options o) {
        return reduce(count(preds, predShape, predsFloating, target, targetShape, o), o);
    }

    /**
     * The confusion counts torchmetrics accumulates: one entry a class (multiclass), a label (multilabel), or the
     * positive class alone (binary).
     */
    public static LabelCounts count(double[] preds, int[] predShape, boolean predsFloating, long[] target,
            int[] targetShape, Options o) {
        if (preds.length != product(predShape) || target.length != product(targetShape)) {
            throw new IllegalArgumentException("array sizes do not match their shapes");
        }
        switch (o.task) {
            case BINARY:
                return countBinary(preds, predShape, predsFloating, target, targetShape, o);
            case MULTICLASS:
                return countMulticlass(preds, predShape, predsFloating, target, targetShape, o);
            default:
                return countMultilabel(preds, predShape, predsFloating, target, targetShape, o);
        }
    }

    private static LabelCounts countBinary(double[] preds, int[] ps, boolean floating, long[] target, int[] ts,
            Options o) {
        requireSameShape(ps, ts);
        checkBinaryValues(preds, floating, target, o.ignoreIndex);
        boolean[] keep = kept(target, o.ignoreIndex);
        // JaccardIndex drops ignored entries before deciding on the sigmoid; F1Score decides on every entry
        boolean sigmoid = floating && outsideUnit(preds, o.metric == Metric.JACCARD ? keep : null);
        double tp = 0;
        double predicted = 0;
        double support = 0;
        for (int i = 0; i < preds.length; i++) {
            if (!keep[i]) {
                continue;
            }
            boolean p = positive(preds[i], floating, sigmoid, o.threshold);
            boolean t = target[i] == 1;
            tp += p && t ? 1 : 0;
            predicted += p ? 1 : 0;
            support += t ? 1 : 0;
        }
        return LabelCounts.of(new double[] {tp}, new double[] {predicted}, new double[] {support});
    }

    private static LabelCounts countMultilabel(double[] preds, int[] ps, boolean floating, long[] target, int[] ts,
            Options o) {
        requireSameShape(ps, ts);
        if (ps.length < 2) {
            throw new IllegalArgumentException("torchmetrics' multilabel task needs arrays of shape (N, L, ...) with a "
                    + "label axis; got " + describe(ps));
        }
        int labels = ps[1];
        if (o.numClasses != null && o.numClasses != labels) {
            throw new IllegalArgumentException("--num-classes " + o.numClasses + " must equal the label axis of the "
                    + "arrays (dimension 1, size " + labels + ")");
        }
        if (labels < 2) {
            throw new IllegalArgumentException("torchmetrics' multilabel task needs at least 2 labels (dimension 1); "
                    + "got " + labels);
        }
        checkBinaryValues(preds, floating, target, o.ignoreIndex);
        boolean sigmoid = floating && outsideUnit(preds, null);
        int rest = preds.length / Math.max(1, ps[0] * labels);
        double[] tp = new double[labels];
        double[] predicted = new double[labels];
        double[] support = new double[labels];
        Long ig = o.ignoreIndex;
        for (int i = 0; i < preds.length; i++) {
            if (ig != null && target[i] == ig) {
                continue;
            }
            int l = (i / rest) % labels;
            boolean p = positive(preds[i], floating, sigmoid, o.threshold);
            boolean t = target[i] == 1;
            tp[l] += p && t ? 1 : 0;
            predicted[l] += p ? 1 : 0;
            support[l] += t ? 1 : 0;
        }
        return LabelCounts.of(tp, predicted, support);
    }

    private static LabelCounts countMulticlass(double[] preds, int[] ps, boolean floating, long[] target, int[] ts,
            Options o) {
        long[] labels;
        if (ps.length == ts.length + 1) {
            if (!floating) {
                throw new IllegalArgumentException("--y-pred has one dimension more than --y-true, so it must hold "
                        + "float scores over classes (N, C, ...); it holds integers");
            }
            int c = ps[1];
            if (o.numClasses != null && c != o.numClasses) {
                throw new IllegalArgumentException("--y-pred " + describe(ps) + " has " + c + " classes on dimension 1 "
                        + "but --num-classes is " + o.numClasses);
            }
            int[] expected = new int[ts.length + 1];
            expected[0] = ts.length == 0 ? -1 : ts[0];
            expected[1] = c;
            System.arraycopy(ts, Math.min(1, ts.length), expected, 2, Math.max(0, ts.length - 1));
            if (ts.length == 0 || !Arrays.equals(ps, expected)) {
                throw new IllegalArgumentException("--y-pred " + describe(ps) + " and --y-true " + describe(ts)
                        + " do not pair up: torchmetrics takes scores (N, C, ...) with labels (N, ...)");
            }
            labels = argmaxDim1(preds, ps);
        } else if (ps.length == ts.length) {
            requireSameShape(ps, ts);
            labels = new long[preds.length];
            for (int i = 0; i < preds.length; i++) {
                double v = preds[i];
                if (v != Math.rint(v)) {
                    throw new IllegalArgumentException("--y-pred holds " + v + " at flat index " + i + "; predicted "
                            + "labels must be integers (or give scores (N, C, ...) to arg-max)");
                }
                labels[i] = (long) v;
            }
        } else {
            throw new IllegalArgumentException("--y-pred " + describe(ps) + " and --y-true " + describe(ts) + " do "
                    + "not pair up: torchmetrics takes labels of one shape (N, ...), or scores (N, C, ...) with "
                    + "labels (N, ...)");
        }
        boolean[] keep = kept(target, o.ignoreIndex);
        int c;
        if (o.numClasses != null) {
            c = o.numClasses;
        } else if (ps.length == ts.length + 1) {
            c = ps[1];
        } else {
            long max = 1;
            for (int i = 0; i < target.length; i++) {
                if (keep[i]) {
                    max = Math.max(max, Math.max(target[i], labels[i]));
                }
            }
            if (max >= MAX_INFERRED_CLASSES) {
                throw new IllegalArgumentException("labels reach " + max + "; pass --num-classes to score more than "
                        + MAX_INFERRED_CLASSES + " classes");
            }
            c = (int) max + 1;
        }
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0, j = 0; i < target.length; i++) {
            if (!keep[i]) {
                continue;
            }
            if (target[i] < 0 || target[i] >= c) {
                throw new IllegalArgumentException("--y-true holds label " + target[i] + " at flat index " + i
                        + "; torchmetrics' multiclass labels lie in 0.." + (c - 1) + " (num_classes " + c + ")"
                        + (o.ignoreIndex == null ? "" : " or equal --ignore-index " + o.ignoreIndex));
            }
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("--y-pred holds label " + labels[i] + " at flat index " + i
                        + "; torchmetrics' multiclass labels lie in 0.." + (c - 1) + " (num_classes " + c + ")");
            }
            t[j] = (int) target[i];
            p[j] = (int) labels[i];
            j++;
        }
        return MulticlassConfusion.of(c).update(t, p).labelCounts();
    }

    /**
     * Reduces counts as torchmetrics' {@code _jaccard_index_reduce} / {@code _fbeta_reduce} do (see the class
     * comment).
     */
    public static Result reduce(LabelCounts c, Options o) {
        int k = c.size();
        double z = o.zeroDivision;
        boolean jaccard = o.metric == Metric.JACCARD;
        double[] num = new double[k];
        double[] den = new double[k];
        double[] support = new double[k];
        for (int i = 0; i < k; i++) {
            double tp = c.tp(i);
            double fp = c.predicted(i) - tp;
            double fn = c.support(i) - tp;
            num[i] = jaccard ? tp : 2 * tp;
            den[i] = jaccard ? tp + fp + fn : 2 * tp + fp + fn;
            support[i] = c.support(i);
        }
        if (o.average == Average.BINARY) {
            return new Result(divide(num[0], den[0], z), null, support);
        }
        boolean multiclass = o.task == TargetType.MULTICLASS;
        Long ig = o.ignoreIndex;
        int ignoredClass = jaccard && multiclass && ig != null && ig >= 0 && ig < k ? (int) (long) ig : -1;
        double[] per = new double[k];
        for (int i = 0; i < k; i++) {
            per[i] = divide(num[i], den[i], z);
        }
        switch (o.average) {
            case NONE:
                return new Result(Double.NaN, per, support);
            case MICRO: {
                double sn = 0;
                double sd = 0;
                for (int i = 0; i < k; i++) {
                    sn += num[i];
                    if (i != ignoredClass) {
                        sd += den[i];
                    }
                }
                return new Result(divide(sn, sd, z), null, support);
            }
            default: {
                double[] w = new double[k];
                for (int i = 0; i < k; i++) {
                    if (o.average == Average.WEIGHTED) {
                        w[i] = support[i];
                    } else {
                        boolean absent = c.predicted(i) + c.support(i) == 0;
                        w[i] = i == ignoredClass || (multiclass && absent) ? 0 : 1;
                    }
                }
                double sw = 0;
                double s = 0;
                for (int i = 0; i < k; i++) {
                    sw += w[i];
                    s += w[i] * per[i];
                }
                if (sw == 0) {
                    return new Result(jaccard ? Double.NaN : 0.0, null, support);
                }
                return new Result(s / sw, null, support);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static double divide(double n, double d, double z) {
        return d == 0 ? z : n / d;
    }

    private static boolean positive(double v, boolean floating, boolean sigmoid, double threshold) {
        if (!floating) {
            return v == 1;
        }
        double p = sigmoid ? 1.0 / (1.0 + Math.exp(-v)) : v;
        return p > threshold;
    }

    /** Whether any (kept) value lies outside [0, 1], torchmetrics' sign of logits. */
    private static boolean outsideUnit(double[] v, boolean[] keep) {
        for (int i = 0; i < v.length; i++) {
            if ((keep == null || keep[i]) && !(v[i] >= 0 && v[i] <= 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] kept(long[] target, Long ignore) {
        boolean[] keep = new boolean[target.length];
        for (int i = 0; i < target.length; i++) {
            keep[i] = ignore == null || target[i] != ignore;
        }
        return keep;
    }

    private static void checkBinaryValues(double[] preds, boolean floating, long[] target, Long ignore) {
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t != 0 && t != 1 && (ignore == null || t != ignore)) {
                throw new IllegalArgumentException("--y-true holds " + t + " at flat index " + i + "; torchmetrics' "
                        + "binary and multilabel targets hold only 0 and 1"
                        + (ignore == null ? "" : " (and --ignore-index " + ignore + ")"));
            }
        }
        if (!floating) {
            for (int i = 0; i < preds.length; i++) {
                if (preds[i] != 0 && preds[i] != 1) {
                    throw new IllegalArgumentException("--y-pred holds " + (long) preds[i] + " at flat index " + i
                            + "; integer predictions are labels and hold only 0 and 1 (give float scores to "
                            + "threshold)");
                }
            }
        }
    }

    /** The arg-max over dimension 1 of an {@code (N, C, ...)} array (the first maximum on ties), as (N, ...). */
    static long[] argmaxDim1(double[] v, int[] shape) {
        int n = shape[0];
        int c = shape[1];
        int rest = 1;
        for (int d = 2; d < shape.length; d++) {
            rest *= shape[d];
        }
        long[] out = new long[n * rest];
        for (int i = 0; i < n; i++) {
            int base = i * c * rest;
            for (int r = 0; r < rest; r++) {
                int best = 0;
                double bv = v[base + r];
                for (int k = 1; k < c; k++) {
                    double x = v[base + k * rest + r];
                    if (x > bv) {
                        bv = x;
                        best = k;
                    }
                }
                out[i * rest + r] = best;
            }
        }
        return out;
    }

    private static void requireSameShape(int[] ps, int[] ts) {
        if (!Arrays.equals(ps, ts)) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + describe(ts) + " but --y-pred is "
                    + describe(ps) + "; torchmetrics' " + "task needs one shape here");
        }
    }

    static String describe(int[] s) {
        return s.length == 1 ? "(" + s[0] + ",)" : Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    private static long product(int[] s) {
        long p = 1;
        for (int d : s) {
            p *= d;
        }
        return p;
    }
}
