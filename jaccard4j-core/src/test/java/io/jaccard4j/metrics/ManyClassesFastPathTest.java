package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The many-class fast paths against their definitions: {@link ClassCounts}' batched counting (int scratch arrays)
 * against counts made one sample at a time by a plain loop, {@link LabelEncoder#range(long, int)} against
 * {@link LabelEncoder#of} of the same list, and scores through a range encoder against scores through that list.
 */
class ManyClassesFastPathTest {

    /** tp / predicted / support by the definition, skipping truths equal to {@code ignore} when {@code skip}. */
    private static long[][] bruteForce(int[] t, int[] p, int offset, int c, boolean skip, int ignore) {
        long[][] out = new long[3][c];
        for (int i = 0; i < t.length; i++) {
            if (skip && t[i] == ignore) {
                continue;
            }
            if (t[i] == p[i]) {
                out[0][t[i] - offset]++;
            }
            out[1][p[i] - offset]++;
            out[2][t[i] - offset]++;
        }
        return out;
    }

    private static void assertCounts(long[][] want, ClassCounts got) {
        LabelCounts c = got.labelCounts();
        for (int k = 0; k < want[0].length; k++) {
            assertEquals(want[0][k], c.tp(k), "tp of class " + k);
            assertEquals(want[1][k], c.predicted(k), "predicted of class " + k);
            assertEquals(want[2][k], c.support(k), "support of class " + k);
        }
    }

    @Property(tries = 200)
    void batchedCountsEqualTheDefinition(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 50) int c, @ForAll long seed, @ForAll boolean skip,
            @ForAll @IntRange(min = 0, max = 3) int offsetKind) {
        int[] offsets = {0, -17, Integer.MAX_VALUE - c + 1, Integer.MIN_VALUE};
        int offset = offsets[offsetKind];
        Random r = new Random(seed);
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = offset + r.nextInt(c);
            p[i] = r.nextInt(10) < 7 ? t[i] : offset + r.nextInt(c);
        }
        int ignore = offset + r.nextInt(c);
        // twice into one state: the second batch adds to the first
        ClassCounts state = ClassCounts.of(c);
        if (skip) {
            state.update(t, p, offset, ignore).update(t, p, offset, ignore);
        } else {
            state.update(t, p, offset).update(t, p, offset);
        }
        long[][] once = bruteForce(t, p, offset, c, skip, ignore);
        for (long[] a : once) {
            for (int k = 0; k < a.length; k++) {
                a[k] *= 2;
            }
        }
        assertCounts(once, state);
    }

    @Test
    void countsOnSeveralThreadsEqualTheDefinition() {
        int n = 1_300_000; // several chunks of at least 2^18 samples
        int c = 5000;
        Random r = new Random(19);
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 7 + r.nextInt(c);
            p[i] = r.nextInt(10) < 7 ? t[i] : 7 + r.nextInt(c);
        }
        assertCounts(bruteForce(t, p, 7, c, false, 0), ClassCounts.of(c).update(t, p, 7, null, 4));
        assertCounts(bruteForce(t, p, 7, c, true, 9), ClassCounts.of(c).update(t, p, 7, 9, 3));
        p[n - 3] = 7 + c;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassCounts.of(c).update(t, p, 7, null, 4));
        assertEquals("class index " + c + " is outside 0.." + (c - 1), e.getMessage());
    }

    @Test
    void aLabelOutsideTheWindowIsNamedInABatch() {
        int n = 1000;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 10;
            p[i] = (i * 7) % 10;
        }
        p[500] = 10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassCounts.of(10).update(t, p, 0));
        assertEquals("class index 10 is outside 0..9", e.getMessage());
        t[400] = -1;
        e = assertThrows(IllegalArgumentException.class, () -> ClassCounts.of(10).update(t, p, 0));
        assertEquals("class index -1 is outside 0..9", e.getMessage());
        // an ignored truth's prediction is not looked at
        p[500] = 3;
        ClassCounts skipped = ClassCounts.of(10).update(t, p, 0, -1);
        assertEquals(n - 1, skipped.samples());
    }

    @Property(tries = 100)
    void aRangeEncoderEncodesAsTheListItStandsFor(@ForAll @LongRange(min = -3, max = 3) long firstKind,
            @ForAll @IntRange(min = 0, max = 40) int n, @ForAll long seed) {
        long first = firstKind == -3 ? Long.MIN_VALUE : firstKind == 3 ? Long.MAX_VALUE - Math.max(n - 1, 0)
                : firstKind * 1000;
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(first + i);
        }
        LabelEncoder range = LabelEncoder.range(first, n);
        LabelEncoder of = LabelEncoder.of(list);
        assertEquals(of.classes(), range.classes());
        assertEquals(of.size(), range.size());
        assertEquals(of.isNumeric(), range.isNumeric());
        Random r = new Random(seed);
        long[] probes = new long[60];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = switch (i % 4) {
                case 0 -> first + r.nextInt(n + 4) - 2;
                case 1 -> r.nextLong();
                case 2 -> i % 8 == 2 ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> first - Long.MAX_VALUE + r.nextInt(3);
            };
            assertEquals(of.indexOf(probes[i]), range.indexOf(probes[i]), "label " + probes[i]);
        }
        assertEquals(of.indexOf("a"), range.indexOf("a"));
        LabelVector v = LabelVector.of(probes);
        assertArrayEquals(of.encodeOrMinusOne(v), range.encodeOrMinusOne(v));
        LabelVector s = LabelVector.of(new String[] {"a", "0"});
        assertArrayEquals(of.encodeOrMinusOne(s), range.encodeOrMinusOne(s));
    }

    @Test
    void aRangeBeyondTheLargestLongIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.range(Long.MAX_VALUE, 2));
        assertThrows(IllegalArgumentException.class, () -> LabelEncoder.range(0, -1));
    }

    @Property(tries = 100)
    void scoresThroughARangeEncoderEqualScoresThroughItsList(@ForAll @IntRange(min = 1, max = 30) int c,
            @ForAll long seed, @ForAll @IntRange(min = -5, max = 5) int first) {
        Random r = new Random(seed);
        double[] tp = new double[c];
        double[] pr = new double[c];
        double[] su = new double[c];
        List<Long> list = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            su[k] = r.nextInt(3) == 0 ? 0 : r.nextInt(5);
            pr[k] = r.nextInt(3) == 0 ? 0 : r.nextInt(5);
            tp[k] = Math.min(su[k], pr[k]) == 0 ? 0 : r.nextInt((int) Math.min(su[k], pr[k]) + 1);
            list.add((long) first + k);
        }
        LabelCounts counts = LabelCounts.of(tp, pr, su);
        List<Object> someLabels = List.of((long) first + r.nextInt(c + 3), (long) first - 1);
        for (Metric m : new Metric[] {Metric.JACCARD, Metric.F1, Metric.PRECISION, Metric.RECALL}) {
            for (Average a : new Average[] {Average.MACRO, Average.MICRO, Average.WEIGHTED, Average.NONE}) {
                for (List<Object> labels : java.util.Arrays.asList(null, someLabels)) {
                    ScoreOptions o = ScoreOptions.builder().metric(m).average(a).labels(labels)
                            .zeroDivision(ZeroDivision.ZERO).task(TargetType.MULTICLASS).build();
                    ScoreResult want = scoreOrMessage(counts, LabelEncoder.of(list), o);
                    ScoreResult got = scoreOrMessage(counts, LabelEncoder.range(first, c), o);
                    if (want == null || got == null) {
                        assertEquals(want, got);
                        continue;
                    }
                    assertEquals(want.labels(), got.labels());
                    assertArrayEquals(want.perLabel(), got.perLabel(), 0.0);
                    assertArrayEquals(want.support(), got.support(), 0.0);
                    assertEquals(want.score(), got.score(), 0.0);
                    assertEquals(want.warnings(), got.warnings());
                }
            }
        }
    }

    private static ScoreResult scoreOrMessage(LabelCounts counts, LabelEncoder enc, ScoreOptions o) {
        try {
            return Scorer.score(counts, enc, o);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
