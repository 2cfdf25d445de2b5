package io.jaccard4j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.transport.MultiMarginalMatchingGap.Solver;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiMarginalMatchingGapTest {

    /**
     * m3g.json (tools/gen_ranking_reference.py, torch float64): "unrolled" cases are autograd through every
     * Sinkhorn iteration for k = 2..6; "envelope" cases are beyond the old dense cap (and the paper's k = 3, n = 128)
     * with the envelope-theorem gradient taken by autograd at torch's converged coupling. Both solvers run to an
     * L1 marginal error of 1e-13 (unrolled) or 1e-12 (envelope) on differently rounded sequences, so agreement is
     * to the solver's accuracy: 1e-9 (unrolled), 1e-8 relative to the scale of the values (envelope).
     */
    @Test
    void matchesTorchReferences() throws Exception {
        Map<String, Integer> checked = new HashMap<>();
        for (JsonElement el : ReferenceJson.load("/reference/m3g.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String kind = c.get("kind").getAsString();
            int k = c.get("k").getAsInt();
            int n = c.get("n").getAsInt();
            int d = c.get("d").getAsInt();
            boolean unrolled = kind.equals("unrolled");
            double tolerance = unrolled ? 1e-13 : 1e-12;
            LossResult r = MultiMarginalMatchingGap.builder().epsilon(c.get("epsilon").getAsDouble())
                    .tolerance(tolerance).build().compute(ReferenceJson.doubles(c.get("views")), k, n, d);
            String name = kind + " k=" + k + " n=" + n;
            assertTrue(r.part("marginalError") <= tolerance, name + " converged: " + r.part("marginalError"));
            double scale = unrolled ? 1 : Math.max(1, Math.abs(c.get("identity_cost").getAsDouble()));
            double tol = (unrolled ? 1e-9 : 1e-8) * scale;
            assertEquals(c.get("identity_cost").getAsDouble(), r.part("identityCost"), 1e-12 * scale, name);
            assertEquals(c.get("entropic_cost").getAsDouble(), r.part("entropicCost"), tol, name);
            assertEquals(c.get("coupling_cost").getAsDouble(), r.part("couplingCost"), tol, name);
            assertEquals(c.get("value").getAsDouble(), r.value(), tol, name);
            double[] want = ReferenceJson.doubles(c.get("gradient"));
            double[] got = r.gradientAsDouble();
            assertEquals(want.length, got.length, name);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], tol, name + " gradient " + i);
            }
            checked.merge(kind, 1, Integer::sum);
        }
        assertEquals(6, checked.get("unrolled"));
        assertEquals(3, checked.get("envelope"));
    }

    /**
     * Where the dense tensor fits, the streamed solver runs the same sweeps: with a tolerance never met both run
     * exactly maxIterations sweeps, so values and gradients agree to rounding.
     */
    @Test
    void streamedEqualsDense() {
        Random r = new Random(11);
        int[][] shapes = {{2, 7, 3}, {3, 9, 2}, {3, 16, 4}, {4, 6, 2}, {4, 11, 3}, {5, 5, 2}, {6, 4, 2}, {3, 1, 2},
            {7, 3, 1}};
        for (int[] s : shapes) {
            int k = s[0];
            int n = s[1];
            int d = s[2];
            double[] x = new double[k * n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian() + (i % (n * d)) * 0.1;
            }
            double eps = 0.2 + r.nextDouble() * k;
            for (int sweeps : new int[] {1, 3, 40}) {
                MultiMarginalMatchingGap.Builder b = MultiMarginalMatchingGap.builder().epsilon(eps)
                        .maxIterations(sweeps).tolerance(Double.MIN_VALUE);
                LossResult dense = b.solver(Solver.DENSE).build().compute(x, k, n, d);
                LossResult streamed = b.solver(Solver.STREAMED).build().compute(x, k, n, d);
                String name = "k=" + k + " n=" + n + " sweeps=" + sweeps;
                // one item: the coupling is the identity and the first sweep meets any tolerance
                assertEquals(n == 1 ? 1 : sweeps, (int) streamed.part("iterations"), name);
                assertEquals(dense.part("iterations"), streamed.part("iterations"), name);
                double scale = Math.max(1, Math.abs(dense.part("identityCost")));
                for (String part : new String[] {"identityCost", "entropicCost", "couplingCost", "marginalError"}) {
                    assertEquals(dense.part(part), streamed.part(part), 1e-12 * scale, name + " " + part);
                }
                assertEquals(dense.value(), streamed.value(), 1e-12 * scale, name);
                double[] gd = dense.gradientAsDouble();
                double[] gs = streamed.gradientAsDouble();
                for (int i = 0; i < gd.length; i++) {
                    assertEquals(gd[i], gs[i], 1e-12 * scale, name + " gradient " + i);
                }
            }
        }
    }

    @Test
    void denseStopsAtItsCapAndStreamedDoesNot() {
        int k = 4;
        int n = 46; // 46^4 = 4,477,456 > 2^22
        double[] x = new double[k * n];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        MultiMarginalMatchingGap.Builder b = MultiMarginalMatchingGap.builder().epsilon(2).maxIterations(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.solver(Solver.DENSE).build().compute(x, k, n, 1));
        assertTrue(e.getMessage().contains("4477456"), e.getMessage());
        LossResult res = b.solver(Solver.STREAMED).build().compute(x, k, n, 1);
        assertTrue(Double.isFinite(res.value()) && res.part("iterations") == 2);
        assertThrows(NullPointerException.class, () -> MultiMarginalMatchingGap.builder().solver(null));
    }
}
