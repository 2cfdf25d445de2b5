package io.jaccard4j.calibration;

import java.util.Locale;

/**
 * How ECE groups samples by confidence: {@link #WIDTH}, B equal-width bins over [0, 1] ({@link ConfidenceBins});
 * {@link #MASS}, B bins of equal count (adaptive ECE, Nixon et al. 2019): the samples sorted by confidence (stable)
 * and cut as numpy's {@code array_split} cuts, the first N mod B bins one sample larger.
 */
public enum Binning {
    WIDTH, MASS;

    /** Parses {@code width} or {@code mass}. */
    public static Binning parse(String name) {
        for (Binning b : values()) {
            if (b.name().toLowerCase(Locale.ROOT).equalsIgnoreCase(name == null ? "" : name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("binning must be width or mass; got '" + name + "'");
    }
}
