package io.jaccard4j.djl;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.ValueRange;

/**
 * Knowledge-distillation KL at temperature T as a DJL {@link Loss} (core's
 * {@link io.jaccard4j.loss.KlDistillationLoss}): T²·KL(p<sub>teacher</sub> ‖ softmax(z/T)) with
 * p<sub>teacher</sub> = softmax(t/T), averaged over pixels. Labels: {@code labels.get(0)} holds the teacher's
 * logits (N × C × spatial).
 */
public final class DistillationLoss extends Loss {
    private final float temperature;

    /** The loss at temperature T &gt; 0 (core's range and message). */
    public DistillationLoss(double temperature) {
        super("Distillation");
        ValueRange.POSITIVE.check("temperature", temperature);
        this.temperature = (float) temperature;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.get(0);
        NDArray t = labels.get(0).stopGradient();
        if (!t.getShape().equals(z.getShape())) {
            throw new IllegalArgumentException("teacher logits " + t.getShape() + " and student logits " + z.getShape()
                    + " differ in shape");
        }
        NDArray logq = z.div(scalar(z, temperature)).logSoftmax(1);
        NDArray logp = t.div(scalar(t, temperature)).logSoftmax(1);
        NDArray p = logp.exp();
        long pixels = z.getShape().size() / z.getShape().get(1);
        return p.mul(logp.sub(logq)).sum().div(scalar(z, (float) pixels)).mul(scalar(z, temperature * temperature));
    }
}
