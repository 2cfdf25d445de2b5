package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Evaluator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expected calibration error of pixel-wise top-1 predictions as a DJL {@link Evaluator}: confidences
 * max softmax(z) fall into B equal-width bins over [0, 1] (a confidence of exactly 1 into the last); with
 * acc<sub>b</sub> and conf<sub>b</sub> the accuracy and mean confidence of bin b and n<sub>b</sub> its pixels,
 * ECE = Σ<sub>b</sub> n<sub>b</sub>/N · |acc<sub>b</sub> − conf<sub>b</sub>|. Ignored pixels count nowhere.
 */
public final class ExpectedCalibrationError extends Evaluator {
    private final int bins;
    private final int ignoreIndex;
    private final ConcurrentHashMap<String, double[]> accumulators = new ConcurrentHashMap<>();

    /** ECE over {@code bins} bins (15 is customary); {@code ignoreIndex} may be NO_IGNORE (Integer.MIN_VALUE). */
    public ExpectedCalibrationError(String name, int bins, int ignoreIndex) {
        super(name);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1; got " + bins);
        }
        this.bins = bins;
        this.ignoreIndex = ignoreIndex;
    }

    /** Per bin: [count, correct, confidence sum], 3 × bins. */
    double[] batch(NDList labels, NDList predictions) {
        NDArray prob = predictions.get(0).softmax(1);
        int[] pred = prob.argMax(1).toType(DataType.INT32, false).toIntArray();
        float[] conf = prob.max(new int[] {1}).toFloatArray();
        int[] t = labels.get(0).toType(DataType.INT32, false).toIntArray();
        double[] acc = new double[3 * bins];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) {
                continue;
            }
            int b = Math.min(bins - 1, (int) (conf[i] * bins));
            acc[3 * b] += 1;
            acc[3 * b + 1] += pred[i] == t[i] ? 1 : 0;
            acc[3 * b + 2] += conf[i];
        }
        return acc;
    }

    static double ece(double[] acc) {
        double total = 0;
        for (int b = 0; b < acc.length; b += 3) {
            total += acc[b];
        }
        if (total == 0) {
            return 0;
        }
        double e = 0;
        for (int b = 0; b < acc.length; b += 3) {
            if (acc[b] > 0) {
                e += acc[b] / total * Math.abs(acc[b + 1] / acc[b] - acc[b + 2] / acc[b]);
            }
        }
        return e;
    }

    /** Accuracy and mean confidence per bin of an accumulator (for reliability diagrams): [acc..., conf..., n...]. */
    public double[][] reliability(String key) {
        double[] a = accumulators.get(key);
        double[][] out = new double[3][bins];
        for (int b = 0; b < bins; b++) {
            out[2][b] = a[3 * b];
            out[0][b] = a[3 * b] == 0 ? Double.NaN : a[3 * b + 1] / a[3 * b];
            out[1][b] = a[3 * b] == 0 ? Double.NaN : a[3 * b + 2] / a[3 * b];
        }
        return out;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.get(0).getManager().create((float) ece(batch(labels, predictions)));
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, new double[3 * bins]);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        double[] a = batch(labels, predictions);
        for (String key : keys) {
            accumulators.compute(key, (k, v) -> {
                double[] s = v == null ? new double[3 * bins] : v;
                for (int i = 0; i < a.length; i++) {
                    s[i] += a[i];
                }
                return s;
            });
        }
    }

    @Override
    public void resetAccumulator(String key) {
        accumulators.put(key, new double[3 * bins]);
    }

    @Override
    public float getAccumulator(String key) {
        double[] a = accumulators.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no accumulator named " + key);
        }
        return (float) ece(a);
    }
}
