package io.jaccard4j.metrics;

import java.util.Locale;

/**
 * The disagreement weights of Cohen's kappa between class indices i and j (scikit-learn's {@code weights}):
 * {@link #NONE} w = [i ≠ j], {@link #LINEAR} w = |i − j|, {@link #QUADRATIC} w = (i − j)².
 */
public enum KappaWeights {
    NONE, LINEAR, QUADRATIC;

    /** The lower-case name ({@code none}, {@code linear}, {@code quadratic}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The weight of a disagreement between class indices i and j. */
    public double weight(int i, int j) {
        switch (this) {
            case LINEAR: return Math.abs(i - j);
            case QUADRATIC: return (double) (i - j) * (i - j);
            default: return i == j ? 0 : 1;
        }
    }

    /** Parses {@code none}, {@code linear} or {@code quadratic} (case-insensitive). */
    public static KappaWeights parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "none": return NONE;
            case "linear": return LINEAR;
            case "quadratic": return QUADRATIC;
            default:
                throw new IllegalArgumentException("kappa weights must be one of none, linear, quadratic; got '"
                        + text + "'");
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
