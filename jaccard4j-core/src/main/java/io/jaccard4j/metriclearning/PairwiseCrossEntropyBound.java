package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import java.util.Arrays;
import java.util.Objects;

/**
 * The pairwise cross-entropy (PCE) of Boudiaf et al. (ECCV 2020, "A unifying mutual information view of metric
 * learning: cross-entropy vs. pairwise losses", Sec. 4), a diagnostic: the pairwise loss that cross-entropy training
 * of a linear classifier bounds, written with the batch's soft class means c<sub>k</sub> = (1/n) Σ<sub>j: y<sub>j</sub>=k</sub>
 * z<sub>j</sub> (classes k present in the batch) and a scale λ &gt; 0:
 * <pre>
 *   TIGHT    = −(1/(2λn²)) Σ_i Σ_{j: y_j = y_i} z_iᵀz_j                       (= −(1/(2λ)) Σ_k ‖c_k‖²)
 *   CONTRAST = (1/n) Σ_i log Σ_k exp((1/(λn)) Σ_{j: y_j = k} z_iᵀz_j) − (1/(2λ)) Σ_k ‖c_k‖²
 *   PCE      = TIGHT + CONTRAST
 * </pre>
 * PCE equals the cross-entropy of the linear classifier θ<sub>k</sub> = c<sub>k</sub>/λ built from the batch itself
 * (no bias), so it tracks how far the embeddings are from being linearly separable by their own class means:
 * TIGHT pulls same-class pairs together, CONTRAST pushes the classes apart. This is our reading of the paper's
 * bound; it is exposed as a diagnostic quantity (value, its two parts, gradient dPCE/dz), not as a training loss
 * with defaults. Immutable.
 */
public final class PairwiseCrossEntropyBound {
    private final double lambda;

    private PairwiseCrossEntropyBound(double lambda) {
        this.lambda = lambda;
    }

    /** The bound at scale λ &gt; 0. */
    public static PairwiseCrossEntropyBound withLambda(double lambda) {
        return new PairwiseCrossEntropyBound(MetricLoss.positive("lambda", lambda));
    }

    /** λ. */
    public double lambda() {
        return lambda;
    }

    /** The bound on embeddings z (n × d, row-major) with labels. */
    public LossResult compute(double[] z, int n, int d, int[] labels) {
        MetricLoss.checkInputs(z, n, d, labels);
        int[] cls = Arrays.stream(labels).distinct().sorted().toArray();
        int c = cls.length;
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            yi[i] = Arrays.binarySearch(cls, labels[i]);
        }
        double[] mean = new double[c * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[yi[i] * d + k] += z[i * d + k] / n;
            }
        }
        double sq = 0;
        for (double v : mean) {
            sq += v * v;
        }
        double[] logits = new double[c];
        double[] p = new double[n * c];
        double[] soft = new double[c];
        double lse = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    s += z[i * d + t] * mean[k * d + t];
                }
                logits[k] = s / lambda;
            }
            lse += Terms.logSumExp(logits, c, soft) / n;
            System.arraycopy(soft, 0, p, i * c, c);
        }
        double tight = -sq / (2 * lambda);
        double contrast = lse - sq / (2 * lambda);
        double[] g = new double[n * d];
        double[] pz = new double[c * d]; // Σ_i p_ik z_i
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                for (int t = 0; t < d; t++) {
                    pz[k * d + t] += p[i * c + k] * z[i * d + t];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < d; t++) {
                double v = -2 * mean[yi[j] * d + t] / (lambda * n);
                for (int k = 0; k < c; k++) {
                    v += p[j * c + k] * mean[k * d + t] / (lambda * n);
                }
                v += pz[yi[j] * d + t] / (lambda * n * n);
                g[j * d + t] = v;
            }
        }
        return LossResult.of(tight + contrast, g).withPart("tightness", tight).withPart("contrast", contrast);
    }

    /** The bound on float embeddings (computed in double precision). */
    public LossResult compute(float[] z, int n, int d, int[] labels) {
        return compute(MetricLoss.toDoubles(Objects.requireNonNull(z, "embeddings")), n, d, labels);
    }

    @Override
    public String toString() {
        return "PairwiseCrossEntropyBound(lambda=" + lambda + ")";
    }
}
