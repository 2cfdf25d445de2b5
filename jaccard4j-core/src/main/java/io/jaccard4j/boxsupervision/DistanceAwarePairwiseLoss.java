package io.jaccard4j.boxsupervision;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * BoxSnake's distance-aware pairwise loss (Yang, Song, Ge, Li, ICCV 2023, Section 3.3) on the soft mask M of a
 * rasterised polygon ({@link SoftPolygonRasterizer}; "distance-aware" because M is the sigmoid of each pixel's signed
 * distance to the contour, so the loss moves the contour's vertices). It has two terms; with the image's colour
 * vectors c<sub>p</sub> (C channels) and the annotated box B:
 * <ul>
 * <li><b>local</b> — neighbouring pixels of similar colour should be on the same side of the contour: for each
 * pixel p in B and each neighbour q at the offsets {−d, 0, d}² \ {(0, 0)} inside the image,
 * w<sub>pq</sub> = exp(−‖c<sub>p</sub> − c<sub>q</sub>‖ / σ) and
 * <pre>  L_local = Σ w_pq |M_p − M_q| / max(Σ w_pq, 1);</pre></li>
 * <li><b>global</b> — a Chan–Vese level-set energy over the box's pixels R = B: the colours inside and outside the
 * contour should each be uniform,
 * <pre>
 *   μ⁺ = Σ_R c_p M_p / max(Σ_R M_p, 10⁻⁵),   μ⁻ = Σ_R c_p (1 − M_p) / max(Σ_R (1 − M_p), 10⁻⁵),
 *   L_global = Σ_R (‖c_p − μ⁺‖² M_p + ‖c_p − μ⁻‖² (1 − M_p)) / (C · |R|).
 * </pre></li>
 * </ul>
 * Both gradients with respect to M are exact (including through μ<sup>±</sup>; the gradient of |a| at a = 0 is 0).
 *
 * <p>Choices where the paper leaves one: the official code's defaults d = 2 (3 × 3 kernel, dilation 2) and σ = 2 are
 * the defaults here; neighbours outside the image form no pair (the official code pads with zeros and masks them
 * out, which is the same); the global term is taken over the box's own pixels (the official code crops the box
 * enlarged by 1/16 of its size on each side); colours are whatever the caller passes (the official code uses LAB
 * for the local term and the normalised image for the global one).
 */
public final class DistanceAwarePairwiseLoss {
    /** The clamp on the region masses in μ<sup>±</sup>. */
    public static final double MASS_FLOOR = 1e-5;

    private final int dilation;
    private final double sigma;

    private DistanceAwarePairwiseLoss(int dilation, double sigma) {
        this.dilation = dilation;
        this.sigma = sigma;
    }

    /** The official code's settings: dilation 2, σ = 2. */
    public static DistanceAwarePairwiseLoss boxSnake() {
        return of(2, 2.0);
    }

    /**
     * A loss with neighbour dilation d ≥ 1 and colour scale σ &gt; 0.
     *
     * @throws IllegalArgumentException for a value outside those ranges
     */
    public static DistanceAwarePairwiseLoss of(int dilation, double sigma) {
        if (dilation < 1 || !(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("distance-aware pairwise loss needs dilation >= 1 and finite sigma > 0; "
                    + "got " + dilation + ", " + sigma);
        }
        return new DistanceAwarePairwiseLoss(dilation, sigma);
    }

    /** The neighbour dilation d. */
    public int dilation() {
        return dilation;
    }

    /** The colour scale σ. */
    public double sigma() {
        return sigma;
    }

    static void checkInputs(double[] mask, double[] image, int h, int w, int channels, Box box) {
        Objects.requireNonNull(mask, "mask");
        if (h < 1 || w < 1 || mask.length != (long) h * w) {
            throw new IllegalArgumentException("mask must be h x w = " + h + " x " + w + "; got " + mask.length
                    + " values");
        }
        for (int i = 0; i < mask.length; i++) {
            if (!(mask[i] >= 0 && mask[i] <= 1)) {
                throw new IllegalArgumentException("mask value " + i + " must be in [0, 1]; got " + mask[i]);
            }
        }
        checkImage(image, h, w, channels, box);
    }

    static void checkImage(double[] image, int h, int w, int channels, Box box) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(box, "box");
        if (h < 1 || w < 1 || channels < 1 || image.length != (long) h * w * channels) {
            throw new IllegalArgumentException("image must be h x w x channels = " + h + " x " + w + " x " + channels
                    + "; got " + image.length + " values");
        }
        box.check(h, w);
        for (int i = 0; i < image.length; i++) {
            if (!Double.isFinite(image[i])) {
                throw new IllegalArgumentException("image value " + i + " is not finite: " + image[i]);
            }
        }
    }

    /**
     * The pair weights w<sub>pq</sub> (h × w × 8, offsets in row-major order of the 3 × 3 kernel without its
     * centre; 0 where p is outside the box or q outside the image).
     *
     * @throws IllegalArgumentException on a size mismatch, a non-finite colour or a box outside the image
     */
    public double[] pairWeights(double[] image, int h, int w, int channels, Box box) {
        checkImage(image, h, w, channels, box);
        double[] out = NeighbourColourDistance.of(image, h, w, channels, box, dilation);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] >= 0 ? Math.exp(-out[i] / sigma) : 0;
        }
        return out;
    }

    /**
     * The local term and its gradient with respect to the mask.
     *
     * @throws IllegalArgumentException on a size mismatch, a mask value outside [0, 1], a non-finite colour or a box
     *     outside the image
     */
    public LossResult local(double[] mask, double[] image, int h, int w, int channels, Box box) {
        checkInputs(mask, image, h, w, channels, box);
        double[] weights = pairWeights(image, h, w, channels, box);
        double sum = 0;
        double total = 0;
        double[] g = new double[mask.length];
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
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
                        double diff = mask[i] - mask[j];
                        sum += we * Math.abs(diff);
                        total += we;
                        double s = Math.signum(diff);
                        g[i] += we * s;
                        g[j] -= we * s;
                    }
                }
            }
        }
        double norm = Math.max(total, 1);
        for (int i = 0; i < g.length; i++) {
            g[i] /= norm;
        }
        return LossResult.of(sum / norm, g).withPart("weight", total);
    }

    /**
     * The global (level-set) term and its gradient with respect to the mask.
     *
     * @throws IllegalArgumentException as {@link #local}
     */
    public LossResult global(double[] mask, double[] image, int h, int w, int channels, Box box) {
        checkInputs(mask, image, h, w, channels, box);
        double massIn = 0;
        double massOut = 0;
        double[] sumIn = new double[channels];
        double[] sumOut = new double[channels];
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double m = mask[y * w + x];
                massIn += m;
                massOut += 1 - m;
                for (int c = 0; c < channels; c++) {
                    sumIn[c] += image[(y * w + x) * channels + c] * m;
                    sumOut[c] += image[(y * w + x) * channels + c] * (1 - m);
                }
            }
        }
        double denIn = Math.max(massIn, MASS_FLOOR);
        double denOut = Math.max(massOut, MASS_FLOOR);
        double[] muIn = new double[channels];
        double[] muOut = new double[channels];
        for (int c = 0; c < channels; c++) {
            muIn[c] = sumIn[c] / denIn;
            muOut[c] = sumOut[c] / denOut;
        }
        // ∂E/∂μ: −2 Σ (c − μ) M, zero at the unclamped optimum but kept for the clamped case
        double[] dMuIn = new double[channels];
        double[] dMuOut = new double[channels];
        double energy = 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double m = mask[y * w + x];
                for (int c = 0; c < channels; c++) {
                    double v = image[(y * w + x) * channels + c];
                    energy += (v - muIn[c]) * (v - muIn[c]) * m + (v - muOut[c]) * (v - muOut[c]) * (1 - m);
                    dMuIn[c] += -2 * (v - muIn[c]) * m;
                    dMuOut[c] += -2 * (v - muOut[c]) * (1 - m);
                }
            }
        }
        double norm = (double) channels * (box.x1() - box.x0()) * (box.y1() - box.y0());
        double[] g = new double[mask.length];
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double gi = 0;
                for (int c = 0; c < channels; c++) {
                    double v = image[(y * w + x) * channels + c];
                    gi += (v - muIn[c]) * (v - muIn[c]) - (v - muOut[c]) * (v - muOut[c]);
                    // μ⁺ = S⁺/max(m⁺, floor): ∂μ⁺/∂M_p = (v − μ⁺)/m⁺ unclamped, v/floor clamped; μ⁻ with −1
                    double dIn = massIn > MASS_FLOOR ? (v - muIn[c]) / massIn : v / MASS_FLOOR;
                    double dOut = massOut > MASS_FLOOR ? -(v - muOut[c]) / massOut : -v / MASS_FLOOR;
                    gi += dMuIn[c] * dIn + dMuOut[c] * dOut;
                }
                g[y * w + x] = gi / norm;
            }
        }
        return LossResult.of(energy / norm, g);
    }
}
