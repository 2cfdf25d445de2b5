package io.jaccard4j.segmentation.boundary;

import java.util.Locale;

/**
 * What the Hausdorff distance and the average surface distance of a class are when its predicted or true mask
 * is empty (they measure between two surfaces, so they have no value then). NSD and the boundary F-score have a
 * natural value whenever one surface exists (0) and are NaN when both masks are empty, under both rules.
 * <ul>
 *   <li>{@link #NAN} (the default): NaN, and the (image, class) pair is left out of every mean; the number of
 *       such pairs is reported by {@link SurfaceScores#undefinedPairs()};</li>
 *   <li>{@link #TORCHMETRICS}: torchmetrics 1.9.0's {@code HausdorffDistance}: +∞ when exactly one mask is empty
 *       (so the mean is +∞), and an error when both are (torchmetrics raises {@code RuntimeError}).</li>
 * </ul>
 */
public enum EmptyMaskRule {
    NAN, TORCHMETRICS;

    /** Parses {@code nan} or {@code torchmetrics} (any case). */
    public static EmptyMaskRule parse(String name) {
        for (EmptyMaskRule r : values()) {
            if (r.name().toLowerCase(Locale.ROOT).equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("empty-mask rule must be one of nan, torchmetrics; got '" + name + "'");
    }
}
