package io.jaccard4j.segmentation.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The distance transform against its definition, min over sites of the metric, by brute force. */
class DistanceTransformTest {

    static double[] bruteForce(boolean[] sites, Grid grid, DistanceMetric metric) {
        int n = grid.size();
        double[] out = new double[n];
        int[] a = new int[grid.axes()];
        int[] b = new int[grid.axes()];
        double[] spacing = grid.spacing();
        for (int i = 0; i < n; i++) {
            grid.coordinates(i, a);
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (sites[j]) {
                    grid.coordinates(j, b);
                    best = Math.min(best, metric.between(a, b, spacing));
                }
            }
            out[i] = best;
        }
        return out;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isInfinite(expected[i])) {
                assertEquals(expected[i], actual[i], what + " at " + i);
            } else {
                assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, expected[i]), what + " at " + i);
            }
        }
    }

    @Test
    void matchesBruteForceInOneToFourDimensions() {
        Random rnd = new Random(20);
        for (int trial = 0; trial < 400; trial++) {
            int axes = 1 + trial % 4;
            int[] shape = new int[axes];
            double[] spacing = new double[axes];
            for (int i = 0; i < axes; i++) {
                shape[i] = 1 + rnd.nextInt(axes == 1 ? 40 : axes == 4 ? 4 : 11);
                spacing[i] = trial % 3 == 0 ? 1.0 : 0.25 + 3 * rnd.nextDouble();
            }
            Grid grid = Grid.of(shape, spacing);
            double density = new double[] {0, 0.02, 0.1, 0.5, 0.95, 1}[trial % 6];
            boolean[] sites = new boolean[grid.size()];
            for (int i = 0; i < sites.length; i++) {
                sites[i] = rnd.nextDouble() < density;
            }
            for (DistanceMetric metric : DistanceMetric.values()) {
                double[] expected = bruteForce(sites, grid, metric);
                String what = metric + " " + grid + " density " + density;
                assertClose(expected, DistanceTransform.toNearest(sites, grid, metric), what);
                assertArrayEquals(DistanceTransform.toNearest(sites, grid, metric),
                        DistanceTransform.toNearest(sites, grid, metric, 3), what + " threads");
            }
        }
    }

    @Test
    void longLinesSplitOverThreadsGiveTheSameBits() {
        Random rnd = new Random(7);
        Grid grid = Grid.of(new int[] {60, 70, 50}, new double[] {1.5, 0.7, 2.0});
        boolean[] sites = new boolean[grid.size()];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = rnd.nextDouble() < 0.001;
        }
        for (DistanceMetric metric : DistanceMetric.values()) {
            double[] one = DistanceTransform.toNearest(sites, grid, metric, 1);
            assertArrayEquals(one, DistanceTransform.toNearest(sites, grid, metric, 4), metric.toString());
            // spot-check against the definition
            int[] a = new int[3];
            int[] b = new int[3];
            for (int probe = 0; probe < 50; probe++) {
                int i = rnd.nextInt(grid.size());
                grid.coordinates(i, a);
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < sites.length; j++) {
                    if (sites[j]) {
                        grid.coordinates(j, b);
                        best = Math.min(best, metric.between(a, b, grid.spacing()));
                    }
                }
                assertEquals(best, one[i], 1e-12 * best, metric + " at " + i);
            }
        }
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grid.of(new int[] {3, 4}, new double[] {1.0}));
        assertTrue(e.getMessage().contains("spacing must have 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grid.of(new int[] {3, 4}, new double[] {1.0, 0.0}));
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grid.of(new int[] {3, 4}, new double[] {1.0, Double.NaN}));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistanceTransform.toNearest(new boolean[5], Grid.of(2, 3), DistanceMetric.EUCLIDEAN));
        assertTrue(e.getMessage().contains("sites has 5 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DistanceMetric.parse("manhattan"));
        assertTrue(e.getMessage().contains("'manhattan'"), e.getMessage());
        assertEquals(DistanceMetric.TAXICAB, DistanceMetric.parse("Taxicab"));
    }
}
