package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.ranking.RankingLossDjlTest.assertClose;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.f;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.normal;
import static io.jaccard4j.djl.ranking.RankingLossDjlTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.ranking.AdaptiveTopNWeights;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL adaptive top-N loss equals core's: value and autograd gradient (1e-5 relative). */
class AdaptiveTopNLossDjlTest {
    @Test
    void matchesCore() {
        Random r = new Random(11);
        for (double lambda : new double[] {0, 0.25, 1}) {
            int n = 4;
            int l = 7;
            double[] s = normal(r, n * l, 2);
            double[] rel = new double[n * l];
            for (int i = 0; i < rel.length; i++) {
                rel[i] = r.nextInt(4);
            }
            AdaptiveTopNWeights w = AdaptiveTopNWeights.of(2, lambda);
            LossResult core = w.loss(s, rel, n, l);
            float[][] got = run(new AdaptiveTopNLossDjl(w), m -> new NDList(m.create(f(rel), new Shape(n, l))),
                    new double[][] {s}, new Shape[] {new Shape(n, l)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-7, "value " + w);
            assertClose(core.gradientAsDouble(), got[1], "adaptive " + w);
        }
    }
}
