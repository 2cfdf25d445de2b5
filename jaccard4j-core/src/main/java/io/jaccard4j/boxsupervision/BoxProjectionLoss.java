package io.jaccard4j.boxsupervision;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * The box projection loss of BoxInst (Tian, Shen, Wang, He, <i>BoxInst: High-Performance Instance Segmentation with
 * Box Annotations</i>, CVPR 2021, Section 3.2), which BoxSnake (Yang et al., ICCV 2023) keeps: the predicted mask
 * m = σ(z) (h × w logits z) is projected onto each axis by a maximum and compared with the box's projection by the
 * Dice loss:
 * <pre>
 *   p<sub>x</sub>[x] = max_y m[y][x],  p<sub>y</sub>[y] = max_x m[y][x],   b<sub>x</sub>[x] = [x0 ≤ x &lt; x1],  b<sub>y</sub>[y] = [y0 ≤ y &lt; y1]
 *   L = Dice(p_x, b_x) + Dice(p_y, b_y),   Dice(p, t) = 1 − 2 Σ p·t / (Σ p² + Σ t² + ε),  ε = 10⁻⁵
 * </pre>
 * (BoxInst's dice coefficient with its ε). The gradient of a maximum goes to the first index attaining it (as
 * torch's {@code max(dim)} routes it); it is exact wherever the maximum of each row and column is unique.
 */
public final class BoxProjectionLoss {
    /** BoxInst's ε in the Dice denominator. */
    public static final double EPSILON = 1e-5;

    private BoxProjectionLoss() {
    }

    /**
     * Value and gradient with respect to the h × w mask logits (row-major).
     *
     * @throws IllegalArgumentException on a size mismatch, a non-finite logit or a box outside the image
     */
    public static LossResult compute(double[] logits, int h, int w, Box box) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(box, "box");
        if (h < 1 || w < 1 || logits.length != (long) h * w) {
            throw new IllegalArgumentException("mask logits must be h x w = " + h + " x " + w + "; got "
                    + logits.length + " values");
        }
        box.check(h, w);
        double[] m = new double[logits.length];
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(logits[i])) {
                throw new IllegalArgumentException("mask logit " + i + " is not finite: " + logits[i]);
            }
            m[i] = sigmoid(logits[i]);
        }
        double[] px = new double[w];
        int[] ax = new int[w];
        for (int x = 0; x < w; x++) {
            px[x] = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < h; y++) {
                if (m[y * w + x] > px[x]) {
                    px[x] = m[y * w + x];
                    ax[x] = y * w + x;
                }
            }
        }
        double[] py = new double[h];
        int[] ay = new int[h];
        for (int y = 0; y < h; y++) {
            py[y] = Double.NEGATIVE_INFINITY;
            for (int x = 0; x < w; x++) {
                if (m[y * w + x] > py[y]) {
                    py[y] = m[y * w + x];
                    ay[y] = y * w + x;
                }
            }
        }
        double[] g = new double[logits.length];
        double lx = dice(px, box.x0(), box.x1(), ax, g);
        double ly = dice(py, box.y0(), box.y1(), ay, g);
        for (int i = 0; i < g.length; i++) {
            g[i] *= m[i] * (1 - m[i]);
        }
        return LossResult.of(lx + ly, g).withPart("x", lx).withPart("y", ly);
    }

    /** Dice(p, box indicator on [lo, hi)); adds dDice/dp to g at each p's source pixel (before the sigmoid factor). */
    private static double dice(double[] p, int lo, int hi, int[] source, double[] g) {
        double inter = 0;
        double union = EPSILON + (hi - lo);
        for (int i = 0; i < p.length; i++) {
            if (i >= lo && i < hi) {
                inter += p[i];
            }
            union += p[i] * p[i];
        }
        for (int i = 0; i < p.length; i++) {
            double t = i >= lo && i < hi ? 1 : 0;
            g[source[i]] += -2 * t / union + 4 * inter * p[i] / (union * union);
        }
        return 1 - 2 * inter / union;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
