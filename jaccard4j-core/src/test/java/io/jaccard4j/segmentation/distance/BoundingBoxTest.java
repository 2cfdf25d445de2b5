package io.jaccard4j.segmentation.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bounding box against its definition (min and max coordinates of the set points, by brute force), and the
 * distances at query points ({@link DistanceTransform#atPoints}, which runs on the box) against the brute-force
 * transform read at those points.
 */
class BoundingBoxTest {

    /** A mask whose set points lie in a random sub-box (so that the cut is a real one), with some density. */
    private static boolean[] sparseMask(Random rnd, Grid grid, double density) {
        int[] lo = new int[grid.axes()];
        int[] hi = new int[grid.axes()];
        for (int a = 0; a < grid.axes(); a++) {
            lo[a] = rnd.nextInt(grid.extent(a));
            hi[a] = lo[a] + rnd.nextInt(grid.extent(a) - lo[a]);
        }
        boolean[] m = new boolean[grid.size()];
        int[] x = new int[grid.axes()];
        for (int i = 0; i < m.length; i++) {
            grid.coordinates(i, x);
            boolean inside = true;
            for (int a = 0; a < x.length; a++) {
                inside &= x[a] >= lo[a] && x[a] <= hi[a];
            }
            m[i] = inside && rnd.nextDouble() < density;
        }
        return m;
    }

    private static Grid randomGrid(Random rnd, int trial) {
        int axes = 1 + trial % 4;
        int[] shape = new int[axes];
        double[] spacing = new double[axes];
        for (int i = 0; i < axes; i++) {
            shape[i] = 1 + rnd.nextInt(axes == 1 ? 40 : axes == 4 ? 5 : 12);
            spacing[i] = trial % 3 == 0 ? 1.0 : 0.25 + 3 * rnd.nextDouble();
        }
        return Grid.of(shape, spacing);
    }

    @Test
    void boxAndCutMatchTheirDefinitions() {
        Random rnd = new Random(31);
        for (int trial = 0; trial < 300; trial++) {
            Grid grid = randomGrid(rnd, trial);
            boolean[] a = sparseMask(rnd, grid, trial % 5 == 0 ? 0.0 : 0.3);
            boolean[] b = sparseMask(rnd, grid, 0.2);
            int axes = grid.axes();
            int[] lo = new int[axes];
            int[] hi = new int[axes];
            java.util.Arrays.fill(lo, Integer.MAX_VALUE);
            java.util.Arrays.fill(hi, -1);
            int[] x = new int[axes];
            java.util.List<Integer> setA = new java.util.ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                if (a[i] || b[i]) {
                    grid.coordinates(i, x);
                    for (int k = 0; k < axes; k++) {
                        lo[k] = Math.min(lo[k], x[k]);
                        hi[k] = Math.max(hi[k], x[k]);
                    }
                }
                if (a[i]) {
                    setA.add(i);
                }
            }
            BoundingBox box = BoundingBox.of(grid, a, b);
            if (hi[0] < 0) {
                assertNull(box, "empty masks have no box");
                continue;
            }
            assertArrayEquals(lo, box.lo(), "lo " + grid);
            assertArrayEquals(hi, box.hi(), "hi " + grid);
            // the cut keeps the set points of a, in order, at their coordinates minus lo
            boolean[] cut = box.cut(a, grid);
            int[] y = new int[axes];
            int k = 0;
            for (int i = 0; i < cut.length; i++) {
                if (cut[i]) {
                    box.grid().coordinates(i, y);
                    grid.coordinates(setA.get(k++), x);
                    for (int ax = 0; ax < axes; ax++) {
                        assertEquals(x[ax] - lo[ax], y[ax], "cut coordinate " + grid);
                    }
                }
            }
            assertEquals(setA.size(), k, "cut keeps every set point " + grid);
        }
    }

    @Test
    void perLabelBoxesAreTheBoxesOfEachLabel() {
        Random rnd = new Random(32);
        for (int trial = 0; trial < 200; trial++) {
            Grid grid = randomGrid(rnd, trial);
            int labels = 1 + rnd.nextInt(5);
            int[] l = new int[grid.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = rnd.nextDouble() < 0.7 ? 0 : rnd.nextInt(labels);
            }
            BoundingBox[] boxes = BoundingBox.perLabel(grid, l, labels);
            for (int c = 0; c < labels; c++) {
                boolean[] m = new boolean[l.length];
                for (int i = 0; i < l.length; i++) {
                    m[i] = l[i] == c;
                }
                BoundingBox expected = BoundingBox.of(grid, m);
                if (expected == null) {
                    assertNull(boxes[c]);
                    continue;
                }
                assertArrayEquals(expected.lo(), boxes[c].lo(), "label " + c + " " + grid);
                assertArrayEquals(expected.hi(), boxes[c].hi(), "label " + c + " " + grid);
                assertArrayEquals(expected.cut(m, grid), boxes[c].cutLabel(l, c, grid), "cut label " + c);
            }
        }
    }

    @Test
    void distancesAtQueryPointsAreTheTransformThere() {
        Random rnd = new Random(33);
        for (int trial = 0; trial < 300; trial++) {
            Grid grid = randomGrid(rnd, trial);
            boolean[] sites = sparseMask(rnd, grid, trial % 7 == 0 ? 0.0 : 0.1);
            boolean[] queries = sparseMask(rnd, grid, 0.3);
            for (DistanceMetric metric : DistanceMetric.values()) {
                double[] all = DistanceTransformTest.bruteForce(sites, grid, metric);
                int count = 0;
                for (boolean q : queries) {
                    count += q ? 1 : 0;
                }
                double[] expected = new double[count];
                for (int i = 0, k = 0; i < queries.length; i++) {
                    if (queries[i]) {
                        expected[k++] = all[i];
                    }
                }
                String what = metric + " " + grid;
                DistanceTransformTest.assertClose(expected, DistanceTransform.atPoints(sites, queries, grid, metric, 1), what);
                assertArrayEquals(DistanceTransform.atPoints(sites, queries, grid, metric, 1),
                        DistanceTransform.atPoints(sites, queries, grid, metric, 3), what + " threads");
            }
        }
    }
}
