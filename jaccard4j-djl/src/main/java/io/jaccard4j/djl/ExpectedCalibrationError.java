package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Evaluator;
import io.jaccard4j.calibration.ConfidenceBins;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expected calibration error of pixel-wise top-1 predictions as a DJL {@link Evaluator}: confidences
 * max softmax(z) fall into B equal-width bins over [0, 1] (a confidence of exactly 1 into the last); with
 * acc<sub>b</sub> and conf<sub>b</sub> the accuracy and mean confidence of bin b and n<sub>b</sub> its pixels,
 * ECE = Σ<sub>b</sub> n<sub>b</sub>/N · |acc<sub>b</sub> − conf<sub>b</sub>|. Ignored pixels count nowhere.
 * The bins and the formula are core's {@link ConfidenceBins}; this class only turns NDArrays into samples.
 */
public final class ExpectedCalibrationError extends Evaluator {
    private final int bins;
    private final int ignoreIndex;
    private final ConcurrentHashMap<String, ConfidenceBins> accumulators = new ConcurrentHashMap<>();

    /** ECE over {@code bins} bins (15 is customary); {@code ignoreIndex} may be NO_IGNORE (Integer.MIN_VALUE). */
    public ExpectedCalibrationError(String name, int bins, int ignoreIndex) {
        super(name);
        ConfidenceBins.of(bins);
        this.bins = bins;
        this.ignoreIndex = ignoreIndex;
    }

    /** The top-1 confidence bins of one batch. */
    ConfidenceBins batch(NDList labels, NDList predictions) {
        NDArray prob = predictions.get(0).softmax(1);
        int[] pred = prob.argMax(1).toType(DataType.INT32, false).toIntArray();
        float[] conf = prob.max(new int[] {1}).toFloatArray();
        int[] t = labels.get(0).toType(DataType.INT32, false).toIntArray();
        ConfidenceBins b = ConfidenceBins.of(bins);
        for (int i = 0; i < t.length; i++) {
            if (t[i] != ignoreIndex) {
                b.add(conf[i], pred[i] == t[i]);
            }
        }
        return b;
    }

    /** Accuracy and mean confidence per bin of an accumulator (for reliability diagrams): [acc..., conf..., n...]. */
    public double[][] reliability(String key) {
        return accumulator(key).reliability();
    }

    private ConfidenceBins accumulator(String key) {
        ConfidenceBins a = accumulators.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no accumulator named " + key);
        }
        return a;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.get(0).getManager().create((float) batch(labels, predictions).ece());
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, ConfidenceBins.of(bins));
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        ConfidenceBins a = batch(labels, predictions);
        for (String key : keys) {
            accumulators.compute(key, (k, v) -> (v == null ? ConfidenceBins.of(bins) : v).merge(a));
        }
    }

    @Override
    public void resetAccumulator(String key) {
        accumulators.put(key, ConfidenceBins.of(bins));
    }

    @Override
    public float getAccumulator(String key) {
        return (float) accumulator(key).ece();
    }
}
