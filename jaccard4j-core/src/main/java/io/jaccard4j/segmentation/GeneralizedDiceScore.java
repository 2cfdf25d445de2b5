package io.jaccard4j.segmentation;

import java.util.Locale;

/**
 * The generalized Dice score (Sudre et al., DLMIA 2017) of class-index masks, image by image, from
 * {@link ImageClassCounts}, as torchmetrics' {@code GeneralizedDiceScore} defines it. For image i and scored class c
 * (class 0 dropped unless {@code includeBackground}), with t = tp + fn (true pixels) and p = tp + fp:
 * <pre>
 *   w_ic = 1/t² (square), 1/t (simple) or 1 (linear)
 *   GDS_i = 2 Σ_c w_ic·tp_ic / Σ_c w_ic·(t_ic + p_ic)            (per class: 2 w·tp / w·(t + p))
 * </pre>
 * 0/0 gives 0 (torchmetrics' safe divide). A weight that is infinite (class absent from the image's truth) is
 * replaced by the largest finite weight of the same class over the images scored together (0 if none) — the rule
 * torchmetrics intends; for more than one image torchmetrics 1.9.0 indexes the wrong class (see
 * docs/segmentation-metrics.md). The score is the mean of GDS_i over the images.
 */
public final class GeneralizedDiceScore {
    /** The class weights. */
    public enum WeightType {
        SQUARE, SIMPLE, LINEAR;

        /** Parses {@code square}, {@code simple} or {@code linear}. */
        public static WeightType parse(String name) {
            for (WeightType w : values()) {
                if (w.name().toLowerCase(Locale.ROOT).equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return w;
                }
            }
            throw new IllegalArgumentException("weight type must be one of square, simple, linear; got '" + name + "'");
        }

        /** The weight of a class with true mass t: 1/t², 1/t or 1 (+∞ for t = 0 unless linear). */
        public double of(double t) {
            switch (this) {
                case SQUARE: return 1.0 / (t * t);
                case SIMPLE: return 1.0 / t;
                default: return 1.0;
            }
        }
    }

    private final double[][] perImageClass;
    private final double[] perImage;

    private GeneralizedDiceScore(double[][] perImageClass, double[] perImage) {
        this.perImageClass = perImageClass;
        this.perImage = perImage;
    }

    /**
     * The generalized Dice score of every image of {@code counts}.
     *
     * @throws IllegalArgumentException if there is no class to score
     */
    public static GeneralizedDiceScore of(ImageClassCounts counts, WeightType weightType, boolean includeBackground) {
        int c0 = includeBackground ? 0 : 1;
        int k = counts.numClasses() - c0;
        if (k < 1) {
            throw new IllegalArgumentException("no class to score: " + counts.numClasses()
                    + " class(es) without the background");
        }
        int n = counts.images();
        double[][] w = new double[n][k];
        double[] colMax = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                long t = counts.tp(i, c0 + j) + counts.fn(i, c0 + j);
                w[i][j] = t == 0 ? Double.POSITIVE_INFINITY : weightType.of(t);
                if (t != 0) {
                    colMax[j] = Math.max(colMax[j], w[i][j]);
                }
            }
        }
        double[][] perClass = new double[n][k];
        double[] perImage = new double[n];
        for (int i = 0; i < n; i++) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < k; j++) {
                int c = c0 + j;
                double wt = Double.isInfinite(w[i][j]) ? colMax[j] : w[i][j];
                long tp = counts.tp(i, c);
                double nu = 2.0 * tp * wt;
                double de = (double) (2 * tp + counts.fp(i, c) + counts.fn(i, c)) * wt;
                perClass[i][j] = de == 0 ? 0 : nu / de;
                num += nu;
                den += de;
            }
            perImage[i] = den == 0 ? 0 : num / den;
        }
        return new GeneralizedDiceScore(perClass, perImage);
    }

    /** GDS_i of every image. */
    public double[] perImage() {
        return perImage.clone();
    }

    /** The mean over images of GDS_i (NaN without images). */
    public double score() {
        return mean(perImage);
    }

    /** Per scored class, the mean over images of 2 w·tp / w·(t + p) (torchmetrics' {@code per_class=True}). */
    public double[] perClass() {
        int k = perImageClass.length == 0 ? 0 : perImageClass[0].length;
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (double[] row : perImageClass) {
                s += row[j];
            }
            out[j] = perImageClass.length == 0 ? Double.NaN : s / perImageClass.length;
        }
        return out;
    }

    private static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
