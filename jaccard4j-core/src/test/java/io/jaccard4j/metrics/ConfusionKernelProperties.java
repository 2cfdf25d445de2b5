package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The fast counting paths (256 × 256 tables, run detection, 16-bit and int labels, parallel chunks) against the
 * definition of the confusion matrix: one count for every (truth, prediction) pair whose truth is not ignored.
 */
class ConfusionKernelProperties {
    /** Mask-like labels: runs of one class, the prediction wrong on a share of the pixels (as runs too). */
    static int[][] maskLike(Random r, int n, int classes, double errorRate, int maxRun) {
        int[] t = new int[n];
        int[] p = new int[n];
        int i = 0;
        while (i < n) {
            int len = 1 + r.nextInt(maxRun);
            int v = r.nextInt(classes);
            boolean wrong = r.nextDouble() < errorRate;
            int q = wrong ? r.nextInt(classes) : v;
            for (int k = 0; k < len && i < n; k++, i++) {
                t[i] = v;
                p[i] = r.nextDouble() < errorRate / 4 ? r.nextInt(classes) : q;
            }
        }
        return new int[][] {t, p};
    }

    /** The definition, written out. */
    static long[] expected(int[] t, int[] p, int from, int to, int classes, int ignore) {
        long[] m = new long[classes * classes];
        for (int i = from; i < to; i++) {
            if (t[i] != ignore) {
                m[t[i] * classes + p[i]]++;
            }
        }
        return m;
    }

    static long[] counts(MulticlassConfusion s) {
        int c = s.numClasses();
        long[] m = new long[c * c];
        for (int t = 0; t < c; t++) {
            for (int p = 0; p < c; p++) {
                m[t * c + p] = s.count(t, p);
            }
        }
        return m;
    }

    static byte[] bytes(int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static short[] shorts(int[] v) {
        short[] b = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (short) v[i];
        }
        return b;
    }

    @Property(tries = 40)
    void everyKernelCountsTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 256) int classes,
            @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll @IntRange(min = 1, max = 3) int threads) {
        Random r = new Random(seed);
        int n = (1 << 14) + r.nextInt(3 << 20);
        int[][] tp = kind == 0 ? maskLike(r, n, classes, 0.0, 300)
                : kind == 1 ? maskLike(r, n, classes, 0.1, 60) : maskLike(r, n, classes, 1.0, 1);
        int[] t = tp[0];
        int[] p = tp[1];
        int ignore = kind == 3 && classes > 1 ? r.nextInt(classes) : MulticlassConfusion.NO_IGNORE;
        long[] want = expected(t, p, 0, n, classes, ignore);
        MulticlassConfusion fromInts = MulticlassConfusion.withIgnoreIndex(classes, ignore).update(t, p, threads);
        MulticlassConfusion fromBytes = MulticlassConfusion.withIgnoreIndex(classes, ignore)
                .update(bytes(t), bytes(p), threads);
        MulticlassConfusion fromShorts = MulticlassConfusion.withIgnoreIndex(classes, ignore)
                .update(shorts(t), shorts(p), true, threads);
        assertArrayEquals(want, counts(fromInts), "int labels");
        assertArrayEquals(want, counts(fromBytes), "byte labels");
        assertArrayEquals(want, counts(fromShorts), "uint16 labels");
        int off = r.nextInt(n / 2);
        int len = n - off - r.nextInt(n / 4);
        MulticlassConfusion slice = MulticlassConfusion.withIgnoreIndex(classes, ignore)
                .update(bytes(t), off, bytes(p), off, len);
        assertArrayEquals(expected(t, p, off, off + len, classes, ignore), counts(slice), "byte slice");
    }

    @Test
    void runsOfEveryLengthAndPhaseAreCounted() {
        // A long correct run of class 7 broken at every phase of the 8-byte words by one wrong pixel.
        int n = 1 << 16;
        for (int phase = 0; phase < 9; phase++) {
            int[] t = new int[n];
            int[] p = new int[n];
            java.util.Arrays.fill(t, 7);
            java.util.Arrays.fill(p, 7);
            for (int i = phase; i < n; i += 97) {
                p[i] = 3;
                t[Math.min(n - 1, i + 5)] = 2;
            }
            long[] want = expected(t, p, 0, n, 8, MulticlassConfusion.NO_IGNORE);
            assertArrayEquals(want, counts(MulticlassConfusion.of(8).update(bytes(t), bytes(p))), "phase " + phase);
        }
    }

    @Test
    void theThreadCountDoesNotChangeTheCounts() {
        Random r = new Random(3);
        int[][] tp = maskLike(r, 5 << 20, 21, 0.05, 120);
        long[] one = counts(MulticlassConfusion.of(21).update(bytes(tp[0]), bytes(tp[1]), 1));
        for (int threads = 2; threads <= 7; threads++) {
            assertArrayEquals(one, counts(MulticlassConfusion.of(21).update(bytes(tp[0]), bytes(tp[1]), threads)));
            assertArrayEquals(one, counts(MulticlassConfusion.of(21).update(tp[0], tp[1], threads)));
        }
        assertEquals(5L << 20, (long) MulticlassConfusion.of(21).update(tp[0], tp[1], 2).total());
    }

    @Test
    void ignoredTruthSkipsAnyPrediction() {
        int n = 1 << 15;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 3 == 0 ? 255 : i % 2;
            p[i] = i % 3 == 0 ? 200 : 1; // out of range, but only where the truth is ignored
        }
        long[] want = expected(t, p, 0, n, 2, 255);
        assertArrayEquals(want, counts(MulticlassConfusion.withIgnoreIndex(2, 255).update(bytes(t), bytes(p))));
        assertArrayEquals(want, counts(MulticlassConfusion.withIgnoreIndex(2, 255).update(t, p, 2)));
        int[] signed = t.clone();
        for (int i = 0; i < n; i++) {
            signed[i] = t[i] == 255 ? -1 : t[i];
        }
        assertArrayEquals(want, counts(MulticlassConfusion.withIgnoreIndex(2, -1).update(shorts(signed), shorts(p),
                false, 2)));
        assertArrayEquals(want, counts(MulticlassConfusion.withIgnoreIndex(2, -1).update(signed, p, 2)));
    }

    @Test
    void outOfRangeLabelsFailWithTheirValuesAndAddNothing() {
        int n = 1 << 15;
        int[] t = new int[n];
        int[] p = new int[n];
        p[n - 3] = 4;
        MulticlassConfusion s = MulticlassConfusion.of(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.update(bytes(t), bytes(p)));
        assertTrue(e.getMessage().contains("prediction 4"), e.getMessage());
        assertEquals(0.0, s.total());
        t[7] = -2;
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> s.update(t, p, 2));
        assertTrue(f.getMessage().contains("sample 7") && f.getMessage().contains("truth -2"), f.getMessage());
        t[7] = 0;
        t[9] = 300;
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> s.update(shorts(t), shorts(p), true, 1));
        assertTrue(g.getMessage().contains("truth 300"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.update(t, p, 0));
    }
}
