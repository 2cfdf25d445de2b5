package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocked, streaming retrieval equals the plain full-sort definition bit for bit. */
class BlockedRetrievalTest {
    static final int[] KS = {1, 2, 4, 8, 16};

    /** The ks of {@link #KS} a set of n samples allows (k <= n - 1). */
    static int[] ks(int n) {
        return java.util.Arrays.stream(KS).filter(k -> k <= n - 1).toArray();
    }

    static void assertSame(Map<String, Double> expected, Map<String, Double> got, String what) {
        assertEquals(expected.keySet(), got.keySet(), what);
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), got.get(key), 0.0, key + " " + what);
        }
    }

    /** Random clustered data with exact duplicates and coarse (tied) coordinates. */
    static float[] data(Random r, int n, int d, int[] y, int classes) {
        float[] e = new float[n * d];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) Math.round(4 * ((j == y[i] % d ? 1.5 : 0) + r.nextGaussian())) / 4f;
            }
            if (i > 0 && r.nextInt(10) == 0) {
                System.arraycopy(e, (i - 1) * d, e, i * d, d); // a duplicate: equal scores, ties by index
            }
        }
        return e;
    }

    @Test
    void equalsTheFullSortOnRandomSetsAndBlockSizes() throws Exception {
        Random r = new Random(12);
        int cases = 0;
        int deepFirstRelevant = 0;
        for (int t = 0; t < 24; t++) {
            int n = 2 + r.nextInt(t < 12 ? 40 : 300);
            int d = 1 + r.nextInt(6);
            int classes = 1 + r.nextInt(t % 3 == 0 ? 80 : 6);
            int[] y = new int[n];
            float[] e = data(r, n, d, y, classes);
            for (Distance dist : java.util.List.of(Distance.cosine(), Distance.euclidean())) {
                Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, ks(n));
                if (plain.get("mrr") < 0.2) {
                    deepFirstRelevant++;
                }
                assertSame(plain, RetrievalMetrics.compute(e, n, d, y, dist, ks(n)), "default block n=" + n);
                for (int block : new int[] {1, 3, 17, n}) {
                    assertSame(plain, RetrievalMetrics.compute(EmbeddingBlocks.of(e, n, d), y, dist, ks(n), block),
                            "block " + block + " n=" + n);
                }
                cases++;
            }
        }
        assertEquals(48, cases);
        assertTrue(deepFirstRelevant > 0, "some sets need the second pass (first relevant below rank K)");
    }

    @Test
    void streamsFromAnNpyFileBlockByBlock(@TempDir Path dir) throws Exception {
        Random r = new Random(3);
        int n = 700;
        int d = 5;
        int[] y = new int[n];
        float[] e = data(r, n, d, y, 30);
        double[] e64 = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            e64[i] = e[i];
        }
        Path f32 = dir.resolve("e32.npy");
        Path f64 = dir.resolve("e64.npy");
        Npy.write(f32, NpyArray.of(e, n, d));
        Npy.write(f64, NpyArray.of(e64, n, d));
        for (Distance dist : java.util.List.of(Distance.cosine(), Distance.euclidean())) {
            Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, ks(n));
            try (EmbeddingBlocks b = EmbeddingBlocks.npy(f32)) {
                assertSame(plain, RetrievalMetrics.compute(b, y, dist, ks(n), 64), "npy f32");
            }
            Map<String, Double> plain64 = RetrievalMetrics.computeBySorting(e64, n, d, y, dist, ks(n));
            try (EmbeddingBlocks b = EmbeddingBlocks.npy(f64)) {
                assertSame(plain64, RetrievalMetrics.compute(b, y, dist, ks(n), 100), "npy f64");
            }
        }
    }

    @Test
    void badInputFails(@TempDir Path dir) throws Exception {
        Path ints = dir.resolve("i.npy");
        Npy.write(ints, NpyArray.of(new int[] {1, 2, 3, 4}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBlocks.npy(ints));
        EmbeddingBlocks b = EmbeddingBlocks.of(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.compute(b, new int[] {0, 0}, Distance.cosine(), ks(2), 8));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(b, new int[] {0},
                Distance.cosine(), ks(2), 8));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(EmbeddingBlocks.of(
                new float[] {1, 2, 3, 4}, 2, 2), new int[] {0, 0}, Distance.cosine(), ks(2), 0));
    }

    /**
     * Issue 15, defect 5: float64 embeddings are ranked in float64. Two classes on a line, each point's nearest
     * neighbour its classmate 1e-8 away and the other class 2e-8 away (so P@1 is 1 by construction); in float32
     * all four points are the same number and the ranking would fall to ties.
     */
    @Test
    void float64EmbeddingsAreRankedInFloat64(@TempDir Path dir) throws Exception {
        int[] y = {0, 0, 1, 1};
        for (double scale : new double[] {1, 1e39, 1e-30}) {
            double[] line = {1.0, 1.0 + 1e-8, 1.0 + 3e-8, 1.0 + 4e-8};
            // for cosine: directions (1, t), t = 1, 1 + 1e-7, 1 + 3e-7, 1 + 4e-7, whose angles differ by 5e-8 within a
            // class and 1e-7 across (cosines 1 - 1.25e-15 and 1 - 5e-15: apart in float64, one number in float32)
            double[] plane = new double[8];
            for (int i = 0; i < 4; i++) {
                line[i] *= scale;
                plane[2 * i] = scale;
                plane[2 * i + 1] = scale * (1.0 + (i < 2 ? i : i + 1) * 1e-7);
            }
            if (scale == 1) { // the case is lost in float32, where the four points are one number
                float[] cast = new float[4];
                for (int i = 0; i < 4; i++) {
                    cast[i] = (float) line[i];
                }
                assertTrue(RetrievalMetrics.compute(cast, 4, 1, y, Distance.euclidean(), ks(4))
                        .get("precision_at_1") < 1.0);
            }
            Path f = dir.resolve("line.npy");
            Npy.write(f, NpyArray.of(line, 4, 1));
            Map<String, Double> fromArray = RetrievalMetrics.compute(EmbeddingBlocks.of(line, 4, 1), y,
                    Distance.euclidean(), ks(4), 2);
            assertEquals(1.0, fromArray.get("precision_at_1"), 0.0, "euclidean, scale " + scale);
            try (EmbeddingBlocks b = EmbeddingBlocks.npy(f)) {
                assertSame(fromArray, RetrievalMetrics.compute(b, y, Distance.euclidean(), ks(4), 3),
                        "the float64 NPY file, scale " + scale);
            }
            assertEquals(1.0, RetrievalMetrics.compute(EmbeddingBlocks.of(plane, 4, 2), y,
                    Distance.cosine(), ks(4), 4).get("precision_at_1"), 0.0, "cosine, scale " + scale);
        }
    }

    /** Values beyond float32's range are finite in float64; only a squared norm past float64's range is refused. */
    @Test
    void float64RangeIsAcceptedAndOverflowRefused() throws Exception {
        double[] e = {3.5e38, 0, 3.6e38, 0, -1e39, 1, -1.1e39, 1};
        Map<String, Double> m = RetrievalMetrics.compute(EmbeddingBlocks.of(e, 4, 2), new int[] {0, 0, 1, 1},
                Distance.euclidean(), ks(4), 4);
        assertEquals(1.0, m.get("precision_at_1"), 0.0);
        double[] huge = {1e200, 0, 1, 0};
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(
                EmbeddingBlocks.of(huge, 2, 2), new int[] {0, 0}, Distance.euclidean(), ks(2), 4));
        assertTrue(x.getMessage().contains("row 0") && x.getMessage().contains("overflows float64"), x.getMessage());
        double[] nan = {1, Double.NaN, 1, 0};
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(
                EmbeddingBlocks.of(nan, 2, 2), new int[] {0, 0}, Distance.cosine(), ks(2), 4));
        assertTrue(y.getMessage().contains("row 0") && y.getMessage().contains("non-finite"), y.getMessage());
    }
}
