package io.jaccard4j.torchmetrics;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.MulticlassConfusion;
import java.util.Arrays;
import java.util.Locale;

/**
 * torchmetrics 1.9's segmentation {@code DiceScore(num_classes, include_background, average, aggregation_level)},
 * accumulated image by image from core's per-image confusion state.
 *
 * <p>For image s and class c (class 0 left out unless {@code include_background}, or when it is the only class):
 * numerator n_sc = 2·|P_c ∩ T_c|, denominator d_sc = |P_c| + |T_c|, support t_sc = |T_c|. With
 * {@code aggregation_level=global} the rows are first summed over images into one row. Then, per row,
 * <ul>
 *   <li>micro: Σ_c n / Σ_c d;</li>
 *   <li>macro: the mean of n_c/d_c over the classes with d_c &gt; 0;</li>
 *   <li>weighted: Σ_c (n_c/d_c)·t_c/Σt over the classes with d_c &gt; 0 (0 when Σt = 0 but some d_c &gt; 0);</li>
 *   <li>none: n_c/d_c per class;</li>
 * </ul>
 * a 0/0 is NaN, and the result is the mean over rows of the non-NaN row values (per class for {@code none}),
 * NaN when there is none.
 *
 * <p>Mutable accumulator; {@link #merge} appends another accumulator's images (in order).
 */
public final class DiceScore implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** torchmetrics' {@code aggregation_level}. */
    public enum AggregationLevel {
        /** Dice per image, then the mean over images. */
        SAMPLEWISE("samplewise"),
        /** Counts summed over images first. */
        GLOBAL("global");

        private final String id;

        AggregationLevel(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /**
         * Parses {@code samplewise} or {@code global}.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static AggregationLevel parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "samplewise": return SAMPLEWISE;
                case "global": return GLOBAL;
                default:
                    throw new IllegalArgumentException("--aggregation-level must be samplewise or global; got '"
                            + text + "'");
            }
        }
    }

    private final int numClasses;
    private final boolean includeBackground;
    private double[] numerator = new double[0];
    private double[] denominator = new double[0];
    private double[] support = new double[0];
    private int images;

    private DiceScore(int numClasses, boolean includeBackground) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("--num-classes must be a positive integer; got " + numClasses);
        }
        this.numClasses = numClasses;
        this.includeBackground = includeBackground;
    }

    /** An empty accumulator for {@code numClasses} classes. */
    public static DiceScore of(int numClasses, boolean includeBackground) {
        return new DiceScore(numClasses, includeBackground);
    }

    public int numClasses() {
        return numClasses;
    }

    public boolean includeBackground() {
        return includeBackground;
    }

    /** Images added. */
    public int images() {
        return images;
    }

    private int first() {
        return includeBackground || numClasses == 1 ? 0 : 1;
    }

    /** The number of classes scored (C, or C − 1 without the background). */
    public int scoredClasses() {
        return numClasses - first();
    }

    /**
     * Adds one image given as class-index masks (flattened; labels in 0..C−1).
     *
     * @throws IllegalArgumentException for different lengths or labels outside 0..C−1
     */
    public DiceScore update(int[] truth, int[] prediction) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException("truth mask has " + truth.length + " pixels but prediction has "
                    + prediction.length);
        }
        return addImage(MulticlassConfusion.of(numClasses).update(truth, prediction));
    }

    /** Adds one image already reduced to its C×C confusion matrix. */
    public DiceScore addImage(MulticlassConfusion image) {
        return addImage(image.labelCounts());
    }

    /**
     * Adds one image given by its per-class counts (tp, predicted, support); classes beyond {@code counts.size()}
     * have no pixels in this image.
     *
     * @throws IllegalArgumentException when the counts have more than C classes
     */
    public DiceScore addImage(LabelCounts c) {
        if (c.size() > numClasses) {
            throw new IllegalArgumentException("image holds class index " + (c.size() - 1) + " but DiceScore has "
                    + numClasses + " classes (0.." + (numClasses - 1) + ")");
        }
        int k = scoredClasses();
        int at = images * k;
        grow((images + 1) * k);
        for (int j = 0; j < k; j++) {
            int cls = j + first();
            boolean seen = cls < c.size();
            numerator[at + j] = seen ? 2 * c.tp(cls) : 0;
            denominator[at + j] = seen ? c.predicted(cls) + c.support(cls) : 0;
            support[at + j] = seen ? c.support(cls) : 0;
        }
        images++;
        return this;
    }

    private void grow(int size) {
        if (size > numerator.length) {
            int n = Math.max(size, numerator.length * 2);
            numerator = Arrays.copyOf(numerator, n);
            denominator = Arrays.copyOf(denominator, n);
            support = Arrays.copyOf(support, n);
        }
    }

    /** Appends another accumulator's images (same classes and background choice); returns this. */
    public DiceScore merge(DiceScore other) {
        if (other.numClasses != numClasses || other.includeBackground != includeBackground) {
            throw new IllegalArgumentException("cannot merge DiceScore accumulators of different classes");
        }
        int k = scoredClasses();
        grow((images + other.images) * k);
        System.arraycopy(other.numerator, 0, numerator, images * k, other.images * k);
        System.arraycopy(other.denominator, 0, denominator, images * k, other.images * k);
        System.arraycopy(other.support, 0, support, images * k, other.images * k);
        images += other.images;
        return this;
    }

    /**
     * The score: one value, or one value a scored class for {@link Average#NONE}.
     *
     * @param average micro, macro, weighted or none
     * @throws IllegalArgumentException for another average
     */
    public double[] compute(Average average, AggregationLevel level) {
        if (average != Average.MICRO && average != Average.MACRO && average != Average.WEIGHTED
                && average != Average.NONE) {
            throw new IllegalArgumentException("--average must be micro, macro, weighted or none for DiceScore; got "
                    + average.id());
        }
        int k = scoredClasses();
        int rows = level == AggregationLevel.GLOBAL ? 1 : images;
        double[] n = numerator;
        double[] d = denominator;
        double[] t = support;
        if (level == AggregationLevel.GLOBAL) {
            n = new double[k];
            d = new double[k];
            t = new double[k];
            for (int s = 0; s < images; s++) {
                for (int j = 0; j < k; j++) {
                    n[j] += numerator[s * k + j];
                    d[j] += denominator[s * k + j];
                    t[j] += support[s * k + j];
                }
            }
        }
        int width = average == Average.NONE ? k : 1;
        double[] sum = new double[width];
        long[] count = new long[width];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                double v = average == Average.NONE ? ratio(n[r * k + j], d[r * k + j]) : row(average, n, d, t, r, k);
                if (!Double.isNaN(v)) {
                    sum[j] += v;
                    count[j]++;
                }
            }
        }
        double[] out = new double[width];
        for (int j = 0; j < width; j++) {
            out[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
        }
        return out;
    }

    private static double row(Average average, double[] n, double[] d, double[] t, int r, int k) {
        int at = r * k;
        switch (average) {
            case MICRO: {
                double sn = 0;
                double sd = 0;
                for (int j = 0; j < k; j++) {
                    sn += n[at + j];
                    sd += d[at + j];
                }
                return ratio(sn, sd);
            }
            case MACRO: {
                double s = 0;
                int c = 0;
                for (int j = 0; j < k; j++) {
                    double v = ratio(n[at + j], d[at + j]);
                    if (!Double.isNaN(v)) {
                        s += v;
                        c++;
                    }
                }
                return c == 0 ? Double.NaN : s / c;
            }
            default: {
                double st = 0;
                for (int j = 0; j < k; j++) {
                    st += t[at + j];
                }
                double s = 0;
                boolean any = false;
                for (int j = 0; j < k; j++) {
                    double v = ratio(n[at + j], d[at + j]);
                    if (!Double.isNaN(v)) {
                        any = true;
                        if (st > 0) {
                            s += v * (t[at + j] / st);
                        }
                    }
                }
                return any ? s : Double.NaN;
            }
        }
    }

    private static double ratio(double n, double d) {
        return d == 0 ? Double.NaN : n / d;
    }
}
