package io.jaccard4j.examples.papers;

import io.jaccard4j.ranking.AdaptiveTopNWeights;
import io.jaccard4j.ranking.RankingLosses;
import io.jaccard4j.ranking.TopNPairWeights;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example top-n-adaptive}: a linear scorer s = x·w (6 features) ranks 20 candidates a query
 * (seeded synthetic queries, graded relevance 0..3 from a hidden score with a non-linear part the linear scorer
 * cannot fit, so it must trade overall accuracy for the top). It is trained by full-batch gradient descent with
 * core's adaptively weighted top-N loss ({@link AdaptiveTopNWeights}, N = 5, λ = 0.1) from a random start, and the
 * held-out NDCG@5 is printed before and after, beside plain RankNet and fixed top-5 weights trained from the same
 * start for comparison. NDCG@k here is scikit-learn's {@code ndcg_score} (linear gain r, discount 1/log₂(1 + rank),
 * mean over queries; score ties broken by index instead of averaged — no ties occur with continuous scores), a
 * small routine of this example.
 */
public final class TopNAdaptiveExample {
    static final int D = 6;
    static final int L = 20;
    static final int K = 5;

    private TopNAdaptiveExample() {
    }

    /** Seeded queries: features, graded relevance. */
    static final class Queries {
        final double[] x;
        final double[] rel;
        final int q;

        Queries(Random r, double[] hidden, int q) {
            this.q = q;
            x = new double[q * L * D];
            rel = new double[q * L];
            for (int a = 0; a < q * L; a++) {
                double h = 0;
                for (int f = 0; f < D; f++) {
                    x[a * D + f] = r.nextGaussian();
                    h += hidden[f] * x[a * D + f];
                }
                h += 0.8 * x[a * D] * x[a * D + 1] + 0.5 * r.nextGaussian();
                rel[a] = h > 2.2 ? 3 : h > 1.4 ? 2 : h > 0.4 ? 1 : 0;
            }
        }

        double[] scores(double[] w) {
            double[] s = new double[q * L];
            for (int a = 0; a < s.length; a++) {
                double v = 0;
                for (int f = 0; f < D; f++) {
                    v += x[a * D + f] * w[f];
                }
                s[a] = v;
            }
            return s;
        }
    }

    /** Mean NDCG@k over queries (linear gain, log2 discount; ties by index). */
    static double ndcgAt(double[] s, double[] rel, int queries, int l, int k) {
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < queries; q++) {
            int[] pred = AdaptiveTopNWeights.predictedRanks(s, q * l, l);
            int[] ideal = TopNPairWeights.idealRanks(rel, q * l, l);
            double dcg = 0;
            double idcg = 0;
            for (int i = 0; i < l; i++) {
                if (pred[i] <= k) {
                    dcg += rel[q * l + i] / (Math.log(1 + pred[i]) / Math.log(2));
                }
                if (ideal[i] <= k) {
                    idcg += rel[q * l + i] / (Math.log(1 + ideal[i]) / Math.log(2));
                }
            }
            if (idcg > 0) {
                sum += dcg / idcg;
            }
            counted++; // sklearn counts an all-zero query as NDCG 0
        }
        return sum / counted;
    }

    /** Held-out NDCG@5 of the three trainings. */
    record Result(double before, double adaptive, double rankNet, double fixedTopN) {
    }

    static Result run(int steps) {
        Random r = new Random(21);
        double[] hidden = new double[D];
        for (int f = 0; f < D; f++) {
            hidden[f] = r.nextGaussian();
        }
        Queries train = new Queries(r, hidden, 60);
        Queries test = new Queries(r, hidden, 60);
        double[] w0 = new double[D];
        for (int f = 0; f < D; f++) {
            w0[f] = 0.3 * r.nextGaussian();
        }
        double before = ndcgAt(test.scores(w0), test.rel, test.q, L, K);
        AdaptiveTopNWeights adaptive = AdaptiveTopNWeights.of(K, 0.1);
        double[] after = new double[3];
        for (int variant = 0; variant < 3; variant++) {
            double[] w = w0.clone();
            for (int it = 0; it < steps; it++) {
                double[] s = train.scores(w);
                double[] g = switch (variant) {
                    case 0 -> adaptive.loss(s, train.rel, train.q, L).gradientAsDouble();
                    case 1 -> RankingLosses.pairwiseLogistic(s, train.rel, train.q, L).gradientAsDouble();
                    default -> RankingLosses.pairwiseLogistic(s, train.rel, train.q, L, TopNPairWeights.topN(K))
                            .gradientAsDouble();
                };
                for (int a = 0; a < g.length; a++) {
                    for (int f = 0; f < D; f++) {
                        w[f] -= 2.0 * g[a] * train.x[a * D + f];
                    }
                }
            }
            after[variant] = ndcgAt(test.scores(w), test.rel, test.q, L, K);
        }
        return new Result(before, after[0], after[1], after[2]);
    }

    /** Trains and prints held-out NDCG@5 before and after; returns the adaptive training's outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        Result res = run(steps);
        out.println(String.format(Locale.ROOT, "linear scorer, %d features, %d candidates a query, 60 train / 60 "
                + "held-out queries, %d gradient steps; held-out NDCG@%d", D, L, steps, K));
        out.println(String.format(Locale.ROOT, "before (random start)            %.4f", res.before()));
        out.println(String.format(Locale.ROOT, "adaptive top-%d (lambda 0.1)      %.4f", K, res.adaptive()));
        out.println(String.format(Locale.ROOT, "plain RankNet                     %.4f", res.rankNet()));
        out.println(String.format(Locale.ROOT, "fixed top:%d pair weights          %.4f", K, res.fixedTopN()));
        return new ExampleOutcome("top-n-adaptive", "ndcg@5", true, res.before(), res.adaptive());
    }
}
