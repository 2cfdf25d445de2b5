package io.jaccard4j.metrics;

/**
 * Binary scores at every distinct threshold of a score vector: for threshold t a sample is predicted
 * positive when its score is &gt;= t. Thresholds are ascending (as scikit-learn's
 * {@code precision_recall_curve} orders them); tp, fp, fn are counts (or summed weights) at each threshold.
 * Per threshold: Jaccard = tp/(tp+fp+fn), F1 = 2tp/(2tp+fp+fn), precision = tp/(tp+fp), recall = tp/(tp+fn);
 * a zero denominator gives the curve's {@link ZeroDivision} value. Built by {@link ThresholdSweep}.
 */
public final class ThresholdCurve {
    private final double[] thresholds;
    private final double[] tp;
    private final double[] fp;
    private final double positives;
    private final ZeroDivision zeroDivision;

    ThresholdCurve(double[] thresholds, double[] tp, double[] fp, double positives, ZeroDivision zeroDivision) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.zeroDivision = zeroDivision;
    }

    /**
     * A threshold as JSON writes it: a finite threshold as a number, +∞ / −∞ (thresholds taken from infinite
     * scores; JSON has no infinity) as the strings {@code "Infinity"} / {@code "-Infinity"}, which Python's
     * {@code float()} and Java's {@code Double.parseDouble} read back; NaN (no threshold) as {@code null}.
     */
    public static Object jsonThreshold(double t) {
        if (t == Double.POSITIVE_INFINITY) {
            return "Infinity";
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return "-Infinity";
        }
        return t;
    }

    /** {@link #thresholds()} for JSON, each by {@link #jsonThreshold}. */
    public java.util.List<Object> jsonThresholds() {
        java.util.List<Object> out = new java.util.ArrayList<>(thresholds.length);
        for (double t : thresholds) {
            out.add(jsonThreshold(t));
        }
        return out;
    }

    /** The number of thresholds (distinct scores). */
    public int size() {
        return thresholds.length;
    }

    /** The distinct scores, ascending (a copy). */
    public double[] thresholds() {
        return thresholds.clone();
    }

    public double[] tp() {
        return tp.clone();
    }

    public double[] fp() {
        return fp.clone();
    }

    public double[] fn() {
        double[] out = new double[tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = positives - tp[i];
        }
        return out;
    }

    /** The metric at every threshold. */
    public double[] values(Metric metric) {
        double[] out = new double[tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(metric, i);
        }
        return out;
    }

    public double[] jaccard() {
        return values(Metric.JACCARD);
    }

    public double[] f1() {
        return values(Metric.F1);
    }

    public double[] precision() {
        return values(Metric.PRECISION);
    }

    public double[] recall() {
        return values(Metric.RECALL);
    }

    /** The metric at threshold index {@code i}. */
    public double value(Metric metric, int i) {
        double t = tp[i];
        double f = fp[i];
        double n = positives - t;
        switch (metric) {
            case JACCARD: return zeroDivision.divide(t, t + f + n);
            case F1: return zeroDivision.divide(2 * t, 2 * t + f + n);
            case PRECISION: return zeroDivision.divide(t, t + f);
            default: return zeroDivision.divide(t, t + n);
        }
    }

    /**
     * The index of the best threshold for a metric: the highest value, ties going to the highest threshold
     * (the fewest positive predictions); NaN values are never best. −1 for an empty curve or all NaN.
     */
    public int bestIndex(Metric metric) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = thresholds.length - 1; i >= 0; i--) {
            double v = value(metric, i);
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    /** The best threshold for a metric (see {@link #bestIndex}); NaN if there is none. */
    public double bestThreshold(Metric metric) {
        int i = bestIndex(metric);
        return i < 0 ? Double.NaN : thresholds[i];
    }

    /** The metric at the best threshold; NaN if there is none. */
    public double bestScore(Metric metric) {
        int i = bestIndex(metric);
        return i < 0 ? Double.NaN : value(metric, i);
    }
}
