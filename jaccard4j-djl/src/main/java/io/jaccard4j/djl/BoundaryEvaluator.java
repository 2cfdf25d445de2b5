package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.evaluator.Evaluator;
import io.jaccard4j.segmentation.boundary.SurfaceMetric;
import io.jaccard4j.segmentation.boundary.SurfaceMetricOptions;
import io.jaccard4j.segmentation.boundary.SurfaceScores;
import io.jaccard4j.segmentation.distance.Grid;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A boundary metric of segmentation predictions as a DJL {@link Evaluator}, accumulated image by image in core's
 * {@link SurfaceScores} with core's {@link SurfaceMetricOptions}: Boundary IoU (Cheng et al., 2021), the Hausdorff
 * distance and its percentile (HD95), ASSD, NSD and the boundary F-score, 2-D or 3-D, with voxel spacing.
 * Predictions are N × C × spatial logits (arg-max over the class axis), labels N × spatial class indices 0..C−1;
 * each image of the batch is one row of the state. For each image and scored class the binary masks
 * truth == c and prediction == c give one value v(i, c) (see {@link SurfaceScores}); the evaluator reports
 * {@link SurfaceScores#score()}: for the distances, NSD and the F-score the mean of v(i, c) over the defined pairs
 * (torchmetrics' reduction; NaN when no pair is defined), for Boundary IoU the mean over classes of
 * Σ_i |G_d ∩ P_d| / Σ_i |G_d ∪ P_d|. There is no ignore index: the boundary metrics measure whole masks, as in
 * {@code jaccard4j score}.
 */
public final class BoundaryEvaluator extends Evaluator {
    private final int numClasses;
    private final SurfaceMetricOptions options;
    private final double[] spacing;
    private final ConcurrentHashMap<String, SurfaceScores> accumulators = new ConcurrentHashMap<>();

    /**
     * @param spacing voxel spacing, one value a spatial axis, or null for 1 on every axis
     * @throws IllegalArgumentException for fewer than 1 class (2 without the background)
     */
    public BoundaryEvaluator(String name, int numClasses, SurfaceMetricOptions options, double[] spacing) {
        super(name);
        SurfaceScores.of(numClasses, options); // core's checks of the class count
        this.numClasses = numClasses;
        this.options = options;
        this.spacing = spacing == null ? null : spacing.clone();
    }

    /** Boundary IoU with the dilation ratio d (0.02 in the paper), the background included. */
    public static BoundaryEvaluator boundaryIoU(String name, int numClasses, double dilationRatio) {
        return new BoundaryEvaluator(name, numClasses, SurfaceMetricOptions.builder(SurfaceMetric.BOUNDARY_IOU)
                .dilationRatio(dilationRatio).build(), null);
    }

    /** The symmetric 95th-percentile Hausdorff distance (HD95), Euclidean, the background excluded. */
    public static BoundaryEvaluator hausdorff95(String name, int numClasses) {
        return new BoundaryEvaluator(name, numClasses, SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF)
                .percentile(95).build(), null);
    }

    /** The options the state is built with. */
    public SurfaceMetricOptions options() {
        return options;
    }

    /** The state of one batch on its own. */
    SurfaceScores batch(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(0);
        Shape shape = logits.getShape();
        if (shape.dimension() < 3) {
            throw new IllegalArgumentException("predictions must be N x C x spatial logits; got " + shape);
        }
        if (shape.get(1) != numClasses) {
            throw new IllegalArgumentException("predictions have " + shape.get(1) + " classes; this evaluator scores "
                    + numClasses);
        }
        Shape expected = LossInputs.dropClassAxis(shape);
        NDArray lab = labels.get(0);
        if (!lab.getShape().equals(expected)) {
            throw new IllegalArgumentException("labels must have shape " + expected + "; got " + lab.getShape());
        }
        int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        int[] truth = lab.toType(DataType.INT32, false).toIntArray();
        int n = (int) shape.get(0);
        int[] spatial = new int[shape.dimension() - 2];
        for (int a = 0; a < spatial.length; a++) {
            spatial[a] = Math.toIntExact(shape.get(a + 2));
        }
        Grid grid = spacing == null ? Grid.of(spatial) : Grid.of(spatial, spacing);
        int per = truth.length / Math.max(1, n);
        SurfaceScores s = SurfaceScores.of(numClasses, options);
        for (int b = 0; b < n; b++) {
            s.update(Arrays.copyOfRange(truth, b * per, (b + 1) * per), Arrays.copyOfRange(pred, b * per, (b + 1) * per),
                    grid);
        }
        return s;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.get(0).getManager().create((float) batch(labels, predictions).score());
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, SurfaceScores.of(numClasses, options));
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        SurfaceScores s = batch(labels, predictions);
        for (String key : keys) {
            accumulators.compute(key, (k, v) -> (v == null ? SurfaceScores.of(numClasses, options) : v).append(s));
        }
    }

    @Override
    public void resetAccumulator(String key) {
        accumulators.put(key, SurfaceScores.of(numClasses, options));
    }

    @Override
    public float getAccumulator(String key) {
        return (float) state(key).score();
    }

    /** The accumulated state of a key (per-class and per-image values). */
    public SurfaceScores state(String key) {
        SurfaceScores s = accumulators.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no accumulator named " + key);
        }
        return s;
    }
}
