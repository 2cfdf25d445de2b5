package io.jaccard4j.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The adaptive top-N loss against torch autograd (tools/gen_papers_reference.py) and against its laws. */
class AdaptiveTopNWeightsTest {
    @Test
    void valueAndGradientMatchTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/papers.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            if (!c.get("kind").getAsString().equals("adaptive_topn")) {
                continue;
            }
            LossResult r = AdaptiveTopNWeights.of(c.get("n").getAsInt(), c.get("lambda").getAsDouble())
                    .loss(ReferenceJson.doubles(c.get("scores")), ReferenceJson.doubles(c.get("relevance")),
                            c.get("queries").getAsInt(), c.get("l").getAsInt());
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12);
            checked++;
        }
        assertEquals(12, checked);
    }

    @Test
    void lambdaOneIsPlainRankNet() {
        Random rnd = new Random(3);
        double[] s = new double[24];
        double[] r = new double[24];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextGaussian();
            r[i] = rnd.nextInt(3);
        }
        LossResult a = AdaptiveTopNWeights.of(2, 1).loss(s, r, 3, 8);
        LossResult b = RankingLosses.pairwiseLogistic(s, r, 3, 8);
        assertEquals(b.value(), a.value(), 1e-14);
        assertArrayEquals(b.gradientAsDouble(), a.gradientAsDouble(), 1e-14);
    }

    @Test
    void gradientIsTheFiniteDifferenceAwayFromTies() {
        Random rnd = new Random(5);
        double[] s = new double[20];
        double[] r = new double[20];
        for (int i = 0; i < s.length; i++) {
            s[i] = 2 * rnd.nextGaussian();
            r[i] = rnd.nextInt(4);
        }
        AdaptiveTopNWeights w = AdaptiveTopNWeights.of(3, 0.2);
        double[] g = w.loss(s, r, 2, 10).gradientAsDouble();
        double h = 1e-6;
        for (int i = 0; i < s.length; i++) {
            double[] p = s.clone();
            double[] m = s.clone();
            p[i] += h;
            m[i] -= h;
            assertEquals((w.loss(p, r, 2, 10).value() - w.loss(m, r, 2, 10).value()) / (2 * h), g[i], 1e-7);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AdaptiveTopNWeights.of(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveTopNWeights.of(2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveTopNWeights.of(2, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> AdaptiveTopNWeights.of(2, 0.5).loss(new double[3], new double[4], 1, 3));
    }
}
