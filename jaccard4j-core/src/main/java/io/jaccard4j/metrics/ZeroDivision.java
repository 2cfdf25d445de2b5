package io.jaccard4j.metrics;

import java.util.Locale;

/**
 * What a ratio evaluates to when its denominator is zero ("ill-defined"), following scikit-learn's
 * {@code zero_division} argument.
 *
 * <ul>
 *   <li>{@link #WARN}: the value is 0 and an "ill-defined" warning is raised (scikit-learn's default);</li>
 *   <li>{@link #ZERO}, {@link #ONE}: the value is 0 or 1, silently;</li>
 *   <li>{@link #NAN}: the value is NaN, and averages skip NaN entries (scikit-learn's {@code zero_division=np.nan}
 *       of f1, precision and recall); an average over nothing but NaN is NaN. scikit-learn 1.9.1's
 *       {@code jaccard_score} rejects it, and so does {@link Scorer} for the Jaccard index.</li>
 * </ul>
 */
public enum ZeroDivision {
    WARN(0.0, true),
    ZERO(0.0, false),
    ONE(1.0, false),
    NAN(Double.NaN, false);

    private final double value;
    private final boolean warns;

    ZeroDivision(double value, boolean warns) {
        this.value = value;
        this.warns = warns;
    }

    /** The value an ill-defined ratio takes. */
    public double value() {
        return value;
    }

    /** Whether an ill-defined ratio raises a warning. */
    public boolean warns() {
        return warns;
    }

    /** Divides, returning {@link #value()} when the denominator is zero. */
    public double divide(double numerator, double denominator) {
        return denominator == 0.0 ? value : numerator / denominator;
    }

    /**
     * Parses {@code warn}, {@code 0}, {@code 1} or {@code nan} (case-insensitive; {@code 0.0} and {@code 1.0}
     * are accepted too).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ZeroDivision parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "warn": return WARN;
            case "0": case "0.0": return ZERO;
            case "1": case "1.0": return ONE;
            case "nan": return NAN;
            default:
                throw new IllegalArgumentException(
                        "zero_division must be one of warn, 0, 1, nan; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        switch (this) {
            case WARN: return "warn";
            case ZERO: return "0";
            case ONE: return "1";
            default: return "nan";
        }
    }
}
