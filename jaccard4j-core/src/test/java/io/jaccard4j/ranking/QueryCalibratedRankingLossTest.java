package io.jaccard4j.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * SBCR's per-query calibrated ranking loss against torch autograd (tools/gen_papers_reference.py), both couplings,
 * against central differences, and its laws.
 */
class QueryCalibratedRankingLossTest {
    @Test
    void coupledValueAndBothGradientsMatchTorch() throws Exception {
        int checked = 0;
        for (JsonObject c : cases("query_calibrated")) {
            QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(c.get("k").getAsInt(),
                    c.get("alpha").getAsDouble(), QueryCalibratedRankingLoss.Coupling.COUPLED);
            LossResult r = computeCase(loss, c);
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertGradientsMatch(c, r);
            checked++;
        }
        assertEquals(10, checked);
    }

    /** The reference cases of one kind in reference/papers.json. */
    private static List<JsonObject> cases(String kind) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement el : ReferenceJson.load("/reference/papers.json").getAsJsonArray("cases")) {
            if (el.getAsJsonObject().get("kind").getAsString().equals(kind)) {
                out.add(el.getAsJsonObject());
            }
        }
        return out;
    }

    private static void assertGradientsMatch(JsonObject c, LossResult r) {
        assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12);
        assertArrayEquals(ReferenceJson.doubles(c.get("gradient_logits")),
                r.gradient(QueryCalibratedRankingLoss.CALIBRATION), 1e-12);
    }

    private static LossResult computeCase(QueryCalibratedRankingLoss loss, JsonObject c) {
        return loss.compute(ReferenceJson.doubles(c.get("scores")), ReferenceJson.doubles(c.get("labels")),
                ReferenceJson.ints(c.get("queries")),
                CalibratedRankingLoss.LoggedContext.of(ReferenceJson.doubles(c.get("context_scores")),
                        ReferenceJson.doubles(c.get("context_labels")), ReferenceJson.ints(c.get("context_queries"))),
                ReferenceJson.doubles(c.get("logits")));
    }

    @Test
    void decoupledValuePartsAndGradientsMatchTorchWithStoppedGradient() throws Exception {
        int checked = 0;
        int clipped = 0;
        for (JsonObject c : cases("query_calibrated_decoupled")) {
            QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(c.get("k").getAsInt(),
                    c.get("alpha").getAsDouble());
            assertEquals(QueryCalibratedRankingLoss.Coupling.DECOUPLED, loss.coupling());
            LossResult r = computeCase(loss, c);
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertEquals(c.get("ranking").getAsDouble(), r.part("ranking"), 1e-12);
            assertEquals(c.get("calibration_loss").getAsDouble(), r.part("calibrationLoss"), 1e-12);
            assertGradientsMatch(c, r);
            double[] s = ReferenceJson.doubles(c.get("scores"));
            int[] q = ReferenceJson.ints(c.get("queries"));
            double[] a = ReferenceJson.doubles(c.get("logits"));
            for (int i = 0; i < s.length; i++) {
                double g = loss.calibrate(1 / (1 + Math.exp(-s[i])), q[i], a);
                if (g < QueryCalibratedRankingLoss.CLIP || g > 1 - QueryCalibratedRankingLoss.CLIP) {
                    clipped++;
                }
            }
            checked++;
        }
        assertEquals(12, checked);
        assertTrue(clipped > 0, "the references include items whose calibrated probability is clipped");
    }

    /** Part {@code name} of the loss at (s, a). */
    private static double part(QueryCalibratedRankingLoss loss, double[] s, double[] y, int[] q,
            CalibratedRankingLoss.LoggedContext ctx, double[] a, String name) {
        LossResult r = loss.compute(s, y, q, ctx, a);
        return name == null ? r.value() : r.part(name);
    }

    /** (f(x + h e_i) − f(x − h e_i)) / 2h for every i, h = 10⁻⁶. */
    private static double[] centralDifferences(ToDoubleFunction<double[]> f, double[] x) {
        double h = 1e-6;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] dn = x.clone();
            up[i] += h;
            dn[i] -= h;
            out[i] = (f.applyAsDouble(up) - f.applyAsDouble(dn)) / (2 * h);
        }
        return out;
    }

    @Test
    void gradientsAreCentralDifferencesOfTheirOwnTerms() {
        Random r = new Random(21);
        int n = 9;
        int nq = 2;
        int k = 5;
        double[] s = new double[n];
        double[] y = new double[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1.5 * r.nextGaussian();
            y[i] = r.nextInt(2);
            q[i] = r.nextInt(nq);
        }
        double[] a = new double[nq * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        CalibratedRankingLoss.LoggedContext ctx = CalibratedRankingLoss.LoggedContext.of(
                new double[] {0.4, -1.0, 2.0}, new double[] {1, 0, 0}, new int[] {0, 1, 1});
        for (QueryCalibratedRankingLoss.Coupling coupling : QueryCalibratedRankingLoss.Coupling.values()) {
            QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(k, 0.4, coupling);
            boolean dec = coupling == QueryCalibratedRankingLoss.Coupling.DECOUPLED;
            // decoupled: dL/ds is the derivative of L_rank alone, dL/da that of L_calib alone (stopped gradient)
            String scorePart = dec ? "ranking" : null;
            String logitPart = dec ? "calibrationLoss" : null;
            LossResult at = loss.compute(s, y, q, ctx, a);
            assertArrayEquals(centralDifferences(x -> part(loss, x, y, q, ctx, a, scorePart), s),
                    at.gradientAsDouble(), 1e-7, coupling + " scores");
            assertArrayEquals(centralDifferences(x -> part(loss, s, y, q, ctx, x, logitPart), a),
                    at.gradient(QueryCalibratedRankingLoss.CALIBRATION), 1e-7, coupling + " logits");
        }
    }

    @Test
    void decoupledRankingTermIsTheLogLossOfSigmoidPlusThePairsOfCalibratedRankingLoss() {
        double[] s = {0.3, -1.2, 2.0, 0.7};
        double[] y = {1, 0, 1, 0};
        int[] q = {0, 0, 1, 1};
        double[] a = {0.5, -0.5, 0.1, 1.0, 0.0, -1.0};
        LossResult dec = QueryCalibratedRankingLoss.of(3, 0.6).compute(s, y, q, a);
        CalibratedRankingLoss plain = CalibratedRankingLoss.builder().pointwiseWeight(0.6).build();
        LossResult ref = plain.compute(s, y, q, plain.identityParameters());
        assertEquals(ref.value(), dec.part("ranking"), 1e-12);
        assertArrayEquals(ref.gradientAsDouble(), dec.gradientAsDouble(), 1e-12);
        // moving the calibration logits leaves the score gradient unchanged (no gradient path from L_calib to s)
        LossResult moved = QueryCalibratedRankingLoss.of(3, 0.6).compute(s, y, q, new double[6]);
        assertArrayEquals(dec.gradientAsDouble(), moved.gradientAsDouble(), 0);
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
        assertThrows(NullPointerException.class, () -> QueryCalibratedRankingLoss.of(3, 0.5, null));
        QueryCalibratedRankingLoss loss = QueryCalibratedRankingLoss.of(3, 0.5);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[] {0, 1}, new double[] {0, 1},
                new int[] {0, 2}, new double[6]));
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[] {0, 1}, new double[] {0, 1},
                new int[] {0, 1}, new double[5]));
    }
}
