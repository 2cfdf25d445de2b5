package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The similarity kernel in use (Vector API where present) gives the scalar loop's bits; the results do not
 * depend on block size or thread count and equal the full-sort definition; Hamming retrieval equals its plain
 * definition (a full stable sort by distance).
 */
class KernelAndThreadsTest {
    @Test
    void vectorTilesEqualTheScalarLoopBitForBit() {
        Random r = new Random(5);
        SimilarityTiles best = SimilarityTiles.best();
        SimilarityTiles scalar = SimilarityTiles.scalar();
        for (int t = 0; t < 60; t++) {
            int qn = 1 + r.nextInt(11);
            int rn = 1 + r.nextInt(37);
            int d = 1 + r.nextInt(70);
            boolean widened = t % 2 == 0;
            int stride = best.stride(rn);
            double[] q = new double[qn * d];
            double[] rt = new double[d * stride];
            for (int i = 0; i < q.length; i++) {
                q[i] = widened ? (float) (r.nextGaussian() * 1e3) : r.nextGaussian() * 1e3;
            }
            for (int j = 0; j < d; j++) {
                for (int b = 0; b < rn; b++) {
                    rt[j * stride + b] = widened ? (float) (r.nextGaussian() * 1e3) : r.nextGaussian() * 1e3;
                }
            }
            double[] qNorm = new double[qn];
            double[] rNorm = new double[stride];
            for (int a = 0; a < qn; a++) {
                qNorm[a] = r.nextDouble() * 1e4;
            }
            for (int b = 0; b < rn; b++) {
                rNorm[b] = b == 0 ? 0 : r.nextDouble() * 1e4; // a zero norm: the MIN_NORMAL floor
            }
            for (boolean cosine : new boolean[] {true, false}) {
                double[] got = new double[qn * stride];
                double[] want = new double[qn * stride];
                best.tile(q, qn, d, rt, stride, cosine, widened, qNorm, rNorm, got);
                scalar.tile(q, qn, d, rt, stride, cosine, widened, qNorm, rNorm, want);
                for (int a = 0; a < qn; a++) {
                    for (int b = 0; b < rn; b++) {
                        assertEquals(Double.doubleToRawLongBits(want[a * stride + b]),
                                Double.doubleToRawLongBits(got[a * stride + b]), best.describe() + " entry " + a + ","
                                        + b + " cosine " + cosine + " widened " + widened);
                    }
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnThreadsOrBlocks() throws Exception {
        Random r = new Random(8);
        for (int t = 0; t < 8; t++) {
            int n = 30 + r.nextInt(400);
            int d = 1 + r.nextInt(40);
            int[] y = new int[n];
            float[] e = BlockedRetrievalTest.data(r, n, d, y, 2 + r.nextInt(30));
            int[] ks = BlockedRetrievalTest.ks(n);
            for (Distance dist : java.util.List.of(Distance.cosine(), Distance.euclidean())) {
                Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, ks);
                for (int threads : new int[] {1, 2, 3, 5}) {
                    for (int block : new int[] {1, 13, 64, n}) {
                        Map<String, Double> got = RetrievalMetrics.compute(EmbeddingBlocks.of(e, n, d), y, dist, ks, 0,
                                block, threads);
                        BlockedRetrievalTest.assertSame(plain, got, "threads " + threads + " block " + block);
                    }
                }
            }
        }
    }

    @Test
    void float32VectorTilesEqualTheScalarChainBitForBit() {
        Random r = new Random(21);
        Float32Tiles best = Float32Tiles.best();
        Float32Tiles scalar = Float32Tiles.scalar();
        for (int t = 0; t < 80; t++) {
            int qn = 1 + r.nextInt(11);
            int rn = 1 + r.nextInt(70);
            int d = 1 + r.nextInt(t < 40 ? 40 : 300); // odd d, not a multiple of 16, and long chains
            float[] q = new float[qn * d];
            float[] ref = new float[rn * d];
            for (int i = 0; i < q.length; i++) {
                q[i] = (float) (r.nextGaussian() * (t % 3 == 0 ? 1e3 : 1));
            }
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) (r.nextGaussian() * (t % 3 == 0 ? 1e3 : 1));
            }
            for (boolean euclidean : new boolean[] {false, true}) {
                int stride = best.stride(rn);
                float[] panels = new float[stride * d];
                best.pack(ref, rn, d, panels);
                float[] got = new float[qn * stride];
                best.tile(q, qn, d, panels, stride, euclidean, got);
                int sStride = scalar.stride(rn);
                float[] sPanels = new float[sStride * d];
                scalar.pack(ref, rn, d, sPanels);
                float[] want = new float[qn * sStride];
                scalar.tile(q, qn, d, sPanels, sStride, euclidean, want);
                for (int a = 0; a < qn; a++) {
                    for (int b = 0; b < rn; b++) {
                        float def = euclidean ? Float32Scores.negSquaredDistance(q, a * d, ref, b * d, d)
                                : Float32Scores.dot(q, a * d, ref, b * d, d);
                        String what = best.describe() + " entry " + a + "," + b + " d " + d + " euclidean " + euclidean;
                        assertEquals(Float.floatToRawIntBits(def), Float.floatToRawIntBits(want[a * sStride + b]), what);
                        assertEquals(Float.floatToRawIntBits(def), Float.floatToRawIntBits(got[a * stride + b]), what);
                    }
                }
            }
        }
    }

    /** The vector filter of the offers finds the same next score at or above a threshold as the plain loop. */
    @Test
    void float32FilterEqualsThePlainLoop() {
        Random r = new Random(89);
        Float32Tiles best = Float32Tiles.best();
        Float32Tiles scalar = Float32Tiles.scalar();
        for (int t = 0; t < 300; t++) {
            int len = 1 + r.nextInt(100);
            float[] tile = new float[len + 5];
            float[] thr = new float[len + 5];
            for (int i = 0; i < tile.length; i++) {
                tile[i] = r.nextInt(8) / 4f - 1; // coarse: many scores equal to a threshold
                thr[i] = r.nextInt(10) == 0 ? Float.NaN : r.nextInt(10) == 0 ? Float.NEGATIVE_INFINITY
                        : r.nextInt(8) / 4f - 0.5f;
            }
            int row = r.nextInt(5);
            int from = r.nextInt(len);
            for (boolean column : new boolean[] {false, true}) {
                int want = len;
                for (int b = from; b < len; b++) {
                    if (tile[row + b] >= thr[column ? b : 0]) {
                        want = b;
                        break;
                    }
                }
                assertEquals(want, column ? scalar.nextAtLeastColumns(tile, row, from, len, thr)
                        : scalar.nextAtLeastRow(tile, row, from, len, thr[0]));
                assertEquals(want, column ? best.nextAtLeastColumns(tile, row, from, len, thr)
                        : best.nextAtLeastRow(tile, row, from, len, thr[0]), best.describe());
            }
        }
    }

    /** The accumulation rule itself: one float32 fused multiply-add a coordinate, in coordinate order. */
    @Test
    void float32ScoresAreTheOrderedFmaChain() {
        Random r = new Random(34);
        int differs = 0;
        for (int t = 0; t < 200; t++) {
            int d = 1 + r.nextInt(200);
            float[] x = new float[d];
            float[] y = new float[d];
            for (int j = 0; j < d; j++) {
                x[j] = (float) r.nextGaussian();
                y[j] = (float) r.nextGaussian();
            }
            float s = 0;
            float e = 0;
            double wide = 0;
            for (int j = 0; j < d; j++) {
                s = (float) ((double) s + (double) x[j] * y[j]); // exact product, one rounding of the sum: an fma
                float u = x[j] - y[j];
                e = (float) ((double) e + (double) u * u);
                wide += (double) x[j] * y[j];
            }
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(Float32Scores.dot(x, 0, y, 0, d)));
            assertEquals(Float.floatToRawIntBits(-e),
                    Float.floatToRawIntBits(Float32Scores.negSquaredDistance(x, 0, y, 0, d)));
            assertEquals(Float.floatToRawIntBits(Float32Scores.dot(x, 0, y, 0, d)),
                    Float.floatToRawIntBits(Float32Scores.dot(y, 0, x, 0, d)), "symmetric");
            differs += s != (float) wide ? 1 : 0;
        }
        assertTrue(differs > 0, "float32 accumulation differs from float64 on some rows: the rule matters");
    }

    /**
     * Float32 input, continuous values (near-ties that float32 and float64 order differently): the blocked path
     * equals the float32 full-sort definition for every thread count and block size, with d not a multiple of the
     * vector width and n not a multiple of the block; float64 input equals the float64 definition.
     */
    @Test
    void float32AndFloat64PathsEqualTheirDefinitions() throws Exception {
        Random r = new Random(55);
        int differs = 0;
        for (int t = 0; t < 6; t++) {
            int n = 100 + r.nextInt(400);
            int d = new int[] {3, 17, 33, 129, 7, 50}[t];
            int classes = 2 + r.nextInt(20);
            int[] y = new int[n];
            float[] e = new float[n * d];
            double[] e64 = new double[n * d];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(classes);
                for (int j = 0; j < d; j++) {
                    e[i * d + j] = (float) ((j % classes == y[i] ? 0.5 : 0) + r.nextGaussian());
                    e64[i * d + j] = e[i * d + j] + r.nextGaussian() * 1e-9;
                }
            }
            int[] ks = BlockedRetrievalTest.ks(n);
            for (Distance dist : java.util.List.of(Distance.cosine(), Distance.euclidean(), Distance.dot())) {
                Map<String, Double> plain = RetrievalMetrics.computeBySorting(e, n, d, y, dist, ks);
                Map<String, Double> plain64 = RetrievalMetrics.computeBySorting(e64, n, d, y, dist, ks);
                double[] widened = new double[e.length];
                for (int i = 0; i < e.length; i++) {
                    widened[i] = e[i];
                }
                differs += plain.equals(RetrievalMetrics.computeBySorting(widened, n, d, y, dist, ks)) ? 0 : 1;
                for (int threads : new int[] {1, 2, 3}) {
                    for (int block : new int[] {1, 19, 64, n}) {
                        String what = dist + " d " + d + " threads " + threads + " block " + block;
                        BlockedRetrievalTest.assertSame(plain, RetrievalMetrics.compute(EmbeddingBlocks.of(e, n, d), y,
                                dist, ks, 0, block, threads), "float32 " + what);
                        BlockedRetrievalTest.assertSame(plain64, RetrievalMetrics.compute(EmbeddingBlocks.of(e64, n,
                                d), y, dist, ks, 0, block, threads), "float64 " + what);
                    }
                }
            }
        }
        assertTrue(differs > 0, "some case ranks differently in float32 and float64, so the test can tell them apart");
    }

    /** The plain definition of Hamming retrieval: a full stable sort of the others by distance. */
    static Integer[][] sortedByHamming(HammingCodes c) {
        int n = c.rows();
        Integer[][] out = new Integer[n][];
        for (int q = 0; q < n; q++) {
            int qq = q;
            out[q] = java.util.stream.IntStream.range(0, n).filter(i -> i != qq).boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> c.distance(qq, i)).thenComparingInt(i -> i))
                    .toArray(Integer[]::new);
        }
        return out;
    }

    @Test
    void hammingEqualsItsPlainDefinition() throws Exception {
        Random r = new Random(13);
        for (int t = 0; t < 10; t++) {
            int n = 2 + r.nextInt(150);
            int width = 1 + r.nextInt(20);
            byte[] bytes = new byte[n * width];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(1 + r.nextInt(8));
                for (int b = 0; b < width; b++) {
                    bytes[i * width + b] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : (y[i] * 37 + b) & 0xF0);
                }
            }
            HammingCodes c = HammingCodes.packed(bytes, n, width);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(Arrays.copyOfRange(bytes, i * width, (i + 1) * width), c.bytes(i));
                int j = r.nextInt(n);
                int plain = 0;
                for (int b = 0; b < width; b++) {
                    plain += Integer.bitCount((bytes[i * width + b] ^ bytes[j * width + b]) & 0xFF);
                }
                assertEquals(plain, c.distance(i, j));
            }
            Integer[][] order = sortedByHamming(c);
            int k = Math.min(n - 1, 1 + r.nextInt(20));
            int[][] nb = RetrievalMetrics.neighbours(c, k, 1 + r.nextInt(40), 1 + r.nextInt(3));
            for (int q = 0; q < n; q++) {
                for (int s = 0; s < k; s++) {
                    assertEquals(order[q][s].intValue(), nb[q][s], "query " + q + " rank " + s);
                }
            }
            int mapAt = k;
            int radius = r.nextInt(8 * width / 2 + 1);
            Map<String, Double> m = RetrievalMetrics.hamming(c, y, new int[] {1}, mapAt, radius, 7, 2);
            double map = 0;
            double prec = 0;
            int counted = 0;
            for (int q = 0; q < n; q++) {
                int others = 0;
                for (int i = 0; i < n; i++) {
                    others += i != q && y[i] == y[q] ? 1 : 0;
                }
                if (others == 0) {
                    continue;
                }
                counted++;
                int hits = 0;
                double sum = 0;
                for (int s = 0; s < mapAt; s++) {
                    if (y[order[q][s]] == y[q]) {
                        hits++;
                        sum += (double) hits / (s + 1);
                    }
                }
                map += hits == 0 ? 0 : sum / hits;
                int in = 0;
                int rel = 0;
                for (int i = 0; i < n; i++) {
                    if (i != q && c.distance(q, i) <= radius) {
                        in++;
                        rel += y[i] == y[q] ? 1 : 0;
                    }
                }
                prec += in == 0 ? 0 : (double) rel / in;
            }
            if (counted > 0) {
                assertEquals(map / counted, m.get("map_at_" + mapAt), 1e-12);
                assertEquals(prec / counted, m.get("precision_at_radius_" + radius), 1e-12);
            }
        }
    }

    @Test
    void binarizeTakesTheSignInPackbitsOrder() throws Exception {
        float[] e = new float[2 * 16];
        e[0] = 1; // bit 0: the most significant bit of byte 0
        e[9] = 0.5f; // bit 9: byte 1, value 0x40
        e[10] = 0; // zero is not positive
        e[11] = -3;
        e[16 + 15] = 2; // row 1, bit 15: byte 1, value 0x01
        HammingCodes c = HammingCodes.binarize(EmbeddingBlocks.of(e, 2, 16));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x40}, c.bytes(0));
        assertArrayEquals(new byte[] {0, 0x01}, c.bytes(1));
        assertEquals(3, c.distance(0, 1));
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> HammingCodes.binarize(EmbeddingBlocks.of(new float[12], 2, 6)));
        assertTrue(x.getMessage().contains("6 bits") && x.getMessage().contains("multiple of 8"), x.getMessage());
        float[] nan = new float[16];
        nan[8 + 3] = Float.NaN;
        x = assertThrows(IllegalArgumentException.class, () -> HammingCodes.binarize(EmbeddingBlocks.of(nan, 2, 8)));
        assertTrue(x.getMessage().contains("row 1"), x.getMessage());
        HammingCodes c = HammingCodes.packed(new byte[] {1, 2, 3}, 3, 1);
        x = assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.hamming(c, new int[] {0, 0, 1}, new int[] {3}, 0, -1, 8, 1));
        assertTrue(x.getMessage().contains("k = 3") && x.getMessage().contains("1 .. 2"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.hamming(c, new int[] {0, 0}, new int[] {1}, 0, -1, 8, 1));
        assertTrue(x.getMessage().contains("2 labels for 3 codes"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(EmbeddingBlocks.of(
                new float[] {1, 2, 3, 4, 5, 6}, 3, 2), new int[] {0, 0, 1}, Distance.cosine(),
                new int[] {1}, 5, 8, 1));
        assertTrue(x.getMessage().contains("mAP@k = 5"), x.getMessage());
    }
}
