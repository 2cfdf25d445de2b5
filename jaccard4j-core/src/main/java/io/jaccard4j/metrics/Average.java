package io.jaccard4j.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How per-label scores are combined, with scikit-learn's {@code average} semantics.
 *
 * <ul>
 *   <li>{@link #BINARY}: only the score of {@code pos_label}; the target must be binary;</li>
 *   <li>{@link #MICRO}: one score from the counts summed over labels;</li>
 *   <li>{@link #MACRO}: the unweighted mean of per-label scores;</li>
 *   <li>{@link #WEIGHTED}: the mean of per-label scores weighted by support (true instances);</li>
 *   <li>{@link #SAMPLES}: the mean over samples of the per-sample score (multilabel targets only);</li>
 *   <li>{@link #NONE}: the per-label scores themselves.</li>
 * </ul>
 */
public enum Average {
    BINARY, MICRO, MACRO, WEIGHTED, SAMPLES, NONE;

    /** The lower-case name used by scikit-learn and the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses one of {@code binary, micro, macro, weighted, samples, none} (case-insensitive). */
    public static Average parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Average a : values()) {
            if (a.id().equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("average must be one of "
                + Arrays.stream(values()).map(Average::id).collect(Collectors.joining(", "))
                + "; got '" + text + "'");
    }

    @Override
    public String toString() {
        return id();
    }
}
