package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.function.Function;

/** Test helper: runs a DJL loss with autograd and compares value and gradients with core's (1e-5 relative). */
public final class LossGradients {
    private LossGradients() {
    }

    /** Float32-representable copies, so core and DJL see the same inputs. */
    public static double[] float32(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) v[i];
        }
        return o;
    }

    public static float[] f(double[] v) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) v[i];
        }
        return o;
    }

    /** Value, then each input's gradient (freed memory overwritten between forward and backward passes). */
    public static float[][] run(Loss loss, Function<NDManager, NDList> labels, double[][] inputs, Shape[] shapes) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList();
            for (int i = 0; i < inputs.length; i++) {
                NDArray a = m.create(f(inputs[i]), shapes[i]);
                a.setRequiresGradient(true);
                preds.add(a);
            }
            float[][] out = new float[inputs.length + 1][];
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(labels.apply(m), preds);
                out[0] = new float[] {l.toType(DataType.FLOAT32, false).getFloat()};
                FreedMemory.collectAndOverwrite();
                gc.backward(l);
            }
            for (int i = 0; i < inputs.length; i++) {
                out[i + 1] = preds.get(i).getGradient().toFloatArray();
            }
            return out;
        }
    }

    /** Every entry within 1e-5 of the largest expected magnitude (plus 1e-7). */
    public static void assertClose(double[] expected, float[] got, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-5 * scale + 1e-7, what + " " + i);
        }
    }
}
