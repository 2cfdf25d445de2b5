package io.jaccard4j.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.segmentation.ImageClassCounts;
import io.jaccard4j.segmentation.PixelAccuracy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bootstrap interval: deterministic for a seed, and close to the normal-theory interval of a mean. */
class BootstrapIntervalTest {

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        Random rnd = new Random(1);
        ImageClassCounts counts = ImageClassCounts.of(3, 255);
        for (int i = 0; i < 40; i++) {
            int[] t = new int[50];
            int[] p = new int[50];
            for (int j = 0; j < 50; j++) {
                t[j] = rnd.nextInt(3);
                p[j] = rnd.nextDouble() < 0.7 ? t[j] : rnd.nextInt(3);
            }
            counts.update(t, p);
        }
        BootstrapInterval a = BootstrapInterval.of(counts.images(),
                rows -> PixelAccuracy.pixelAccuracy(counts.select(rows)), 0.95, 500, 7);
        BootstrapInterval b = BootstrapInterval.of(counts.images(),
                rows -> PixelAccuracy.pixelAccuracy(counts.select(rows)), 0.95, 500, 7);
        BootstrapInterval c = BootstrapInterval.of(counts.images(),
                rows -> PixelAccuracy.pixelAccuracy(counts.select(rows)), 0.95, 500, 8);
        assertArrayEquals(a.bounds(), b.bounds());
        assertNotEquals(a.lower(), c.lower());
        double acc = PixelAccuracy.pixelAccuracy(counts);
        assertTrue(a.lower() < acc && acc < a.upper(), a.lower() + " " + acc + " " + a.upper());
    }

    @Test
    void meanOfManyUnitsIsCloseToTheNormalInterval() {
        Random rnd = new Random(2);
        double[] x = new double[2000];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            mean += x[i] / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / (x.length - 1);
        }
        double half = 1.959964 * Math.sqrt(var / x.length);
        BootstrapInterval ci = BootstrapInterval.of(x.length, rows -> {
            double s = 0;
            for (int r : rows) {
                s += x[r];
            }
            return s / rows.length;
        }, 0.95, 2000, 3);
        assertEquals(mean - half, ci.lower(), 0.15 * half);
        assertEquals(mean + half, ci.upper(), 0.15 * half);
        assertEquals(2000, ci.resamplesUsed());
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] a = {1, 2, 3, 4};
        assertEquals(1.75, BootstrapInterval.quantile(a, 0.25), 0); // numpy.percentile([1,2,3,4], 25) = 1.75
        assertEquals(4, BootstrapInterval.quantile(a, 1), 0);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.of(3, r -> 0, 1.0, 10, 1));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.of(3, r -> 0, 0.9, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.of(0, r -> 0, 0.9, 10, 1));
    }
}
