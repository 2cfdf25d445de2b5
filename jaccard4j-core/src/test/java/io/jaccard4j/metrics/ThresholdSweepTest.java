package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Threshold curves against scikit-learn (one thresholded call a threshold in tools/gen_sweep_reference.py). */
class ThresholdSweepTest {

    static JsonObject reference() throws Exception {
        return ReferenceJson.load("/reference/sweep.json");
    }

    @Test
    void curvesMatchScikitLearnAtEveryThreshold() throws Exception {
        JsonArray curves = reference().getAsJsonArray("curves");
        assertTrue(curves.size() >= 200);
        for (JsonElement e : curves) {
            JsonObject c = e.getAsJsonObject();
            double[] t = ReferenceJson.doubles(c.get("truth"));
            boolean[] truth = new boolean[t.length];
            for (int i = 0; i < t.length; i++) {
                truth[i] = t[i] == 1;
            }
            ThresholdCurve curve = ThresholdSweep.sweep(truth, ReferenceJson.doubles(c.get("scores")),
                    ReferenceJson.doubles(c.get("sample_weight")), ZeroDivision.ZERO);
            assertArrayEquals(ReferenceJson.doubles(c.get("thresholds")), curve.thresholds(), 0.0);
            assertArrayEquals(ReferenceJson.doubles(c.get("jaccard")), curve.jaccard(), 1e-12, c.toString());
            assertArrayEquals(ReferenceJson.doubles(c.get("f1")), curve.f1(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("precision")), curve.precision(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("recall")), curve.recall(), 1e-12);
        }
    }

    @Test
    void setOverlapsMatchScikitLearnOnIndicatorVectors() throws Exception {
        JsonArray sets = reference().getAsJsonArray("sets");
        assertTrue(sets.size() >= 200);
        for (JsonElement e : sets) {
            JsonObject c = e.getAsJsonObject();
            long[] a = toLongs(ReferenceJson.doubles(c.get("a")));
            long[] b = toLongs(ReferenceJson.doubles(c.get("b")));
            java.util.List<Long> la = new java.util.ArrayList<>();
            java.util.BitSet ba = new java.util.BitSet();
            for (long x : a) {
                la.add(x);
                ba.set((int) x);
            }
            java.util.List<Long> lb = new java.util.ArrayList<>();
            java.util.BitSet bb = new java.util.BitSet();
            for (long x : b) {
                lb.add(x);
                bb.set((int) x);
            }
            double j = c.get("jaccard").getAsDouble();
            double f = c.get("f1").getAsDouble();
            assertEquals(j, SetJaccard.jaccard(la, lb), 1e-12);
            assertEquals(j, SetJaccard.jaccard(ba, bb), 1e-12);
            assertEquals(j, SetJaccard.overlap(a, b).jaccard(ZeroDivision.ZERO), 1e-12);
            assertEquals(f, SetJaccard.dice(la, lb), 1e-12);
        }
    }

    private static long[] toLongs(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return out;
    }

    @Test
    void bestThresholdPrefersTheHighestAmongTies() {
        boolean[] truth = {true, false, true};
        double[] scores = {0.9, 0.5, 0.1};
        ThresholdCurve c = ThresholdSweep.sweep(truth, scores);
        // t=0.1: tp 2 fp 1 -> J 2/3 ; t=0.5: tp 1 fp 1 fn 1 -> 1/3 ; t=0.9: tp 1 fn 1 -> 1/2
        assertEquals(0.1, c.bestThreshold(Metric.JACCARD), 0.0);
        ThresholdCurve tie = ThresholdSweep.sweep(new boolean[] {true, false}, new double[] {0.8, 0.2});
        assertEquals(1.0, tie.bestScore(Metric.JACCARD), 0.0);
        assertEquals(0.8, tie.bestThreshold(Metric.JACCARD), 0.0);
    }

    @Test
    void badInputFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> ThresholdSweep.sweep(new boolean[] {true}, new double[] {}));
        assertThrows(IllegalArgumentException.class, () -> ThresholdSweep.sweep(new boolean[0], new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdSweep.sweep(new boolean[] {true, false}, new double[] {0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("score 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdSweep.sweep(new boolean[] {true},
                new double[] {0.1}, new double[] {-1}, ZeroDivision.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SetJaccard.overlap(new long[] {1, 1}, new long[] {2}));
        assertThrows(IllegalArgumentException.class, () -> SetJaccard.jaccardFromF1(1.5));
    }

    @Property(tries = 200)
    void sweepAgreesWithThresholdingAtEveryThreshold(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int n) {
        Random r = new Random(seed);
        boolean[] truth = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = r.nextBoolean();
            scores[i] = r.nextInt(10) / 10.0;
        }
        ThresholdCurve c = ThresholdSweep.sweep(truth, scores);
        double[] thr = c.thresholds();
        for (int k = 0; k < thr.length; k++) {
            BinaryConfusion b = BinaryConfusion.of().updateFromScores(truth, scores, thr[k]);
            assertEquals(b.tp(), c.tp()[k], 0.0);
            assertEquals(b.fp(), c.fp()[k], 0.0);
            assertEquals(b.fn(), c.fn()[k], 0.0);
            if (k > 0) {
                assertTrue(thr[k] > thr[k - 1]);
            }
        }
    }

    @Property(tries = 300)
    void jaccardDistanceOfSetsIsAMetric(@ForAll long seed) {
        Random r = new Random(seed);
        java.util.Set<Integer>[] s = new java.util.Set[3];
        for (int k = 0; k < 3; k++) {
            s[k] = new java.util.HashSet<>();
            int m = 1 + r.nextInt(12);
            for (int i = 0; i < m; i++) {
                s[k].add(r.nextInt(15));
            }
        }
        double dab = 1 - SetJaccard.jaccard(s[0], s[1]);
        double dbc = 1 - SetJaccard.jaccard(s[1], s[2]);
        double dac = 1 - SetJaccard.jaccard(s[0], s[2]);
        assertTrue(dac <= dab + dbc + 1e-12, "triangle inequality");
        assertEquals(dab, 1 - SetJaccard.jaccard(s[1], s[0]), 0.0, "symmetry");
        assertEquals(1.0, SetJaccard.jaccard(s[0], s[0]), 0.0);
        double f = SetJaccard.dice(s[0], s[1]);
        assertEquals(SetJaccard.jaccardFromF1(f), SetJaccard.jaccard(s[0], s[1]), 1e-12);
        assertEquals(f, SetJaccard.f1FromJaccard(SetJaccard.jaccard(s[0], s[1])), 1e-12);
    }
}
