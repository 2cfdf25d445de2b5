package io.jaccard4j.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PoissonWeights}: the finalizer is SplitMix64's (java.util.SplittableRandom's first output is
 * mix(seed + γ)), the table is the Poisson(1) distribution function by its definition, and the draws have the
 * mean and variance 1 of Poisson(1) (a loose statistical check on a million fixed draws).
 */
class PoissonWeightsTest {
    @Test
    void finalizerIsSplitMix64() {
        SplittableRandom r = new SplittableRandom(99);
        for (int k = 0; k < 1000; k++) {
            long seed = r.nextLong();
            assertEquals(new SplittableRandom(seed).nextLong(), PoissonWeights.mix(seed + 0x9E3779B97F4A7C15L));
        }
    }

    @Test
    void tableIsThePoissonDistributionFunction() {
        double[] f = PoissonWeights.distributionFunction();
        double term = Math.exp(-1);
        double sum = 0;
        for (int k = 0; k < f.length; k++) {
            sum += term;
            assertEquals(sum, f[k], 1e-15, "F(" + k + ")");
            term /= k + 1;
        }
        assertEquals(1.0, f[f.length - 1], 1e-15);
        assertTrue(f.length >= 15 && f.length <= 25, "terms until e^-1/k! no longer changes the sum: " + f.length);
    }

    @Test
    void drawsHaveMeanAndVarianceOne() {
        long n = 1_000_000;
        double sum = 0;
        double sq = 0;
        long zeros = 0;
        for (int r = 0; r < 100; r++) {
            long key = PoissonWeights.resampleKey(5, r);
            for (long i = 0; i < n / 100; i++) {
                int k = PoissonWeights.weight(key, i);
                sum += k;
                sq += (double) k * k;
                zeros += k == 0 ? 1 : 0;
            }
        }
        double mean = sum / n;
        // standard errors: mean 0.001, variance about 0.0017, P(0) = e^-1 about 0.0005
        assertEquals(1.0, mean, 0.005);
        assertEquals(1.0, sq / n - mean * mean, 0.01);
        assertEquals(Math.exp(-1), (double) zeros / n, 0.0025);
        assertEquals(PoissonWeights.weight(5, 3, 17), PoissonWeights.weight(PoissonWeights.resampleKey(5, 3), 17));
    }
}
