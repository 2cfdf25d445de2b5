package io.jaccard4j.djl;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A weighted sum of DJL losses evaluated on the same labels and predictions, e.g. the JML authors' default
 * training objective {@link #crossEntropyPlusJaccard(int)}: 0.25 · cross-entropy + 0.75 · Jaccard metric loss.
 */
public final class CombinedLoss extends Loss {
    private final Loss[] losses;
    private final float[] weights;

    /** L = Σ w<sub>i</sub>·L<sub>i</sub>. */
    public CombinedLoss(String name, Loss[] losses, double[] weights) {
        super(name);
        if (losses.length != weights.length || losses.length == 0) {
            throw new IllegalArgumentException("need one weight a loss and at least one loss; got " + losses.length
                    + " losses and " + weights.length + " weights");
        }
        this.losses = losses.clone();
        this.weights = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; expected >= 0");
            }
            this.weights[i] = (float) weights[i];
        }
    }

    /** 0.25 · cross-entropy + 0.75 · JML (dataset reduction), hard labels with an ignore index (or NO_IGNORE). */
    public static CombinedLoss crossEntropyPlusJaccard(int ignoreIndex) {
        return (CombinedLoss) DjlLossFactory.create("ce+jml", java.util.Map.of(), io.jaccard4j.loss.Activation.SOFTMAX,
                ignoreIndex);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (int i = 0; i < losses.length; i++) {
            NDArray l = losses[i].evaluate(labels, predictions);
            l = l.mul(scalar(l, weights[i]));
            total = total == null ? l : total.add(l);
        }
        return total;
    }
}
