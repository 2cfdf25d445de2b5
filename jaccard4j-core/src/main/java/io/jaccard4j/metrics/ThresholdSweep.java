package io.jaccard4j.metrics;

import java.util.Objects;

/**
 * Threshold sweeps: binary scores at every distinct threshold from ONE sort of the scores (O(n log n) in all,
 * not a pass per threshold). Samples are sorted by descending score; cumulative true and false positives at
 * the last position of each run of equal scores give the counts for "predict positive when score &gt;= t"
 * (scikit-learn's {@code _binary_clf_curve}). The "predict nothing" point (a threshold above every score) is
 * not part of the curve.
 */
public final class ThresholdSweep {
    private ThresholdSweep() {
    }

    /** Sweeps a binary problem with zero-division value 0. */
    public static ThresholdCurve sweep(boolean[] truth, double[] scores) {
        return sweep(truth, scores, null, ZeroDivision.ZERO);
    }

    /**
     * Sweeps a binary problem.
     *
     * @param truth whether each sample is positive
     * @param scores one finite or infinite (never NaN) score a sample
     * @param sampleWeight one non-negative weight a sample, or null
     * @throws IllegalArgumentException on empty input, different lengths, a NaN score or a negative weight
     */
    public static ThresholdCurve sweep(boolean[] truth, double[] scores, double[] sampleWeight,
            ZeroDivision zeroDivision) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(zeroDivision, "zeroDivision");
        int n = truth.length;
        if (scores.length != n) {
            throw new IllegalArgumentException("truth has " + n + " samples but scores has " + scores.length);
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot sweep thresholds over no samples");
        }
        if (sampleWeight != null && sampleWeight.length != n) {
            throw new IllegalArgumentException("sample_weight has " + sampleWeight.length + " entries, expected " + n);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (sampleWeight != null && !(sampleWeight[i] >= 0 && Double.isFinite(sampleWeight[i]))) {
                throw new IllegalArgumentException("sample_weight[" + i + "] = " + sampleWeight[i]
                        + "; weights must be finite and non-negative");
            }
        }
        int[] order = descendingOrder(scores);
        double[] tpRun = new double[n];
        double[] fpRun = new double[n];
        double[] thr = new double[n];
        int runs = 0;
        double tp = 0;
        double fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            if (truth[i]) {
                tp += w;
            } else {
                fp += w;
            }
            if (k == n - 1 || scores[order[k + 1]] != scores[i]) {
                thr[runs] = scores[i];
                tpRun[runs] = tp;
                fpRun[runs] = fp;
                runs++;
            }
        }
        // ascending thresholds
        double[] t = new double[runs];
        double[] a = new double[runs];
        double[] b = new double[runs];
        for (int r = 0; r < runs; r++) {
            t[r] = thr[runs - 1 - r];
            a[r] = tpRun[runs - 1 - r];
            b[r] = fpRun[runs - 1 - r];
        }
        return new ThresholdCurve(t, a, b, tp, zeroDivision);
    }

    /**
     * One curve a label of a multilabel problem: {@code truth} and {@code scores} are samples × labels,
     * row-major.
     */
    public static ThresholdCurve[] sweepPerLabel(IndicatorMatrix truth, double[] scores, ZeroDivision zeroDivision) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(scores, "scores");
        int n = truth.size();
        int l = truth.columns();
        if ((long) n * l != scores.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " entries, expected " + n + " x " + l);
        }
        ThresholdCurve[] out = new ThresholdCurve[l];
        boolean[] t = new boolean[n];
        double[] s = new double[n];
        for (int j = 0; j < l; j++) {
            for (int i = 0; i < n; i++) {
                t[i] = truth.get(i, j) == 1;
                s[i] = scores[i * l + j];
            }
            out[j] = sweep(t, s, null, zeroDivision);
        }
        return out;
    }

    /** Indices ordering the scores from highest to lowest (ties in index order), by a primitive merge sort. */
    static int[] descendingOrder(double[] scores) {
        int n = scores.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        // bottom-up merge sort with insertion-sorted runs of 32
        final int run = 32;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(lo + run, n);
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                double key = scores[x];
                int j = i - 1;
                while (j >= lo && scores[a[j]] < key) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                if (mid >= hi || scores[a[mid - 1]] >= scores[a[mid]]) {
                    System.arraycopy(a, lo, b, lo, hi - lo);
                    continue;
                }
                while (i < mid && j < hi) {
                    b[k++] = scores[a[j]] > scores[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] tmp = a;
            a = b;
            b = tmp;
        }
        return a;
    }
}
