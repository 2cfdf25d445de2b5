package io.jaccard4j.djl.hashing;

import static io.jaccard4j.djl.LossGradients.assertClose;
import static io.jaccard4j.djl.LossGradients.f;
import static io.jaccard4j.djl.LossGradients.float32;
import static io.jaccard4j.djl.LossGradients.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.hashing.PairwiseHashingLoss;
import io.jaccard4j.loss.LossResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL hashing loss equals core's: value and autograd gradient (1e-5 relative). */
class PairwiseHashingLossDjlTest {
    @Test
    void matchesCore() {
        Random r = new Random(4);
        for (double[] w : new double[][] {{0, 0}, {0.5, 0.2}, {1, 1}}) {
            int n = 9;
            int bits = 12;
            double[] u = new double[n * bits];
            for (int i = 0; i < u.length; i++) {
                u[i] = 1.2 * r.nextGaussian();
            }
            u = float32(u);
            double[] lab = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(3);
                lab[i] = labels[i];
            }
            PairwiseHashingLoss config = PairwiseHashingLoss.of(w[0], w[1]);
            LossResult core = config.compute(u, n, bits, labels);
            float[][] got = run(new PairwiseHashingLossDjl(config), m -> new NDList(m.create(f(lab))),
                    new double[][] {u}, new Shape[] {new Shape(n, bits)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()), "value");
            assertClose(core.gradientAsDouble(), got[1], "codes");
        }
    }
}
