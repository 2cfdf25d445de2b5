package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retrieval metrics against their numpy definitions (tools/gen_retrieval_reference.py). */
class RetrievalMetricsTest {
    @Test
    void matchesTheNumpyDefinitions() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/retrieval.json");
        int[] ks = ReferenceJson.ints(doc.get("ks"));
        JsonArray cases = doc.getAsJsonArray("cases");
        assertTrue(cases.size() >= 30);
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            double[] emb = ReferenceJson.doubles(c.get("embeddings"));
            float[] f = new float[emb.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) emb[i];
            }
            Distance dist = c.get("distance").getAsString().equals("cosine")
                    ? Distance.cosine() : Distance.euclidean();
            int n = c.get("n").getAsInt();
            int[] valid = java.util.Arrays.stream(ks).filter(k -> k <= n - 1).toArray(); // larger k are refused
            Map<String, Double> got = RetrievalMetrics.compute(f, n, c.get("d").getAsInt(),
                    ReferenceJson.ints(c.get("labels")), dist, valid);
            JsonObject exp = c.getAsJsonObject("expected");
            for (String key : exp.keySet()) {
                if (!got.containsKey(key)) {
                    assertTrue(key.matches("(recall|ndcg)_at_\\d+"), key);
                    continue;
                }
                assertEquals(exp.get(key).getAsDouble(), got.get(key), 1e-9, key + " in " + c.get("n"));
            }
            Map<String, Double> plain = RetrievalMetrics.computeBySorting(f, c.get("n").getAsInt(),
                    c.get("d").getAsInt(), ReferenceJson.ints(c.get("labels")), dist, valid);
            for (String key : plain.keySet()) {
                assertEquals(plain.get(key), got.get(key), 0.0, "blocked = full sort, bit for bit: " + key);
            }
        }
    }

    @Test
    void badInputFails() {
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(new float[] {1, 2}, 1, 2,
                new int[] {0}, Distance.cosine(), new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.compute(new float[] {1, Float.NaN, 0, 1}, 2,
                2, new int[] {0, 0}, Distance.cosine(), new int[] {1}));
    }
}
