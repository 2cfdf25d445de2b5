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
                Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, KS);
                if (plain.get("mrr") < 0.2) {
                    deepFirstRelevant++;
                }
                assertSame(plain, RetrievalMetrics.compute(e, n, d, y, dist, KS), "default block n=" + n);
                for (int block : new int[] {1, 3, 17, n}) {
                    assertSame(plain, RetrievalMetrics.compute(EmbeddingBlocks.of(e, n, d), y, dist, KS, block),
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
            Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, KS);
            try (EmbeddingBlocks b = EmbeddingBlocks.npy(f32)) {
                assertSame(plain, RetrievalMetrics.compute(b, y, dist, KS, 64), "npy f32");
            }
            try (EmbeddingBlocks b = EmbeddingBlocks.npy(f64)) {
                assertSame(plain, RetrievalMetrics.compute(b, y, dist, KS, 100), "npy f64");
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
                () -> RetrievalMetrics.compute(b, new int[] {0, 0}, Distance.cosine(), KS, 8));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(b, new int[] {0},
                Distance.cosine(), KS, 8));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(EmbeddingBlocks.of(
                new float[] {1, 2, 3, 4}, 2, 2), new int[] {0, 0}, Distance.cosine(), KS, 0));
    }
}
