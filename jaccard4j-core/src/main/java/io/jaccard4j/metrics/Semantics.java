package io.jaccard4j.metrics;

import java.util.Locale;

/**
 * Whose rules turn a confusion state into a score. Both compute the same per-class ratios — Jaccard
 * tp / (tp + fp + fn), F1 2·tp / (2·tp + fp + fn) — and differ in how inputs are formatted and how classes are
 * averaged:
 *
 * <ul>
 *   <li>{@link #SKLEARN} (the default): scikit-learn's {@code jaccard_score} / {@code f1_score} — labels found in
 *       the data, {@code average=binary} with a {@code pos_label}, {@code zero_division} warn / 0 / 1 / nan;</li>
 *   <li>{@link #TORCHMETRICS}: torchmetrics 1.9's {@code JaccardIndex} / {@code F1Score} (binary, multiclass,
 *       multilabel tasks; classes 0..C−1; thresholds {@code p > t} after a sigmoid for scores outside [0, 1];
 *       arg-max over dimension 1), and its segmentation {@code MeanIoU} and {@code DiceScore}. See
 *       {@code io.jaccard4j.torchmetrics} and {@code docs/torchmetrics.md}.</li>
 * </ul>
 */
public enum Semantics {
    SKLEARN("sklearn"), TORCHMETRICS("torchmetrics");

    private final String id;

    Semantics(String id) {
        this.id = id;
    }

    /** The command-line spelling. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code sklearn} (alias {@code scikit-learn}) or {@code torchmetrics}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Semantics parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sklearn": case "scikit-learn": return SKLEARN;
            case "torchmetrics": return TORCHMETRICS;
            default:
                throw new IllegalArgumentException("--semantics must be sklearn or torchmetrics; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
