package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Degenerate batches and bad input of the composable losses. */
class MetricLossTest {
    static MetricLoss[] everyLoss() {
        return new MetricLoss[] {ContrastiveLoss.builder().build(), TripletMarginLoss.builder().build(),
            MultiSimilarityLoss.builder().build(), NTXentLoss.builder().build(), SupConLoss.builder().build(),
            RecallAtKSurrogateLoss.builder().build(),
            RecallAtKSurrogateLoss.builder().similarityMixup(SimilarityMixup.seeded(3)).build()};
    }

    @Test
    void batchWithoutPositivePairGivesZeroNotNaN() {
        double[] e = {1, 0, 0, 1, 1, 1, -1, 2};
        int[] y = {0, 1, 2, 3};
        for (MetricLoss l : everyLoss()) {
            if (l instanceof ContrastiveLoss || l instanceof MultiSimilarityLoss) {
                continue; // PML still scores their negative pairs: see negativesAloneAreStillScored
            }
            LossResult r = l.compute(e, 4, 2, y);
            assertEquals(0.0, r.value(), 0.0, l.name());
            assertArrayEquals(new double[8], r.gradientAsDouble(), 0.0, l.name());
        }
        // mined tuples that hold nothing
        LossResult r = TripletMarginLoss.builder().build().compute(e, 4, 2, new int[] {0, 0, 1, 1},
                Tuples.triplets(new int[0], new int[0], new int[0]));
        assertEquals(0.0, r.value(), 0.0);
        assertArrayEquals(new double[8], r.gradientAsDouble(), 0.0);
    }

    /** PML 2.9.0: without positive pairs, contrastive and multi-similarity still score the negatives (definition). */
    @Test
    void negativesAloneAreStillScored() {
        double[] e = {1, 0, 0, 1, 1, 1, -1, 2};
        int[] y = {0, 1, 2, 3};
        int n = 4;
        Distance l2 = Distance.lp(2);
        double[] m = l2.matrix(e, n, 2);
        double sum = 0;
        int nonZero = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double h = i == j ? 0 : Math.max(0, 1 - m[i * n + j]);
                sum += h;
                nonZero += h > 0 ? 1 : 0;
            }
        }
        assertEquals(sum / nonZero, ContrastiveLoss.builder().build().compute(e, n, 2, y).value(), 1e-15);
        double[] c = Distance.cosine().matrix(e, n, 2);
        double ms = 0;
        for (int i = 0; i < n; i++) {
            double z = 1;
            for (int j = 0; j < n; j++) {
                z += i == j ? 0 : Math.exp(50 * (c[i * n + j] - 0.5));
            }
            ms += Math.log(z) / 50 / n;
        }
        assertEquals(ms, MultiSimilarityLoss.builder().build().compute(e, n, 2, y).value(), 1e-14);
    }

    @Test
    void floatInputEqualsDoubleInputOfTheSameValues() {
        float[] f = {0.3f, -1.2f, 0.7f, 0.1f, -0.4f, 0.9f, 1.5f, 0.2f, -0.6f, -0.8f};
        double[] e = MetricLoss.toDoubles(f);
        int[] y = {0, 0, 1, 1, 0};
        for (MetricLoss l : everyLoss()) {
            assertEquals(l.compute(e, 5, 2, y).value(), l.compute(f, 5, 2, y).value(), 0.0, l.name());
            assertTrue(l.compute(e, 5, 2, y).value() > 0, l.name());
        }
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badInputFailsFastNamingTheArgument() {
        MetricLoss l = SupConLoss.builder().build();
        assertTrue(message(() -> l.compute(new double[] {1, Double.NaN, 0, 1}, 2, 2, new int[] {0, 0}))
                .contains("embedding value 1 (row 0) is NaN"));
        assertTrue(message(() -> l.compute(new double[] {1, 2, 3}, 2, 2, new int[] {0, 0})).contains("n x d = 2 x 2"));
        assertTrue(message(() -> l.compute(new double[] {1, 2, 3, 4}, 2, 2, new int[] {0})).contains("labels has 1"));
        assertTrue(message(() -> l.compute(new double[] {1, 2, 3, 4}, 2, 2, new int[] {0, 0},
                Tuples.pairs(new int[] {0}, new int[] {5}, new int[0], new int[0]))).contains("index 5"));
        assertTrue(message(() -> l.compute(new double[] {1, 2, 3, 4}, 2, 2, new int[] {0, 1},
                Tuples.pairs(new int[] {0}, new int[] {1}, new int[0], new int[0]))).contains("mined positive (0, 1)"));
        assertTrue(message(() -> Distance.lp(0.5)).contains("p is 0.5"));
        assertTrue(message(() -> NTXentLoss.builder().temperature(0)).contains("temperature is 0.0"));
        assertTrue(message(() -> RecallAtKSurrogateLoss.builder().distance(Distance.euclidean()).build())
                .contains("needs a similarity"));
        assertTrue(message(() -> RecallAtKSurrogateLoss.builder().ks(1, 0)).contains("ks holds 0"));
        assertTrue(message(() -> Miners.semiHard(-1)).contains("margin is -1.0"));
        assertTrue(message(() -> Tuples.triplets(new int[2], new int[1], new int[2])).contains("anchors has 2"));
        assertTrue(message(() -> PairwiseCrossEntropyBound.withLambda(0)).contains("lambda is 0.0"));
    }
}
