package io.jaccard4j.metrics;

import java.util.Locale;

/**
 * A set-overlap score of one label, as a function of its true positives (tp), false positives (fp) and
 * false negatives (fn).
 *
 * <ul>
 *   <li>{@link #JACCARD}: tp / (tp + fp + fn), the Jaccard index or intersection over union;</li>
 *   <li>{@link #F1}: 2·tp / (2·tp + fp + fn), the Dice coefficient or F1 score (harmonic mean of precision and
 *       recall);</li>
 *   <li>{@link #PRECISION}: tp / (tp + fp);</li>
 *   <li>{@link #RECALL}: tp / (tp + fn).</li>
 * </ul>
 * Per label, Jaccard and F1 are linked by J = F1 / (2 − F1).
 */
public enum Metric {
    JACCARD("jaccard"), F1("f1"), PRECISION("precision"), RECALL("recall");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /** The lower-case name used on the command line and in JSON output. */
    public String id() {
        return id;
    }

    /** Parses {@code jaccard} (alias {@code iou}), {@code f1} (alias {@code dice}), {@code precision}, {@code recall}. */
    public static Metric parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "jaccard": case "iou": return JACCARD;
            case "f1": case "dice": return F1;
            case "precision": return PRECISION;
            case "recall": return RECALL;
            default:
                throw new IllegalArgumentException(
                        "metric must be one of jaccard, f1, dice, precision, recall; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
