package io.jaccard4j.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AccuracyCalculator} against pytorch-metric-learning 2.9.0's own {@code AccuracyCalculator} output
 * ({@code reference/pml-2.9.0.json}, 60 cases: query-is-reference and separate sets, k = None and "max_bin_count",
 * with and without avg_of_avgs): the float64 metrics to 1e-12 relative, mean_reciprocal_rank (float32 in PML) to
 * 1e-6.
 */
class PmlAccuracyCalculatorTest {
    static float[] rows(JsonElement e, int[] dims) {
        JsonArray a = e.getAsJsonArray();
        dims[0] = a.size();
        dims[1] = a.get(0).getAsJsonArray().size();
        float[] out = new float[dims[0] * dims[1]];
        for (int i = 0; i < dims[0]; i++) {
            JsonArray r = a.get(i).getAsJsonArray();
            for (int j = 0; j < dims[1]; j++) {
                out[i * dims[1] + j] = (float) r.get(j).getAsDouble();
            }
        }
        return out;
    }

    @Test
    void everyAccuracyCaseMatchesPml() throws Exception {
        JsonObject ref = ReferenceJson.load("/reference/pml-2.9.0.json");
        int checked = 0;
        for (JsonElement el : ref.getAsJsonArray("accuracy_cases")) {
            JsonObject c = el.getAsJsonObject();
            String id = c.get("id").getAsString();
            JsonObject kw = c.getAsJsonObject("calculator_kwargs");
            boolean maxBin = !kw.get("k").isJsonNull() && kw.get("k").getAsString().equals("max_bin_count");
            boolean avg = kw.get("avg_of_avgs").getAsBoolean();
            int[] dims = new int[2];
            float[] q = rows(c.get("query"), dims);
            int d = dims[1];
            int[] ql = ReferenceJson.ints(c.get("query_labels"));
            float[] r = null;
            int[] rl = null;
            if (c.get("mode").getAsString().equals("separate_sets")) {
                r = rows(c.get("reference"), dims);
                rl = ReferenceJson.ints(c.get("reference_labels"));
            }
            Map<String, Double> got = AccuracyCalculator.compute(q, ql, r, rl, d, maxBin, avg);
            JsonObject want = c.getAsJsonObject("result");
            for (String m : new String[] {"precision_at_1", "r_precision", "mean_average_precision_at_r"}) {
                double w = ReferenceJson.number(want.get(m));
                assertTrue(Math.abs(w - got.get(m)) <= 1e-12 * Math.abs(w), id + " " + m + ": PML " + w + ", "
                        + got.get(m));
            }
            double w = ReferenceJson.number(want.get("mean_reciprocal_rank"));
            assertEquals(w, got.get("mean_reciprocal_rank"), 1e-6 * Math.abs(w), id + " mean_reciprocal_rank");
            checked++;
        }
        assertEquals(60, checked);
    }
}
