package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact k-NN and Hamming retrieval against faiss (tools/gen_retrieval_faiss_reference.py: IndexFlatIP on
 * normalised rows, IndexFlatL2, IndexBinaryFlat; metrics by numpy from faiss' ranking): the same neighbour ids,
 * ties included, for every block size and thread count tried, and the metrics within 1e-12.
 */
class FaissReferenceTest {
    static void assertMetrics(JsonObject expected, Map<String, Double> got, String what) {
        assertEquals(expected.keySet(), got.keySet(), what);
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key).getAsDouble(), got.get(key), 1e-12, key + " " + what);
        }
    }

    static int[] flat(int[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @Test
    void sameNeighboursAndMetricsAsFaiss() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/retrieval_faiss.json");
        int floats = 0;
        int binaries = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            int n = c.get("n").getAsInt();
            int k = c.get("k").getAsInt();
            int[] y = ReferenceJson.ints(c.get("labels"));
            int[] ks = ReferenceJson.ints(c.get("ks"));
            int[] neighbours = ReferenceJson.ints(c.get("neighbours"));
            if (c.get("kind").getAsString().equals("float")) {
                int d = c.get("d").getAsInt();
                double[] v = ReferenceJson.doubles(c.get("embeddings"));
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                Distance dist = c.get("distance").getAsString().equals("cosine")
                        ? Distance.cosine() : Distance.euclidean();
                for (int[] bt : new int[][] {{7, 1}, {32, 3}, {n, 2}}) {
                    String what = c.get("distance") + " n=" + n + " block " + bt[0] + " threads " + bt[1];
                    assertArrayEquals(neighbours, flat(RetrievalMetrics.neighbours(EmbeddingBlocks.of(f, n, d), dist,
                            k, bt[0], bt[1])), what);
                    assertMetrics(c.getAsJsonObject("expected"), RetrievalMetrics.compute(EmbeddingBlocks.of(f, n, d),
                            y, dist, ks, 0, bt[0], bt[1]), what);
                }
                floats++;
            } else {
                int bits = c.get("bits").getAsInt();
                int[] b = ReferenceJson.ints(c.get("codes"));
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    bytes[i] = (byte) b[i];
                }
                HammingCodes codes = HammingCodes.packed(bytes, n, bits / 8);
                int[] distances = ReferenceJson.ints(c.get("distances"));
                for (int[] bt : new int[][] {{5, 1}, {64, 2}, {n, 3}}) {
                    String what = "hamming " + bits + " bits n=" + n + " block " + bt[0] + " threads " + bt[1];
                    int[][] nb = RetrievalMetrics.neighbours(codes, k, bt[0], bt[1]);
                    assertArrayEquals(neighbours, flat(nb), what);
                    for (int q = 0; q < n; q++) {
                        for (int t = 0; t < k; t++) {
                            assertEquals(distances[q * k + t], codes.distance(q, nb[q][t]), what);
                        }
                    }
                    assertMetrics(c.getAsJsonObject("expected"), RetrievalMetrics.hamming(codes, y, ks,
                            c.get("map_at").getAsInt(), c.get("radius").getAsInt(), bt[0], bt[1]), what);
                }
                binaries++;
            }
        }
        assertTrue(floats >= 10 && binaries >= 5, floats + " float and " + binaries + " binary cases");
    }
}
