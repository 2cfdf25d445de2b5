package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.concurrent.ChunkedWork;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Retrieval metrics of embeddings with class labels, the reference set being all other samples (each sample
 * queries the rest): neighbours are ranked by cosine similarity or by Euclidean distance (exact k-nearest
 * neighbours; ties keep index order). Neighbours are ranked by {@link Distance#closeness} of the one
 * {@link Distance} type the losses use too ({@link Distance#cosine()}, {@link Distance#euclidean()}, or any
 * other). For a query with R other samples of its class (queries with R = 0 are left out):
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
 * <p><b>Ranking, ties and precision.</b> Neighbours are ordered by score, higher first, equal scores by lower sample
 * index. Float32 input (a float32 NPY file, {@code float[]}) is scored in float32 for cosine, dot and Euclidean by
 * the rule of {@code Float32Scores}: one fused multiply-add chain a pair over j = 0 … d − 1 in order (one float32
 * rounding a coordinate), cosine on rows normalised once in float32 (x̂<sub>j</sub> = fl32(x<sub>j</sub> ·
 * fl32(1/‖x‖)), ‖x‖ summed in float64). Float64 input (a float64 NPY file, {@code double[]}) is scored in float64 by
 * {@link Distance#closeness} (cosine: (Σ q<sub>j</sub>r<sub>j</sub>) / max(‖q‖‖r‖, {@link Double#MIN_NORMAL});
 * Euclidean: −Σ (q<sub>j</sub> − r<sub>j</sub>)²), each sum over j in order with one rounding an operation; so are
 * the other distances of either input. No order depends on tiling, vector width or threads (vector kernels hold
 * different references in their lanes, never different j), so a score is a function of the pair alone,
 * (score, index) is a strict total order, and the neighbours, ties included, are the same for every block size,
 * thread count and kernel (Vector API or scalar).
 *
 * <p><b>How.</b> {@link #compute(EmbeddingBlocks, int[], Distance, int[], int)} tiles the n × n similarity
 * matrix into query blocks × reference blocks; each tile is a register-tiled product (4 queries × 2 vectors of
 * references a step: {@code Float32Tiles} for float32 input, 16 floats a vector on AVX-512; {@code SimilarityTiles}
 * in float64 for float64 input; Vector API where {@code jdk.incubator.vector} is present and
 * {@code -Djaccard4j.simd=false} is not set, else scalar loops with the same bits) for cosine, dot and Euclidean; any
 * other {@link Distance} is scored by its {@link Distance#closeness}, one pair at a time. Scores are symmetric bit for
 * bit, so only the tiles of block pairs I ≤ J are computed, each offered to both blocks' queries. Query blocks run on
 * all processors ({@link ChunkedWork}). Each query keeps only a bounded selection: a reservoir of its K best
 * neighbours with K = min(n − 1, max(R, max k)) — the top R that R-precision and MAP@R need exactly, and the top k
 * of the others. MRR's first relevant rank comes from the reservoir, or, for the rare query whose first relevant
 * neighbour lies below rank K, from one more pass over the reference blocks counting who outranks it. For float32
 * input (and Hamming codes) each query's threshold starts, instead of at −∞, at the t-th best of its scores against
 * a stratified sample of up to 1,024 rows, t chosen so that at least K of its scores reach it except with
 * probability below 10⁻⁵; whether they did is known at the end, and a query they did not is run again from −∞, so
 * the seed changes the speed only (on 20k × 128 float32 with 100 classes it cut the entries a query stores from
 * 1,511 to 458 on average). O(n² d)
 * arithmetic, O(n log K) selection a query instead of a full sort, and memory O(n·K + T·B·(d + B)) for T threads
 * and blocks of B rows besides the labels and norms: with {@link EmbeddingBlocks#npy} the embeddings are read from
 * disk block by block (once for the norms, then once per block pair). Per-query results are added in query order,
 * so the results are bit-identical to {@link #computeBySorting(float[], int, int, int[], Distance, int[])} (float32
 * input) and {@link #computeBySorting(double[], int, int, int[], Distance, int[])} (float64 input), the plain
 * definitions (one full sort a query), kept as the executable specification.
 * Every k must lie in 1 .. n − 1.
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
     * most, never O(n²); on all processors.
     *
     * @param source the n × d embeddings
     * @param labels n class labels
     * @param block rows a query block and a reference block (≥ 1)
     */
    public static Map<String, Double> compute(EmbeddingBlocks source, int[] labels, Distance distance, int[] ks,
            int block) throws IOException {
        return compute(source, labels, distance, ks, 0, block, ChunkedWork.defaultThreads());
    }

    /**
     * Computes every metric, plus mAP@{@code mapAt} when {@code mapAt > 0} (see {@link #hamming}), from embeddings
     * read block by block, query blocks on up to {@code threads} threads (the results do not depend on it).
     */
    public static Map<String, Double> compute(EmbeddingBlocks source, int[] labels, Distance distance, int[] ks,
            int mapAt, int block, int threads) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(distance, "distance");
        int n = source.rows();
        int d = source.dim();
        if (n < 2 || d < 1) {
            throw new IllegalArgumentException("need n >= 2 embeddings of dimension d >= 1; got n = " + n + ", d = " + d);
        }
        check(n, labels, ks, mapAt, block, threads, "embeddings");
        TileSource scores = new EmbeddingScores(source, distance, block, SimilarityTiles.best());
        return new BlockedRetrieval(scores, labels, ks, mapAt, -1, block, threads).run();
    }

    /**
     * Every query's {@code k} nearest other rows (exact search, ties by lower index), nearest first: the ids a
     * faiss {@code IndexFlatIP} on normalised rows ({@code COSINE}) or {@code IndexFlatL2} returns, self left out.
     */
    public static int[][] neighbours(EmbeddingBlocks source, Distance distance, int k, int block, int threads)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(distance, "distance");
        checkK(k, source.rows(), "k");
        TileSource scores = new EmbeddingScores(source, distance, block, SimilarityTiles.best());
        return new BlockedRetrieval(scores, new int[source.rows()], new int[] {k}, 0, -1, block, threads)
                .neighbours(k);
    }

    /** Every code's {@code k} nearest other codes by Hamming distance, ties by lower index, nearest first. */
    public static int[][] neighbours(HammingCodes codes, int k, int block, int threads) throws IOException {
        Objects.requireNonNull(codes, "codes");
        checkK(k, codes.rows(), "k");
        return new BlockedRetrieval(codes.scores(), new int[codes.rows()], new int[] {k}, 0, -1, block, threads)
                .neighbours(k);
    }

    /**
     * Retrieval metrics over Hamming ranking of binary codes (deep hashing; faiss {@code IndexBinaryFlat}'s exact
     * search): neighbours ordered by Hamming distance, nearer first, equal distances by lower index. Gives every
     * metric of {@link #compute} and
     * <ul>
     *   <li>{@code map_at_K} (when {@code mapAt > 0}): the hashing papers' mAP@K — a query's AP@K is
     *       (1/h) Σ<sub>i≤K, rel(i)</sub> P@i over its K nearest, h the relevant ones among them, and 0 when
     *       h = 0;</li>
     *   <li>{@code precision_at_radius_R} (when {@code radius ≥ 0}): the share of relevant codes among all the
     *       codes at Hamming distance ≤ R from the query (every code within the radius counts, whatever the
     *       ties), and 0 for a query with none within the radius (the "precision within Hamming radius 2" of
     *       hashing papers).</li>
     * </ul>
     * Means over the queries with at least one other sample of their class, as for every metric here.
     */
    public static Map<String, Double> hamming(HammingCodes codes, int[] labels, int[] ks, int mapAt, int radius,
            int block, int threads) throws IOException {
        Objects.requireNonNull(codes, "codes");
        check(codes.rows(), labels, ks, mapAt, block, threads, "codes");
        if (radius < -1) {
            throw new IllegalArgumentException("radius must be >= 0 (or -1 for none); got " + radius);
        }
        return new BlockedRetrieval(codes.scores(), labels, ks, mapAt, radius, block, threads).run();
    }

    private static void check(int n, int[] labels, int[] ks, int mapAt, int block, int threads, String what) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " " + what
                    + "; there must be one label a row");
        }
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1 row; got " + block);
        }
        ChunkedWork.checkThreads(threads);
        checkKs(ks);
        for (int k : ks) {
            checkK(k, n, "k");
        }
        if (mapAt != 0) {
            checkK(mapAt, n, "the k of mAP@k");
        }
    }

    /** Refuses k outside 1 .. n − 1 (each query has n − 1 neighbours). */
    static void checkK(int k, int n, String what) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException(what + " = " + k + " is out of range: each of the " + n
                    + " queries has n - 1 = " + (n - 1) + " neighbours, so k must be 1 .. " + (n - 1));
        }
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
     * The plain definition for float32 embeddings: every query's n − 1 neighbours fully sorted (O(n² log n)), cosine,
     * dot and Euclidean scored by the float32 rule of the class comment, other distances by
     * {@link Distance#closeness} in float64; the specification the blocked {@link #compute} is tested against, bit
     * for bit.
     *
     * @param embeddings n × d row-major
     * @param ks the k of Recall@k and NDCG@k (e.g. 1, 2, 4, 8, 16)
     * @return metric name → value, in a fixed order ({@code precision_at_1}, {@code r_precision},
     *     {@code map_at_r}, {@code mrr}, {@code recall_at_K}..., {@code ndcg_at_K}..., {@code queries})
     */
    public static Map<String, Double> computeBySorting(float[] embeddings, int n, int d, int[] labels,
            Distance distance, int[] ks) {
        Objects.requireNonNull(embeddings, "embeddings");
        checkPlain(embeddings.length, n, d, labels, ks);
        for (int i = 0; i < embeddings.length; i++) {
            if (!Float.isFinite(embeddings[i])) {
                throw new IllegalArgumentException("embedding value " + i + " (row " + i / d + ") is not finite");
            }
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = distance.rowNorm(embeddings, i * d, d);
        }
        Float32Scores.Form form = Float32Scores.form(distance);
        float[] rows = form == Float32Scores.Form.COSINE ? embeddings.clone() : embeddings;
        if (form == Float32Scores.Form.COSINE) {
            Float32Scores.normalise(rows, n, d, norms, 0);
        }
        return bySorting(n, labels, ks, (q, i) -> form == null
                ? distance.closeness(embeddings, q * d, embeddings, i * d, d, norms[q], norms[i])
                : form == Float32Scores.Form.EUCLIDEAN ? Float32Scores.negSquaredDistance(rows, q * d, rows, i * d, d)
                : Float32Scores.dot(rows, q * d, rows, i * d, d));
    }

    /**
     * The plain definition for float64 embeddings, ranked in float64 by {@link Distance#closeness} (each sum over j
     * in order); the specification of {@link #compute} on a float64 source, bit for bit.
     */
    public static Map<String, Double> computeBySorting(double[] embeddings, int n, int d, int[] labels,
            Distance distance, int[] ks) {
        Objects.requireNonNull(embeddings, "embeddings");
        checkPlain(embeddings.length, n, d, labels, ks);
        for (int i = 0; i < embeddings.length; i++) {
            if (!Double.isFinite(embeddings[i])) {
                throw new IllegalArgumentException("embedding value " + i + " (row " + i / d + ") is not finite");
            }
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = distance.rowNorm(embeddings, i * d, d);
        }
        return bySorting(n, labels, ks,
                (q, i) -> distance.closeness(embeddings, q * d, embeddings, i * d, d, norms[q], norms[i]));
    }

    private static void checkPlain(int length, int n, int d, int[] labels, int[] ks) {
        Objects.requireNonNull(labels, "labels");
        if (n < 2 || d < 1 || (long) n * d != length) {
            throw new IllegalArgumentException("embeddings have " + length + " values, expected n x d with "
                    + "n >= 2 (n = " + n + ", d = " + d + ")");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " embeddings");
        }
        checkKs(ks);
        for (int k : ks) {
            checkK(k, n, "k");
        }
    }

    /** The score of reference i for query q (higher = nearer). */
    private interface PairScore {
        double of(int q, int i);
    }

    /** Every query's full sort by {@code score} (ties by lower index), then the metrics of the class comment. */
    private static Map<String, Double> bySorting(int n, int[] labels, int[] ks, PairScore pair) {
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
                score[i] = pair.of(q, i);
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
