package io.jaccard4j.metriclearning;

/**
 * Chooses the tuples of a batch a loss is computed over, from the loss's n × n matrix M (similarities when
 * {@code similarity}, else distances) and the labels. Implementations are immutable; see {@link Miners} for the
 * miners of pytorch-metric-learning that this library has (all pairs, all triplets, batch-hard, semi-hard,
 * multi-similarity). Mining picks indices only: no gradient flows through it.
 */
@FunctionalInterface
public interface Miner {
    /**
     * The mined tuples.
     *
     * @param m the n × n matrix, row-major
     * @param n the batch size
     * @param labels n labels
     * @param similarity whether larger entries of {@code m} mean closer pairs
     */
    Tuples mine(double[] m, int n, int[] labels, boolean similarity);
}
