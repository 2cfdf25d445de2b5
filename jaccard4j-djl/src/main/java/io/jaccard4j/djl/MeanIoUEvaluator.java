package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Evaluator;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mean IoU of segmentation predictions as a DJL {@link Evaluator}, accumulated through core's
 * {@link SegmentationIoU}: predictions are N × C × spatial logits (argmax over the class axis), labels N × spatial
 * class indices; pixels labelled with the ignore index count nowhere. {@link Mode#DATASET} reports the
 * dataset-level mean IoU (torchmetrics' {@code JaccardIndex}, macro over present classes),
 * {@link Mode#PER_IMAGE} the per-image IoU (torchmetrics' {@code MeanIoU}).
 */
public final class MeanIoUEvaluator extends Evaluator {
    /** Which mean IoU the evaluator reports. */
    public enum Mode { DATASET, PER_IMAGE }

    private final int numClasses;
    private final int ignoreIndex;
    private final Mode mode;
    private final ConcurrentHashMap<String, SegmentationIoU> accumulators = new ConcurrentHashMap<>();

    /**
     * @param ignoreIndex label to skip, or {@link MulticlassConfusion#NO_IGNORE}
     */
    public MeanIoUEvaluator(String name, int numClasses, int ignoreIndex, Mode mode) {
        super(name);
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.mode = mode;
    }

    private SegmentationIoU fresh() {
        return ignoreIndex == MulticlassConfusion.NO_IGNORE ? SegmentationIoU.of(numClasses)
                : SegmentationIoU.withIgnoreIndex(numClasses, ignoreIndex);
    }

    /** Scores one batch on its own. */
    SegmentationIoU batch(NDList labels, NDList predictions) {
        NDArray pred = predictions.get(0).argMax(1).toType(DataType.INT32, false);
        NDArray lab = labels.get(0).toType(DataType.INT32, false);
        int[] p = pred.toIntArray();
        int[] t = lab.toIntArray();
        int n = (int) lab.getShape().get(0);
        int per = t.length / Math.max(n, 1);
        SegmentationIoU s = fresh();
        for (int b = 0; b < n; b++) {
            s.update(java.util.Arrays.copyOfRange(t, b * per, (b + 1) * per),
                    java.util.Arrays.copyOfRange(p, b * per, (b + 1) * per));
        }
        return s;
    }

    private float value(SegmentationIoU s) {
        return (float) (mode == Mode.DATASET ? s.datasetMeanIoU() : s.perImageMeanIoU());
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.get(0).getManager().create(value(batch(labels, predictions)));
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, fresh());
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        SegmentationIoU s = batch(labels, predictions);
        for (String key : keys) {
            accumulators.compute(key, (k, v) -> v == null ? s : v.merge(s));
        }
    }

    @Override
    public void resetAccumulator(String key) {
        accumulators.put(key, fresh());
    }

    @Override
    public float getAccumulator(String key) {
        SegmentationIoU s = accumulators.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no accumulator named " + key);
        }
        return value(s);
    }

    /** The accumulated state of a key (for per-class tables). */
    public SegmentationIoU state(String key) {
        return accumulators.get(key);
    }
}
