package io.jaccard4j.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import org.junit.jupiter.api.Test;

/** label_ranking_loss and coverage_error against scikit-learn. */
class MultilabelRankingTest {
    @Test
    void matchesScikitLearn() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/multilabel_ranking.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            int n = c.get("n").getAsInt();
            int l = c.get("l").getAsInt();
            int[] t = ReferenceJson.ints(c.get("truth"));
            byte[] truth = new byte[t.length];
            for (int i = 0; i < t.length; i++) {
                truth[i] = (byte) t[i];
            }
            double[] s = ReferenceJson.doubles(c.get("scores"));
            assertEquals(c.get("ranking_loss").getAsDouble(), MultilabelRanking.rankingLoss(truth, s, n, l), 1e-12);
            assertEquals(c.get("coverage").getAsDouble(), MultilabelRanking.coverage(truth, s, n, l), 1e-12);
            checked++;
        }
        assertTrue(checked >= 50);
        assertThrows(IllegalArgumentException.class,
                () -> MultilabelRanking.coverage(new byte[] {1}, new double[] {Double.NaN}, 1, 1));
    }
}
