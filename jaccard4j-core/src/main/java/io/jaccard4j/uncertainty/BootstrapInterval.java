package io.jaccard4j.uncertainty;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A percentile bootstrap confidence interval (Efron, 1979) of a statistic over n units (images, or samples for
 * classification): R resamples each draw n unit indices uniformly with replacement from a
 * {@link SplittableRandom} seeded with the given seed (index k of resample r is the (r·n + k)-th draw), the statistic
 * is evaluated on each resample, NaN values are dropped, and the interval is the (1 − level)/2 and (1 + level)/2
 * quantiles of the remaining values (linear interpolation, numpy's default). The same seed gives the same interval.
 * The statistic receives the drawn indices, so it can recombine additive per-unit states without rescanning data.
 */
public final class BootstrapInterval {
    private final double lower;
    private final double upper;
    private final int used;

    private BootstrapInterval(double lower, double upper, int used) {
        this.lower = lower;
        this.upper = upper;
        this.used = used;
    }

    /**
     * The interval.
     *
     * @throws IllegalArgumentException if {@code level} is not in (0, 1), {@code resamples} &lt; 1 or {@code units} &lt; 1
     */
    public static BootstrapInterval of(int units, ToDoubleFunction<int[]> statistic, double level, int resamples,
            long seed) {
        checkLevel(level);
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1; got " + resamples);
        }
        if (units < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least one image or sample; got " + units);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int m = 0;
        int[] rows = new int[units];
        for (int r = 0; r < resamples; r++) {
            for (int k = 0; k < units; k++) {
                rows[k] = rnd.nextInt(units);
            }
            double v = statistic.applyAsDouble(rows.clone());
            if (!Double.isNaN(v)) {
                values[m++] = v;
            }
        }
        return percentile(Arrays.copyOf(values, m), level);
    }

    /**
     * The percentile interval of statistics already computed, one a resample in resample order: NaN values
     * (undefined resamples) are dropped, and the (1 − level)/2 and (1 + level)/2 quantiles of the rest are taken
     * with linear interpolation (numpy's default), as {@link #of} takes them. [NaN, NaN] when every value is NaN.
     *
     * @throws IllegalArgumentException if {@code level} is not in (0, 1) or there are no statistics
     */
    public static BootstrapInterval ofStatistics(double[] statistics, double level) {
        checkLevel(level);
        if (statistics.length < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1; got 0");
        }
        double[] kept = new double[statistics.length];
        int m = 0;
        for (double v : statistics) {
            if (!Double.isNaN(v)) {
                kept[m++] = v;
            }
        }
        return percentile(Arrays.copyOf(kept, m), level);
    }

    private static BootstrapInterval percentile(double[] a, double level) {
        int m = a.length;
        if (m == 0) {
            return new BootstrapInterval(Double.NaN, Double.NaN, 0);
        }
        Arrays.sort(a);
        return new BootstrapInterval(quantile(a, (1 - level) / 2), quantile(a, (1 + level) / 2), m);
    }

    /**
     * Checks a confidence level.
     *
     * @throws IllegalArgumentException unless 0 &lt; level &lt; 1
     */
    public static double checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level (--ci) must be in (0, 1); got " + level);
        }
        return level;
    }

    /**
     * Linear interpolation between order statistics a = x<sub>lo</sub> and b = x<sub>lo+1</sub> at position
     * f·(m − 1) = lo + t of a sorted array, rounded as numpy's {@code quantile} (its {@code _lerp}) rounds it:
     * a + (b − a)·t for t &lt; 1/2, b − (b − a)·(1 − t) for t ≥ 1/2.
     */
    static double quantile(double[] sorted, double f) {
        double pos = f * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double t = pos - lo;
        if (t == 0) {
            return sorted[lo];
        }
        double d = sorted[hi] - sorted[lo];
        return t >= 0.5 ? sorted[hi] - d * (1 - t) : sorted[lo] + d * t;
    }

    /** The lower end. */
    public double lower() {
        return lower;
    }

    /** The upper end. */
    public double upper() {
        return upper;
    }

    /** {lower, upper}. */
    public double[] bounds() {
        return new double[] {lower, upper};
    }

    /** The resamples whose statistic was not NaN. */
    public int resamplesUsed() {
        return used;
    }
}
