package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;

/**
 * The {@link ConfusionState} laws every state obeys: a copy is independent and equal, reset gives the empty state,
 * merging equals counting the concatenation, and samples() counts what was added.
 */
class ConfusionStateLawsProperties {
    @Property(tries = 200)
    void multiclassLaws(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 4) Integer> a,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 4) Integer> b) {
        int[] ta = a.stream().mapToInt(Integer::intValue).toArray();
        int[] pa = a.stream().mapToInt(x -> (x * 3) % 5).toArray();
        int[] tb = b.stream().mapToInt(Integer::intValue).toArray();
        int[] pb = b.stream().mapToInt(x -> (x + 1) % 5).toArray();
        MulticlassConfusion x = MulticlassConfusion.of(5).update(ta, pa, null);
        MulticlassConfusion y = MulticlassConfusion.of(5).update(tb, pb, null);
        int[] tab = concat(ta, tb);
        int[] pab = concat(pa, pb);
        MulticlassConfusion whole = MulticlassConfusion.of(5).update(tab, pab, null);
        MulticlassConfusion copy = x.copy();
        assertArrayEquals(matrix(x), matrix(copy));
        copy.merge(y);
        assertArrayEquals(matrix(whole), matrix(copy));
        assertEquals(ta.length, x.samples(), 0.0, "the copy's merge must not change the original");
        assertEquals(ta.length + tb.length, copy.samples(), 0.0);
        copy.reset();
        assertArrayEquals(matrix(MulticlassConfusion.of(5)), matrix(copy));
        assertEquals(0.0, copy.samples(), 0.0);
    }

    @Property(tries = 200)
    void binaryAndMultilabelLaws(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 3) Integer> a) {
        boolean[] t = new boolean[a.size()];
        boolean[] p = new boolean[a.size()];
        byte[] ti = new byte[a.size() * 2];
        byte[] pi = new byte[a.size() * 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = (a.get(i) & 1) != 0;
            p[i] = (a.get(i) & 2) != 0;
            ti[2 * i] = (byte) (t[i] ? 1 : 0);
            pi[2 * i] = (byte) (p[i] ? 1 : 0);
            ti[2 * i + 1] = (byte) (p[i] ? 1 : 0);
            pi[2 * i + 1] = (byte) (t[i] ? 1 : 0);
        }
        BinaryConfusion bc = BinaryConfusion.of().update(t, p, null);
        BinaryConfusion twice = bc.copy().merge(bc);
        assertEquals(2 * bc.tp(), twice.tp(), 0.0);
        assertEquals(2.0 * t.length, twice.samples(), 0.0);
        assertEquals(0.0, twice.reset().samples(), 0.0);
        IndicatorMatrix tm = IndicatorMatrix.of(ti, t.length, 2);
        IndicatorMatrix pm = IndicatorMatrix.of(pi, t.length, 2);
        MultilabelConfusion ml = MultilabelConfusion.of(2).update(tm, pm, null);
        assertEquals(bc.tp(), ml.tp(0), 0.0);
        assertEquals(bc.fp(), ml.fn(1), 0.0);
        MultilabelConfusion mlTwice = ml.copy().merge(ml);
        assertEquals(2 * ml.fp(0), mlTwice.fp(0), 0.0);
        assertEquals(2.0 * t.length, mlTwice.samples(), 0.0);
        assertEquals(0.0, mlTwice.reset().tp(0), 0.0);
        SamplewiseConfusion sw = SamplewiseConfusion.of(2).update(tm, pm, null);
        assertEquals(t.length, sw.samples(), 0.0);
        assertEquals(2.0 * t.length, sw.copy().merge(sw).samples(), 0.0);
        assertEquals(0.0, sw.copy().reset().samples(), 0.0);
        assertEquals(t.length, sw.samples(), 0.0, "reset of a copy leaves the original");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] matrix(MulticlassConfusion c) {
        double[][] m = c.toMatrix();
        double[] flat = new double[m.length * m.length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m.length, m.length);
        }
        return flat;
    }
}
