package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.transport.MultiMarginalMatchingGap;

/**
 * Ranking losses on scores with exact gradients (value and dL/dscores):
 * <ul>
 *   <li>{@link #pairwiseLogistic} (RankNet form), per query: for every pair of its items with relevance
 *       r<sub>i</sub> &gt; r<sub>j</sub>, log(1 + e<sup>−(s<sub>i</sub> − s<sub>j</sub>)</sup>); the mean over all
 *       such pairs of all queries. With top-N position weights w<sub>ij</sub> ({@link TopNPairWeights}: pairs
 *       touching the ideal top N, or the pair's |ΔDCG@N| at the ideal order) it is the weighted mean
 *       Σ w<sub>ij</sub> log(1 + e<sup>−(s<sub>i</sub> − s<sub>j</sub>)</sup>) / Σ w<sub>ij</sub> over the pairs of
 *       all queries;</li>
 *   <li>{@link #bpMll} (BP-MLL, Zhang &amp; Zhou), per sample with relevant set Y⁺ and irrelevant set Y⁻:
 *       (1/(|Y⁺||Y⁻|)) Σ<sub>k∈Y⁺, l∈Y⁻</sub> e<sup>−(s<sub>k</sub> − s<sub>l</sub>)</sup>; the mean over samples;</li>
 *   <li>{@link #reweightedUnivariate}: per sample, (1/|Y⁺|) Σ<sub>k∈Y⁺</sub> log(1 + e<sup>−s<sub>k</sub></sup>)
 *       + (1/|Y⁻|) Σ<sub>l∈Y⁻</sub> log(1 + e<sup>s<sub>l</sub></sup>) — each side reweighted by its size; the mean
 *       over samples.</li>
 * </ul>
 * Samples (or queries) without a pair to rank contribute nothing to the pairwise losses (in BP-MLL they still
 * count in the mean over samples, as in the paper's per-sample average); when no sample or query has one (or all
 * pair weights are 0), the loss is 0 with a zero gradient and a logged note, never NaN. The reweighted univariate
 * loss is not pairwise: a sample with only relevant (or only irrelevant) labels still contributes its one side.
 *
 * <p>See also {@link CalibratedRankingLoss} (pointwise BCE through a learnable monotone calibration plus a
 * pairwise term) and {@link MultiMarginalMatchingGap} (entropic multi-marginal matching gap of k views).
 */
public final class RankingLosses {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.ranking");

    private RankingLosses() {
    }

    /** The number of relevant labels of sample i. */
    private static int relevant(byte[] targets, int i, int l) {
        int pos = 0;
        for (int j = 0; j < l; j++) {
            pos += targets[i * l + j] != 0 ? 1 : 0;
        }
        return pos;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static void check(double[] s, int n, int l, int len) {
        if (n < 1 || l < 1 || s.length != n * l || len != n * l) {
            throw new IllegalArgumentException("scores and targets must both be n x L (n = " + n + ", L = " + l + ")");
        }
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException("score " + i + " is not finite");
            }
        }
    }

    /** RankNet-style pairwise logistic loss; scores and relevances are n queries × L items. */
    public static LossResult pairwiseLogistic(double[] scores, double[] relevance, int n, int l) {
        return pairwiseLogistic(scores, relevance, n, l, TopNPairWeights.uniform());
    }

    /**
     * Pairwise logistic loss with top-N position weights: Σ w<sub>ij</sub> softplus(−(s<sub>i</sub> −
     * s<sub>j</sub>)) / Σ w<sub>ij</sub> over the pairs r<sub>i</sub> &gt; r<sub>j</sub> of every query, the
     * weights as {@link TopNPairWeights} defines them (from the relevances only).
     */
    public static LossResult pairwiseLogistic(double[] scores, double[] relevance, int n, int l,
            TopNPairWeights weights) {
        java.util.Objects.requireNonNull(weights, "weights");
        check(scores, n, l, relevance.length);
        for (int i = 0; i < relevance.length; i++) {
            if (!Double.isFinite(relevance[i])) {
                throw new IllegalArgumentException("relevance " + i + " is not finite");
            }
        }
        double sum = 0;
        double total = 0;
        double[] g = new double[scores.length];
        for (int q = 0; q < n; q++) {
            int[] rho = weights.isUniform() ? null : TopNPairWeights.idealRanks(relevance, q * l, l);
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    double ri = relevance[q * l + i];
                    double rj = relevance[q * l + j];
                    if (ri > rj) {
                        double w = rho == null ? 1 : weights.weight(ri, rj, rho[i], rho[j]);
                        if (w == 0) {
                            continue;
                        }
                        double diff = scores[q * l + i] - scores[q * l + j];
                        sum += w * softplus(-diff);
                        double d = -w * sigmoid(-diff);
                        g[q * l + i] += d;
                        g[q * l + j] -= d;
                        total += w;
                    }
                }
            }
        }
        if (total == 0) {
            LOG.log(System.Logger.Level.INFO, "pairwise logistic loss: no pair with different relevance (weights "
                    + weights + ") in the batch; loss 0, zero gradient");
            return LossResult.of(0, new double[scores.length]);
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= total;
        }
        return LossResult.of(sum / total, g);
    }

    /** BP-MLL on n × L scores and 0/1 targets. */
    public static LossResult bpMll(double[] scores, byte[] targets, int n, int l) {
        check(scores, n, l, targets.length);
        double sum = 0;
        double[] g = new double[scores.length];
        boolean anyPair = false;
        for (int i = 0; i < n; i++) {
            int pos = relevant(targets, i, l);
            int neg = l - pos;
            if (pos == 0 || neg == 0) {
                continue;
            }
            anyPair = true;
            double norm = 1.0 / ((double) pos * neg);
            for (int k = 0; k < l; k++) {
                if (targets[i * l + k] == 0) {
                    continue;
                }
                for (int m = 0; m < l; m++) {
                    if (targets[i * l + m] != 0) {
                        continue;
                    }
                    double e = Math.exp(-(scores[i * l + k] - scores[i * l + m]));
                    sum += norm * e;
                    g[i * l + k] -= norm * e / n;
                    g[i * l + m] += norm * e / n;
                }
            }
        }
        if (!anyPair) {
            LOG.log(System.Logger.Level.INFO, "BP-MLL: no sample has both a relevant and an irrelevant label; "
                    + "loss 0, zero gradient");
        }
        return LossResult.of(sum / n, g);
    }

    /** Reweighted univariate multi-label ranking loss on n × L scores and 0/1 targets. */
    public static LossResult reweightedUnivariate(double[] scores, byte[] targets, int n, int l) {
        check(scores, n, l, targets.length);
        double sum = 0;
        double[] g = new double[scores.length];
        for (int i = 0; i < n; i++) {
            int pos = relevant(targets, i, l);
            int neg = l - pos;
            for (int j = 0; j < l; j++) {
                double s = scores[i * l + j];
                if (targets[i * l + j] != 0) {
                    sum += softplus(-s) / pos;
                    g[i * l + j] = -sigmoid(-s) / pos / n;
                } else {
                    sum += softplus(s) / neg;
                    g[i * l + j] = sigmoid(s) / neg / n;
                }
            }
        }
        return LossResult.of(sum / n, g);
    }
}
