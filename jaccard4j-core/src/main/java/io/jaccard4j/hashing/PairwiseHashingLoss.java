package io.jaccard4j.hashing;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * Deep pairwise-supervised hashing loss of the DPSH family (Li, Zhao, Kang, <i>Feature Learning based Deep
 * Supervised Hashing with Pairwise Labels</i>, IJCAI 2016), the pairwise objective that Attention-based Saliency
 * Hashing (Fang et al., <i>Attention-based Saliency Hashing for Ophthalmic Image Retrieval</i>, BIBM 2020) trains
 * its network with, on <em>relaxed</em> (real-valued) codes u<sub>i</sub> ∈ ℝ<sup>b</sup>; the binary code used at
 * evaluation is b<sub>i</sub> = sign(u<sub>i</sub>) ({@link #binarize}, sign(0) = +1).
 *
 * <p>With Θ<sub>ij</sub> = ½ u<sub>i</sub>ᵀu<sub>j</sub> and s<sub>ij</sub> = 1 when items i and j share their class,
 * 0 otherwise, for n items (n ≥ 2):
 * <pre>
 *   L = (1/(n(n−1))) Σ_{i≠j} [log(1 + e^{Θ_ij}) − s_ij Θ_ij]          (negative log-likelihood of the pair labels)
 *     + η · (1/n) Σ_i ‖u_i − sign(u_i)‖²                              (quantisation)
 *     + β · Σ_k ((1/n) Σ_i u_ik)²                                      (bit balance: each bit's batch mean near 0)
 * </pre>
 * For binary codes, Θ<sub>ij</sub> = (b − 2·Hamming(b<sub>i</sub>, b<sub>j</sub>))/2, so the likelihood term pulls
 * same-class codes together in Hamming distance and pushes other classes apart. DPSH sums over the pairs and weighs
 * the quantisation by η; we take means (over ordered pairs i ≠ j, over items) so that η and β do not depend on the
 * batch size, and add the bit-balance term that ASH-style hashing networks use to keep every bit informative — these
 * normalisations and the form of the balance term are our choices. sign(u) is held constant (its derivative is 0
 * almost everywhere), so the gradient
 * dL/du<sub>i</sub> = (1/(n(n−1))) Σ<sub>j≠i</sub> (σ(Θ<sub>ij</sub>) − s<sub>ij</sub>) u<sub>j</sub>
 * + (2η/n)(u<sub>i</sub> − sign(u<sub>i</sub>)) + (2β/n) m, m<sub>k</sub> = (1/n) Σ<sub>i</sub> u<sub>ik</sub>, is exact
 * wherever no coordinate is 0. Parts: {@code pairwise}, {@code quantization}, {@code balance}.
 */
public final class PairwiseHashingLoss {
    private final double eta;
    private final double beta;

    private PairwiseHashingLoss(double eta, double beta) {
        this.eta = eta;
        this.beta = beta;
    }

    /**
     * The loss with quantisation weight η and bit-balance weight β (both ≥ 0, finite).
     *
     * @throws IllegalArgumentException for a negative or non-finite weight
     */
    public static PairwiseHashingLoss of(double eta, double beta) {
        if (!(eta >= 0) || !Double.isFinite(eta) || !(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("hashing loss weights must be finite and >= 0; got eta = " + eta
                    + ", beta = " + beta);
        }
        return new PairwiseHashingLoss(eta, beta);
    }

    /** η, the quantisation weight. */
    public double quantizationWeight() {
        return eta;
    }

    /** β, the bit-balance weight. */
    public double balanceWeight() {
        return beta;
    }

    /** The ±1 codes sign(u) of n × bits relaxed codes (sign(0) = +1), row-major. */
    public static double[] binarize(double[] codes) {
        double[] b = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            b[i] = codes[i] >= 0 ? 1 : -1;
        }
        return b;
    }

    /**
     * Value and gradient with respect to the n × bits relaxed codes (row-major), for one class label an item.
     *
     * @throws IllegalArgumentException when n &lt; 2, bits &lt; 1, the lengths disagree or a code is not finite
     */
    public LossResult compute(double[] codes, int n, int bits, int[] labels) {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(labels, "labels");
        if (n < 2 || bits < 1 || codes.length != (long) n * bits || labels.length != n) {
            throw new IllegalArgumentException("codes must be n x bits with n >= 2 and bits >= 1, and labels n long; "
                    + "got " + codes.length + " code values, n = " + n + ", bits = " + bits + ", " + labels.length
                    + " labels");
        }
        for (int i = 0; i < codes.length; i++) {
            if (!Double.isFinite(codes[i])) {
                throw new IllegalArgumentException("code value " + i + " is not finite: " + codes[i]);
            }
        }
        double[] g = new double[codes.length];
        double pairSum = 0;
        double pairs = (double) n * (n - 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < bits; k++) {
                    dot += codes[i * bits + k] * codes[j * bits + k];
                }
                double theta = 0.5 * dot;
                double s = labels[i] == labels[j] ? 1 : 0;
                pairSum += softplus(theta) - s * theta;
                double d = (sigmoid(theta) - s) * 0.5 / pairs;
                for (int k = 0; k < bits; k++) {
                    g[i * bits + k] += d * codes[j * bits + k];
                    g[j * bits + k] += d * codes[i * bits + k];
                }
            }
        }
        double pairwise = pairSum / pairs;
        double quant = 0;
        double[] mean = new double[bits];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < bits; k++) {
                double u = codes[i * bits + k];
                double e = u - (u >= 0 ? 1 : -1);
                quant += e * e;
                g[i * bits + k] += 2 * eta * e / n;
                mean[k] += u / n;
            }
        }
        quant /= n;
        double balance = 0;
        for (int k = 0; k < bits; k++) {
            balance += mean[k] * mean[k];
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < bits; k++) {
                g[i * bits + k] += 2 * beta * mean[k] / n;
            }
        }
        return LossResult.of(pairwise + eta * quant + beta * balance, g).withPart("pairwise", pairwise)
                .withPart("quantization", quant).withPart("balance", balance);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
