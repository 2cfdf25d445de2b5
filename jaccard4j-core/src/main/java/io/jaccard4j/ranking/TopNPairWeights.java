package io.jaccard4j.ranking;

import java.util.Arrays;
import java.util.Locale;

/**
 * Weights of the pairs of the pairwise logistic ranking loss ({@link RankingLosses#pairwiseLogistic(double[],
 * double[], int, int, TopNPairWeights)}) that concentrate it on the top N positions of each query.
 *
 * <p>Positions are <em>ideal ranks</em>: within a query, items are sorted by relevance, highest first, ties by
 * item index; ρ<sub>i</sub> ∈ {1..L} is item i's place in that order. The weights depend only on the relevances,
 * never on the scores, so the weighted loss stays smooth and its gradient exact. With
 * D<sub>N</sub>(ρ) = 1/log₂(1 + ρ) for ρ ≤ N and 0 beyond, the weight of a pair (i, j) with r<sub>i</sub> &gt;
 * r<sub>j</sub> is
 * <ul>
 *   <li>{@link #uniform()}: w<sub>ij</sub> = 1 (plain RankNet);</li>
 *   <li>{@link #topN(int)}: w<sub>ij</sub> = 1 if min(ρ<sub>i</sub>, ρ<sub>j</sub>) ≤ N, else 0 — only pairs that
 *       involve an item whose ideal rank is in the top N;</li>
 *   <li>{@link #dcg(int)}: w<sub>ij</sub> = |2<sup>r<sub>i</sub></sup> − 2<sup>r<sub>j</sub></sup>| ·
 *       |D<sub>N</sub>(ρ<sub>i</sub>) − D<sub>N</sub>(ρ<sub>j</sub>)| — the change of DCG@N when i and j swap
 *       places in the ideal ranking (LambdaRank's |ΔDCG| taken at the ideal order, so it is score-free).</li>
 * </ul>
 */
public final class TopNPairWeights {
    enum Kind { UNIFORM, TOP_N, DCG }

    private final Kind kind;
    private final int n;

    private TopNPairWeights(Kind kind, int n) {
        this.kind = kind;
        this.n = n;
    }

    /** Every pair weighs 1. */
    public static TopNPairWeights uniform() {
        return new TopNPairWeights(Kind.UNIFORM, Integer.MAX_VALUE);
    }

    /** Pairs involving an item of ideal rank ≤ n weigh 1, the others 0. */
    public static TopNPairWeights topN(int n) {
        return new TopNPairWeights(Kind.TOP_N, positive(n));
    }

    /** |ΔDCG@n| of swapping the pair in the ideal ranking. */
    public static TopNPairWeights dcg(int n) {
        return new TopNPairWeights(Kind.DCG, positive(n));
    }

    /**
     * Parses {@code uniform}, {@code top:N} or {@code dcg:N}.
     *
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static TopNPairWeights parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("uniform")) {
                return uniform();
            }
            if (t.startsWith("top:")) {
                return topN(Integer.parseInt(t.substring(4)));
            }
            if (t.startsWith("dcg:")) {
                return dcg(Integer.parseInt(t.substring(4)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("pair weights must be uniform, top:N or dcg:N (N >= 1); got '" + text + "'");
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("top-N position weights need N >= 1; got " + n);
        }
        return n;
    }

    /** The N of top-N ({@link Integer#MAX_VALUE} for uniform). */
    public int n() {
        return n;
    }

    /** Whether this is plain RankNet. */
    public boolean isUniform() {
        return kind == Kind.UNIFORM;
    }

    /**
     * Ideal ranks (1-based) of the l items of one query whose relevances start at {@code offset}: relevance
     * descending, ties by index.
     */
    public static int[] idealRanks(double[] relevance, int offset, int l) {
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> relevance[offset + a] != relevance[offset + b]
                ? Double.compare(relevance[offset + b], relevance[offset + a]) : Integer.compare(a, b));
        int[] rank = new int[l];
        for (int p = 0; p < l; p++) {
            rank[order[p]] = p + 1;
        }
        return rank;
    }

    private double discount(int rank) {
        return rank <= n ? 1 / (Math.log(1 + rank) / Math.log(2)) : 0;
    }

    /** The weight of the pair (i above j) with relevances ri &gt; rj and ideal ranks rhoI, rhoJ. */
    public double weight(double ri, double rj, int rhoI, int rhoJ) {
        switch (kind) {
            case UNIFORM:
                return 1;
            case TOP_N:
                return Math.min(rhoI, rhoJ) <= n ? 1 : 0;
            default:
                return Math.abs(Math.pow(2, ri) - Math.pow(2, rj)) * Math.abs(discount(rhoI) - discount(rhoJ));
        }
    }

    @Override
    public String toString() {
        return kind == Kind.UNIFORM ? "uniform" : (kind == Kind.TOP_N ? "top:" : "dcg:") + n;
    }
}
