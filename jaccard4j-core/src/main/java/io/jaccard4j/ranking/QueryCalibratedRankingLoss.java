package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * Self-boosted calibrated ranking with a per-query calibration map, after Zhang, Liu, Bao, Yu, Song, <i>A
 * Self-boosted Framework for Calibrated Ranking</i> (SBCR), KDD 2024 (arXiv:2406.08010): a ranking module trained
 * on the raw scores by a pointwise log-loss and a self-boosted pairwise loss (each training item compared with the
 * scores the deployed model logged for the other items of its query, so no whole candidate list has to sit in one
 * batch), and a <em>query-dependent</em> monotone piecewise-linear calibration module trained on the ranking
 * module's probability held fixed.
 *
 * <p><b>Calibration (per query).</b> The predicted probability ŷ = σ(s) ∈ (0, 1) is mapped by
 * g(ŷ; q), piecewise linear over K equal intervals [k/K, (k + 1)/K) of [0, 1]. Query q has K logits
 * a<sub>q,0..K−1</sub>; the rise of interval k is Δ<sub>q,k</sub> = softmax(a<sub>q</sub>)<sub>k</sub> &gt; 0, so
 * g(0; q) = 0, g(1; q) = 1 and g is strictly increasing (it never reorders a query's items):
 * <pre>  g(ŷ; q) = Σ_{k &lt; j} Δ_{q,k} + (K·ŷ − j)·Δ_{q,j},   j = min(⌊K·ŷ⌋, K − 1).</pre>
 * In the paper the interval rises come from a network on query features; here the logits a (Q × K) are the
 * input, and their gradient dL/da is returned ({@code gradient("calibration")}) for the caller to pass back into
 * whatever produces them. This map (equal intervals, softmax rises, linear interpolation) is the one of the
 * reimplementation of SBCR's calibration module by a group including SBCR's first author (Bai et al., <i>Unconstrained
 * Monotonic Calibration of Predictions in Deep Ranking Systems</i>, SIGIR 2025, github.com/baiyimeng/UMC,
 * {@code calib/SelfBoostCalibRank.py}, which uses K = 100); the paper's own equations could not be read here
 * (docs/ranking-losses.md, SBCR notes).
 *
 * <p><b>Objective ({@link Coupling#DECOUPLED}, the default: the paper's structure).</b> For n items with raw scores
 * s<sub>i</sub>, labels y<sub>i</sub> ∈ [0, 1] and query ids q<sub>i</sub> ∈ [0, Q), and the logged (dumped)
 * context of the deployed model — scores c<sub>m</sub>, labels, query ids; constants —
 * <pre>
 *   L       = L_rank(s) + L_calib(a)
 *   L_rank  = α · (1/n) Σ_i [softplus(s_i) − y_i·s_i]                         (log-loss of σ(s_i))
 *           + (1 − α) · (1/|P|) Σ_{(hi, lo) ∈ P} softplus(−(s_hi − s_lo))   (self-boosted pairs)
 *   L_calib = (1/n) Σ_i BCE(clip(g(sg[σ(s_i)]; q_i), ε, 1 − ε), y_i),   ε = 10⁻⁴
 * </pre>
 * where P holds the multi-sample pairs of {@link CalibratedRankingLoss} (every ordered pair of the same query
 * whose labels differ, between two batch items or between a batch item and a logged item, its logged score in
 * place of s), BCE(p, y) = −[y·log p + (1 − y)·log(1 − p)], and sg[·] stops the gradient. So
 * {@code gradient()} is dL<sub>rank</sub>/ds (the calibration loss sends nothing back to the scores) and
 * {@code gradient("calibration")} is dL<sub>calib</sub>/da (zero for an item whose g lies outside [ε, 1 − ε], as
 * torch's {@code clamp} gives). The stopped gradient, the clip to [10⁻⁴, 1 − 10⁻⁴] and the unit weight of the
 * calibration log-loss are those of the UMC reimplementation cited above; the paper's Figure 2 caption (quoted by
 * liner.com) says the ranking module is "trained by a multi-objective loss (pointwise and self-boosted pairwise
 * loss)" and that the calibration module "decouples the ranking and calibration objectives". The weight α of the
 * two ranking terms and the exact form of the paper's self-boosted pairwise loss are not known to us: the
 * pairwise logistic loss over P is our choice. Parts: {@code ranking} (L<sub>rank</sub>), {@code pointwise}
 * (mean log-loss of σ(s)), {@code pairwise}, {@code pairs}, {@code calibrationLoss} (L<sub>calib</sub>).
 *
 * <p><b>{@link Coupling#COUPLED}</b> (this class's behaviour before the decoupling; kept for comparison): one loss
 * α·(1/n) Σ BCE(g(σ(s_i); q_i), y_i) + (1 − α)·(pairwise term above), g not clipped, BCE with torch's
 * {@code binary_cross_entropy} convention (each log floored at −100, dBCE/dp = (p − y)/max(p(1 − p), 10⁻¹²)), and
 * the gradient of the calibrated log-loss reaches s (through g and σ) as well as a. Parts: {@code pointwise} (the
 * calibrated log-loss), {@code pairwise}, {@code pairs}.
 *
 * <p>In both modes the gradients are exact; at an interval boundary the right-hand interval's slope is used.
 */
public final class QueryCalibratedRankingLoss {
    /** The name of the calibration-logit gradient in the {@link LossResult}. */
    public static final String CALIBRATION = "calibration";
    /** ε: the decoupled calibration loss clips g to [ε, 1 − ε] (as the UMC reimplementation of SBCR does). */
    public static final double CLIP = 1e-4;

    /** Where the calibrated log-loss sends its gradient. */
    public enum Coupling {
        /**
         * The paper's structure: log-loss of σ(s) and the pairs train the scores; the calibrated log-loss trains
         * only the calibration logits, on σ(s) held fixed.
         */
        DECOUPLED,
        /** One loss: the calibrated log-loss (no log-loss of σ(s)) and the pairs, both reaching the scores. */
        COUPLED
    }

    private final int intervals;
    private final double alpha;
    private final Coupling coupling;
    private final CalibratedRankingLoss rankTerm;

    private QueryCalibratedRankingLoss(int intervals, double alpha, Coupling coupling) {
        this.intervals = intervals;
        this.alpha = alpha;
        this.coupling = coupling;
        this.rankTerm = CalibratedRankingLoss.builder()
                .pointwiseWeight(coupling == Coupling.DECOUPLED ? alpha : 0).build();
    }

    /**
     * K equal calibration intervals and weight α of the log-loss of σ(s) beside the pairs, decoupled as in the
     * paper ({@link Coupling#DECOUPLED}).
     *
     * @throws IllegalArgumentException when K &lt; 1 or α is not in [0, 1]
     */
    public static QueryCalibratedRankingLoss of(int intervals, double alpha) {
        return of(intervals, alpha, Coupling.DECOUPLED);
    }

    /**
     * K equal calibration intervals, pointwise weight α and the coupling.
     *
     * @throws IllegalArgumentException when K &lt; 1 or α is not in [0, 1]
     */
    public static QueryCalibratedRankingLoss of(int intervals, double alpha, Coupling coupling) {
        if (intervals < 1) {
            throw new IllegalArgumentException("the per-query calibration needs at least 1 interval; got " + intervals);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("the pointwise weight alpha must be in [0, 1]; got " + alpha);
        }
        Objects.requireNonNull(coupling, "coupling");
        return new QueryCalibratedRankingLoss(intervals, alpha, coupling);
    }

    /** K, the number of calibration intervals. */
    public int intervals() {
        return intervals;
    }

    /** α, the weight of the pointwise term. */
    public double pointwiseWeight() {
        return alpha;
    }

    /** Whether the calibrated log-loss reaches the scores ({@link Coupling#COUPLED}) or not. */
    public Coupling coupling() {
        return coupling;
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

    /**
     * The calibrated click probability this loss trains for raw score {@code score} in query {@code q}:
     * clip(g(σ(s); q), ε, 1 − ε) ({@link Coupling#DECOUPLED}) or g(σ(s); q) ({@link Coupling#COUPLED}).
     */
    public double probability(double score, int q, double[] logits) {
        double g = calibrate(sigmoid(score), q, logits);
        return coupling == Coupling.COUPLED ? g : Math.min(Math.max(g, CLIP), 1 - CLIP);
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
        LossResult rank = rankTerm.compute(scores, labels, queries, context, rankTerm.identityParameters());
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
        boolean coupled = coupling == Coupling.COUPLED;
        double weight = coupled ? alpha : 1;
        double bce = 0;
        double[] gs = rank.gradientAsDouble();
        if (coupled) { // rankTerm is the pairwise term alone there
            for (int i = 0; i < n; i++) {
                gs[i] *= 1 - alpha;
            }
        }
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
            double dp;
            if (coupled) {
                bce -= y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log1p(-p), -100);
                dp = weight * (p - y) / Math.max(p * (1 - p), 1e-12) / n;
                // dp/ds = K·Δ_j·σ'(s)
                gs[i] += dp * intervals * d[j] * yhat * (1 - yhat);
            } else {
                double pc = Math.min(Math.max(p, CLIP), 1 - CLIP);
                bce -= y * Math.log(pc) + (1 - y) * Math.log1p(-pc);
                dp = p >= CLIP && p <= 1 - CLIP ? weight * (pc - y) / (pc * (1 - pc)) / n : 0;
            }
            if (dp == 0) {
                continue;
            }
            // dp/dΔ_k = 1 (k < j), frac (k = j), 0 (k > j); dΔ_k/da_l = Δ_k(δ_kl − Δ_l)
            double dot = 0;
            for (int k = 0; k <= j; k++) {
                dot += (k < j ? 1 : frac) * d[k];
            }
            for (int l = 0; l < intervals; l++) {
                double coef = l < j ? 1 : (l == j ? frac : 0);
                ga[q * intervals + l] += dp * d[l] * (coef - dot);
            }
        }
        bce /= n;
        double pairwise = rank.part("pairwise");
        double pairs = rank.part("pairs");
        if (coupled) {
            return LossResult.of(alpha * bce + (1 - alpha) * pairwise, gs).withGradient(CALIBRATION, ga)
                    .withPart("pointwise", bce).withPart("pairwise", pairwise).withPart("pairs", pairs);
        }
        return LossResult.of(rank.value() + bce, gs).withGradient(CALIBRATION, ga)
                .withPart("ranking", rank.value()).withPart("pointwise", rank.part("pointwise"))
                .withPart("pairwise", pairwise).withPart("pairs", pairs).withPart("calibrationLoss", bce);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
