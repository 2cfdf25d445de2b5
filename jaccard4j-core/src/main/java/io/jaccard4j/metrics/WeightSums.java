package io.jaccard4j.metrics;

/**
 * Sums of sample weights kept in double-double form (a high and a low double per cell): each addition is
 * error-free up to about 2⁻¹⁰⁶ relative, so the rounded total does not depend on the order in which weights
 * and partial sums arrive — threads and Spark partitions give the same bits as one sequential pass.
 */
final class WeightSums {
    private WeightSums() {
    }

    /** (hi[k], lo[k]) += v. */
    static void add(double[] hi, double[] lo, int k, double v) {
        add(hi, lo, k, k, v);
    }

    /** (hi[h], lo[l]) += v: the high and low parts may sit in one array at two indices. */
    static void add(double[] hi, double[] lo, int h, int l, double v) {
        double a = hi[h];
        double s = a + v;
        double bb = s - a;
        double e = (a - (s - bb)) + (v - bb); // exact error of a + v (TwoSum)
        e += lo[l];
        double sum = s + e;
        lo[l] = e - (sum - s);
        hi[h] = sum;
    }

    /** Adds every cell of (otherHi, otherLo) into (hi, lo). */
    static void merge(double[] hi, double[] lo, double[] otherHi, double[] otherLo) {
        for (int k = 0; k < hi.length; k++) {
            add(hi, lo, k, otherHi[k]);
            add(hi, lo, k, otherLo[k]);
        }
    }
}
