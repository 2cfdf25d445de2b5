package io.jaccard4j.loss;

import java.util.Locale;

/**
 * Which classes an overlap loss averages over (the "active classes" of the Jaccard Metric Losses paper).
 *
 * <ul>
 *   <li>{@link #ALL}: every class;</li>
 *   <li>{@link #PRESENT}: a class is active in a group of pixels when the largest label value it receives there
 *       (after masking) exceeds a threshold, max<sub>i</sub> y<sub>c,i</sub> &gt; threshold (default 0.01). For hard
 *       labels that is "the class occurs at least once".</li>
 * </ul>
 */
public enum ActiveClasses {
    ALL,
    PRESENT;

    /**
     * Parses {@code all} or {@code present}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ActiveClasses parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "all": return ALL;
                case "present": return PRESENT;
                default: break;
            }
        }
        throw new IllegalArgumentException("active classes '" + text + "' is not recognised; expected present or all");
    }
}
