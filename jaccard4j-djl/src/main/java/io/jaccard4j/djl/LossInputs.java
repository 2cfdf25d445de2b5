package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.loss.Activation;

/**
 * Shared input handling of the DJL losses, the NDArray counterpart of core's loss inputs: the activation of the
 * predictions (N × C × spatial), and the targets as a class-distribution tensor of the same shape — one-hot for
 * hard labels (N × spatial integers; pixels equal to the ignore index dropped), as given for soft labels — with
 * an optional keep-mask (N × spatial, second element of the labels list) zeroing dropped pixels in both.
 */
final class LossInputs {
    final NDArray x;
    final NDArray y;
    final NDArray keep;
    final boolean hard;

    private LossInputs(NDArray x, NDArray y, NDArray keep, boolean hard) {
        this.x = x;
        this.y = y;
        this.keep = keep;
        this.hard = hard;
    }

    static NDArray activate(NDArray logits, Activation activation) {
        switch (activation) {
            case SOFTMAX: return logits.softmax(1);
            case SIGMOID: return logits.getNDArrayInternal().sigmoid();
            default: return logits;
        }
    }

    /**
     * @param ignoreIndex hard label to drop, or {@link io.jaccard4j.loss.Targets#NO_IGNORE}
     */
    static LossInputs of(NDList labels, NDList predictions, Activation activation, int ignoreIndex) {
        NDArray logits = predictions.get(0);
        Shape shape = logits.getShape();
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("predictions must be N x C x (spatial); got " + shape);
        }
        int c = (int) shape.get(1);
        long n = shape.get(0);
        long pixels = shape.size() / Math.max(1, n * c);
        NDArray target = labels.get(0);
        // work on N x C x P (one flattened spatial axis): the engine reduces one axis at a time
        NDArray x = activate(logits, activation).reshape(n, c, pixels);
        NDArray keep = labels.size() > 1 ? labels.get(1).toType(DataType.FLOAT32, false).reshape(n, pixels) : null;
        boolean hard = target.getShape().dimension() == shape.dimension() - 1;
        NDArray y;
        if (hard) {
            Shape expected = dropClassAxis(shape);
            if (!target.getShape().equals(expected)) {
                throw new IllegalArgumentException("hard labels must have shape " + expected + "; got " + target.getShape());
            }
            NDArray lab = target.toType(DataType.INT64, false).reshape(n, pixels);
            NDArray valid = ignoreIndex == io.jaccard4j.loss.Targets.NO_IGNORE ? null
                    : lab.neq(ignoreIndex).toType(DataType.FLOAT32, false);
            if (valid != null) {
                lab = lab.mul(valid.toType(DataType.INT64, false));
                keep = keep == null ? valid : keep.mul(valid);
            }
            if (c == 1) {
                y = lab.toType(DataType.FLOAT32, false).expandDims(1);
            } else {
                NDArray classes = target.getManager().arange(0, c, 1, DataType.INT64).reshape(1, c, 1);
                y = lab.expandDims(1).eq(classes).toType(DataType.FLOAT32, false); // N x C x P one-hot
            }
        } else {
            if (!target.getShape().equals(shape)) {
                throw new IllegalArgumentException("soft labels must have the predictions' shape " + shape + "; got "
                        + target.getShape());
            }
            y = target.toType(DataType.FLOAT32, false).reshape(n, c, pixels);
        }
        if (keep != null) {
            NDArray k = keep.expandDims(1);
            x = x.mul(k);
            y = y.mul(k);
        }
        return new LossInputs(x, y, keep, hard);
    }

    static Shape dropClassAxis(Shape s) {
        long[] d = new long[s.dimension() - 1];
        d[0] = s.get(0);
        for (int i = 2; i < s.dimension(); i++) {
            d[i - 1] = s.get(i);
        }
        return new Shape(d);
    }

    /** The pixel axis of the N × C × P tensors. */
    static final int PIXELS = 2;
}
