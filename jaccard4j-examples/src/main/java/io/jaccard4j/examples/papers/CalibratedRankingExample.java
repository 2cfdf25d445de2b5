package io.jaccard4j.examples.papers;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.ranking.CalibratedRankingLoss;
import io.jaccard4j.ranking.QueryCalibratedRankingLoss;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example calibrated-ranking}: SBCR-style training ({@link QueryCalibratedRankingLoss}) on seeded
 * click data. 20 queries with very different base click rates, 40 items each (30 train, 10 held out); the true
 * click logit is w·x + b<sub>q</sub>. The ranker s = v·x sees the item features only, so one global calibration of
 * s cannot match every query's rate, a per-query one can. Training uses shuffled mini-batches of 64 items drawn
 * across queries (no query's list is aggregated), and the self-boosted pairs compare each batch item with the
 * scores a "deployed" snapshot of the ranker logged for the train items of its query (the snapshot is refreshed
 * every 25 steps). Printed: the held-out log-loss of the calibrated click probabilities before (random ranker,
 * identity calibration) and after SBCR's decoupled training (the default {@link QueryCalibratedRankingLoss.Coupling#DECOUPLED}:
 * log-loss of σ(s) and the pairs train the ranker, the calibrated log-loss only the per-query calibration), beside
 * the same loss {@link QueryCalibratedRankingLoss.Coupling#COUPLED} and the global calibration of
 * {@link CalibratedRankingLoss}, each trained the same way, and the held-out mean per-query AUC of the raw scores.
 * The JSON outcome is the decoupled training's.
 */
public final class CalibratedRankingExample {
    static final int D = 5;
    static final int QUERIES = 20;
    static final int PER_QUERY = 40;
    static final int TRAIN_PER_QUERY = 30;
    static final int K = 8;
    static final double ALPHA = 0.5;

    private CalibratedRankingExample() {
    }

    /** Held-out figures of the run. */
    record Result(double loglossBefore, double loglossAfter, double loglossCoupled, double loglossGlobal,
                  double aucBefore, double aucAfter, double aucCoupled) {
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double dot(double[] x, int i, double[] v) {
        double s = 0;
        for (int f = 0; f < D; f++) {
            s += x[i * D + f] * v[f];
        }
        return s;
    }

    private static double logloss(double p, double y) {
        p = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
        return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }

    /** Mean over queries (with both labels held out) of the AUC of the raw scores. */
    private static double meanAuc(double[] s, double[] y, int[] q, int[] items) {
        double sum = 0;
        int counted = 0;
        for (int a = 0; a < QUERIES; a++) {
            double good = 0;
            double pairs = 0;
            for (int i : items) {
                for (int j : items) {
                    if (q[i] == a && q[j] == a && y[i] > y[j]) {
                        pairs++;
                        good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            if (pairs > 0) {
                sum += good / pairs;
                counted++;
            }
        }
        return sum / counted;
    }

    static Result run(int steps) {
        Random r = new Random(42);
        int n = QUERIES * PER_QUERY;
        double[] w = new double[D];
        for (int f = 0; f < D; f++) {
            w[f] = r.nextGaussian();
        }
        double[] bias = new double[QUERIES];
        for (int a = 0; a < QUERIES; a++) {
            bias[a] = -1.5 + 1.5 * r.nextGaussian();
        }
        double[] x = new double[n * D];
        double[] y = new double[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            q[i] = i / PER_QUERY;
            for (int f = 0; f < D; f++) {
                x[i * D + f] = r.nextGaussian();
            }
            y[i] = r.nextDouble() < sigmoid(dot(x, i, w) + bias[q[i]]) ? 1 : 0;
        }
        int[] train = new int[QUERIES * TRAIN_PER_QUERY];
        int[] test = new int[n - train.length];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (i % PER_QUERY < TRAIN_PER_QUERY) {
                train[a++] = i;
            } else {
                test[b++] = i;
            }
        }
        double[] v0 = new double[D];
        for (int f = 0; f < D; f++) {
            v0[f] = 0.3 * r.nextGaussian();
        }
        QueryCalibratedRankingLoss[] sbcrs = {QueryCalibratedRankingLoss.of(K, ALPHA),
            QueryCalibratedRankingLoss.of(K, ALPHA, QueryCalibratedRankingLoss.Coupling.COUPLED)};
        CalibratedRankingLoss global = CalibratedRankingLoss.builder().knots(-4, -2, -1, 0, 1, 2, 4)
                .pointwiseWeight(ALPHA).build();
        double[] s0 = new double[n];
        for (int i = 0; i < n; i++) {
            s0[i] = dot(x, i, v0);
        }
        double before = 0;
        for (int i : test) {
            before += logloss(sigmoid(s0[i]), y[i]);
        }
        before /= test.length;
        double aucBefore = meanAuc(s0, y, q, test);
        double[] after = new double[3];
        double[] aucAfter = new double[2];
        for (int variant = 0; variant < 3; variant++) { // SBCR decoupled, SBCR coupled, global calibration
            QueryCalibratedRankingLoss sbcr = variant < 2 ? sbcrs[variant] : sbcrs[0];
            Random batches = new Random(7);
            double[] v = v0.clone();
            double[] logits = sbcr.identityLogits(QUERIES);
            double[] theta = global.identityParameters();
            double[] logged = new double[train.length];
            double[] loggedY = new double[train.length];
            int[] loggedQ = new int[train.length];
            for (int step = 0; step < steps; step++) {
                if (step % 25 == 0) { // the deployed snapshot dumps its scores into the context
                    for (int t = 0; t < train.length; t++) {
                        logged[t] = dot(x, train[t], v);
                        loggedY[t] = y[train[t]];
                        loggedQ[t] = q[train[t]];
                    }
                }
                int b = 64;
                double[] s = new double[b];
                double[] yb = new double[b];
                int[] qb = new int[b];
                int[] idx = new int[b];
                for (int t = 0; t < b; t++) {
                    idx[t] = train[batches.nextInt(train.length)];
                    s[t] = dot(x, idx[t], v);
                    yb[t] = y[idx[t]];
                    qb[t] = q[idx[t]];
                }
                CalibratedRankingLoss.LoggedContext ctx = CalibratedRankingLoss.LoggedContext.of(logged, loggedY,
                        loggedQ);
                LossResult res = variant < 2 ? sbcr.compute(s, yb, qb, ctx, logits)
                        : global.compute(s, yb, qb, ctx, theta);
                double[] g = res.gradientAsDouble();
                for (int t = 0; t < b; t++) {
                    for (int f = 0; f < D; f++) {
                        v[f] -= 1.0 * g[t] * x[idx[t] * D + f];
                    }
                }
                double[] gp = variant < 2 ? res.gradient(QueryCalibratedRankingLoss.CALIBRATION)
                        : res.gradient("parameters");
                double[] p = variant < 2 ? logits : theta;
                double rate = variant < 2 ? 20.0 : 0.5;
                for (int k = 0; k < p.length; k++) {
                    p[k] -= rate * gp[k];
                }
            }
            double ll = 0;
            double[] s1 = new double[n];
            for (int i = 0; i < n; i++) {
                s1[i] = dot(x, i, v);
            }
            for (int i : test) {
                double prob = variant < 2 ? sbcr.probability(s1[i], q[i], logits)
                        : sigmoid(global.calibrate(s1[i], theta));
                ll += logloss(prob, y[i]);
            }
            after[variant] = ll / test.length;
            if (variant < 2) {
                aucAfter[variant] = meanAuc(s1, y, q, test);
            }
        }
        return new Result(before, after[0], after[1], after[2], aucBefore, aucAfter[0], aucAfter[1]);
    }

    /** Trains and prints the held-out log-loss and per-query AUC; returns the SBCR training's log-loss outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        Result res = run(steps);
        out.println(String.format(Locale.ROOT, "linear ranker, %d features, %d queries x %d items (%d train / %d "
                + "held out each), %d mini-batch steps of 64 shuffled items, K = %d per-query intervals, alpha = %s",
                D, QUERIES, PER_QUERY, TRAIN_PER_QUERY, PER_QUERY - TRAIN_PER_QUERY, steps, K, ALPHA));
        out.println(String.format(Locale.ROOT, "%-40s %10s %10s", "", "log-loss", "mean AUC"));
        out.println(String.format(Locale.ROOT, "%-40s %10.4f %10.4f", "before (random ranker, identity map)",
                res.loglossBefore(), res.aucBefore()));
        out.println(String.format(Locale.ROOT, "%-40s %10.4f %10.4f", "SBCR, per-query calibration, decoupled",
                res.loglossAfter(), res.aucAfter()));
        out.println(String.format(Locale.ROOT, "%-40s %10.4f %10.4f", "same, coupled (calibrated loss on s)",
                res.loglossCoupled(), res.aucCoupled()));
        out.println(String.format(Locale.ROOT, "%-40s %10.4f %10s", "same training, one global calibration",
                res.loglossGlobal(), ""));
        return new ExampleOutcome("calibrated-ranking", "held-out log-loss", false, res.loglossBefore(),
                res.loglossAfter());
    }
}
