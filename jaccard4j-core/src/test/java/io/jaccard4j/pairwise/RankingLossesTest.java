package io.jaccard4j.pairwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import org.junit.jupiter.api.Test;

/** RankNet, BP-MLL and the reweighted univariate loss against torch autograd. */
class RankingLossesTest {
    @Test
    void valuesAndGradientsMatchTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/ranking.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            int n = c.get("n").getAsInt();
            int l = c.get("l").getAsInt();
            double[] s = ReferenceJson.doubles(c.get("scores"));
            double[] t = ReferenceJson.doubles(c.get("target"));
            byte[] y = new byte[t.length];
            for (int i = 0; i < t.length; i++) {
                y[i] = (byte) t[i];
            }
            PairwiseLosses.Result r;
            switch (c.get("kind").getAsString()) {
                case "ranknet": r = RankingLosses.pairwiseLogistic(s, t, n, l); break;
                case "bpmll": r = RankingLosses.bpMll(s, y, n, l); break;
                default: r = RankingLosses.reweightedUnivariate(s, y, n, l);
            }
            assertEquals(c.get("value").getAsDouble(), r.value, 1e-12, c.get("kind").getAsString());
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradient, 1e-12, c.get("kind").getAsString());
            checked++;
        }
        assertTrue(checked >= 40);
    }
}
