package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * Self-boosted calibrated ranking with a per-query calibration map, after Zhang, Liu, Bao, Yu, Song, <i>A
 * Self-boosted Framework for Calibrated Ranking</i> (SBCR), KDD 2024 (arXiv:2406.08010): the ranking term works on
 * the raw scores and compares each training item with the scores the deployed model logged for the other items of
 * its query (so no whole candidate list has to sit in one batch), while the pointwise log-loss acts on a
 * <em>query-dependent</em> monotone piecewise-linear calibration of the predicted probability.
 *
 * <p><b>Calibration (per query).</b> The predicted probability ŷ = σ(s) ∈ (0, 1) is mapped by
 * g(ŷ; q), piecewise linear over K equal intervals [k/K, (k + 1)/K) of [0, 1]. Query q has K logits
 * a<sub>q,0..K−1</sub>; the rise of interval k is Δ<sub>q,k</sub> = softmax(a<sub>q</sub>)<sub>k</sub> &gt; 0, so
 * g(0; q) = 0, g(1; q) = 1 and g is strictly increasing (it never reorders a query's items):
 * <pre>  g(ŷ; q) = Σ_{k &lt; j} Δ_{q,k} + (K·ŷ − j)·Δ_{q,j},   j = min(⌊K·ŷ⌋, K − 1).</pre>
 * In the paper the interval parameters come from a network on query features; here the logits a (Q × K) are the
 * input, and their gradient dL/da is returned ({@code gradient("calibration")}) for the caller to pass back into
 * whatever produces them. Equal intervals and uniform logits (g = identity) are our choices where the public
 * summary of the method (Section 3, calibration module) leaves the boundaries open.
 *
 * <p><b>Objective.</b> For n items with raw scores s<sub>i</sub>, labels y<sub>i</sub> ∈ [0, 1] and query ids
 * q<sub>i</sub> ∈ [0, Q), and the logged (dumped) context of the deployed model — scores c<sub>m</sub>, labels, query
 * ids; constants —
 * <pre>
 *   L = α · (1/n) Σ_i BCE(g(σ(s_i); q_i), y_i)
 *     + (1 − α) · (1/|P|) Σ_{(hi, lo) ∈ P} softplus(−(s_hi − s_lo))
 * </pre>
 * with BCE(p, y) = −[y·max(log p, −100) + (1 − y)·max(log(1 − p), −100)] (torch's {@code binary_cross_entropy}
 * convention) and P the multi-sample pairs of {@link CalibratedRankingLoss}: every ordered pair of the same query
 * whose labels differ, between two batch items or between a batch item and a logged item (its logged score in
 * place of s). Gradients are exact: dL/ds (through σ and g, and the pairs) and dL/da; dBCE/dp uses
 * (p − y)/max(p(1 − p), 10⁻¹²), as torch does. At an interval boundary the right-hand interval's slope is used.
 * Parts: {@code pointwise}, {@code pairwise}, {@code pairs}.
 */
public final class QueryCalibratedRankingLoss {
    /** The name of the calibration-logit gradient in the {@link LossResult}. */
    public static final String CALIBRATION = "calibration";

    private final int intervals;
    private final double alpha;
    private final CalibratedRankingLoss pairTerm;

    private QueryCalibratedRankingLoss(int intervals, double alpha) {
        this.intervals = intervals;
        this.alpha = alpha;
        this.pairTerm = CalibratedRankingLoss.builder().pointwiseWeight(0).build();
    }

    /**
     * K equal calibration intervals and pointwise weight α.
     *
     * @throws IllegalArgumentException when K &lt; 1 or α is not in [0, 1]
     */
    public static QueryCalibratedRankingLoss of(int intervals, double alpha) {
        if (intervals < 1) {
            throw new IllegalArgumentException("the per-query calibration needs at least 1 interval; got " + intervals);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("the pointwise weight alpha must be in [0, 1]; got " + alpha);
        }
        return new QueryCalibratedRankingLoss(intervals, alpha);
    }

    /** K, the number of calibration intervals. */
    public int intervals() {
        return intervals;
    }

    /** α, the weight of the pointwise term. */
    public double pointwiseWeight() {
        return alpha;
    }

    /** Q × K zero logits: g(ŷ; q) = ŷ for every query. */
    public double[] identityLogits(int queries) {
        if (queries < 1) {
            throw new IllegalArgumentException("need at least 1 query; got " + queries);
        }
        return new double[queries * intervals];
    }

    private double[] increments(double[] logits, int q) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < intervals; k++) {
            max = Math.max(max, logits[q * intervals + k]);
        }
        double sum = 0;
        double[] d = new double[intervals];
        for (int k = 0; k < intervals; k++) {
            d[k] = Math.exp(logits[q * intervals + k] - max);
            sum += d[k];
        }
        for (int k = 0; k < intervals; k++) {
            d[k] /= sum;
        }
        return d;
    }

    private int interval(double p) {
        return Math.min((int) Math.floor(p * intervals), intervals - 1);
    }

    /** g(ŷ; q): the calibrated probability of predicted probability {@code p} in query {@code q}. */
    public double calibrate(double p, int q, double[] logits) {
        double[] d = increments(logits, q);
        int j = interval(p);
        double g = 0;
        for (int k = 0; k < j; k++) {
            g += d[k];
        }
        return g + (intervals * p - j) * d[j];
    }

    /** The loss without logged context (pairs within the batch only). */
    public LossResult compute(double[] scores, double[] labels, int[] queries, double[] logits) {
        return compute(scores, labels, queries, CalibratedRankingLoss.LoggedContext.none(), logits);
    }

    /**
     * The loss, its gradient in the scores and ({@code gradient("calibration")}) in the Q × K calibration logits.
     *
     * @throws IllegalArgumentException on mismatched lengths, a query id outside [0, Q), non-finite scores or
     *     logits, or labels outside [0, 1]
     */
    public LossResult compute(double[] scores, double[] labels, int[] queries,
            CalibratedRankingLoss.LoggedContext context, double[] logits) {
        Objects.requireNonNull(logits, "calibration logits");
        if (logits.length == 0 || logits.length % intervals != 0) {
            throw new IllegalArgumentException("calibration logits must be Q x K with K = " + intervals
                    + "; got " + logits.length + " values");
        }
        int nq = logits.length / intervals;
        for (int i = 0; i < logits.length; i++) {
            if (!Double.isFinite(logits[i])) {
                throw new IllegalArgumentException("calibration logit " + i + " is not finite: " + logits[i]);
            }
        }
        LossResult pairs = pairTerm.compute(scores, labels, queries, context, pairTerm.identityParameters());
        int n = scores.length;
        for (int i = 0; i < n; i++) {
            if (queries[i] < 0 || queries[i] >= nq) {
                throw new IllegalArgumentException("query id " + i + " must be in [0, " + nq + ") (one row of "
                        + "calibration logits a query); got " + queries[i]);
            }
        }
        double[][] inc = new double[nq][];
        for (int q = 0; q < nq; q++) {
            inc[q] = increments(logits, q);
        }
        double bce = 0;
        double[] gs = new double[n];
        double[] ga = new double[logits.length];
        for (int i = 0; i < n; i++) {
            int q = queries[i];
            double[] d = inc[q];
            double yhat = sigmoid(scores[i]);
            int j = interval(yhat);
            double p = 0;
            for (int k = 0; k < j; k++) {
                p += d[k];
            }
            double frac = intervals * yhat - j;
            p += frac * d[j];
            double y = labels[i];
            bce -= y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log1p(-p), -100);
            double dp = (p - y) / Math.max(p * (1 - p), 1e-12) / n;
            // dp/ds = K·Δ_j·σ'(s)
            gs[i] = alpha * dp * intervals * d[j] * yhat * (1 - yhat);
            // dp/dΔ_k = 1 (k < j), frac (k = j), 0 (k > j); dΔ_k/da_l = Δ_k(δ_kl − Δ_l)
            double dot = 0;
            for (int k = 0; k <= j; k++) {
                dot += (k < j ? 1 : frac) * d[k];
            }
            for (int l = 0; l < intervals; l++) {
                double coef = l < j ? 1 : (l == j ? frac : 0);
                ga[q * intervals + l] += alpha * dp * d[l] * (coef - dot);
            }
        }
        bce /= n;
        double[] gp = pairs.gradientAsDouble();
        for (int i = 0; i < n; i++) {
            gs[i] += (1 - alpha) * gp[i];
        }
        double pairwise = pairs.part("pairwise");
        return LossResult.of(alpha * bce + (1 - alpha) * pairwise, gs).withGradient(CALIBRATION, ga)
                .withPart("pointwise", bce).withPart("pairwise", pairwise).withPart("pairs", pairs.part("pairs"));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
