package io.jaccard4j.segmentation;

import java.util.Locale;

/**
 * The Dice score of class-index masks as torchmetrics' {@code DiceScore} reduces it, from {@link ImageClassCounts}.
 * Per image i and scored class c (class 0 dropped unless {@code includeBackground}): Dice_ic = 2tp / (2tp + fp +
 * fn), NaN when the denominator is 0. With aggregation {@code global} the counts are first summed over images
 * (one row); with {@code samplewise} each image is a row. Per row:
 * <ul>
 *   <li>micro: Σ_c 2tp / Σ_c (2tp + fp + fn);</li>
 *   <li>macro: the mean of Dice_c over the classes where it is defined;</li>
 *   <li>weighted: Σ_c Dice_c · s_c / Σ_c s_c with s_c = tp + fn, NaN terms skipped;</li>
 *   <li>none: the vector Dice_c.</li>
 * </ul>
 * The result is the mean over rows, skipping NaN rows (per class for {@code none}).
 */
public final class DiceScore {
    /** How per-class values are combined in a row. */
    public enum Average {
        MICRO, MACRO, WEIGHTED, NONE;

        /** Parses micro, macro, weighted or none. */
        public static Average parse(String name) {
            for (Average a : values()) {
                if (a.name().toLowerCase(Locale.ROOT).equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("average must be one of micro, macro, weighted, none; got '" + name + "'");
        }
    }

    private DiceScore() {
    }

    /**
     * The Dice score; a vector of one value per scored class for {@link Average#NONE}, else one value.
     *
     * @param samplewise true: one row per image; false: counts summed over images first
     */
    public static double[] of(ImageClassCounts counts, Average average, boolean samplewise, boolean includeBackground) {
        int c0 = includeBackground ? 0 : 1;
        int k = counts.numClasses() - c0;
        if (k < 1) {
            throw new IllegalArgumentException("no class to score: " + counts.numClasses()
                    + " class(es) without the background");
        }
        int rows = samplewise ? counts.images() : 1;
        int width = average == Average.NONE ? k : 1;
        double[] sum = new double[width];
        int[] n = new int[width];
        for (int r = 0; r < rows; r++) {
            long[] tp = new long[k];
            long[] fp = new long[k];
            long[] fn = new long[k];
            for (int i = samplewise ? r : 0; i < (samplewise ? r + 1 : counts.images()); i++) {
                for (int j = 0; j < k; j++) {
                    tp[j] += counts.tp(i, c0 + j);
                    fp[j] += counts.fp(i, c0 + j);
                    fn[j] += counts.fn(i, c0 + j);
                }
            }
            double[] row = row(tp, fp, fn, average);
            for (int j = 0; j < width; j++) {
                if (!Double.isNaN(row[j])) {
                    sum[j] += row[j];
                    n[j]++;
                }
            }
        }
        double[] out = new double[width];
        for (int j = 0; j < width; j++) {
            out[j] = n[j] == 0 ? Double.NaN : sum[j] / n[j];
        }
        return out;
    }

    private static double[] row(long[] tp, long[] fp, long[] fn, Average average) {
        int k = tp.length;
        double[] dice = new double[k];
        long num = 0;
        long den = 0;
        long support = 0;
        for (int j = 0; j < k; j++) {
            long d = 2 * tp[j] + fp[j] + fn[j];
            dice[j] = d == 0 ? Double.NaN : 2.0 * tp[j] / d;
            num += 2 * tp[j];
            den += d;
            support += tp[j] + fn[j];
        }
        switch (average) {
            case NONE:
                return dice;
            case MICRO:
                return new double[] {den == 0 ? Double.NaN : (double) num / den};
            case MACRO: {
                double s = 0;
                int m = 0;
                for (double v : dice) {
                    if (!Double.isNaN(v)) {
                        s += v;
                        m++;
                    }
                }
                return new double[] {m == 0 ? Double.NaN : s / m};
            }
            default: {
                if (support == 0) {
                    return new double[] {0.0};
                }
                double s = 0;
                for (int j = 0; j < k; j++) {
                    if (!Double.isNaN(dice[j])) {
                        s += dice[j] * (tp[j] + fn[j]) / support;
                    }
                }
                return new double[] {s};
            }
        }
    }
}
