package io.jaccard4j.examples.logreg;

import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.CrossEntropyLoss;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TrainingLoss;
import io.jaccard4j.loss.TverskyLoss;
import io.jaccard4j.metrics.BinaryConfusion;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ThresholdCurve;
import io.jaccard4j.metrics.ThresholdSweep;
import io.jaccard4j.metrics.ZeroDivision;
import java.util.Locale;
import java.util.Random;

/**
 * The classic exercise: logistic regression p = &sigma;(w&middot;x + b) on imbalanced 2-D data, trained by full-batch
 * gradient descent once with the log-loss (binary cross-entropy) and once with the Jaccard metric loss (soft Jaccard
 * on a single sigmoid channel, dataset reduction), both using the library's exact gradients with respect to the
 * logits. Reports the Jaccard index of the positive class at threshold 0.5 and at the best threshold.
 *
 * <p>Run: {@code bin/jaccard4j example logreg [--iterations N]}
 */
public final class LogisticRegressionExample {

    /** Seeded data: 10% positives around (1.5, 1.5), negatives around (0, 0), unit variance. */
    static final class Data {
        final double[][] x;
        final int[] y;

        Data(long seed, int size, double positiveRate) {
            Random r = new Random(seed);
            x = new double[size][2];
            y = new int[size];
            for (int i = 0; i < size; i++) {
                y[i] = r.nextDouble() < positiveRate ? 1 : 0;
                double centre = y[i] == 1 ? 1.5 : 0.0;
                x[i][0] = centre + r.nextGaussian();
                x[i][1] = centre + r.nextGaussian();
            }
        }
    }

    /** The fitted model and its scores. */
    record Outcome(String loss, double w0, double w1, double b, double jaccardAtHalf, double bestJaccard,
                   double bestThreshold) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-22s w=(%.3f, %.3f) b=%.3f  Jaccard@0.5=%.4f  best Jaccard=%.4f at t=%.3f",
                    loss, w0, w1, b, jaccardAtHalf, bestJaccard, bestThreshold);
        }
    }

    static Outcome train(Data data, TrainingLoss loss, String name, int iterations, double learningRate) {
        int m = data.y.length;
        double w0 = 0, w1 = 0, b = 0;
        float[] logits = new float[m];
        Targets targets = Targets.hard(data.y, new int[]{m});
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < m; i++) {
                logits[i] = (float) (w0 * data.x[i][0] + w1 * data.x[i][1] + b);
            }
            LossResult r = loss.compute(Predictions.logits(logits, new int[]{m, 1}, Activation.SIGMOID), targets);
            float[] g = r.gradient();
            double g0 = 0, g1 = 0, gb = 0;
            for (int i = 0; i < m; i++) {
                g0 += g[i] * data.x[i][0];
                g1 += g[i] * data.x[i][1];
                gb += g[i];
            }
            w0 -= learningRate * g0;
            w1 -= learningRate * g1;
            b -= learningRate * gb;
        }
        double[] p = probabilities(data, w0, w1, b);
        double[] best = bestThreshold(p, data.y);
        return new Outcome(name, w0, w1, b, jaccard(p, data.y, 0.5), best[1], best[0]);
    }

    static double[] probabilities(Data data, double w0, double w1, double b) {
        double[] p = new double[data.y.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1.0 / (1.0 + Math.exp(-(w0 * data.x[i][0] + w1 * data.x[i][1] + b)));
        }
        return p;
    }

    /** Jaccard index of the positive class when predicting positive for p &ge; threshold. */
    static double jaccard(double[] p, int[] y, double threshold) {
        BinaryConfusion c = BinaryConfusion.of().updateFromScores(positives(y), p, threshold);
        return ZeroDivision.ZERO.divide(c.tp(), c.tp() + c.fp() + c.fn());
    }

    private static boolean[] positives(int[] y) {
        boolean[] t = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = y[i] == 1;
        }
        return t;
    }

    /** {threshold, Jaccard} maximising the Jaccard index over every distinct score (the library's sweep). */
    static double[] bestThreshold(double[] p, int[] y) {
        ThresholdCurve c = ThresholdSweep.sweep(positives(y), p);
        return new double[]{c.bestThreshold(Metric.JACCARD), c.bestScore(Metric.JACCARD)};
    }

    /** Runs both trainings and returns {initial model, log-loss model, Jaccard model}. */
    static Outcome[] run(int iterations) {
        Data data = new Data(42, 4000, 0.1);
        double[] initial = probabilities(data, 0, 0, 0);
        double[] initialBest = bestThreshold(initial, data.y);
        Outcome start = new Outcome("initial (w=0, b=0)", 0, 0, 0, jaccard(initial, data.y, 0.5), initialBest[1],
                initialBest[0]);
        Outcome logLoss = train(data, CrossEntropyLoss.create(), "log-loss", iterations, 0.5);
        Outcome jml = train(data, TverskyLoss.jaccard().build(), "Jaccard metric loss", iterations, 0.5);
        return new Outcome[]{start, logLoss, jml};
    }

    /** Trains both models for {@code iterations} steps and prints the start and the two fits, one a line. */
    public static void print(java.io.PrintWriter out, int iterations) {
        for (Outcome o : run(iterations)) {
            out.println(o);
        }
    }
}
