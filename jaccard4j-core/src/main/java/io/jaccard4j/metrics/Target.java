package io.jaccard4j.metrics;

/**
 * A classification target: one label per sample ({@link LabelVector}) or a samples × labels 0/1 matrix
 * ({@link IndicatorMatrix}).
 */
public sealed interface Target permits LabelVector, IndicatorMatrix {
    /** The number of samples. */
    int size();

    /** The kind of target, as scikit-learn's {@code type_of_target} infers it. */
    TargetType typeOfTarget();
}
