package io.jaccard4j.examples.ranking;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.ranking.CalibratedRankingLoss;
import io.jaccard4j.metriclearning.PairwiseLosses;
import io.jaccard4j.ranking.RankingLosses;
import io.jaccard4j.ranking.TopNPairWeights;
import io.jaccard4j.retrieval.MultilabelRanking;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example ranking --loss NAME}: a linear scorer S = XW + b (8 features → 6 labels) on seeded
 * synthetic multi-label data, trained by full-batch gradient descent with one of core's ranking losses and its
 * exact gradient; prints scikit-learn's label ranking loss and coverage error (core's {@link MultilabelRanking})
 * on held-out data before and after. Losses: {@code ranknet}, {@code ranknet-top} (top:2 position weights),
 * {@code ranknet-dcg} (dcg:3), {@code bpmll}, {@code univariate}, {@code calibrated} (every (sample, label) score
 * an item, the sample its context; the calibration map is learned too).
 */
public final class RankingExample {
    static final List<String> LOSSES = List.of("ranknet", "ranknet-top", "ranknet-dcg", "bpmll", "univariate",
            "calibrated");
    static final int D = 8;
    static final int L = 6;

    /** Held-out label ranking loss and coverage before and after training. */
    record Outcome(String loss, double rankingLossBefore, double rankingLossAfter, double coverageBefore,
                   double coverageAfter) {
    }

    /** Seeded multi-label data: label j relevant when a hidden linear score plus noise is positive. */
    static final class Data {
        final double[] x;
        final byte[] y;
        final int n;

        Data(Random r, double[] hidden, int n) {
            this.n = n;
            x = new double[n * D];
            y = new byte[n * L];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < D; f++) {
                    x[i * D + f] = r.nextGaussian();
                }
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                boolean any = false;
                for (int j = 0; j < L; j++) {
                    double s = -0.8 + 0.7 * r.nextGaussian();
                    for (int f = 0; f < D; f++) {
                        s += hidden[f * L + j] * x[i * D + f];
                    }
                    if (s > bestScore) {
                        bestScore = s;
                        best = j;
                    }
                    y[i * L + j] = (byte) (s > 0 ? 1 : 0);
                    any |= s > 0;
                }
                if (!any) {
                    y[i * L + best] = 1;
                }
            }
        }
    }

    private static double[] scores(Data data, double[] w, double[] b) {
        double[] s = new double[data.n * L];
        for (int i = 0; i < data.n; i++) {
            for (int j = 0; j < L; j++) {
                double v = b[j];
                for (int f = 0; f < D; f++) {
                    v += data.x[i * D + f] * w[f * L + j];
                }
                s[i * L + j] = v;
            }
        }
        return s;
    }

    static Outcome run(String loss, int iterations) {
        if (!LOSSES.contains(loss)) {
            throw new IllegalArgumentException("unknown ranking loss '" + loss + "'; available: "
                    + String.join(", ", LOSSES));
        }
        Random r = new Random(17);
        double[] hidden = new double[D * L];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = r.nextGaussian();
        }
        Data train = new Data(r, hidden, 300);
        Data test = new Data(r, hidden, 300);
        double[] w = new double[D * L];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.3 * r.nextGaussian(); // a random start: the untrained ranking is close to chance
        }
        double[] b = new double[L];
        double[] s0 = scores(test, w, b);
        double lossBefore = MultilabelRanking.rankingLoss(test.y, s0, test.n, L);
        double covBefore = MultilabelRanking.coverage(test.y, s0, test.n, L);
        CalibratedRankingLoss calibrated = CalibratedRankingLoss.builder().knots(-2, -1, 0, 1, 2).pointwiseWeight(0.3)
                .build();
        double[] theta = calibrated.identityParameters();
        double[] relevance = new double[train.y.length];
        int[] groups = new int[train.y.length];
        for (int i = 0; i < relevance.length; i++) {
            relevance[i] = train.y[i];
            groups[i] = i / L;
        }
        double rate = loss.equals("bpmll") ? 0.2 : 1.0;
        for (int it = 0; it < iterations; it++) {
            double[] s = scores(train, w, b);
            double[] g;
            switch (loss) {
                case "ranknet" -> g = RankingLosses.pairwiseLogistic(s, relevance, train.n, L).gradientAsDouble();
                case "ranknet-top" -> g = RankingLosses.pairwiseLogistic(s, relevance, train.n, L,
                        TopNPairWeights.topN(2)).gradientAsDouble();
                case "ranknet-dcg" -> g = RankingLosses.pairwiseLogistic(s, relevance, train.n, L,
                        TopNPairWeights.dcg(3)).gradientAsDouble();
                case "bpmll" -> g = RankingLosses.bpMll(s, train.y, train.n, L).gradientAsDouble();
                case "univariate" -> g = RankingLosses.reweightedUnivariate(s, train.y, train.n, L).gradientAsDouble();
                default -> {
                    LossResult res = calibrated.compute(s, relevance, groups, theta);
                    g = res.gradientAsDouble();
                    for (int p = 0; p < theta.length; p++) {
                        theta[p] -= rate * res.gradient("parameters")[p];
                    }
                }
            }
            for (int i = 0; i < train.n; i++) {
                for (int j = 0; j < L; j++) {
                    double gij = g[i * L + j];
                    b[j] -= rate * gij;
                    for (int f = 0; f < D; f++) {
                        w[f * L + j] -= rate * gij * train.x[i * D + f];
                    }
                }
            }
        }
        double[] s1 = scores(test, w, b);
        return new Outcome(loss, lossBefore, MultilabelRanking.rankingLoss(test.y, s1, test.n, L), covBefore,
                MultilabelRanking.coverage(test.y, s1, test.n, L));
    }

    /**
     * Trains the scorer with the named ranking loss for {@code iterations} steps and prints the held-out label
     * ranking loss and coverage before and after; an unknown loss name is an IllegalArgumentException.
     */
    public static void print(PrintWriter out, String loss, int iterations) {
        Outcome o = run(loss, iterations);
        out.println(String.format(Locale.ROOT, "linear scorer, %d features -> %d labels, 300 train / 300 held-out "
                + "samples, %d gradient steps with %s", D, L, iterations, loss));
        out.println(String.format(Locale.ROOT, "%-10s %20s %16s", "", "label ranking loss", "coverage error"));
        out.println(String.format(Locale.ROOT, "%-10s %20.4f %16.4f", "before", o.rankingLossBefore(),
                o.coverageBefore()));
        out.println(String.format(Locale.ROOT, "%-10s %20.4f %16.4f", "after", o.rankingLossAfter(),
                o.coverageAfter()));
    }
}
