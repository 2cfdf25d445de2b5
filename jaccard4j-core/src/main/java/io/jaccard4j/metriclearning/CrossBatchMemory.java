package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cross-batch memory (Wang, Zhang, Huang, Scott, CVPR 2020), as pytorch-metric-learning 2.9.0's
 * {@code CrossBatchMemory(loss, embedding_size, memory_size, miner)}: a first-in-first-out queue of the last
 * {@code memorySize} embeddings and labels against which each new batch is scored.
 *
 * <p>One call of {@link #compute(double[], int, int[], boolean[])} with a batch (e<sub>i</sub>, y<sub>i</sub>):
 * <ol>
 *   <li>The rows to enqueue — all of them, or those with {@code enqueueMask[i]} — are written, detached, into the
 *       slots k, k + 1, … (mod memorySize) of the queue, k being the queue index, which then advances by their
 *       number. The queries are the other rows when a mask is given, else the whole batch.</li>
 *   <li>The references R are the slots written so far (all memorySize of them once the queue has wrapped), in slot
 *       order.</li>
 *   <li>The tuples are the miner's, mined between the queries and R with the miner's own distance, or else every
 *       positive pair (query a, reference r, y<sub>a</sub> = y<sub>r</sub>) and every negative pair. Without a mask, a
 *       query's own copy in the queue is removed from the positives (pairs (a, slot(a)) and triplets (a, slot(a), q));
 *       with a mask the queries are not in the queue and nothing is removed.</li>
 *   <li>L is the wrapped loss on the queries against R with those tuples
 *       ({@link MetricLoss#compute(double[], int, int[], double[], int, int[], int, Tuples)}).</li>
 * </ol>
 * The memory is constant in the backward pass, so the gradient dL/de (n × d, rows in batch order) flows only through
 * the queries: rows that were only enqueued get a zero gradient. The loss's own miner is not used (give the miner here,
 * as PML does); the loss must be one that PML's cross-batch memory supports and jaccard4j has: contrastive, triplet
 * margin (without swap), multi-similarity, NT-Xent or SupCon.
 *
 * <p>Two choices differ from PML 2.9.0, whose code does something else only in these corner cases: a batch of one
 * enqueued row has its self-pair removed too (PML's index arithmetic keeps it), and a call that enqueues nothing
 * leaves the queue as it was (PML then marks the queue full and compares with its zero-filled unwritten slots).
 *
 * <p>Unlike the losses this object is mutable (it is the queue) and not thread-safe.
 */
public final class CrossBatchMemory {
    private final MetricLoss loss;
    private final Miner miner;
    private final int embeddingSize;
    private final int memorySize;
    private double[] memory;
    private int[] memoryLabels;
    private int queueIndex;
    private boolean filled;

    /**
     * A memory of {@code memorySize} rows of dimension {@code embeddingSize} in front of {@code loss}; {@code miner}
     * may be null (all pairs).
     *
     * @throws IllegalArgumentException for sizes below 1, a loss that the memory does not support, or a loss that
     *     carries its own miner
     */
    public CrossBatchMemory(MetricLoss loss, int embeddingSize, int memorySize, Miner miner) {
        this.loss = Objects.requireNonNull(loss, "loss");
        if (!(loss instanceof ContrastiveLoss || loss instanceof TripletMarginLoss
                || loss instanceof MultiSimilarityLoss || loss instanceof NTXentLoss || loss instanceof SupConLoss)) {
            throw new IllegalArgumentException("cross-batch memory does not support " + loss.name() + "; expected "
                    + "contrastive, triplet margin, multi-similarity, NT-Xent or SupCon loss");
        }
        if (loss instanceof TripletMarginLoss && ((TripletMarginLoss) loss).swap()) {
            throw new IllegalArgumentException("cross-batch memory: triplet margin loss with swap needs distances "
                    + "between memory rows, which the memory does not give; use swap = false");
        }
        if (loss.miner() != null) {
            throw new IllegalArgumentException("cross-batch memory: the loss carries the miner " + loss.miner()
                    + "; give the miner to CrossBatchMemory instead, as in PML");
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("cross-batch memory: embeddingSize is " + embeddingSize
                    + "; expected >= 1");
        }
        if (memorySize < 1) {
            throw new IllegalArgumentException("cross-batch memory: memorySize is " + memorySize + "; expected >= 1");
        }
        this.miner = miner;
        this.embeddingSize = embeddingSize;
        this.memorySize = memorySize;
        resetQueue();
    }

    /** Empties the queue (PML's {@code reset_queue}). */
    public void resetQueue() {
        memory = new double[memorySize * embeddingSize];
        memoryLabels = new int[memorySize];
        queueIndex = 0;
        filled = false;
    }

    /** The wrapped loss. */
    public MetricLoss loss() {
        return loss;
    }

    /** The miner, or null for all pairs. */
    public Miner miner() {
        return miner;
    }

    /** The queue's capacity. */
    public int memorySize() {
        return memorySize;
    }

    /** The slot the next enqueued row goes to (PML's {@code queue_idx}). */
    public int queueIndex() {
        return queueIndex;
    }

    /** How many slots hold rows: the queue index until the queue has wrapped, then memorySize. */
    public int size() {
        return filled ? memorySize : queueIndex;
    }

    /** The rows held, {@link #size()} × d in slot order (a copy). */
    public double[] memoryEmbeddings() {
        return Arrays.copyOf(memory, size() * embeddingSize);
    }

    /** The labels held, in slot order (a copy). */
    public int[] memoryLabels() {
        return Arrays.copyOf(memoryLabels, size());
    }

    /** Enqueues the whole batch and scores it against the memory; see the class comment. */
    public LossResult compute(double[] embeddings, int n, int[] labels) {
        return compute(embeddings, n, labels, null);
    }

    /**
     * Enqueues the rows with {@code enqueueMask[i]} (all rows when the mask is null) and scores the others (all rows
     * when null) against the memory; see the class comment. L and dL/de (n × d).
     *
     * A mask that enqueues every row leaves no query: L = 0 with a zero gradient, as in PML.
     *
     * @throws IllegalArgumentException for bad shapes or values, a mask of the wrong length, or more rows to enqueue
     *     than the memory holds
     */
    public LossResult compute(double[] embeddings, int n, int[] labels, boolean[] enqueueMask) {
        int d = embeddingSize;
        MetricLoss.checkInputs(embeddings, n, d, labels);
        int enqueued = n;
        if (enqueueMask != null) {
            if (enqueueMask.length != n) {
                throw new IllegalArgumentException("cross-batch memory: enqueueMask has " + enqueueMask.length
                        + " entries; expected one per batch row, n = " + n);
            }
            enqueued = 0;
            for (boolean b : enqueueMask) {
                enqueued += b ? 1 : 0;
            }
        }
        if (enqueued > memorySize) {
            throw new IllegalArgumentException("cross-batch memory: " + enqueued + " rows to enqueue; expected at most "
                    + "memorySize = " + memorySize);
        }
        int nq = n - (enqueueMask == null ? 0 : enqueued);
        int[] queryRows = new int[nq];
        int[] slotOfQuery = new int[nq];
        double[] query = new double[nq * d];
        int[] queryLabels = new int[nq];
        int start = queueIndex;
        for (int i = 0, k = 0, qi = 0; i < n; i++) {
            boolean enqueue = enqueueMask == null || enqueueMask[i];
            if (enqueue) {
                int slot = (start + k++) % memorySize;
                System.arraycopy(embeddings, i * d, memory, slot * d, d);
                memoryLabels[slot] = labels[i];
                if (enqueueMask == null) {
                    slotOfQuery[qi] = slot;
                }
            }
            if (enqueueMask == null || !enqueueMask[i]) {
                queryRows[qi] = i;
                System.arraycopy(embeddings, i * d, query, qi * d, d);
                queryLabels[qi] = labels[i];
                qi++;
            }
        }
        if (enqueued > 0) {
            queueIndex = (start + enqueued) % memorySize;
            if (!filled && queueIndex <= start) {
                filled = true;
            }
        }
        int nr = size();
        if (nr == 0 || nq == 0) {
            return LossResult.of(0, new double[n * d]);
        }
        double[] ref = Arrays.copyOf(memory, nr * d);
        int[] refLabels = Arrays.copyOf(memoryLabels, nr);
        Tuples t;
        if (miner != null) {
            Distance md = miner.distance() == null ? loss.distance() : miner.distance();
            t = miner.mine(md.matrix(query, nq, ref, nr, d), queryLabels, refLabels, md.isSimilarity());
        } else {
            t = Tuples.allPairs(queryLabels, refLabels, false);
        }
        if (enqueueMask == null) {
            t = t.withoutSelf(slotOfQuery);
        }
        LossResult r = loss.compute(query, nq, queryLabels, ref, nr, refLabels, d, t);
        if (enqueueMask == null) {
            return LossResult.of(r.value(), r.gradientAsDouble());
        }
        double[] g = new double[n * d];
        double[] gq = r.gradientAsDouble();
        for (int qi = 0; qi < nq; qi++) {
            System.arraycopy(gq, qi * d, g, queryRows[qi] * d, d);
        }
        return LossResult.of(r.value(), g);
    }

    @Override
    public String toString() {
        return "cross-batch memory of " + memorySize + " x " + embeddingSize + " before " + loss.name()
                + (miner == null ? "" : ", miner " + miner);
    }
}
