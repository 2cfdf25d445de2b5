package io.jaccard4j.metrics;

import java.io.Serializable;

/**
 * What every confusion state is: a mutable, sum-reduced accumulator of counts (or summed sample weights) that
 * every score is a pure function of — torchmetrics' {@code update} / {@code merge_state} / {@code reset} model.
 * {@link #update} adds samples, {@link #merge} adds another state of the same shape (associative and commutative,
 * which is what threads and Spark partitions rely on), {@link #copy} and {@link #reset} do what they say, and
 * {@link #samples()} is the number (or summed weight) of samples counted.
 *
 * <p>The four states: {@link BinaryConfusion} (2×2, targets {@code boolean[]}), {@link MulticlassConfusion} (C×C,
 * {@code int[]} class indices), {@link MultilabelConfusion} (L×2×2, {@link IndicatorMatrix}) and
 * {@link SamplewiseConfusion} (the histogram of per-sample tp/fp/fn for {@code average=samples},
 * {@link IndicatorMatrix}). Each has the factories {@code of(...)} (counts) and {@code weighted(...)} (sums of
 * sample weights in double-double precision).
 *
 * @param <S> the state type itself
 * @param <T> the target type it counts
 */
public interface ConfusionState<S extends ConfusionState<S, T>, T> extends Serializable {
    /**
     * Adds samples.
     *
     * @param sampleWeight one weight a sample for a weighted state, null for a counting state
     * @return this state
     */
    S update(T truth, T prediction, double[] sampleWeight);

    /** Adds another state of the same shape and weighting into this one; returns this state. */
    S merge(S other);

    /** A deep copy. */
    S copy();

    /** Sets every count back to zero, keeping the shape; returns this state. */
    S reset();

    /** Whether the state sums sample weights rather than counting samples. */
    boolean isWeighted();

    /** The number of samples counted, or their summed weight. */
    double samples();
}
