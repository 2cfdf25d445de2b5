package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.segmentation.SegmentationIoU;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of confusion states and scores: merge algebra, ranges, the Jaccard–F1 identity, relabelling. */
class ConfusionProperties {

    private static int[] labels(Random r, int n, int classes) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(classes);
        }
        return v;
    }

    private static MulticlassConfusion multiclass(int c, int[] t, int[] p, int from, int to) {
        return MulticlassConfusion.of(c).update(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(p, from, to));
    }

    @Property(tries = 200)
    void multiclassMergeIsAssociativeCommutativeAndEqualsConcatenation(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 7) int classes, @ForAll @IntRange(min = 0, max = 60) int n) {
        Random r = new Random(seed);
        int[] t = labels(r, n, classes);
        int[] p = labels(r, n, classes);
        int i = n == 0 ? 0 : r.nextInt(n + 1);
        int j = i + (n - i == 0 ? 0 : r.nextInt(n - i + 1));
        MulticlassConfusion whole = multiclass(classes, t, p, 0, n);
        MulticlassConfusion left = multiclass(classes, t, p, 0, i)
                .merge(multiclass(classes, t, p, i, j)).merge(multiclass(classes, t, p, j, n));
        MulticlassConfusion right = multiclass(classes, t, p, 0, i)
                .merge(multiclass(classes, t, p, i, j).merge(multiclass(classes, t, p, j, n)));
        MulticlassConfusion swapped = multiclass(classes, t, p, j, n)
                .merge(multiclass(classes, t, p, 0, i)).merge(multiclass(classes, t, p, i, j));
        assertArrayEquals(whole.toMatrix(), left.toMatrix());
        assertArrayEquals(whole.toMatrix(), right.toMatrix());
        assertArrayEquals(whole.toMatrix(), swapped.toMatrix());
        assertEquals(n, (long) whole.total());
    }

    @Property(tries = 200)
    void weightedSumsDoNotDependOnTheOrderOfMerges(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int classes,
            @ForAll @IntRange(min = 1, max = 80) int n) {
        Random r = new Random(seed);
        int[] t = labels(r, n, classes);
        int[] p = labels(r, n, classes);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextDouble() * Math.pow(10, r.nextInt(7) - 3); // weights over six orders of magnitude
        }
        MulticlassConfusion whole = MulticlassConfusion.weighted(classes, MulticlassConfusion.NO_IGNORE).update(t, p, w);
        MulticlassConfusion reversed = MulticlassConfusion.weighted(classes, MulticlassConfusion.NO_IGNORE);
        for (int i = n - 1; i >= 0; i--) {
            reversed.merge(MulticlassConfusion.weighted(classes, MulticlassConfusion.NO_IGNORE)
                    .update(new int[] {t[i]}, new int[] {p[i]}, new double[] {w[i]}));
        }
        assertArrayEquals(whole.toMatrix(), reversed.toMatrix(), "bit-identical whatever the order");
    }

    private static IndicatorMatrix indicator(Random r, int n, int l) {
        byte[] d = new byte[n * l];
        for (int k = 0; k < d.length; k++) {
            d[k] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
        }
        return IndicatorMatrix.of(d, n, l);
    }

    private static IndicatorMatrix rows(IndicatorMatrix m, int from, int to) {
        return IndicatorMatrix.of(Arrays.copyOfRange(m.data(), from * m.columns(), to * m.columns()), to - from,
                m.columns());
    }

    @Property(tries = 150)
    void multilabelAndSamplewiseMergeEqualConcatenation(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int l, @ForAll @IntRange(min = 0, max = 50) int n) {
        Random r = new Random(seed);
        IndicatorMatrix t = indicator(r, n, l);
        IndicatorMatrix p = indicator(r, n, l);
        int i = n == 0 ? 0 : r.nextInt(n + 1);
        MultilabelConfusion whole = MultilabelConfusion.of(l).update(t, p, null);
        MultilabelConfusion a = MultilabelConfusion.of(l).update(rows(t, 0, i), rows(p, 0, i), null);
        MultilabelConfusion b = MultilabelConfusion.of(l).update(rows(t, i, n), rows(p, i, n), null);
        MultilabelConfusion ba = MultilabelConfusion.of(l).update(rows(t, i, n), rows(p, i, n), null)
                .merge(MultilabelConfusion.of(l).update(rows(t, 0, i), rows(p, 0, i), null));
        a.merge(b);
        for (int k = 0; k < l; k++) {
            assertEquals(whole.tp(k), a.tp(k));
            assertEquals(whole.fp(k), a.fp(k));
            assertEquals(whole.fn(k), a.fn(k));
            assertEquals(whole.tn(k), a.tn(k));
            assertEquals(whole.tp(k), ba.tp(k));
            assertEquals(whole.tn(k), ba.tn(k));
        }
        SamplewiseConfusion sw = SamplewiseConfusion.of(l).update(t, p, null, null);
        SamplewiseConfusion sa = SamplewiseConfusion.of(l).update(rows(t, i, n), rows(p, i, n), null, null)
                .merge(SamplewiseConfusion.of(l).update(rows(t, 0, i), rows(p, 0, i), null, null));
        for (ZeroDivision zd : ZeroDivision.values()) {
            for (Metric m : Metric.values()) {
                ScoreResult x = OverlapScores.reduceSamples(sw, m, zd);
                ScoreResult y = OverlapScores.reduceSamples(sa, m, zd);
                assertEquals(x.score(), y.score(), 0.0, m + " " + zd);
            }
        }
    }

    @Property(tries = 200)
    void scoresLieInUnitIntervalAndJaccardIsF1OverTwoMinusF1(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 6) int classes, @ForAll @IntRange(min = 1, max = 40) int n) {
        Random r = new Random(seed);
        LabelVector t = LabelVector.of(labels(r, n, classes));
        LabelVector p = LabelVector.of(labels(r, n, classes));
        for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.NONE)) {
            for (Metric m : Metric.values()) {
                for (ZeroDivision zd : List.of(ZeroDivision.ZERO, ZeroDivision.ONE)) {
                    ScoreResult res = Scorer.score(t, p, null, ScoreOptions.builder().metric(m).average(avg)
                            .zeroDivision(zd).task(TargetType.MULTICLASS).build());
                    double[] values = avg == Average.NONE ? res.perLabel() : new double[] {res.score()};
                    for (double v : values) {
                        assertTrue(v >= 0 && v <= 1, m + " " + avg + " = " + v);
                    }
                }
            }
        }
        ScoreOptions.Builder none = ScoreOptions.builder().average(Average.NONE).zeroDivision(ZeroDivision.ZERO);
        double[] j = Scorer.score(t, p, null, none.metric(Metric.JACCARD).build()).perLabel();
        double[] f = Scorer.score(t, p, null, none.metric(Metric.F1).build()).perLabel();
        for (int k = 0; k < j.length; k++) {
            assertTrue(j[k] <= f[k] + 1e-15, "J <= F1 for label " + k);
            assertEquals(f[k] / (2 - f[k]), j[k], 1e-12, "J = F1/(2-F1) for label " + k);
        }
    }

    @Property(tries = 150)
    void relabellingClassesPermutesPerClassScores(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 7) int classes, @ForAll @IntRange(min = 1, max = 50) int n) {
        Random r = new Random(seed);
        int[] t = labels(r, n, classes);
        int[] p = labels(r, n, classes);
        List<Integer> perm = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            perm.add(k);
        }
        Collections.shuffle(perm, r);
        int[] t2 = new int[n];
        int[] p2 = new int[n];
        for (int i = 0; i < n; i++) {
            t2[i] = perm.get(t[i]);
            p2[i] = perm.get(p[i]);
        }
        List<Object> all = new ArrayList<>();
        for (long k = 0; k < classes; k++) {
            all.add(k);
        }
        for (Metric m : Metric.values()) {
            ScoreOptions o = ScoreOptions.builder().metric(m).average(Average.NONE).labels(all)
                    .zeroDivision(ZeroDivision.ZERO).build();
            double[] before = Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o).perLabel();
            double[] after = Scorer.score(LabelVector.of(t2), LabelVector.of(p2), null, o).perLabel();
            for (int k = 0; k < classes; k++) {
                assertEquals(before[k], after[perm.get(k)], 0.0, m + " class " + k);
            }
        }
    }

    @Property(tries = 100)
    void segmentationMergeEqualsSequentialUpdates(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll @IntRange(min = 1, max = 6) int images) {
        Random r = new Random(seed);
        SegmentationIoU all = SegmentationIoU.withIgnoreIndex(classes, 255);
        SegmentationIoU a = SegmentationIoU.withIgnoreIndex(classes, 255);
        SegmentationIoU b = SegmentationIoU.withIgnoreIndex(classes, 255);
        for (int k = 0; k < images; k++) {
            int[] t = labels(r, 20, classes);
            int[] p = labels(r, 20, classes);
            t[r.nextInt(20)] = 255;
            all.update(t, p);
            (k % 2 == 0 ? a : b).update(t, p);
        }
        b.merge(a);
        assertArrayEquals(all.confusion().toMatrix(), b.confusion().toMatrix());
        assertEquals(all.datasetMeanIoU(), b.datasetMeanIoU(), 0.0);
        assertEquals(all.perImageMeanIoU(), b.perImageMeanIoU(), 1e-12);
        assertEquals(all.images(), b.images());
    }
}
