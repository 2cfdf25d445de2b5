package io.jaccard4j.metrics;

import java.util.Objects;

/**
 * Per-label sufficient statistics of every overlap score: true positives (tp), predicted positives
 * (tp + fp) and true positives plus false negatives (support, tp + fn), one entry a label. This is what
 * scikit-learn derives from {@code multilabel_confusion_matrix}; every confusion state reduces to it.
 * Counts are doubles so that weighted and unweighted states share one scoring path (a double holds integer
 * counts exactly up to 2^53).
 */
public final class LabelCounts {
    private final double[] tp;
    private final double[] predicted;
    private final double[] support;

    private LabelCounts(double[] tp, double[] predicted, double[] support) {
        this.tp = tp;
        this.predicted = predicted;
        this.support = support;
    }

    /**
     * Wraps per-label arrays (not copied).
     *
     * @param tp true positives per label
     * @param predicted predicted positives (tp + fp) per label
     * @param support true positives plus false negatives (tp + fn) per label
     */
    public static LabelCounts of(double[] tp, double[] predicted, double[] support) {
        Objects.requireNonNull(tp, "tp");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(support, "support");
        if (tp.length != predicted.length || tp.length != support.length) {
            throw new IllegalArgumentException("tp, predicted and support must have one entry a label; got lengths "
                    + tp.length + ", " + predicted.length + ", " + support.length);
        }
        return new LabelCounts(tp, predicted, support);
    }

    /** The number of labels. */
    public int size() {
        return tp.length;
    }

    public double tp(int label) {
        return tp[label];
    }

    public double fp(int label) {
        return predicted[label] - tp[label];
    }

    public double fn(int label) {
        return support[label] - tp[label];
    }

    /** tp + fp of a label. */
    public double predicted(int label) {
        return predicted[label];
    }

    /** tp + fn of a label: its number (or weight) of true instances. */
    public double support(int label) {
        return support[label];
    }

    /** The counts of the given labels, in the given order. */
    public LabelCounts select(int[] indices) {
        double[] t = new double[indices.length];
        double[] p = new double[indices.length];
        double[] s = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            t[i] = tp[indices[i]];
            p[i] = predicted[indices[i]];
            s[i] = support[indices[i]];
        }
        return new LabelCounts(t, p, s);
    }

    /** One label whose counts are the sums over all labels (micro-averaging). */
    public LabelCounts sum() {
        double t = 0;
        double p = 0;
        double s = 0;
        for (int i = 0; i < tp.length; i++) {
            t += tp[i];
            p += predicted[i];
            s += support[i];
        }
        return new LabelCounts(new double[] {t}, new double[] {p}, new double[] {s});
    }
}
