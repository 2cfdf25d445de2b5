package io.jaccard4j.avgk;

import io.jaccard4j.loss.LossResult;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two-head loss for average-K classification (Garcin, Servajean, Joly, Salmon): a softmax head z (n × C
 * logits) trained with cross-entropy on the true labels, and a multi-label head u (n × C logits) trained with
 * binary cross-entropy on pseudo-labels — each sample's true class, plus the m = ⌊n·(K − 1)⌉ largest softmax
 * probabilities of the batch among the other (sample, class) entries, so that K labels per sample are positive
 * on average:
 * <pre>
 *   L = (1/n) Σ<sub>i</sub> −log softmax(z<sub>i</sub>)<sub>y<sub>i</sub></sub>
 *     + (1/n) Σ<sub>i</sub> Σ<sub>j</sub> [ −t<sub>ij</sub> log σ(u<sub>ij</sub>) − (1 − t<sub>ij</sub>) log(1 − σ(u<sub>ij</sub>)) ]
 * </pre>
 * The pseudo-labels t are constants (no gradient flows through their selection; ties are broken by flat index).
 * Gradients: ∂L/∂z = (softmax(z) − onehot(y))/n, ∂L/∂u = (σ(u) − t)/n. At inference, the multi-label head's
 * probabilities σ(u) are thresholded with {@link AverageK#threshold}.
 */
public final class TwoHeadLoss {
    private final double k;

    private TwoHeadLoss(double k) {
        this.k = k;
    }

    /** The loss for an average set size K ≥ 1. */
    public static TwoHeadLoss forK(double k) {
        if (!(k >= 1) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("K is " + k + "; expected a finite value >= 1");
        }
        return new TwoHeadLoss(k);
    }

    /** The pseudo-labels of a batch from softmax-head logits (row-major n × C). */
    public byte[] pseudoLabels(double[] softmaxLogits, int[] labels, int classes) {
        int n = labels.length;
        double[] p = softmax(softmaxLogits, n, classes);
        byte[] t = new byte[n * classes];
        int others = n * (classes - 1);
        long m = Math.min(others, Math.round(n * (k - 1)));
        Integer[] idx = new Integer[others];
        int q = 0;
        for (int i = 0; i < n; i++) {
            t[i * classes + labels[i]] = 1;
            for (int j = 0; j < classes; j++) {
                if (j != labels[i]) {
                    idx[q++] = i * classes + j;
                }
            }
        }
        Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        for (int r = 0; r < m; r++) {
            t[idx[r]] = 1;
        }
        return t;
    }

    /**
     * Computes the loss.
     *
     * @throws IllegalArgumentException for mismatched lengths, a label outside 0..C−1 or a non-finite logit
     */
    public LossResult compute(double[] softmaxLogits, double[] multilabelLogits, int[] labels, int classes) {
        Objects.requireNonNull(softmaxLogits, "softmaxLogits");
        Objects.requireNonNull(multilabelLogits, "multilabelLogits");
        Objects.requireNonNull(labels, "labels");
        int n = labels.length;
        if (classes < 2 || n < 1 || softmaxLogits.length != n * classes || multilabelLogits.length != n * classes) {
            throw new IllegalArgumentException("both heads need n x C logits (n = " + n + ", C = " + classes
                    + "); got " + softmaxLogits.length + " and " + multilabelLogits.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside 0.."
                        + (classes - 1));
            }
        }
        for (int i = 0; i < n * classes; i++) {
            if (!Double.isFinite(softmaxLogits[i]) || !Double.isFinite(multilabelLogits[i])) {
                throw new IllegalArgumentException("logit " + i + " is not finite");
            }
        }
        double[] p = softmax(softmaxLogits, n, classes);
        byte[] t = pseudoLabels(softmaxLogits, labels, classes);
        double value = 0;
        double[] gz = new double[n * classes];
        double[] gu = new double[n * classes];
        for (int i = 0; i < n; i++) {
            value -= Math.log(Math.max(p[i * classes + labels[i]], Double.MIN_NORMAL));
            for (int j = 0; j < classes; j++) {
                int a = i * classes + j;
                gz[a] = (p[a] - (j == labels[i] ? 1 : 0)) / n;
                double u = multilabelLogits[a];
                // -t log s(u) - (1-t) log(1-s(u)) = max(u, 0) - u t + log(1 + e^-|u|)
                value += Math.max(u, 0) - u * t[a] + Math.log1p(Math.exp(-Math.abs(u)));
                double s = 1 / (1 + Math.exp(-u));
                gu[a] = (s - t[a]) / n;
            }
        }
        return LossResult.of(value / n, gz).withGradient("multilabel", gu);
    }

    static double[] softmax(double[] z, int n, int classes) {
        double[] p = new double[z.length];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[i * classes + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(z[i * classes + j] - max);
            }
            for (int j = 0; j < classes; j++) {
                p[i * classes + j] = Math.exp(z[i * classes + j] - max) / sum;
            }
        }
        return p;
    }
}
