package io.jaccard4j.loss;

import io.jaccard4j.segmentation.GeneralizedDiceScore.WeightType;
import java.util.Objects;

/**
 * The generalized Dice loss (Sudre et al., DLMIA 2017) with soft-label-correct cardinalities, in the style of the
 * Dice semimetric loss. For a group of kept pixels (the whole batch, or each image), probabilities x (after the
 * activation) and targets y (hard labels one-hot, or soft labels):
 * <pre>
 *   X_c = Σ_i x_ci,  Y_c = Σ_i y_ci,  Δ_c = Σ_i |x_ci − y_ci|           (norm-1 cardinality, the default)
 *   I_c = (X_c + Y_c − Δ_c) / 2                                          (= Σ_i x_ci·y_ci on hard labels)
 *   w_c = 1/Y_c² (square, the default), 1/Y_c (simple) or 1 (linear)
 *   L = 1 − (2 Σ_c w_c I_c + s) / (Σ_c w_c (X_c + Y_c) + s)
 * </pre>
 * With the product cardinality I_c = Σ_i x_ci·y_ci (the textbook soft GDL, which is &gt; 0 at x = y for soft y);
 * with the norm-1 cardinality L = 0 whenever x = y, soft labels included. The weights are constants of the targets
 * (no gradient); an infinite weight (Y_c = 0, square or simple) is replaced by the largest finite weight of the
 * group (MONAI's rule), and all weights are 0 when every class is absent; linear weights are 1 for every class,
 * absent ones included. With {@code perImage} the loss is the mean over images of
 * each image's L, else one L over the batch. dL/dx_ci = −[w_c(1 − sign(x_ci − y_ci))·(D + s) − (N + s)·w_c]/(D + s)²
 * (norm-1, sign(0) = 0 as in PyTorch's |·|; product: 2w_c·y_ci in place of w_c(1 − sign)), with N and D the
 * numerator and denominator sums, then through the activation. Pixels masked out or with the ignore index count
 * nowhere; a group without kept pixels contributes 0. Without the background ({@code includeBackground} false, as
 * MONAI's {@code include_background=False}) the sums over c run over the classes 1..C−1 only: class 0 still takes
 * part in the softmax, so its logit still receives a gradient through the activation, but its overlap and its
 * weight count nowhere (nor in the largest finite weight).
 *
 * <p>The registry names it {@code generalized-dice} (alias {@code gdl}); the DJL adapter reads this configuration
 * through {@link #weightType()}, {@link #cardinality()}, {@link #smooth()}, {@link #perImage()} and
 * {@link #includeBackground()}.
 */
public final class GeneralizedDiceLoss implements TrainingLoss {
    private final WeightType weightType;
    private final Cardinality cardinality;
    private final double smooth;
    private final boolean perImage;
    private final boolean includeBackground;

    private GeneralizedDiceLoss(WeightType weightType, Cardinality cardinality, double smooth, boolean perImage,
            boolean includeBackground) {
        this.weightType = weightType;
        this.cardinality = cardinality;
        this.smooth = smooth;
        this.perImage = perImage;
        this.includeBackground = includeBackground;
    }

    /**
     * A generalized Dice loss.
     *
     * @param cardinality {@link Cardinality#norm}(1) (soft-label-correct) or {@link Cardinality#product()}
     * @param smooth s ≥ 0 (e.g. 1e-5)
     * @throws IllegalArgumentException for another cardinality, or a negative or non-finite s
     */
    public static GeneralizedDiceLoss of(WeightType weightType, Cardinality cardinality, double smooth, boolean perImage) {
        return of(weightType, cardinality, smooth, perImage, true);
    }

    /**
     * A generalized Dice loss that scores class 0 or not ({@code includeBackground}); see the class comment.
     *
     * @throws IllegalArgumentException for a cardinality other than norm 1 or the product, or a negative or
     *     non-finite s
     */
    public static GeneralizedDiceLoss of(WeightType weightType, Cardinality cardinality, double smooth, boolean perImage,
            boolean includeBackground) {
        Objects.requireNonNull(weightType, "weightType");
        Objects.requireNonNull(cardinality, "cardinality");
        if (!cardinality.isProduct() && cardinality.exponent() != 1) {
            throw new IllegalArgumentException("generalized Dice loss takes the norm-1 or the product cardinality; got "
                    + cardinality);
        }
        if (!(smooth >= 0) || Double.isInfinite(smooth)) {
            throw new IllegalArgumentException("smooth is " + smooth + "; expected a finite value >= 0");
        }
        return new GeneralizedDiceLoss(weightType, cardinality, smooth, perImage, includeBackground);
    }

    /** The class weights' type. */
    public WeightType weightType() {
        return weightType;
    }

    /** The cardinality: norm 1 or the product. */
    public Cardinality cardinality() {
        return cardinality;
    }

    /** The smoothing s. */
    public double smooth() {
        return smooth;
    }

    /** Whether the loss is the mean of per-image losses (else one loss over the batch). */
    public boolean perImage() {
        return perImage;
    }

    /** Whether class 0 is scored. */
    public boolean includeBackground() {
        return includeBackground;
    }

    /**
     * The class weights of one group from its label masses Y_c (one per class): w_c = 1/Y_c², 1/Y_c or 1; an
     * infinite weight replaced by the largest finite weight of the scored classes (0 if there is none); w_0 = 0
     * without the background. Both this loss and its DJL form weigh with it.
     */
    public double[] weights(double[] labelMass) {
        int first = includeBackground ? 0 : 1;
        double[] w = new double[labelMass.length];
        double max = 0;
        for (int k = first; k < w.length; k++) {
            w[k] = weightType.of(labelMass[k]); // +inf for an absent class unless linear (1)
            if (!Double.isInfinite(w[k])) {
                max = Math.max(max, w[k]);
            }
        }
        for (int k = first; k < w.length; k++) {
            if (Double.isInfinite(w[k])) {
                w[k] = max;
            }
        }
        return w;
    }

    @Override
    public String describe() {
        return "generalized-dice(weight=" + weightType.name().toLowerCase(java.util.Locale.ROOT) + ", " + cardinality
                + ", smooth=" + smooth + (perImage ? ", per image" : "") + (includeBackground ? "" : ", no background")
                + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        LossInput in = new LossInput(predictions, targets, true);
        final int n = in.n, c = in.c, p = in.p;
        final int first = includeBackground ? 0 : 1;
        if (first >= c) {
            throw new IllegalArgumentException("the generalized Dice loss without the background needs at least 2 "
                    + "classes; the predictions have " + c);
        }
        int groups = perImage ? n : 1;
        double[][] xs = new double[groups][c];
        double[][] ys = new double[groups][c];
        double[][] inter = new double[groups][c];
        int[] labels = new int[n * p];
        boolean[] kept = new boolean[n * p];
        for (int b = 0; b < n; b++) {
            int g = perImage ? b : 0;
            for (int i = 0; i < p; i++) {
                in.activate(b, i);
                if (!in.keep(b, i)) {
                    continue;
                }
                int label = in.hard ? in.label(b, i) : 0;
                labels[b * p + i] = label;
                kept[b * p + i] = true;
                for (int k = 0; k < c; k++) {
                    double x = in.prob[in.index(b, k, i)];
                    double y = in.target(b, k, i, label);
                    xs[g][k] += x;
                    ys[g][k] += y;
                    inter[g][k] += cardinality.isProduct() ? x * y : Math.abs(x - y);
                }
            }
        }
        double[][] w = new double[groups][c];
        double[] num = new double[groups];
        double[] den = new double[groups];
        double value = 0;
        for (int g = 0; g < groups; g++) {
            w[g] = weights(ys[g]);
            for (int k = first; k < c; k++) {
                double twiceI = cardinality.isProduct() ? 2 * inter[g][k] : xs[g][k] + ys[g][k] - inter[g][k];
                num[g] += w[g][k] * twiceI;
                den[g] += w[g][k] * (xs[g][k] + ys[g][k]);
            }
            double d = den[g] + smooth;
            value += d == 0 ? 0 : 1 - (num[g] + smooth) / d;
        }
        double scale = 1.0 / groups;
        double[] gx = new double[c];
        for (int b = 0; b < n; b++) {
            int g = perImage ? b : 0;
            double d = den[g] + smooth;
            for (int i = 0; i < p; i++) {
                if (!kept[b * p + i] || d == 0) {
                    java.util.Arrays.fill(gx, 0);
                } else {
                    int label = labels[b * p + i];
                    gx[0] = 0;
                    for (int k = first; k < c; k++) {
                        double x = in.prob[in.index(b, k, i)];
                        double y = in.target(b, k, i, label);
                        double dNum = cardinality.isProduct() ? 2 * w[g][k] * y : w[g][k] * (1 - Math.signum(x - y));
                        double dDen = w[g][k];
                        gx[k] = -scale * (dNum * d - (num[g] + smooth) * dDen) / (d * d);
                    }
                }
                in.backward(b, i, gx);
            }
        }
        return in.result(value * scale);
    }
}
