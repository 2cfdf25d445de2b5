package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.Targets;

/**
 * Softmax cross-entropy over the class axis of N × C × spatial logits, with hard labels (ignore index) or soft
 * labels (keep-mask) — core's {@link io.jaccard4j.loss.CrossEntropyLoss} as a DJL {@link Loss}:
 * L = −Σ<sub>kept pixels</sub> Σ<sub>c</sub> y<sub>c</sub>·log softmax(z)<sub>c</sub> / (number of kept pixels),
 * 0 when no pixel is kept.
 */
public final class PixelCrossEntropyLoss extends Loss {
    private final int ignoreIndex;

    private PixelCrossEntropyLoss(int ignoreIndex) {
        super("PixelCrossEntropy");
        this.ignoreIndex = ignoreIndex;
    }

    /** Cross-entropy without an ignore index. */
    public static PixelCrossEntropyLoss create() {
        return new PixelCrossEntropyLoss(Targets.NO_IGNORE);
    }

    /** Cross-entropy skipping pixels labelled {@code ignoreIndex}. */
    public static PixelCrossEntropyLoss ignoring(int ignoreIndex) {
        return new PixelCrossEntropyLoss(ignoreIndex);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        LossInputs in = LossInputs.of(labels, predictions, Activation.IDENTITY, ignoreIndex);
        NDArray logp = in.x.logSoftmax(1);
        NDArray kept = in.keep == null ? in.x.getManager().create((float) (in.x.getShape().get(0)
                * in.x.getShape().get(2))) : in.keep.sum();
        return logp.mul(in.y).sum().neg().div(kept.maximum(1f));
    }
}
