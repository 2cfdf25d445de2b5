package io.jaccard4j.engine;

/** The brute-force bootstraps' percentile, written from numpy 1.24's definition of its default ('linear') method. */
final class NumpyPercentile {
    private NumpyPercentile() {
    }

    /**
     * numpy.percentile's default (linear) at fraction q of sorted values, rounded as numpy's _lerp: a + (b − a)·t
     * below t = 1/2, b − (b − a)·(1 − t) from 1/2 on.
     */
    static double of(double[] a, double q) {
        double pos = q * (a.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(a.length - 1, lo + 1);
        double t = pos - lo;
        double d = a[hi] - a[lo];
        return t >= 0.5 ? a[hi] - d * (1 - t) : a[lo] + d * t;
    }
}
