package io.jaccard4j.loss;

/**
 * A training loss: a scalar function L(x, y) of predictions and targets, returned together with its exact gradient
 * dL/d(input), where the input is the prediction data as given (logits, or probabilities for
 * {@link Activation#IDENTITY}). Implementations are immutable and thread-safe.
 */
public interface TrainingLoss {

    /**
     * Computes the loss value and its gradient.
     *
     * @throws IllegalArgumentException when shapes disagree, a label is out of range, or an input is not finite
     */
    LossResult compute(Predictions predictions, Targets targets);

    /** A short name of this loss and its configuration, for logs. */
    String describe();
}
