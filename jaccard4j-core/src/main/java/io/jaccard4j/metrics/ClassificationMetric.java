package io.jaccard4j.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The classification scores next to the overlap family ({@link Metric}), each as scikit-learn 1.9.1 computes it
 * from the confusion matrix C (rows = truth, columns = prediction, entries summed sample weights), with N = ΣC:
 *
 * <ul>
 *   <li>{@link #ACCURACY} {@code accuracy_score}: trace(C) / N (multilabel: the fraction of samples whose label
 *       set matches exactly); with {@code normalize=false} the count (summed weight) of correct samples;</li>
 *   <li>{@link #BALANCED_ACCURACY} {@code balanced_accuracy_score}: the mean over classes present in the truth of
 *       C[k][k] / Σ_j C[k][j]; {@code adjusted}: (score − 1/K) / (1 − 1/K);</li>
 *   <li>{@link #HAMMING_LOSS} {@code hamming_loss}: the fraction of wrong labels, (N − trace(C)) / N
 *       (multilabel: Σ(fp + fn) / (L · N));</li>
 *   <li>{@link #ZERO_ONE_LOSS} {@code zero_one_loss}: 1 − accuracy, or N − correct with {@code normalize=false};</li>
 *   <li>{@link #MCC} {@code matthews_corrcoef}: (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) with c = trace,
 *       s = N, t = row sums, p = column sums; 0 when the denominator is 0;</li>
 *   <li>{@link #COHEN_KAPPA} {@code cohen_kappa_score}: 1 − Σ w∘C / Σ w∘E with E = outer(column sums, row sums)
 *       / N and w of {@link KappaWeights};</li>
 *   <li>{@link #TOP_K_ACCURACY} {@code top_k_accuracy_score}: the fraction of samples whose true class is among
 *       the k highest scores (ties ranked towards the higher class index).</li>
 * </ul>
 */
public enum ClassificationMetric {
    ACCURACY("accuracy"),
    BALANCED_ACCURACY("balanced-accuracy"),
    HAMMING_LOSS("hamming-loss"),
    ZERO_ONE_LOSS("zero-one-loss"),
    MCC("mcc"),
    COHEN_KAPPA("cohen-kappa"),
    TOP_K_ACCURACY("top-k-accuracy");

    private final String id;

    ClassificationMetric(String id) {
        this.id = id;
    }

    /** The name used on the command line and in JSON output. */
    public String id() {
        return id;
    }

    /** Whether the name is one of these metrics' ids (case-insensitive). */
    public static boolean isId(String text) {
        return find(text) != null;
    }

    /**
     * Parses an id such as {@code balanced-accuracy} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static ClassificationMetric parse(String text) {
        ClassificationMetric m = find(text);
        if (m == null) {
            throw new IllegalArgumentException("metric must be one of "
                    + Arrays.stream(values()).map(ClassificationMetric::id).collect(Collectors.joining(", "))
                    + "; got '" + text + "'");
        }
        return m;
    }

    private static ClassificationMetric find(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ClassificationMetric m : values()) {
            if (m.id.equals(t)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
