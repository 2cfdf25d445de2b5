package io.jaccard4j.djl.metriclearning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.metriclearning.ArcFaceLoss;
import io.jaccard4j.metriclearning.CosFaceLoss;
import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.metriclearning.Miners;
import io.jaccard4j.metriclearning.NormalizedSoftmaxLoss;
import io.jaccard4j.metriclearning.ProxyAnchorLoss;
import io.jaccard4j.metriclearning.ProxyLoss;
import io.jaccard4j.metriclearning.ProxyNCALoss;
import io.jaccard4j.metriclearning.Reducer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DJL proxy and classifier losses equal core's (which replays PML 2.9.0): value, dL/d(embeddings) and
 * dL/d(weights) from autograd, on random float batches, for every loss, several distances, reducers and a miner.
 */
class NdProxyLossTest {
    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static void compare(ProxyLoss core, float[] e, int n, int d, int[] y, float[] w, String what) {
        LossResult expected = core.compute(toDoubles(e), n, d, y, toDoubles(w), null);
        NdProxyLoss djl = new NdProxyLoss(core);
        int c = core.classes();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(e, new Shape(n, d));
            NDArray wt = m.create(w, core.weightsAreClassColumns() ? new Shape(d, c) : new Shape(c, d));
            x.setRequiresGradient(true);
            wt.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = djl.evaluate(new NDList(m.create(y)), new NDList(x, wt));
                value = l.getFloat();
                gc.backward(l);
            }
            assertEquals(expected.value(), value, 1e-5 * Math.abs(expected.value()) + 1e-5, what + " value");
            close(expected.gradientAsDouble(), x.getGradient().toFloatArray(), what + " embeddings");
            close(expected.gradient(ProxyLoss.WEIGHTS), wt.getGradient().toFloatArray(), what + " weights");
        }
    }

    static void close(double[] g, float[] got, String what) {
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], got[i], 1e-4 * scale + 1e-6, what + " gradient " + i);
        }
    }

    @Test
    void everyProxyLossEqualsCore() {
        Random r = new Random(11);
        int n = 10;
        int d = 5;
        int c = 4;
        for (int t = 0; t < 3; t++) {
            float[] e = new float[n * d];
            float[] w = new float[c * d];
            for (int i = 0; i < e.length; i++) {
                e[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(c - 1); // class c-1 has no sample
            }
            Reducer red = t == 0 ? null : t == 1 ? Reducer.mean() : Reducer.threshold(0.1, Double.NaN);
            for (Distance dist : List.of(Distance.cosine(), Distance.lp(2), Distance.dot(), Distance.lp(3))) {
                compare(ProxyAnchorLoss.builder(c).distance(dist).reducer(red).alpha(8).build(), e, n, d, y, w,
                        "proxy-anchor " + dist + " " + red);
                compare(ProxyNCALoss.builder(c).distance(dist.withPower(2)).reducer(red).build(), e, n, d, y, w,
                        "proxy-nca " + dist + " " + red);
                compare(NormalizedSoftmaxLoss.builder(c).distance(dist).reducer(red).temperature(0.5).build(), e, n,
                        d, y, w, "normalized-softmax " + dist + " " + red);
            }
            compare(ArcFaceLoss.builder(c).reducer(red).scale(4).build(), e, n, d, y, w, "arcface " + red);
            compare(CosFaceLoss.builder(c).reducer(red).scale(4).build(), e, n, d, y, w, "cosface " + red);
            compare(CosFaceLoss.builder(c).reducer(red).scale(4).miner(Miners.batchHard()).build(), e, n, d, y, w,
                    "cosface batch-hard weights " + red);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new NdProxyLoss(ArcFaceLoss.builder(3).reducer(Reducer.doNothing()).build()));
    }
}
