package io.jaccard4j.metriclearning;

/**
 * Chooses the tuples of a batch a loss is computed over, from an n × n matrix M (similarities when
 * {@code similarity}, else distances) and the labels. As in pytorch-metric-learning, a miner measures with its own
 * {@link #distance()} — PML's default is {@code LpDistance()} (L2 on normalised embeddings), cosine for the
 * multi-similarity miner — not the loss's; a miner whose distance is null measures with the loss's. Implementations
 * are immutable; see {@link Miners}. Mining picks indices only: no gradient flows through it.
 */
@FunctionalInterface
public interface Miner {
    /**
     * The mined tuples.
     *
     * @param m the n × n matrix, row-major, measured with {@link #distance()}
     * @param n the batch size
     * @param labels n labels
     * @param similarity whether larger entries of {@code m} mean closer pairs
     */
    Tuples mine(double[] m, int n, int[] labels, boolean similarity);

    /** The distance this miner measures with; null: the loss's. */
    default Distance distance() {
        return null;
    }
}
