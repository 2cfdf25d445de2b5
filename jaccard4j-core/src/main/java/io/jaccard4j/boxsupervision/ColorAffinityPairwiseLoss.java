package io.jaccard4j.boxsupervision;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * The pairwise colour-affinity loss of BoxInst (Tian, Shen, Wang, He, CVPR 2021, Section 3.3): neighbouring pixels
 * of similar colour should carry the same label. For mask logits z (h × w), m = σ(z), each pixel i and each of its
 * neighbours j at the offsets (dy, dx) ∈ {−d, 0, d}² \ {(0, 0)} (a 3 × 3 kernel with dilation d; BoxInst: d = 2)
 * form an edge e with colour similarity S<sub>e</sub> = exp(−θ‖c<sub>i</sub> − c<sub>j</sub>‖) (c the pixel's
 * colour vector, BoxInst: LAB, θ = 0.5) and probability of equal labels
 * P<sub>e</sub> = m<sub>i</sub>m<sub>j</sub> + (1 − m<sub>i</sub>)(1 − m<sub>j</sub>), evaluated in log space as
 * logsumexp(logσ(z<sub>i</sub>) + logσ(z<sub>j</sub>), logσ(−z<sub>i</sub>) + logσ(−z<sub>j</sub>)). With
 * w<sub>e</sub> = [S<sub>e</sub> ≥ τ]·[i in the box] (BoxInst: τ = 0.3),
 * <pre>  L = −Σ_e w_e log P_e / max(Σ_e w_e, 1).</pre>
 * Neighbours outside the image form no edge (BoxInst's unfold pads with zeros instead; skipping them is our
 * choice). Every ordered (pixel, offset) edge counts, as in BoxInst. The gradient with respect to z is exact.
 */
public final class ColorAffinityPairwiseLoss {
    private final int dilation;
    private final double theta;
    private final double threshold;

    private ColorAffinityPairwiseLoss(int dilation, double theta, double threshold) {
        this.dilation = dilation;
        this.theta = theta;
        this.threshold = threshold;
    }

    /** BoxInst's settings: dilation 2, θ = 0.5, τ = 0.3. */
    public static ColorAffinityPairwiseLoss boxInst() {
        return of(2, 0.5, 0.3);
    }

    /**
     * A loss with the given dilation (≥ 1), colour scale θ (&gt; 0) and similarity threshold τ (in [0, 1]).
     *
     * @throws IllegalArgumentException for a value outside those ranges
     */
    public static ColorAffinityPairwiseLoss of(int dilation, double theta, double threshold) {
        if (dilation < 1 || !(theta > 0) || !Double.isFinite(theta) || !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("colour-affinity loss needs dilation >= 1, theta > 0 and threshold in "
                    + "[0, 1]; got " + dilation + ", " + theta + ", " + threshold);
        }
        return new ColorAffinityPairwiseLoss(dilation, theta, threshold);
    }

    /** The neighbour dilation d. */
    public int dilation() {
        return dilation;
    }

    /**
     * The per-edge weights w<sub>e</sub> (h × w × 8, offsets in row-major order of the 3 × 3 kernel without its
     * centre) of an image with {@code channels} colour values a pixel (h × w × channels, row-major).
     */
    public double[] edgeWeights(double[] image, int h, int w, int channels, Box box) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(box, "box");
        if (h < 1 || w < 1 || channels < 1 || image.length != (long) h * w * channels) {
            throw new IllegalArgumentException("image must be h x w x channels = " + h + " x " + w + " x " + channels
                    + "; got " + image.length + " values");
        }
        box.check(h, w);
        double[] out = NeighbourColourDistance.of(image, h, w, channels, box, dilation);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] >= 0 && Math.exp(-theta * out[i]) >= threshold ? 1 : 0;
        }
        return out;
    }

    /**
     * Value and gradient with respect to the h × w mask logits.
     *
     * @throws IllegalArgumentException on a size mismatch, a non-finite value or a box outside the image
     */
    public LossResult compute(double[] logits, double[] image, int h, int w, int channels, Box box) {
        Objects.requireNonNull(logits, "logits");
        if (logits.length != (long) h * w) {
            throw new IllegalArgumentException("mask logits must be h x w = " + h + " x " + w + "; got "
                    + logits.length + " values");
        }
        for (int i = 0; i < logits.length; i++) {
            if (!Double.isFinite(logits[i])) {
                throw new IllegalArgumentException("mask logit " + i + " is not finite: " + logits[i]);
            }
        }
        double[] weights = edgeWeights(image, h, w, channels, box);
        double sum = 0;
        double total = 0;
        double[] g = new double[logits.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int e = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dy == 0 && dx == 0) {
                            continue;
                        }
                        double we = weights[(y * w + x) * 8 + e++];
                        if (we == 0) {
                            continue;
                        }
                        int i = y * w + x;
                        int j = (y + dy * dilation) * w + x + dx * dilation;
                        double a = logSigmoid(logits[i]) + logSigmoid(logits[j]);
                        double b = logSigmoid(-logits[i]) + logSigmoid(-logits[j]);
                        double mx = Math.max(a, b);
                        double logP = mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx));
                        sum -= we * logP;
                        total += we;
                        // d logP/dz_i = (e^a (1 − σ(z_i)) − e^b σ(z_i)) / P, using d logσ(z)/dz = 1 − σ(z)
                        double pa = Math.exp(a - logP);
                        double pb = Math.exp(b - logP);
                        double si = sigmoid(logits[i]);
                        double sj = sigmoid(logits[j]);
                        g[i] -= we * (pa * (1 - si) - pb * si);
                        g[j] -= we * (pa * (1 - sj) - pb * sj);
                    }
                }
            }
        }
        double norm = Math.max(total, 1);
        for (int i = 0; i < g.length; i++) {
            g[i] /= norm;
        }
        return LossResult.of(sum / norm, g).withPart("edges", total);
    }

    private static double logSigmoid(double x) {
        return -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
