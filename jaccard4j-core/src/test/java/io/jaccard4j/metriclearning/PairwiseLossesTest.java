package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import org.junit.jupiter.api.Test;

/** Pairwise losses against torch autograd on their definitions (tools/gen_pairwise_reference.py). */
class PairwiseLossesTest {
    static LossResult run(String kind, double[] e, int n, int d, int[] y, Distance dist, double a,
            double b) {
        switch (kind) {
            case "contrastive": return PairwiseLosses.contrastive(e, n, d, y, dist, a, b);
            case "triplet": return PairwiseLosses.tripletMargin(e, n, d, y, dist, a);
            default: return PairwiseLosses.ntXent(e, n, d, y, dist, a);
        }
    }

    @Test
    void valuesAndGradientsMatchTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/pairwise.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String name = c.get("distance").getAsString();
            Distance dist = name.equals("cosine") ? Distance.cosine() : name.equals("dot") ? Distance.dot()
                    : Distance.euclidean();
            LossResult r = run(c.get("kind").getAsString(), ReferenceJson.doubles(c.get("embeddings")),
                    c.get("n").getAsInt(), c.get("d").getAsInt(), ReferenceJson.ints(c.get("labels")), dist,
                    c.get("a").getAsDouble(), c.get("b").getAsDouble());
            String what = c.get("kind").getAsString() + "/" + dist;
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-10, what);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-9, what);
            checked++;
        }
        assertTrue(checked >= 50);
    }

    @Test
    void noPositivePairGivesZeroLossAndGradient() {
        double[] e = {1, 0, 0, 1, 1, 1};
        int[] y = {0, 1, 2};
        for (String kind : new String[] {"triplet", "ntxent"}) { // contrastive scores negatives alone, as PML
            LossResult r = run(kind, e, 3, 2, y, Distance.cosine(), 0.5, 0.2);
            assertEquals(0.0, r.value(), 0.0, kind);
            assertArrayEquals(new double[6], r.gradientAsDouble(), 0.0, kind);
        }
        assertThrows(IllegalArgumentException.class,
                () -> PairwiseLosses.ntXent(e, 3, 2, y, Distance.euclidean(), 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> PairwiseLosses.tripletMargin(new double[] {1, Double.NaN}, 1, 2, new int[] {0},
                        Distance.dot(), 0.1));
    }
}
