package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConfusionStateTest {

    @Test
    void countersDoNotOverflowPastTenBillionSamples() {
        MulticlassConfusion s = MulticlassConfusion.of(3).update(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 1});
        for (int i = 0; i < 34; i++) { // 2^34 copies of 4 samples = 6.9e10 samples
            s.merge(s.copy());
        }
        long copies = 1L << 34;
        assertEquals(copies, s.count(0, 0));
        assertEquals(copies, s.count(2, 2));
        assertEquals(4 * copies, (long) s.total());
        assertTrue(s.total() > 1e10);
        BinaryConfusion b = BinaryConfusion.of().update(new boolean[] {true, false}, new boolean[] {true, true});
        for (int i = 0; i < 34; i++) {
            b.merge(b);
        }
        assertEquals(copies, (long) b.tp());
        assertEquals(copies, (long) b.fp());
    }

    @Test
    void byteMasksCountLikeIntLabels() {
        Random r = new Random(7);
        byte[] t = new byte[5000];
        byte[] p = new byte[5000];
        int[] ti = new int[5000];
        int[] pi = new int[5000];
        for (int i = 0; i < t.length; i++) {
            ti[i] = r.nextInt(5);
            pi[i] = r.nextInt(5);
            t[i] = (byte) ti[i];
            p[i] = (byte) pi[i];
        }
        assertArrayEquals(MulticlassConfusion.of(5).update(ti, pi).toMatrix(),
                MulticlassConfusion.of(5).update(t, p).toMatrix());
        t[3] = (byte) 255;
        ti[3] = 255;
        assertArrayEquals(MulticlassConfusion.withIgnoreIndex(5, 255).update(ti, pi).toMatrix(),
                MulticlassConfusion.withIgnoreIndex(5, 255).update(t, p).toMatrix());
    }

    @Test
    void outOfRangeIndicesFailWithTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MulticlassConfusion.of(3).update(new int[] {0, 3}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MulticlassConfusion.of(3).update(new byte[] {0, 7}, new byte[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> MulticlassConfusion.of(2).merge(MulticlassConfusion.of(3)));
    }

    @Test
    void argmaxOfScoresTakesTheFirstMaximum() {
        MulticlassConfusion s = MulticlassConfusion.of(3)
                .updateFromScores(new int[] {0, 1, 2}, new float[] {0.5f, 0.5f, 0f, 0.1f, 0.8f, 0.1f, 0f, 0f, 0f});
        assertEquals(1, s.count(0, 0));
        assertEquals(1, s.count(1, 1));
        assertEquals(1, s.count(2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MulticlassConfusion.of(2).updateFromScores(new int[] {0}, new float[] {Float.NaN, 1f}));
    }

    @Test
    void labelEncoderMapsOnceAndRejectsUnknownLabels() {
        LabelVector v = LabelVector.of(new String[] {"dog", "cat", "dog", "ant"});
        LabelEncoder e = LabelEncoder.fit(v);
        assertEquals(List.of("ant", "cat", "dog"), e.classes());
        assertArrayEquals(new int[] {2, 1, 2, 0}, e.encode(v));
        assertEquals(-1, e.indexOf("emu"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.encode(LabelVector.of(new String[] {"emu"})));
        assertTrue(ex.getMessage().contains("'emu'"), ex.getMessage());
        LabelEncoder wide = LabelEncoder.of(List.of(-5L, 1_000_000_000_000L, 3L));
        assertArrayEquals(new int[] {1, 0, 2, -1},
                wide.encodeOrMinusOne(LabelVector.of(new long[] {1_000_000_000_000L, -5, 3, 4})));
        assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.fit(LabelVector.of(new int[] {1}), LabelVector.of(new String[] {"a"})));
    }

    @Test
    void textLabelsParseAsIntegersWhenAllAre() {
        assertTrue(LabelVector.parse(new String[] {"1", "-2", "3.0"}).isNumeric());
        assertArrayEquals(new long[] {1, -2, 3}, LabelVector.parse(new String[] {"1", "-2", "3.0"}).numericValues());
        assertTrue(!LabelVector.parse(new String[] {"1", "b"}).isNumeric());
        assertTrue(!LabelVector.parse(new String[] {"1", "1.5"}).isNumeric());
    }

    @Property(tries = 100)
    void scoringAStateEqualsScoringItsSamples(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int classes,
            @ForAll @IntRange(min = 1, max = 40) int n) {
        Random r = new Random(seed);
        long[] t = new long[n];
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(classes) * 3 - 2;
            p[i] = r.nextInt(classes) * 3 - 2;
        }
        List<Object> classLabels = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classLabels.add((long) (k * 3 - 2));
        }
        LabelEncoder enc = LabelEncoder.of(classLabels);
        MulticlassConfusion state = MulticlassConfusion.of(classes)
                .update(enc.encode(LabelVector.of(t)), enc.encode(LabelVector.of(p)));
        for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.NONE)) {
            for (Metric m : Metric.values()) {
                ScoreOptions o = ScoreOptions.builder().metric(m).average(avg).build();
                ScoreResult a = Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o);
                ScoreResult b = Scorer.score(state, enc, o);
                assertEquals(a.score(), b.score(), 0.0);
                assertArrayEquals(a.perLabel(), b.perLabel(), 0.0);
                assertEquals(a.labels(), b.labels());
                assertEquals(a.warnings(), b.warnings());
            }
        }
    }
}
