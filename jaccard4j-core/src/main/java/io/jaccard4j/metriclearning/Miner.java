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

    /**
     * The tuples between n queries and a separate set of references (PML's {@code miner(embeddings, labels, ref_emb,
     * ref_labels)}): anchors index the queries, positives and negatives the references, and no pair is left out as a
     * "self" pair. The default supports only miners that {@link Miners} builds.
     *
     * @param m the n × nr matrix, row-major, measured with {@link #distance()}
     * @param labels n query labels
     * @param refLabels nr reference labels
     * @throws IllegalArgumentException when this miner cannot mine against a separate reference set
     */
    default Tuples mine(double[] m, int[] labels, int[] refLabels, boolean similarity) {
        throw new IllegalArgumentException("miner " + this + " cannot mine against a separate reference set; use one "
                + "of Miners");
    }

    /** The distance this miner measures with; null: the loss's. */
    default Distance distance() {
        return null;
    }
}
