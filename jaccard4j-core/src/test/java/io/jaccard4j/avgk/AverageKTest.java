package io.jaccard4j.avgk;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Average-K calibration and the two-head loss against numpy / torch (tools/gen_avgk_reference.py). */
class AverageKTest {
    static JsonObject reference() throws Exception {
        return ReferenceJson.load("/reference/avgk.json");
    }

    @Test
    void calibrationAndScoresMatchNumpy() throws Exception {
        JsonArray cases = reference().getAsJsonArray("calibration");
        assertTrue(cases.size() >= 50);
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            int n = c.get("n").getAsInt();
            int k = c.get("c").getAsInt();
            double[] p = ReferenceJson.doubles(c.getAsJsonArray("probs"));
            int[] y = ReferenceJson.ints(c.getAsJsonArray("labels"));
            double lambda = AverageK.threshold(p, n, k, c.get("k").getAsDouble());
            assertEquals(c.get("lambda").getAsDouble(), lambda, 1e-15, c.toString());
            AverageK.Evaluation ev = AverageK.evaluate(p, y, n, k, lambda);
            assertEquals(c.get("accuracy").getAsDouble(), ev.accuracy, 1e-12);
            assertEquals(c.get("mean_set_size").getAsDouble(), ev.meanSetSize, 1e-12);
            assertEquals(c.get("set_jaccard").getAsDouble(), ev.setJaccard, 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.getAsJsonArray("per_class")), ev.perClassAccuracy, 1e-12);
            assertEquals(c.get("top_k_accuracy").getAsDouble(), AverageK.topK(p, y, n, k, c.get("top_k").getAsInt()),
                    1e-12);
        }
    }

    @Test
    void twoHeadLossMatchesTorchAutograd() throws Exception {
        JsonArray cases = reference().getAsJsonArray("two_head");
        assertTrue(cases.size() >= 50);
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            int[] y = ReferenceJson.ints(c.getAsJsonArray("labels"));
            TwoHeadLoss loss = TwoHeadLoss.forK(c.get("k").getAsDouble());
            double[] z = ReferenceJson.doubles(c.getAsJsonArray("z"));
            LossResult r = loss.compute(z, ReferenceJson.doubles(c.getAsJsonArray("u")), y, c.get("c").getAsInt());
            byte[] pseudoLabels = loss.pseudoLabels(z, y, c.get("c").getAsInt());
            int[] pseudo = ReferenceJson.ints(c.getAsJsonArray("pseudo"));
            for (int i = 0; i < pseudo.length; i++) {
                assertEquals(pseudo[i], pseudoLabels[i], "pseudo-label " + i);
            }
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.getAsJsonArray("grad_z")), r.gradientAsDouble(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.getAsJsonArray("grad_u")), r.gradient("multilabel"), 1e-12);
        }
    }

    @Test
    void calibratedSetsHoldKOnAverageAndBadInputFails() {
        Random r = new Random(3);
        int n = 500;
        int c = 10;
        double[] p = new double[n * c];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble();
        }
        int[] y = new int[n];
        for (double k : new double[] {1, 2, 3.5}) {
            double lambda = AverageK.threshold(p, n, c, k);
            assertEquals(k, AverageK.evaluate(p, y, n, c, lambda).meanSetSize, 1e-12, "K = " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> AverageK.threshold(p, n, c, 0));
        assertThrows(IllegalArgumentException.class, () -> AverageK.threshold(p, n, c, c));
        assertThrows(IllegalArgumentException.class, () -> AverageK.evaluate(p, new int[] {11}, 1, c, 0.5));
        assertThrows(IllegalArgumentException.class, () -> TwoHeadLoss.forK(0.5));
    }

    @org.junit.jupiter.api.Test
    void requireProbabilitiesAcceptsRowsSummingToOneWithinTheToleranceOnly() {
        double eps = AverageK.ROW_SUM_TOLERANCE;
        AverageK.requireProbabilities(new double[] {0.5, 0.5 + eps / 2, 1, 0}, 2, 2, "p");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AverageK.requireProbabilities(new double[] {0.5, 0.5 + 2 * eps, 1, 0}, 2, 2, "p"));
        for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -1e-9, 1.5}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> AverageK.requireProbabilities(new double[] {bad, 1, 1, 0}, 2, 2, "p"), "value " + bad);
        }
        // threshold and evaluate take scores (not necessarily normalised) but still refuse Inf and negatives
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AverageK.threshold(new double[] {Double.POSITIVE_INFINITY, 0, 0.2, 0.3}, 2, 2, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AverageK.requireLabels(new int[] {0, 2}, 2, 2, "y"));
    }
}
