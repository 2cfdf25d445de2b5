package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import java.util.Arrays;
import java.util.Locale;

/**
 * Adaptively weighted top-N pairwise ranking loss, after Shojaee, Chen, Jin, <i>Adaptively Weighted Top-N
 * Recommendation for Organ Matching</i> (ACM Trans. Comput. Healthcare 3(1), 2022; arXiv:2107.10971, "AWTR"),
 * beside the fixed, relevance-only weights of {@link TopNPairWeights}.
 *
 * <p>The paper's stated aim is to trade overall ranking accuracy for the accuracy of the top-N recommended
 * items. Its full text was not available to us (only its abstract), so the weighting below is <b>our reading</b>:
 * the weights adapt to the model during training because they are recomputed from the <em>current</em> scores at
 * every call. Per query (L items, scores s, relevances r) let π<sub>i</sub> be item i's predicted rank (score
 * descending, ties by item index) and ρ<sub>i</sub> its ideal rank (relevance descending, ties by index). An item is
 * <em>emphasised</em> when min(π<sub>i</sub>, ρ<sub>i</sub>) ≤ N: it is in the current top N (a wrong item there must
 * be pushed out) or belongs in the ideal top N (it must be pulled in). Item weight a<sub>i</sub> = 1 if emphasised,
 * else λ (0 ≤ λ ≤ 1, the part of the overall accuracy that is kept). For every pair r<sub>i</sub> &gt; r<sub>j</sub>,
 * w<sub>ij</sub> = max(a<sub>i</sub>, a<sub>j</sub>), and
 * <pre>  L = Σ w<sub>ij</sub> softplus(−(s<sub>i</sub> − s<sub>j</sub>)) / Σ w<sub>ij</sub>  (all pairs of all queries).</pre>
 * The weights are piecewise constant in the scores (they change only where two scores cross), so wherever no two
 * scores of a query tie, the gradient with the weights held fixed,
 * dL/ds<sub>i</sub> = Σ<sub>j</sub> ∓w<sub>ij</sub> σ(−(s<sub>i</sub> − s<sub>j</sub>)) / Σ w, is the exact gradient
 * (as for an autograd implementation that computes the ranks with argsort). λ = 1 gives plain RankNet; λ = 0
 * keeps only pairs touching an emphasised item. A batch without a weighted pair gives 0 and a zero gradient.
 */
public final class AdaptiveTopNWeights {
    private final int n;
    private final double lambda;

    private AdaptiveTopNWeights(int n, double lambda) {
        this.n = n;
        this.lambda = lambda;
    }

    /**
     * Weights emphasising the current and the ideal top {@code n} of each query; other items weigh {@code lambda}.
     *
     * @throws IllegalArgumentException when n &lt; 1 or lambda is not in [0, 1]
     */
    public static AdaptiveTopNWeights of(int n, double lambda) {
        if (n < 1) {
            throw new IllegalArgumentException("adaptive top-N weights need N >= 1; got " + n);
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("adaptive top-N weights need lambda in [0, 1]; got " + lambda);
        }
        return new AdaptiveTopNWeights(n, lambda);
    }

    /** The N of top-N. */
    public int n() {
        return n;
    }

    /** The weight of items outside both top-N sets. */
    public double lambda() {
        return lambda;
    }

    /** Predicted ranks (1-based) of the l items of one query starting at {@code offset}: score descending, ties by index. */
    public static int[] predictedRanks(double[] scores, int offset, int l) {
        return TopNPairWeights.idealRanks(scores, offset, l);
    }

    /**
     * The n × L × L pair weights w[q][i][j] (0 where r<sub>i</sub> ≤ r<sub>j</sub>) at the given scores, flattened
     * row-major.
     */
    public double[] pairWeights(double[] scores, double[] relevance, int queries, int l) {
        check(scores, relevance, queries, l);
        double[] w = new double[queries * l * l];
        double[] a = new double[l];
        for (int q = 0; q < queries; q++) {
            int[] pi = predictedRanks(scores, q * l, l);
            int[] rho = TopNPairWeights.idealRanks(relevance, q * l, l);
            for (int i = 0; i < l; i++) {
                a[i] = Math.min(pi[i], rho[i]) <= n ? 1 : lambda;
            }
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    if (relevance[q * l + i] > relevance[q * l + j]) {
                        w[(q * l + i) * l + j] = Math.max(a[i], a[j]);
                    }
                }
            }
        }
        return w;
    }

    /** The adaptively weighted pairwise logistic loss of {@code queries} × {@code l} scores and its gradient. */
    public LossResult loss(double[] scores, double[] relevance, int queries, int l) {
        double[] w = pairWeights(scores, relevance, queries, l);
        return RankingLosses.weightedPairs(scores, q -> java.util.Arrays.copyOfRange(w, q * l * l, (q + 1) * l * l),
                queries, l, toString());
    }

    private static void check(double[] s, double[] r, int queries, int l) {
        if (queries < 1 || l < 1 || s.length != (long) queries * l || r.length != s.length) {
            throw new IllegalArgumentException("scores and relevances must both be queries x L (queries = " + queries
                    + ", L = " + l + "); got " + s.length + " scores and " + r.length + " relevances");
        }
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i]) || !Double.isFinite(r[i])) {
                throw new IllegalArgumentException("score and relevance " + i + " must be finite; got " + s[i]
                        + " and " + r[i]);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "adaptive:%d:%s", n, lambda);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdaptiveTopNWeights w && w.n == n && w.lambda == lambda;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {n, lambda});
    }
}
