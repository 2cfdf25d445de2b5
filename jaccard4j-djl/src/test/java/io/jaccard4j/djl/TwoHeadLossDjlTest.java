package io.jaccard4j.djl;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jaccard4j.avgk.TwoHeadLoss;
import io.jaccard4j.djl.avgk.TwoHeadLossDjl;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL two-head loss equals core's (value and autograd gradients of both heads). */
class TwoHeadLossDjlTest {
    @Test
    void matchesCore() {
        Random r = new Random(2);
        for (double k : new double[] {1, 2, 3}) {
            int n = 7;
            int c = 5;
            float[] z = new float[n * c];
            float[] u = new float[n * c];
            double[] zd = new double[n * c];
            double[] ud = new double[n * c];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (2 * r.nextGaussian());
                u[i] = (float) (2 * r.nextGaussian());
                zd[i] = z[i];
                ud[i] = u[i];
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(c);
            }
            LossResult expected = TwoHeadLoss.forK(k).compute(zd, ud, y, c);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray za = m.create(z, new Shape(n, c));
                NDArray ua = m.create(u, new Shape(n, c));
                za.setRequiresGradient(true);
                ua.setRequiresGradient(true);
                float value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = new TwoHeadLossDjl(k).evaluate(new NDList(m.create(y, new Shape(n))),
                            new NDList(za, ua));
                    value = l.getFloat();
                    FreedMemory.collectAndOverwrite();
                    gc.backward(l);
                }
                assertEquals(expected.value(), value, 1e-5 * Math.abs(expected.value()));
                float[] gz = za.getGradient().toFloatArray();
                float[] gu = ua.getGradient().toFloatArray();
                for (int i = 0; i < gz.length; i++) {
                    assertEquals(expected.gradientAsDouble()[i], gz[i], 1e-6, "dz " + i);
                    assertEquals(expected.gradient("multilabel")[i], gu[i], 1e-6, "du " + i);
                }
            }
        }
    }
}
