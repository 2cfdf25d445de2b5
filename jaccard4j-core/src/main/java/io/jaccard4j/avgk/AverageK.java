package io.jaccard4j.avgk;

import java.util.Arrays;
import java.util.Objects;

/**
 * Average-K set-valued classification (Garcin, Servajean, Joly, Salmon): one global threshold λ on the
 * class probabilities p<sub>ij</sub> (n samples × C classes) so that the sets S<sub>i</sub> = {j : p<sub>ij</sub> ≥ λ}
 * hold K classes on average. λ<sub>K</sub> is the midpoint of the (nK)-th and (nK+1)-th largest of the n·C
 * probabilities of a calibration split. Scores of a split at a threshold: average-K accuracy (the share of
 * samples whose true class is in its set), mean set size, accuracy per true class, and the set-valued Jaccard
 * |S ∩ {y}| / |S ∪ {y}| averaged over samples; top-K accuracy for comparison.
 */
public final class AverageK {
    private AverageK() {
    }

    /**
     * λ<sub>K</sub> of row-major n × C probabilities: the midpoint of the (nK)-th and (nK+1)-th largest values
     * (K may be fractional; nK is rounded down to an integer count of positives, at least 1).
     *
     * @throws IllegalArgumentException for K outside (0, C), a NaN, infinite or negative value, or a length that is
     *     not n × C
     */
    public static double threshold(double[] probs, int n, int classes, double k) {
        check(probs, n, classes);
        if (!(k > 0 && k < classes)) {
            throw new IllegalArgumentException("K is " + k + "; expected 0 < K < C = " + classes);
        }
        long m = Math.max(1, (long) Math.floor(n * k));
        double[] sorted = probs.clone();
        Arrays.sort(sorted);
        int len = sorted.length;
        double mth = sorted[(int) (len - m)]; // m-th largest
        double next = m < len ? sorted[(int) (len - m - 1)] : mth; // (m+1)-th largest
        return (mth + next) / 2;
    }

    private static void check(double[] probs, int n, int classes) {
        Objects.requireNonNull(probs, "probs");
        if (n < 1 || classes < 2 || (long) n * classes != probs.length) {
            throw new IllegalArgumentException("probabilities have " + probs.length + " values, expected n x C with "
                    + "n >= 1 and C >= 2 (n = " + n + ", C = " + classes + ")");
        }
        for (int i = 0; i < probs.length; i++) {
            if (!Double.isFinite(probs[i]) || probs[i] < 0) {
                throw new IllegalArgumentException("probability (" + (i / classes) + ", " + (i % classes) + ") is "
                        + probs[i] + "; expected a finite value >= 0");
            }
        }
    }

    /** The tolerance of {@link #requireProbabilities} on a row's sum: |Σ_j p_ij − 1| ≤ 1e-4. */
    public static final double ROW_SUM_TOLERANCE = 1e-4;

    /**
     * Checks that row-major n × C values are class probabilities: every value finite and in [0, 1], every row
     * summing to 1 within {@link #ROW_SUM_TOLERANCE} (float32 softmax outputs pass).
     *
     * @param role the argument's name for the message (e.g. {@code --probs})
     * @throws IllegalArgumentException naming the role, the first offending row (and column) and its value
     */
    public static void requireProbabilities(double[] probs, int n, int classes, String role) {
        Objects.requireNonNull(probs, "probs");
        if (n < 1 || classes < 2 || (long) n * classes != probs.length) {
            throw new IllegalArgumentException(role + " has " + probs.length + " values, expected n x C with n >= 1 "
                    + "and C >= 2 (n = " + n + ", C = " + classes + ")");
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                double v = probs[i * classes + j];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(role + " row " + (i + 1) + ", column " + (j + 1) + " is " + v
                            + "; a probability must be finite and in [0, 1]");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(role + " row " + (i + 1) + " sums to " + sum
                        + "; each row of probabilities must sum to 1 (within " + ROW_SUM_TOLERANCE + ")");
            }
        }
    }

    /**
     * Checks n class indices against C classes: each in 0..C−1. Messages count rows and samples from 1, as the
     * readers count lines.
     *
     * @throws IllegalArgumentException naming the role, the sample and its label
     */
    public static void requireLabels(int[] labels, int n, int classes, String role) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != n) {
            throw new IllegalArgumentException(role + " has " + labels.length + " labels but the probabilities have "
                    + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(role + " label " + labels[i] + " of sample " + (i + 1)
                        + " is outside 0.." + (classes - 1) + " (C = " + classes + ")");
            }
        }
    }

    private static void checkLabels(int[] labels, int n, int classes) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside 0.."
                        + (classes - 1));
            }
        }
    }

    /** Scores of the sets {j : p_ij ≥ λ}. */
    public static final class Evaluation {
        public final double lambda;
        public final double accuracy;
        public final double meanSetSize;
        public final double setJaccard;
        public final double[] perClassAccuracy;
        public final long[] perClassCount;

        Evaluation(double lambda, double accuracy, double meanSetSize, double setJaccard, double[] perClassAccuracy,
                long[] perClassCount) {
            this.lambda = lambda;
            this.accuracy = accuracy;
            this.meanSetSize = meanSetSize;
            this.setJaccard = setJaccard;
            this.perClassAccuracy = perClassAccuracy;
            this.perClassCount = perClassCount;
        }
    }

    /** Evaluates the sets {j : p_ij ≥ λ} of n × C probabilities against true labels. */
    public static Evaluation evaluate(double[] probs, int[] labels, int n, int classes, double lambda) {
        check(probs, n, classes);
        checkLabels(labels, n, classes);
        long covered = 0;
        long sizes = 0;
        double jaccard = 0;
        long[] perCount = new long[classes];
        long[] perHit = new long[classes];
        for (int i = 0; i < n; i++) {
            int size = 0;
            for (int j = 0; j < classes; j++) {
                if (probs[i * classes + j] >= lambda) {
                    size++;
                }
            }
            boolean hit = probs[i * classes + labels[i]] >= lambda;
            sizes += size;
            perCount[labels[i]]++;
            if (hit) {
                covered++;
                perHit[labels[i]]++;
                jaccard += 1.0 / size;
            }
        }
        double[] perAcc = new double[classes];
        for (int j = 0; j < classes; j++) {
            perAcc[j] = perCount[j] == 0 ? Double.NaN : (double) perHit[j] / perCount[j];
        }
        return new Evaluation(lambda, (double) covered / n, (double) sizes / n, jaccard / n, perAcc, perCount);
    }

    /** Top-K accuracy: the share of samples whose true class is among their K most probable (ties: lower index first). */
    public static double topK(double[] probs, int[] labels, int n, int classes, int k) {
        check(probs, n, classes);
        checkLabels(labels, n, classes);
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("K is " + k + "; expected 1 <= K <= C = " + classes);
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            double pt = probs[i * classes + labels[i]];
            int better = 0;
            for (int j = 0; j < classes; j++) {
                double v = probs[i * classes + j];
                if (v > pt || (v == pt && j < labels[i])) {
                    better++;
                }
            }
            if (better < k) {
                hits++;
            }
        }
        return (double) hits / n;
    }
}
