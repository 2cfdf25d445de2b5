package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.metriclearning.PairwiseLosses;
import io.jaccard4j.transport.MultiMarginalMatchingGap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of the ranking losses: gradients equal central finite differences; the calibration map is monotone. */
class RankingLossProperties {

    static void assertGradient(double[] x, double[] grad, ToDoubleFunction<double[]> f, double tol) {
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] a = x.clone();
            double[] b = x.clone();
            a[i] += h;
            b[i] -= h;
            double fd = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * h);
            assertEquals(fd, grad[i], tol * Math.max(1, Math.abs(fd)), "coordinate " + i);
        }
    }

    static double[] normal(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    @Property(tries = 40)
    void weightedPairwiseLogisticGradientIsTheFiniteDifference(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 1, max = 4) int topN) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(3);
        int l = 2 + r.nextInt(5);
        double[] s = normal(r, n * l, 2);
        double[] rel = new double[n * l];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = r.nextInt(4);
        }
        rel[0] = 3;
        rel[1] = 0;
        TopNPairWeights w = kind == 0 ? TopNPairWeights.uniform()
                : kind == 1 ? TopNPairWeights.topN(topN) : TopNPairWeights.dcg(topN);
        LossResult res = RankingLosses.pairwiseLogistic(s, rel, n, l, w);
        assertGradient(s, res.gradientAsDouble(), x -> RankingLosses.pairwiseLogistic(x, rel, n, l, w).value(), 1e-6);
    }

    @Property(tries = 40)
    void calibratedGradientsAreTheFiniteDifferences(@ForAll long seed, @ForAll boolean withContext) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(8);
        int m = 1 + r.nextInt(4);
        double[] knots = normal(r, m, 1.5);
        java.util.Arrays.sort(knots);
        for (int i = 1; i < m; i++) {
            knots[i] = Math.max(knots[i], knots[i - 1] + 0.1);
        }
        CalibratedRankingLoss loss = CalibratedRankingLoss.builder().knots(knots).pointwiseWeight(r.nextDouble())
                .build();
        double[] s = normal(r, n, 2);
        double[] y = new double[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean() ? 1 : r.nextDouble() < 0.5 ? 0 : r.nextDouble();
            g[i] = r.nextInt(2);
        }
        CalibratedRankingLoss.LoggedContext ctx = withContext
                ? CalibratedRankingLoss.LoggedContext.of(normal(r, 3, 2), new double[] {1, 0, 0}, new int[] {0, 1, 0})
                : CalibratedRankingLoss.LoggedContext.none();
        double[] theta = normal(r, loss.parameterCount(), 1);
        LossResult res = loss.compute(s, y, g, ctx, theta);
        // a knot within h of a score would make the one-sided slopes differ: skip such draws
        for (double v : s) {
            for (double t : knots) {
                net.jqwik.api.Assume.that(Math.abs(v - t) > 1e-4);
            }
        }
        assertGradient(s, res.gradientAsDouble(), x -> loss.compute(x, y, g, ctx, theta).value(), 1e-6);
        assertGradient(theta, res.gradient("parameters"), x -> loss.compute(s, y, g, ctx, x).value(), 1e-6);
    }

    @Property(tries = 60)
    void calibrationMapIsStrictlyIncreasing(@ForAll long seed) {
        Random r = new Random(seed);
        int m = 1 + r.nextInt(6);
        double[] knots = normal(r, m, 2);
        java.util.Arrays.sort(knots);
        for (int i = 1; i < m; i++) {
            knots[i] = Math.max(knots[i], knots[i - 1] + 1e-3);
        }
        CalibratedRankingLoss loss = CalibratedRankingLoss.builder().knots(knots).build();
        double[] theta = normal(r, loss.parameterCount(), 3);
        double a = 8 * r.nextGaussian();
        double b = a + Math.abs(4 * r.nextGaussian()) + 1e-3;
        assertTrue(loss.calibrate(b, theta) > loss.calibrate(a, theta), "g(" + b + ") > g(" + a + ")");
    }

    @Property(tries = 15)
    void matchingGapGradientIsTheFiniteDifference(@ForAll long seed, @ForAll @IntRange(min = 3, max = 4) int k) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(k == 3 ? 3 : 2);
        int d = 1 + r.nextInt(2);
        double[] base = normal(r, n * d, 1);
        double[] x = new double[k * n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = base[i % (n * d)] + 0.6 * r.nextGaussian();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        // Sinkhorn's contraction degrades like exp(-spread(C)/ε): ε of the order of the cost's spread, here
        // 0.1 to 0.3 times the k(k − 1)/2 view pairs × d × (range of the coordinates)²
        MultiMarginalMatchingGap gap = MultiMarginalMatchingGap.builder()
                .epsilon((0.1 + 0.2 * r.nextDouble()) * k * (k - 1) / 2.0 * d * (hi - lo) * (hi - lo))
                .tolerance(1e-13).build();
        LossResult res = gap.compute(x, k, n, d);
        assertTrue(res.part("marginalError") <= 1e-13, "converged " + res.part("marginalError") + " after " + (int) res.part("iterations") + " k=" + k + " n=" + n + " d=" + d + " eps=" + gap.epsilon() + " x=" + java.util.Arrays.toString(x));
        // the solver's accuracy limits the finite difference: 1e-5 relative
        assertGradient(x, res.gradientAsDouble(), v -> gap.compute(v, k, n, d).value(), 1e-5);
        assertTrue(res.value() >= -gap.epsilon() * (k - 1) * Math.log(n) - 1e-9, "gap lower bound");
    }
}
