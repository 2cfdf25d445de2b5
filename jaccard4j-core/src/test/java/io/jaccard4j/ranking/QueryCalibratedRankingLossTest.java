package io.jaccard4j.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SBCR's per-query calibrated ranking loss against torch autograd (tools/gen_papers_reference.py) and its laws. */
class QueryCalibratedRankingLossTest {
    @Test
    void valueAndBothGradientsMatchTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/papers.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            if (!c.get("kind").getAsString().equals("query_calibrated")) {
                continue;
            }
            QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(c.get("k").getAsInt(),
                    c.get("alpha").getAsDouble());
            LossResult r = loss.compute(ReferenceJson.doubles(c.get("scores")), ReferenceJson.doubles(c.get("labels")),
                    ReferenceJson.ints(c.get("queries")),
                    CalibratedRankingLoss.LoggedContext.of(ReferenceJson.doubles(c.get("context_scores")),
                            ReferenceJson.doubles(c.get("context_labels")), ReferenceJson.ints(c.get("context_queries"))),
                    ReferenceJson.doubles(c.get("logits")));
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient_logits")),
                    r.gradient(QueryCalibratedRankingLoss.CALIBRATION), 1e-12);
            checked++;
        }
        assertEquals(10, checked);
    }

    @Test
    void calibrationIsMonotoneFromZeroToOneAndIdentityAtZeroLogits() {
        QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(5, 0.5);
        Random r = new Random(9);
        double[] a = new double[10];
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 * r.nextGaussian();
        }
        for (int q = 0; q < 2; q++) {
            assertEquals(0, loss.calibrate(0, q, a), 1e-15);
            assertEquals(1, loss.calibrate(1, q, a), 1e-12);
            double prev = -1;
            for (int t = 0; t <= 200; t++) {
                double g = loss.calibrate(t / 200.0, q, a);
                assertTrue(g > prev);
                prev = g;
            }
        }
        double[] id = loss.identityLogits(2);
        for (int t = 0; t <= 20; t++) {
            assertEquals(t / 20.0, loss.calibrate(t / 20.0, 1, id), 1e-12);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QueryCalibratedRankingLoss.of(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> QueryCalibratedRankingLoss.of(3, -0.1));
        QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(3, 0.5);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[] {0, 1}, new double[] {0, 1},
                new int[] {0, 2}, new double[6]));
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[] {0, 1}, new double[] {0, 1},
                new int[] {0, 1}, new double[5]));
    }
}
