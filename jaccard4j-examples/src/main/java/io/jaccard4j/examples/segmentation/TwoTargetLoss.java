package io.jaccard4j.examples.segmentation;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * a·L<sub>1</sub>(first target) + b·L<sub>2</sub>(second target): e.g. distillation with a hard-label term on
 * {@code labels.get(0)} and a soft-label term against the teacher on {@code labels.get(1)}.
 */
final class TwoTargetLoss extends Loss {
    private final Loss first;
    private final Loss second;
    private final float a;
    private final float b;

    TwoTargetLoss(String name, Loss first, Loss second, double a, double b) {
        super(name);
        this.first = first;
        this.second = second;
        this.a = (float) a;
        this.b = (float) b;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return first.evaluate(new NDList(labels.get(0)), predictions).mul(scalar(predictions.get(0), a))
                .add(second.evaluate(new NDList(labels.get(1)), predictions).mul(scalar(predictions.get(0), b)));
    }
}
