package io.jaccard4j.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of scoring: the averaged score (or NaN with {@link Average#NONE}), the per-label scores and
 * supports they were averaged from (empty for {@code micro} and {@code samples}), the labels in the same
 * order, and the "ill-defined" warnings raised on the way (scikit-learn's {@code UndefinedMetricWarning}s and
 * its {@code pos_label} note).
 */
public final class ScoreResult {
    private final Metric metric;
    private final Average average;
    private final double score;
    private final List<Object> labels;
    private final double[] perLabel;
    private final double[] support;
    private final List<String> warnings;

    ScoreResult(Metric metric, Average average, double score, List<Object> labels, double[] perLabel,
            double[] support, List<String> warnings) {
        this.metric = metric;
        this.average = average;
        this.score = score;
        this.labels = Collections.unmodifiableList(labels);
        this.perLabel = perLabel;
        this.support = support;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    public Metric metric() {
        return metric;
    }

    public Average average() {
        return average;
    }

    /** The averaged score; NaN for {@link Average#NONE} (see {@link #perLabel()}). */
    public double score() {
        return score;
    }

    /** The labels of {@link #perLabel()}, in order. */
    public List<Object> labels() {
        return labels;
    }

    /** Per-label scores (a copy); empty for {@code micro} and {@code samples}. */
    public double[] perLabel() {
        return perLabel.clone();
    }

    /** Per-label support (true instances, or their weight), aligned with {@link #perLabel()}. */
    public double[] support() {
        return support.clone();
    }

    /** Warnings raised while scoring, e.g. "Jaccard is ill-defined and being set to 0.0 ...". */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether an "ill-defined" (zero-division) warning was raised. */
    public boolean illDefined() {
        for (String w : warnings) {
            if (w.contains("ill-defined")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return metric + "(" + average + ") = "
                + (average == Average.NONE ? Arrays.toString(perLabel) : Double.toString(score));
    }
}
