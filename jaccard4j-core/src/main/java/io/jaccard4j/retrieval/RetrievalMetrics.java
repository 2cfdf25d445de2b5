package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Retrieval metrics of embeddings with class labels, the reference set being all other samples (each sample
 * queries the rest): neighbours are ranked by cosine similarity or by Euclidean distance (exact k-nearest
 * neighbours; ties keep index order). For a query with R other samples of its class (queries with R = 0 are left
 * out). Neighbours are ranked by {@link Distance#closeness} of the one {@link Distance} type the losses use too
 * ({@link Distance#cosine()}, {@link Distance#euclidean()}, or any other):
 * <ul>
 *   <li>precision@1: whether the nearest neighbour shares the label;</li>
 *   <li>R-precision: the share of the R nearest that share it;</li>
 *   <li>MAP@R: (1/R) Σ<sub>k≤R</sub> P@k · rel(k);</li>
 *   <li>Recall@k: whether any of the k nearest shares it (the metric-learning usage);</li>
 *   <li>MRR: 1 / rank of the first neighbour sharing it;</li>
 *   <li>NDCG@k: binary relevance, DCG = Σ rel(i)/log₂(i+1) over the k nearest, normalised by the ideal DCG of
 *       min(R, k) relevant neighbours.</li>
 * </ul>
 * Each metric is the mean over the counted queries.
 *
 * <p><b>How.</b> {@link #compute} and {@link #compute(EmbeddingBlocks, int[], Distance, int[], int)} tile the
 * n × n similarity matrix into query blocks × reference blocks (a blocked matrix product: each tile is the
 * B × B' block of dot products or squared distances, every entry summed over the d coordinates in order, in
 * double), and keep for each query only a bounded selection: a heap of its K best neighbours with
 * K = min(n − 1, max(R, max k)) — the top R that R-precision and MAP@R need exactly, and the top k of the
 * others — plus its best-ranked relevant neighbour. MRR's first relevant rank comes from the heap, or, for the
 * rare query whose first relevant neighbour lies below rank K, from one more pass over the reference blocks
 * counting who outranks it. O(n² d) arithmetic, O(n log K) selection a query instead of a full sort, and memory
 * O(B·d + B·B' + B·K) (≤ O(B·n)) besides the labels: with {@link EmbeddingBlocks#npy} the embeddings are read
 * from disk block by block (once for the norms, then once per query block). The results are bit-identical to
 * {@link #computeBySorting}, the plain definition (one full sort a query), kept as the executable specification.
 */
public final class RetrievalMetrics {
    /** Query and reference block rows used by {@link #compute(float[], int, int, int[], Distance, int[])}. */
    public static final int DEFAULT_BLOCK = 512;

    private RetrievalMetrics() {
    }

    /**
     * Computes every metric (blocked, bounded selection; in memory).
     *
     * @param embeddings n × d row-major
     * @param ks the k of Recall@k and NDCG@k (e.g. 1, 2, 4, 8, 16)
     * @return metric name → value, in a fixed order ({@code precision_at_1}, {@code r_precision},
     *     {@code map_at_r}, {@code mrr}, {@code recall_at_K}..., {@code ndcg_at_K}..., {@code queries})
     */
    public static Map<String, Double> compute(float[] embeddings, int n, int d, int[] labels, Distance distance,
            int[] ks) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        if (n < 2 || d < 1 || (long) n * d != embeddings.length) {
            throw new IllegalArgumentException("embeddings have " + embeddings.length + " values, expected n x d with "
                    + "n >= 2 (n = " + n + ", d = " + d + ")");
        }
        try {
            return compute(EmbeddingBlocks.of(embeddings, n, d), labels, distance, ks, DEFAULT_BLOCK);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // an in-memory source does not throw
        }
    }

    /**
     * Computes every metric from embeddings read block by block (see the class comment): memory O(block·n) at
     * most, never O(n²).
     *
     * @param source the n × d embeddings
     * @param labels n class labels
     * @param block rows a query block and a reference block (≥ 1)
     */
    public static Map<String, Double> compute(EmbeddingBlocks source, int[] labels, Distance distance, int[] ks,
            int block) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(distance, "distance");
        int n = source.rows();
        int d = source.dim();
        if (n < 2 || d < 1) {
            throw new IllegalArgumentException("need n >= 2 embeddings of dimension d >= 1; got n = " + n + ", d = " + d);
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " embeddings");
        }
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1 row; got " + block);
        }
        checkKs(ks);
        return new BlockedRetrieval(source, labels, distance, ks, block).run();
    }

    static void checkKs(int[] ks) {
        Objects.requireNonNull(ks, "ks");
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1; got " + k);
            }
        }
    }

    /**
     * The plain definition: every query's n − 1 neighbours fully sorted (O(n² log n)); the specification the
     * blocked {@link #compute} is tested against, bit for bit.
     *
     * @param embeddings n × d row-major
     * @param ks the k of Recall@k and NDCG@k (e.g. 1, 2, 4, 8, 16)
     * @return metric name → value, in a fixed order ({@code precision_at_1}, {@code r_precision},
     *     {@code map_at_r}, {@code mrr}, {@code recall_at_K}..., {@code ndcg_at_K}..., {@code queries})
     */
    public static Map<String, Double> computeBySorting(float[] embeddings, int n, int d, int[] labels,
            Distance distance, int[] ks) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        if (n < 2 || d < 1 || (long) n * d != embeddings.length) {
            throw new IllegalArgumentException("embeddings have " + embeddings.length + " values, expected n x d with "
                    + "n >= 2 (n = " + n + ", d = " + d + ")");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " embeddings");
        }
        for (int i = 0; i < embeddings.length; i++) {
            if (!Float.isFinite(embeddings[i])) {
                throw new IllegalArgumentException("embedding value " + i + " (row " + i / d + ") is not finite");
            }
        }
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1; got " + k);
            }
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = distance.rowNorm(embeddings, i * d, d);
        }
        Map<Integer, Integer> classSize = new java.util.HashMap<>();
        for (int l : labels) {
            classSize.merge(l, 1, Integer::sum);
        }
        double p1 = 0;
        double rp = 0;
        double map = 0;
        double mrr = 0;
        double[] recall = new double[ks.length];
        double[] ndcg = new double[ks.length];
        int counted = 0;
        double[] score = new double[n];
        Integer[] order = new Integer[n - 1];
        for (int q = 0; q < n; q++) {
            int r = classSize.get(labels[q]) - 1;
            if (r == 0) {
                continue;
            }
            counted++;
            for (int i = 0; i < n; i++) {
                score[i] = distance.closeness(embeddings, q * d, embeddings, i * d, d, norms[q], norms[i]);
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i != q) {
                    order[m++] = i;
                }
            }
            Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
            int hits = 0;
            double ap = 0;
            int first = -1;
            for (int rank = 1; rank <= n - 1; rank++) {
                boolean rel = labels[order[rank - 1]] == labels[q];
                if (rel) {
                    hits++;
                    if (first < 0) {
                        first = rank;
                    }
                    if (rank <= r) {
                        ap += (double) hits / rank;
                    }
                }
                if (rank == r) {
                    rp += (double) hits / r;
                }
                if (rank >= Math.max(r, 1) && first > 0 && rank >= maxOf(ks)) {
                    break;
                }
            }
            map += ap / r;
            mrr += 1.0 / first;
            p1 += labels[order[0]] == labels[q] ? 1 : 0;
            for (int t = 0; t < ks.length; t++) {
                int k = Math.min(ks[t], n - 1);
                boolean any = false;
                double dcg = 0;
                for (int i = 0; i < k; i++) {
                    if (labels[order[i]] == labels[q]) {
                        any = true;
                        dcg += 1 / log2(i + 2);
                    }
                }
                double ideal = 0;
                for (int i = 0; i < Math.min(r, k); i++) {
                    ideal += 1 / log2(i + 2);
                }
                recall[t] += any ? 1 : 0;
                ndcg[t] += dcg / ideal;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double c = Math.max(counted, 1);
        out.put("precision_at_1", counted == 0 ? Double.NaN : p1 / c);
        out.put("r_precision", counted == 0 ? Double.NaN : rp / c);
        out.put("map_at_r", counted == 0 ? Double.NaN : map / c);
        out.put("mrr", counted == 0 ? Double.NaN : mrr / c);
        for (int t = 0; t < ks.length; t++) {
            out.put(String.format(Locale.ROOT, "recall_at_%d", ks[t]), counted == 0 ? Double.NaN : recall[t] / c);
        }
        for (int t = 0; t < ks.length; t++) {
            out.put(String.format(Locale.ROOT, "ndcg_at_%d", ks[t]), counted == 0 ? Double.NaN : ndcg[t] / c);
        }
        out.put("queries", (double) counted);
        return out;
    }

    static int maxOf(int[] ks) {
        int m = 1;
        for (int k : ks) {
            m = Math.max(m, k);
        }
        return m;
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
