package io.jaccard4j.segmentation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.Grid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Surface metrics against their definitions: surfaces by brute-force morphology, distances by brute force. */
class SurfaceDistancesTest {

    private static List<int[]> surfacePoints(boolean[] m, Grid g) {
        List<int[]> pts = new ArrayList<>();
        boolean[] s = Boundaries.surface(m, g);
        for (int i = 0; i < s.length; i++) {
            if (s[i]) {
                int[] x = new int[g.axes()];
                g.coordinates(i, x);
                pts.add(x);
            }
        }
        return pts;
    }

    private static double[] brute(List<int[]> from, List<int[]> to, DistanceMetric m, double[] spacing) {
        double[] out = new double[from.size()];
        for (int i = 0; i < out.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int[] y : to) {
                best = Math.max(0, Math.min(best, m.between(from.get(i), y, spacing)));
            }
            out[i] = best;
        }
        return out;
    }

    /** numpy.percentile's linear rule, written from its documentation: position q/100·(n−1) in the sorted list. */
    private static double percentile(double[] v, double q) {
        double[] a = v.clone();
        Arrays.sort(a);
        double pos = q / 100 * (a.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return a[lo] + (a[hi] - a[lo]) * (pos - lo);
    }

    private static long count(double[] v, double tol) {
        return Arrays.stream(v).filter(x -> x <= tol).count();
    }

    @Test
    void metricsMatchTheirDefinitions() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 150; trial++) {
            int axes = 2 + trial % 2;
            int[] shape = new int[axes];
            double[] spacing = new double[axes];
            for (int a = 0; a < axes; a++) {
                shape[a] = 3 + rnd.nextInt(axes == 2 ? 12 : 6);
                spacing[a] = trial % 4 == 0 ? 1 : 0.3 + 2 * rnd.nextDouble();
            }
            Grid g = Grid.of(shape, spacing);
            boolean[] t = new boolean[g.size()];
            boolean[] p = new boolean[g.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextDouble() < 0.4;
                p[i] = rnd.nextDouble() < 0.4;
            }
            List<int[]> st = surfacePoints(t, g);
            List<int[]> sp = surfacePoints(p, g);
            if (st.isEmpty() || sp.isEmpty()) {
                continue;
            }
            for (DistanceMetric m : DistanceMetric.values()) {
                String what = g + " " + m;
                double[] pt = brute(sp, st, m, spacing);
                double[] tp = brute(st, sp, m, spacing);
                SurfaceDistances s = SurfaceDistances.of(t, p, g, m, 1 + trial % 3);
                double maxPt = Arrays.stream(pt).max().getAsDouble();
                double maxTp = Arrays.stream(tp).max().getAsDouble();
                assertEquals(Math.max(maxPt, maxTp), s.hausdorff(100, false), 1e-12, what);
                assertEquals(maxPt, s.hausdorff(100, true), 1e-12, what);
                assertEquals(Math.max(percentile(pt, 95), percentile(tp, 95)), s.hausdorff(95, false), 1e-12, what);
                assertEquals(percentile(pt, 50), s.hausdorff(50, true), 1e-12, what);
                double pooled = (Arrays.stream(pt).sum() + Arrays.stream(tp).sum()) / (pt.length + tp.length);
                assertEquals(pooled, s.averageSurfaceDistance(false), 1e-12, what);
                assertEquals(Arrays.stream(pt).average().getAsDouble(), s.averageSurfaceDistance(true), 1e-12, what);
                for (double tol : new double[] {0, 1, 1.5, 3}) {
                    assertEquals((double) (count(pt, tol) + count(tp, tol)) / (pt.length + tp.length),
                            s.surfaceDice(tol), 1e-15, what + " nsd " + tol);
                    double prec = (double) count(pt, tol) / pt.length;
                    double rec = (double) count(tp, tol) / tp.length;
                    double f = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
                    assertEquals(f, s.boundaryF1(tol), 1e-15, what + " bf " + tol);
                    assertEquals(prec, s.boundaryPrecision(tol), 1e-15, what + " precision " + tol);
                    assertEquals(rec, s.boundaryRecall(tol), 1e-15, what + " recall " + tol);
                }
            }
        }
    }

    @Test
    void emptyMasksFollowTheChosenRule() {
        Grid g = Grid.of(6, 6);
        int[] truth = new int[36];
        int[] pred = new int[36];
        truth[7] = 1; // class 1 only in the truth; class 2 nowhere
        SurfaceMetricOptions.Builder b = SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF);
        SurfaceScores nan = SurfaceScores.of(3, b.build());
        nan.update(truth, pred, g);
        assertTrue(Double.isNaN(nan.values()[0][0]) && Double.isNaN(nan.values()[0][1]));
        assertEquals(2, nan.undefinedPairs());
        assertTrue(Double.isNaN(nan.score()));
        SurfaceScores tm = SurfaceScores.of(3, b.emptyMaskRule(EmptyMaskRule.TORCHMETRICS).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tm.update(truth, pred, g));
        assertTrue(e.getMessage().contains("class 2 is absent from both"), e.getMessage());
        SurfaceScores tm2 = SurfaceScores.of(2, b.build());
        tm2.update(truth, pred, g);
        assertEquals(Double.POSITIVE_INFINITY, tm2.score());
        SurfaceScores nsd = SurfaceScores.of(2, SurfaceMetricOptions.builder(SurfaceMetric.NSD).tolerance(1).build());
        nsd.update(truth, pred, g);
        assertEquals(0.0, nsd.score());
    }

    @Test
    void badOptionsAndLabelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SurfaceMetricOptions.builder(SurfaceMetric.NSD).build());
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).percentile(0));
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).percentile(101));
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceMetricOptions.builder(SurfaceMetric.NSD).tolerance(-1));
        SurfaceScores s = SurfaceScores.of(2, SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.update(new int[] {0, 1, 2, 0}, new int[4], Grid.of(2, 2)));
        assertTrue(e.getMessage().contains("truth has label 2 at index 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.update(new int[4], new int[5], Grid.of(2, 2)));
        assertTrue(e.getMessage().contains("predicted mask has 5 values"), e.getMessage());
    }
}
