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

/** The DJL SBCR loss equals core's: value and both autograd gradients (scores, calibration logits), 1e-5 relative. */
class QueryCalibratedRankingLossDjlTest {
    @Test
    void matchesCoreWithAndWithoutLoggedContext() {
        Random r = new Random(13);
        QueryCalibratedRankingLoss config = QueryCalibratedRankingLoss.of(4, 0.6);
        for (boolean withContext : new boolean[] {false, true}) {
            int n = 12;
            int nq = 3;
            double[] s = normal(r, n, 2);
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
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-7, "value");
            assertClose(core.gradientAsDouble(), got[1], "scores");
            assertClose(core.gradient(QueryCalibratedRankingLoss.CALIBRATION), got[2], "calibration logits");
        }
    }
}
