package io.jaccard4j.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.metriclearning.Distance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seeded selection of float-tiled sources (thresholds started from a sample, re-run where too high) and the
 * packed reservoir keys leave every result equal to the full-sort definition: on shuffled and class-sorted data,
 * with ties, for any block size and thread count, and when every seed is forced too high.
 */
class SeededSelectionTest {
    /** Scores drawn from a small set with the awkward values: both zeros, infinities, subnormals, extremes. */
    private static final float[] SCORES = {0f, -0f, 1f, -1f, 0.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -3.25f};

    @Test
    void packedKeysRankLikeTheOrderOfTheDefinition() {
        Random r = new Random(7);
        for (int t = 0; t < 20_000; t++) {
            float a = r.nextInt(4) == 0 ? (float) r.nextGaussian() : SCORES[r.nextInt(SCORES.length)];
            float b = r.nextInt(4) == 0 ? a : SCORES[r.nextInt(SCORES.length)];
            int i = r.nextInt(3) == 0 ? Integer.MAX_VALUE - 1 - r.nextInt(3) : r.nextInt(50);
            int j = r.nextInt(3) == 0 ? i : r.nextInt(3) == 0 ? 0 : r.nextInt(50);
            long ka = BlockedRetrieval.Heap.pack(a, i);
            long kb = BlockedRetrieval.Heap.pack(b, j);
            boolean same = a == b && i == j;
            assertEquals(same, ka == kb, a + "," + i + " vs " + b + "," + j);
            assertEquals(BlockedRetrieval.before(a, i, b, j), Long.compareUnsigned(ka, kb) > 0,
                    a + "," + i + " vs " + b + "," + j);
            assertEquals(i, BlockedRetrieval.Heap.packedIndex(ka));
            assertEquals(a + 0f, BlockedRetrieval.Heap.packedScore(ka)); // -0 is kept as +0, which ranks equal
        }
    }

    @Test
    void rankLargestIsThatOfAFullSort() {
        Random r = new Random(21);
        for (int t = 0; t < 3000; t++) {
            int len = 1 + r.nextInt(t < 1500 ? 40 : 1100);
            int off = r.nextInt(5);
            float[] v = new float[off + len];
            for (int c = 0; c < v.length; c++) {
                v[c] = r.nextInt(30) == 0 ? Float.NaN : r.nextInt(5) == 0 ? SCORES[r.nextInt(SCORES.length)]
                        : t % 2 == 0 ? r.nextInt(9) / 8f : (float) r.nextGaussian(); // even t: many ties
            }
            int skip = r.nextBoolean() ? -1 : r.nextInt(len);
            List<Float> kept = new ArrayList<>();
            for (int c = 0; c < len; c++) {
                if (c != skip && !Float.isNaN(v[off + c])) {
                    kept.add(v[off + c]);
                }
            }
            kept.sort(null);
            int rank = 1 + r.nextInt(Math.max(1, t % 3 == 0 ? len + 2 : Math.min(len, 40)));
            float want = rank <= kept.size() ? kept.get(kept.size() - rank) : Float.NaN;
            float got = BlockedRetrieval.rankLargest(v, off, len, skip, rank, new float[len]);
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(got), "rank " + rank + " of " + kept.size());
            } else {
                assertEquals(want, got, 0f, "rank " + rank + " of " + kept.size() + " len " + len);
            }
        }
    }

    /** Clustered float32 embeddings, with exact duplicate rows; sorted by class when asked (a sample's worst case). */
    private static float[] clustered(Random r, int n, int d, int[] y, int classes, boolean sortedByClass) {
        float[] e = new float[n * d];
        float[][] centre = new float[classes][d];
        for (float[] c : centre) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            y[i] = sortedByClass ? (int) ((long) i * classes / n) : r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) (0.8 * centre[y[i]][j] + r.nextGaussian());
            }
            if (i > 0 && r.nextInt(12) == 0) {
                System.arraycopy(e, (i - 1) * d, e, i * d, d);
            }
        }
        return e;
    }

    @Test
    void seededMetricsEqualTheFullSort() throws Exception {
        Random r = new Random(33);
        int[] ks = {1, 2, 4, 8, 16};
        int reruns = 0;
        for (int t = 0; t < 8; t++) {
            int n = 500 + r.nextInt(900);
            int d = 4 + r.nextInt(12);
            int classes = 20 + r.nextInt(40); // K (the largest class) well below n: seeding applies
            int[] y = new int[n];
            float[] e = clustered(r, n, d, y, classes, t % 2 == 1);
            for (Distance dist : List.of(Distance.cosine(), Distance.euclidean())) {
                Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, ks);
                for (int forced : new int[] {0, 1}) {
                    int block = new int[] {64, 131, 257, n}[r.nextInt(4)];
                    int threads = 1 + r.nextInt(3);
                    BlockedRetrieval br = new BlockedRetrieval(new EmbeddingScores(EmbeddingBlocks.of(e, n, d), dist,
                            block, SimilarityTiles.best()), y, ks, 0, -1, block, threads);
                    br.forcedSeedRank = forced;
                    BlockedRetrievalTest.assertSame(plain, br.run(), "n=" + n + " forced " + forced + " block "
                            + block + " threads " + threads + " " + dist);
                    assertTrue(br.lastSeeded > 0, "the sample seeded the thresholds");
                    if (forced == 0) {
                        assertEquals(0, br.lastRerun, "no seed too high at this margin");
                    } else {
                        assertTrue(br.lastRerun > 0, "seeds at the sample's best are too high for some queries");
                        reruns += br.lastRerun;
                    }
                }
            }
        }
        assertTrue(reruns > 100);
    }

    @Test
    void seededHammingNeighboursEqualTheFullSort() throws Exception {
        Random r = new Random(55);
        for (int t = 0; t < 6; t++) {
            int n = 400 + r.nextInt(500);
            int width = 1 + r.nextInt(3);
            byte[] bytes = new byte[n * width];
            for (int i = 0; i < n; i++) {
                int cls = t % 2 == 1 ? i * 9 / n : r.nextInt(9); // odd t: rows sorted by class
                for (int b = 0; b < width; b++) {
                    bytes[i * width + b] = (byte) ((cls * 37 + b * 11) ^ (r.nextInt(3) == 0 ? 1 << r.nextInt(8) : 0));
                }
            }
            HammingCodes c = HammingCodes.packed(bytes, n, width);
            Integer[][] order = KernelAndThreadsTest.sortedByHamming(c);
            int k = 1 + r.nextInt(40);
            for (int forced : new int[] {0, 1}) {
                BlockedRetrieval br = new BlockedRetrieval(c.scores(), new int[n], new int[] {k}, 0, -1,
                        1 + r.nextInt(200), 1 + r.nextInt(3));
                br.forcedSeedRank = forced;
                int[][] nb = br.neighbours(k);
                assertTrue(br.lastSeeded > 0);
                for (int q = 0; q < n; q++) {
                    int[] want = new int[k];
                    for (int s = 0; s < k; s++) {
                        want[s] = order[q][s];
                    }
                    assertArrayEquals(want, nb[q], "query " + q + " k " + k + " forced " + forced);
                }
            }
        }
    }
}
