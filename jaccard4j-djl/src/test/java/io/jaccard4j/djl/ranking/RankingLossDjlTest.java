package io.jaccard4j.djl.ranking;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.djl.transport.MultiMarginalMatchingGapDjl;
import io.jaccard4j.ranking.CalibratedRankingLoss;
import io.jaccard4j.transport.MultiMarginalMatchingGap;
import io.jaccard4j.metriclearning.PairwiseLosses;
import io.jaccard4j.ranking.RankingLosses;
import io.jaccard4j.ranking.TopNPairWeights;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The DJL ranking losses equal core's: value and autograd gradient, to float32 accuracy (1e-5 relative). */
class RankingLossDjlTest {

    static double[] normal(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian()); // representable in float32: both sides see the same inputs
        }
        return v;
    }

    static float[] f(double[] v) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) v[i];
        }
        return o;
    }

    static void assertClose(double[] expected, float[] got, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-5 * scale + 1e-7, what + " gradient " + i);
        }
    }

    /**
     * Runs loss on predictions built by make (inputs get gradients); returns value and each input's gradient. Garbage
     * is collected and freed memory overwritten between the forward and the backward pass, so a gradient that reads
     * freed memory (an operand DJL closed after the forward pass, see Scalars) fails here, not only under some GC
     * timings.
     */
    static float[][] run(Loss loss, Function<NDManager, NDList> labels, double[][] inputs, Shape[] shapes) {
        return io.jaccard4j.djl.LossGradients.run(loss, labels, inputs, shapes);
    }

    @Test
    void pairwiseLogisticWithEveryWeightingMatchesCore() {
        Random r = new Random(1);
        for (TopNPairWeights w : new TopNPairWeights[] {TopNPairWeights.uniform(), TopNPairWeights.topN(2),
            TopNPairWeights.dcg(3)}) {
            int n = 3;
            int l = 6;
            double[] s = normal(r, n * l, 2);
            double[] rel = new double[n * l];
            for (int i = 0; i < rel.length; i++) {
                rel[i] = r.nextInt(4);
            }
            LossResult core = RankingLosses.pairwiseLogistic(s, rel, n, l, w);
            float[][] got = run(new PairwiseLogisticLossDjl(w), m -> new NDList(m.create(f(rel), new Shape(n, l))),
                    new double[][] {s}, new Shape[] {new Shape(n, l)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-7, "value " + w);
            assertClose(core.gradientAsDouble(), got[1], "pairwise " + w);
        }
    }

    @Test
    void multiLabelRankingLossesMatchCore() {
        Random r = new Random(2);
        int n = 5;
        int l = 7;
        double[] s = normal(r, n * l, 1.5);
        byte[] y = new byte[n * l];
        double[] yd = new double[n * l];
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) (r.nextDouble() < 0.4 ? 1 : 0);
            yd[i] = y[i];
        }
        for (int j = 0; j < l; j++) {
            y[j] = 1; // sample 0 has only relevant labels: BP-MLL skips it, the univariate loss keeps one side
            yd[j] = 1;
        }
        LossResult bp = RankingLosses.bpMll(s, y, n, l);
        float[][] got = run(new BpMllLossDjl(), m -> new NDList(m.create(f(yd), new Shape(n, l))), new double[][] {s},
                new Shape[] {new Shape(n, l)});
        assertEquals(bp.value(), got[0][0], 1e-5 * Math.abs(bp.value()), "BP-MLL value");
        assertClose(bp.gradientAsDouble(), got[1], "BP-MLL");
        LossResult uni = RankingLosses.reweightedUnivariate(s, y, n, l);
        got = run(new ReweightedUnivariateLossDjl(), m -> new NDList(m.create(f(yd), new Shape(n, l))),
                new double[][] {s}, new Shape[] {new Shape(n, l)});
        assertEquals(uni.value(), got[0][0], 1e-5 * Math.abs(uni.value()), "univariate value");
        assertClose(uni.gradientAsDouble(), got[1], "univariate");
    }

    @Test
    void calibratedRankingMatchesCoreWithAndWithoutLoggedContext() {
        Random r = new Random(3);
        CalibratedRankingLoss config = CalibratedRankingLoss.builder().knots(-1.5, -0.25, 0.5, 2).pointwiseWeight(0.4)
                .build();
        for (boolean withContext : new boolean[] {false, true}) {
            int n = 10;
            double[] s = normal(r, n, 2);
            double[] y = new double[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3 == 0 ? 0.5 : r.nextInt(2);
                g[i] = r.nextInt(3);
            }
            double[] theta = normal(r, config.parameterCount(), 1);
            double[] cs = normal(r, 4, 2);
            double[] cy = {1, 0, 1, 0};
            int[] cg = {0, 1, 2, 0};
            LossResult core = config.compute(s, y, g, withContext
                    ? CalibratedRankingLoss.LoggedContext.of(cs, cy, cg) : CalibratedRankingLoss.LoggedContext.none(),
                    theta);
            float[][] got = run(new CalibratedRankingLossDjl(config), m -> {
                NDList labels = new NDList(m.create(f(y)), m.create(g));
                if (withContext) {
                    labels.add(m.create(f(cs)));
                    labels.add(m.create(f(cy)));
                    labels.add(m.create(cg));
                }
                return labels;
            }, new double[][] {s, theta}, new Shape[] {new Shape(n), new Shape(theta.length)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()), "value, context " + withContext);
            assertClose(core.gradientAsDouble(), got[1], "scores, context " + withContext);
            assertClose(core.gradient("parameters"), got[2], "theta, context " + withContext);
        }
    }

    @Test
    void matchingGapMatchesCore() {
        Random r = new Random(4);
        for (int k = 3; k <= 4; k++) {
            int n = 4;
            int d = 2;
            double[] base = normal(r, n * d, 1);
            double[] x = new double[k * n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (base[i % (n * d)] + 0.5 * r.nextGaussian());
            }
            double eps = 1.5 * k;
            LossResult core = MultiMarginalMatchingGap.builder().epsilon(eps).build()
                    .compute(x, k, n, d);
            float[][] got = run(new MultiMarginalMatchingGapDjl(eps, 5000, 1e-11), m -> new NDList(),
                    new double[][] {x}, new Shape[] {new Shape(k, n, d)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-6, "gap value k=" + k);
            assertClose(core.gradientAsDouble(), got[1], "gap k=" + k);
        }
    }

    /** Past core's old dense cap (46^4 = 4,477,456 > 2^22 entries): DJL's dense tensor against core's streamed solver. */
    @Test
    void matchingGapPastTheOldCapMatchesCore() {
        Random r = new Random(9);
        int k = 4;
        int n = 46;
        int d = 2;
        double[] base = normal(r, n * d, 1);
        double[] x = new double[k * n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (base[i % (n * d)] + 0.5 * r.nextGaussian());
        }
        double eps = 6;
        LossResult core = MultiMarginalMatchingGap.builder().epsilon(eps).tolerance(1e-11).build().compute(x, k, n, d);
        float[][] got = run(new MultiMarginalMatchingGapDjl(eps, 5000, 1e-11), m -> new NDList(),
                new double[][] {x}, new Shape[] {new Shape(k, n, d)});
        assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()) + 1e-5, "gap value");
        assertClose(core.gradientAsDouble(), got[1], "gap k=4 n=46");
    }

    @Test
    void badShapesFail() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new PairwiseLogisticLossDjl().evaluate(
                    new NDList(m.create(new float[] {1, 0, 1})), new NDList(m.create(new float[] {1, 2, 3, 4},
                            new Shape(2, 2)))));
            assertThrows(IllegalArgumentException.class, () -> new MultiMarginalMatchingGapDjl(0, 10, 1e-9));
        }
    }
}
