package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.ranking.RankingLossDjlTest.assertClose;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.f;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.normal;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.ranking.CalibratedRankingLoss;
import io.jaccard4j.ranking.QueryCalibratedRankingLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DJL SBCR loss equals core's in both couplings: value and both autograd gradients (scores, calibration logits),
 * 1e-5 relative; with lowTail a third of the scores are below −10, so that σ(s) is near 0 and the decoupled
 * calibration clip (g &lt; 10⁻⁴) acts there. Scores are capped at 2.5: nearer 1, the float32 rounding of 1 − g is too
 * coarse for 1e-5 (1/(g(1 − g)) multiplies it).
 */
class QueryCalibratedRankingLossDjlTest {
    @Test
    void matchesCoreWithAndWithoutLoggedContext() {
        Random r = new Random(13);
        for (QueryCalibratedRankingLoss.Coupling coupling : QueryCalibratedRankingLoss.Coupling.values()) {
            for (boolean withContext : new boolean[] {false, true}) {
                for (boolean lowTail : new boolean[] {false, true}) {
                    check(r, QueryCalibratedRankingLoss.of(4, 0.6, coupling), withContext, lowTail);
                }
            }
        }
    }

    private static void check(Random r, QueryCalibratedRankingLoss config, boolean withContext, boolean lowTail) {
        {
            int n = 12;
            int nq = 3;
            double[] s = normal(r, n, 2);
            for (int i = 0; i < n; i++) {
                s[i] = Math.min(s[i], 2.5);
            }
            for (int i = 0; lowTail && i < n; i += 3) {
                s[i] = (float) (-10 - Math.abs(s[i]));
            }
            double[] a = normal(r, nq * 4, 1);
            double[] y = new double[n];
            double[] qd = new double[n];
            int[] q = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(2);
                q[i] = r.nextInt(nq);
                qd[i] = q[i];
            }
            double[] cs = withContext ? normal(r, 5, 2) : new double[0];
            double[] cy = new double[cs.length];
            int[] cq = new int[cs.length];
            double[] cqd = new double[cs.length];
            for (int c = 0; c < cs.length; c++) {
                cy[c] = r.nextInt(2);
                cq[c] = r.nextInt(nq);
                cqd[c] = cq[c];
            }
            int clipped = 0;
            for (int i = 0; i < n; i++) {
                if (config.calibrate(1 / (1 + Math.exp(-s[i])), q[i], a) < QueryCalibratedRankingLoss.CLIP) {
                    clipped++;
                }
            }
            assertEquals(lowTail, clipped > 0, "the low tail, and only it, reaches the clip");
            LossResult core = config.compute(s, y, q, CalibratedRankingLoss.LoggedContext.of(cs, cy, cq), a);
            float[][] got = run(new QueryCalibratedRankingLossDjl(config), m -> {
                NDList l = new NDList(m.create(f(y)), m.create(f(qd)));
                if (withContext) {
                    l.add(m.create(f(cs)));
                    l.add(m.create(f(cy)));
                    l.add(m.create(f(cqd)));
                }
                return l;
            }, new double[][] {s, a}, new Shape[] {new Shape(n), new Shape(nq, 4)});
            String what = config.coupling() + (withContext ? " with context" : "") + (lowTail ? " low tail" : "");
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-7, what + " value");
            assertClose(core.gradientAsDouble(), got[1], what + " scores");
            assertClose(core.gradient(QueryCalibratedRankingLoss.CALIBRATION), got[2], what + " calibration logits");
        }
    }
}
