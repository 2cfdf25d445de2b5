package io.jaccard4j.retrieval;

import io.jaccard4j.concurrent.ChunkedWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The blocked, bounded-selection evaluation behind {@link RetrievalMetrics#compute}: query blocks × reference
 * blocks from a {@link TileSource}, a heap of the K best neighbours a query, two extra passes over the query block only
 * for queries whose first relevant neighbour lies below rank K. Neighbours rank by score, higher first, ties by lower index (a strict
 * total order, so the K kept are the same whatever order they are offered in). Query blocks run on up to
 * {@code threads} threads ({@link ChunkedWork}); each query's contributions land in its own slot and are added in
 * query order, so the result is the same bits for every thread count and block size, and equal to
 * {@link RetrievalMetrics#computeBySorting} bit for bit.
 *
 * <p>Sources with float tiles (float32 embeddings, Hamming codes) start each query's threshold at a value taken from
 * a stratified sample of the rows ({@link Selection#seed}) rather than at −∞, and keep each reservoir entry as one
 * packed long (score and index); a query whose seed proves too high is run again from −∞, so neither changes a
 * result.
 */
final class BlockedRetrieval {
    private final TileSource source;
    private final int[] labels;
    private final int[] ks;
    private final int mapAt;
    private final int radius;
    private final int block;
    private final int threads;
    private final int n;
    private final int maxK;
    private final int[] others;
    /** 1 / log2(i + 2) for the ranks i of nDCG@k, computed once (the same values the definition computes each time). */
    private final double[] discount;
    /** Test hook: when positive, the sample rank every seeded threshold takes (forcing re-runs); 0: the computed one. */
    int forcedSeedRank;
    /** How many queries the last selection seeded from the sample, and how many of those it had to run again. */
    int lastSeeded;
    int lastRerun;

    /** The most rows of the threshold sample ({@link Selection#seed}). */
    static final int SAMPLE = 1024;

    /** The rows of the threshold sample: up to {@link #SAMPLE}, a quarter of n at most (below 32, no seeding). */
    private int sampleSize() {
        return Math.min(SAMPLE, n / 4);
    }

    /**
     * @param mapAt the k of mAP@k, or 0 for none
     * @param radius the Hamming radius of precision@radius (scores ≥ −radius are within it), or −1 for none
     */
    BlockedRetrieval(TileSource source, int[] labels, int[] ks, int mapAt, int radius, int block, int threads) {
        this.source = source;
        this.labels = labels;
        this.ks = ks;
        this.mapAt = mapAt;
        this.radius = radius;
        this.block = block;
        this.threads = threads;
        this.n = source.rows();
        this.maxK = Math.max(RetrievalMetrics.maxOf(ks), mapAt);
        this.discount = new double[Math.min(RetrievalMetrics.maxOf(ks), n - 1)];
        for (int i = 0; i < discount.length; i++) {
            discount[i] = 1 / RetrievalMetrics.log2(i + 2);
        }
        Map<Integer, Integer> classSize = new HashMap<>();
        for (int l : labels) {
            classSize.merge(l, 1, Integer::sum);
        }
        this.others = new int[n];
        for (int i = 0; i < n; i++) {
            others[i] = classSize.get(labels[i]) - 1;
        }
    }

    /** Whether reservoirs[q0 .. q0 + qn) are all null (no query of that block takes part). */
    private static boolean noneIn(Heap[] reservoirs, int q0, int qn) {
        for (int a = 0; a < qn; a++) {
            if (reservoirs[q0 + a] != null) {
                return false;
            }
        }
        return true;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value of x. */
    static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The rank-th largest of {@code v[off .. off + len)} leaving out position {@code skip} (−1: none) and NaNs, or
     * NaN when fewer than rank values remain. A pivot from every 16th value (a little below where the rank-th
     * largest should fall) keeps, in one branch-free pass, the few values at or above it, and a selection picks the
     * answer among those. Where fewer than rank reach the pivot, it picks among all. {@code scratch} holds ≥ len.
     */
    static float rankLargest(float[] v, int off, int len, int skip, int rank, float[] scratch) {
        int sub = 0;
        for (int c = 0; c < len; c += 16) {
            float x = v[off + c];
            if (c != skip && x == x) {
                scratch[sub++] = x;
            }
        }
        int place = rank / 16 + 3; // the subsample's expected place of the rank-th largest, two places lower
        float pivot = sub >= place ? selectDescending(scratch, sub, place - 1) : Float.NEGATIVE_INFINITY;
        int kept = 0;
        for (int c = 0; c < len; c++) {
            float x = v[off + c];
            scratch[kept] = x;
            kept += x >= pivot && c != skip ? 1 : 0; // NaN is never kept
        }
        if (kept < rank && pivot != Float.NEGATIVE_INFINITY) {
            kept = 0;
            for (int c = 0; c < len; c++) {
                float x = v[off + c];
                scratch[kept] = x;
                kept += x == x && c != skip ? 1 : 0;
            }
        }
        return kept < rank ? Float.NaN : selectDescending(scratch, kept, rank - 1);
    }

    /**
     * The value of place r (0: the largest) among {@code a[0 .. n)} (no NaN), found by a quickselect that reorders
     * the array (Hoare partition around a median of three, larger values to the left).
     */
    static float selectDescending(float[] a, int n, int r) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float x = a[lo];
            float y = a[mid];
            float z = a[hi];
            float pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (r <= j) {
                hi = j;
            } else if (r >= i) {
                lo = i;
            } else {
                return a[r];
            }
        }
        return a[r];
    }

    /** Whether (sa, ia) ranks before (sb, ib): higher score first, ties by index (the sort's comparator). */
    static boolean before(double sa, int ia, double sb, int ib) {
        return sa != sb ? sa > sb : ia < ib;
    }

    /** Every query's k nearest other rows, nearest first (ties by index): row i at [i][0..k). */
    int[][] neighbours(int k) throws IOException {
        int[] capacity = new int[n];
        java.util.Arrays.fill(capacity, k);
        Heap[] heaps = Heap.allocate(capacity, source.floatTiles());
        Selection sel = new Selection(heaps, false);
        sel.fill();
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = heaps[i].sorted();
        }
        return out;
    }

    /** A block body that may throw IOException. */
    private interface BlockBody {
        void run(int block) throws IOException;
    }

    private void forEachChunk(int chunks, BlockBody body) throws IOException {
        try {
            ChunkedWork.forEach(chunks, threads, b -> {
                try {
                    body.run(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The streaming pass: every query's heap, best relevant neighbour and radius counts. A score is a function of
     * the pair alone and symmetric (s(i, j) = s(j, i) bit for bit: products and differences commute, and the sum
     * runs over the same j order), so only the tiles of block pairs I ≤ J are computed, each serving the queries
     * of I directly and those of J through its transpose. Pairs run in rounds (a round-robin schedule) in which no
     * two pairs share a block, so no two threads ever touch the same query's state; the kept sets do not depend
     * on the order of offers (a strict total order), so neither do the results.
     */
    private final class Selection {
        final Heap[] heaps;
        final boolean track;
        final int[] within;
        final int[] relWithin;
        final int rows = Math.min(block, n);
        final ThreadLocal<TileSource.Worker> workers = ThreadLocal.withInitial(() -> source.worker(rows));
        final ThreadLocal<float[]> floatThresholds = ThreadLocal.withInitial(() -> new float[Math.max(rows, 1)]);
        /** A query block's scores against the threshold sample ({@link #seed}), and the selection's scratch. */
        final ThreadLocal<float[]> sampleScores = ThreadLocal.withInitial(() -> new float[rows * sampleSize()]);
        final ThreadLocal<float[]> sampleScratch = ThreadLocal.withInitial(() -> new float[sampleSize()]);
        /** −radius for each column (NaN for a left-out query), the filter of the radius counts on float tiles. */
        final ThreadLocal<float[]> radiusCuts = ThreadLocal.withInitial(() -> new float[Math.max(rows, 1)]);
        final ThreadLocal<double[]> thresholds = ThreadLocal.withInitial(() -> new double[rows]);
        final ThreadLocal<int[]> thresholdIndices = ThreadLocal.withInitial(() -> new int[rows]);

        /** @param track whether to keep the radius counts (metrics) */
        Selection(Heap[] heaps, boolean track) {
            this.heaps = heaps;
            this.track = track;
            this.within = new int[track && radius >= 0 ? n : 0];
            this.relWithin = new int[track && radius >= 0 ? n : 0];
        }

        void fill() throws IOException {
            boolean seeded = source.floatTiles() && seed();
            rounds();
            if (seeded) {
                rerunShort();
            }
        }

        /**
         * Starts each query's threshold at a value that at least K of its scores reach, with near certainty, instead
         * of at −∞, so that the first tiles do not fill every reservoir. The queries are scored against a stratified
         * sample of m rows (one pseudo-random row from each of m equal strata, the same for every run); a query's
         * threshold is the t-th largest of its m' sample scores (itself left out), with μ = K·m'/(n − 1) the
         * expected number of its true K − 1 best in the sample and t = ⌈μ + 4√μ + 3⌉. At least K scores reach that
         * value unless the sample holds t of the K − 1 best, a Chernoff tail below 10⁻⁵. Whether they did is known
         * at the end ({@link #rerunShort}), so the result never depends on the sample: a threshold only hides
         * scores below it, and a query with K kept entries kept all that can rank among its K best.
         *
         * @return whether any query was seeded
         */
        private boolean seed() throws IOException {
            int m = sampleSize();
            if (m < 32) {
                return false;
            }
            int[] sample = new int[m];
            for (int c = 0; c < m; c++) { // stratum c is [c·n/m, (c + 1)·n/m)
                long lo = (long) c * n / m;
                long width = (long) (c + 1) * n / m - lo;
                sample[c] = (int) (lo + Math.floorMod(mix(0x5EED_0F_7A75L + c), width));
            }
            int blocks = (n + rows - 1) / rows;
            int[] seededIn = new int[blocks];
            forEachChunk(blocks, blk -> {
                int q0 = blk * rows;
                int qn = Math.min(rows, n - q0);
                if (noneIn(heaps, q0, qn)) {
                    return;
                }
                TileSource.Worker w = workers.get();
                w.queries(q0, qn);
                float[] buf = sampleScores.get();
                for (int from = 0; from < m; from += rows) {
                    int count = Math.min(rows, m - from);
                    int stride = w.scoresOf(sample, from, count);
                    float[] tile = w.floatTile();
                    for (int a = 0; a < qn; a++) {
                        System.arraycopy(tile, a * stride, buf, a * m + from, count);
                    }
                }
                float[] small = sampleScratch.get();
                for (int a = 0; a < qn; a++) {
                    Heap h = heaps[q0 + a];
                    if (h == null) {
                        continue;
                    }
                    int self = java.util.Arrays.binarySearch(sample, q0 + a);
                    int others = self >= 0 ? m - 1 : m;
                    int t = seedRank(h.k, others, n - 1);
                    if (t > 0) {
                        float tau = rankLargest(buf, a * m, m, self, t, small);
                        if (tau == tau) { // NaN: fewer than t comparable scores
                            h.seed(tau);
                            seededIn[blk]++;
                        }
                    }
                }
            });
            lastSeeded = java.util.Arrays.stream(seededIn).sum();
            return lastSeeded > 0;
        }

        /** The sample rank of a query's seed threshold, or 0 for none (see {@link #seed}). */
        private int seedRank(int k, int sampled, int population) {
            if (forcedSeedRank > 0) {
                return Math.min(forcedSeedRank, sampled);
            }
            double mu = (double) k * sampled / population;
            int t = (int) Math.ceil(mu + 4 * Math.sqrt(mu) + 3);
            return 2 * t <= sampled ? t : 0; // a rank past half the sample saves little
        }

        /**
         * Runs again, from −∞, the seeded queries whose threshold proved too high (fewer than K scores reached it):
         * every reference block against each query block that holds one, offered to those queries only.
         */
        private void rerunShort() throws IOException {
            Heap[] again = new Heap[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                Heap h = heaps[i];
                if (h != null && h.seeded && h.size() < h.k) {
                    h.reset();
                    again[i] = h;
                    count++;
                }
            }
            lastRerun = count;
            if (count == 0) {
                return;
            }
            Selection rerun = new Selection(again, false);
            int blocks = (n + rows - 1) / rows;
            forEachChunk(blocks, blk -> {
                int q0 = blk * rows;
                int qn = Math.min(rows, n - q0);
                if (noneIn(again, q0, qn)) {
                    return;
                }
                TileSource.Worker w = rerun.workers.get();
                w.queries(q0, qn);
                for (int r0 = 0; r0 < n; r0 += rows) {
                    int rn = Math.min(rows, n - r0);
                    rerun.offerFloats(w, w.scores(r0, rn), q0, qn, r0, rn);
                }
            });
        }

        /** The block pairs in rounds (see the class comment). */
        private void rounds() throws IOException {
            int blocks = (n + rows - 1) / rows;
            int m = blocks + (blocks & 1); // an even count for the round-robin schedule (block m - 1 may be a bye)
            // round 0: the diagonal tiles (I, I); rounds 1 .. m - 1: the pairs of the circle method
            forEachChunk(blocks, blk -> pair(blk, blk));
            for (int r = 0; r < m - 1; r++) {
                int round = r;
                forEachChunk(m / 2, t -> {
                    int x;
                    int y;
                    if (t == 0) {
                        x = m - 1;
                        y = round;
                    } else {
                        x = (round + t) % (m - 1);
                        y = (round - t + m - 1) % (m - 1);
                    }
                    if (x < blocks && y < blocks) {
                        pair(Math.min(x, y), Math.max(x, y));
                    }
                });
            }
        }

        /** The tile of query block x against reference block y (x ≤ y), offered both ways when x &lt; y. */
        private void pair(int x, int y) throws IOException {
            int q0 = x * rows;
            int qn = Math.min(rows, n - q0);
            int r0 = y * rows;
            int rn = Math.min(rows, n - r0);
            TileSource.Worker w = workers.get();
            w.queries(q0, qn);
            int stride = w.scores(r0, rn);
            if (w.floatTile() != null) {
                offerFloats(w, stride, q0, qn, r0, rn);
                if (x != y) {
                    offerFloatColumns(w, stride, q0, qn, r0, rn);
                }
                return;
            }
            if (track && radius >= 0) {
                // the radius counts are taken on float tiles only: integer Hamming scores are floats
                throw new IllegalStateException("a radius needs a source with float tiles (Hamming codes)");
            }
            double[] tile = w.tile();
            offer(tile, stride, q0, qn, r0, rn);
            if (x != y) {
                offerColumns(tile, stride, q0, qn, r0, rn);
            }
        }

        /**
         * {@link #offer} of a float tile: the scores at or above a query's threshold are found
         * {@link TileSource.Worker#filter several at a comparison} (a float threshold is exact: every score and
         * so every threshold is a float).
         */
        private void offerFloats(TileSource.Worker w, int stride, int q0, int qn, int r0, int rn) {
            float[] tile = w.floatTile();
            Float32Tiles f = w.filter();
            boolean rad = track && radius >= 0;
            for (int a = 0; a < qn; a++) {
                int qi = q0 + a;
                Heap h = heaps[qi];
                if (h == null) {
                    continue;
                }
                int row = a * stride;
                float thr = (float) h.worstScore();
                for (int b = f.nextAtLeastRow(tile, row, 0, rn, thr); b < rn; b = f.nextAtLeastRow(tile, row, b + 1, rn, thr)) {
                    double s = tile[row + b];
                    int i = r0 + b;
                    if ((s > h.worstScore() || i < h.worstIndex()) && i != qi) {
                        h.offer(s, i);
                        thr = (float) h.worstScore();
                    }
                }
                if (rad) {
                    int lq = labels[qi];
                    float cut = -radius;
                    for (int b = f.nextAtLeastRow(tile, row, 0, rn, cut); b < rn; b = f.nextAtLeastRow(tile, row, b + 1, rn, cut)) {
                        int i = r0 + b;
                        if (i != qi) {
                            within[qi]++;
                            if (labels[i] == lq) {
                                relWithin[qi]++;
                            }
                        }
                    }
                }
            }
        }

        /** {@link #offerColumns} of a float tile, each column's threshold in a float array (see {@link #offerFloats}). */
        private void offerFloatColumns(TileSource.Worker w, int stride, int q0, int qn, int r0, int rn) {
            float[] tile = w.floatTile();
            Float32Tiles f = w.filter();
            float[] thr = floatThresholds.get();
            boolean rad = track && radius >= 0;
            float[] cut = radiusCuts.get();
            for (int b = 0; b < rn; b++) {
                Heap h = heaps[r0 + b];
                thr[b] = h == null ? Float.NaN : (float) h.worstScore(); // s >= NaN is false: no offers
                cut[b] = h == null ? Float.NaN : -radius; // nor radius counts for a left-out query
            }
            for (int a = 0; a < qn; a++) {
                int i = q0 + a;
                int row = a * stride;
                for (int b = f.nextAtLeastColumns(tile, row, 0, rn, thr); b < rn; b = f.nextAtLeastColumns(tile, row, b + 1, rn, thr)) {
                    int qi = r0 + b;
                    Heap h = heaps[qi];
                    double s = tile[row + b];
                    if ((s > h.worstScore() || i < h.worstIndex()) && i != qi) {
                        h.offer(s, i);
                        thr[b] = (float) h.worstScore();
                    }
                }
                if (rad) {
                    int li = labels[i];
                    for (int b = f.nextAtLeastColumns(tile, row, 0, rn, cut); b < rn; b = f.nextAtLeastColumns(tile, row, b + 1, rn, cut)) {
                        int qi = r0 + b;
                        if (i != qi) {
                            within[qi]++;
                            if (labels[qi] == li) {
                                relWithin[qi]++;
                            }
                        }
                    }
                }
            }
        }

        /**
         * Offers tile[a·stride + b] = s(q0 + a, r0 + b) = s(r0 + b, q0 + a) to the queries r0 .. r0 + rn − 1 (the
         * transposed side of a pair), reading the tile row by row: each column keeps its query's threshold in a
         * small array, so no transposed copy is made.
         */
        private void offerColumns(double[] tile, int stride, int q0, int qn, int r0, int rn) {
            double[] thr = thresholds.get();
            int[] thrIndex = thresholdIndices.get();
            for (int b = 0; b < rn; b++) {
                Heap h = heaps[r0 + b];
                thr[b] = h == null ? Double.NaN : h.worstScore(); // s >= NaN is false: no offers to a left-out query
                thrIndex[b] = h == null ? -1 : h.worstIndex();
            }
            for (int a = 0; a < qn; a++) {
                int i = q0 + a;
                int row = a * stride;
                for (int b = 0; b < rn; b++) {
                    double s = tile[row + b];
                    if (s >= thr[b]) {
                        int qi = r0 + b;
                        if ((s > thr[b] || i < thrIndex[b]) && i != qi) {
                            Heap h = heaps[qi];
                            h.offer(s, i);
                            thr[b] = h.worstScore();
                            thrIndex[b] = h.worstIndex();
                        }
                    }
                }
            }
        }

        /**
         * Offers tile[a·stride + b] = s(q0 + a, r0 + b) to the queries q0 .. q0 + qn − 1. A score below a query's
         * threshold (the common case) costs one comparison.
         */
        private void offer(double[] tile, int stride, int q0, int qn, int r0, int rn) {
            for (int a = 0; a < qn; a++) {
                int qi = q0 + a;
                Heap h = heaps[qi];
                if (h == null) {
                    continue;
                }
                int row = a * stride;
                double worstScore = h.worstScore();
                int worstIndex = h.worstIndex();
                for (int b = 0; b < rn; b++) {
                    double s = tile[row + b];
                    if (s >= worstScore) {
                        int i = r0 + b;
                        if ((s > worstScore || i < worstIndex) && i != qi) {
                            h.offer(s, i);
                            worstScore = h.worstScore();
                            worstIndex = h.worstIndex();
                        }
                    }
                }
            }
        }
    }

    Map<String, Double> run() throws IOException {
        int rows = Math.min(block, n);
        double[] p1 = new double[n];
        double[] rp = new double[n];
        double[] ap = new double[n];
        double[] rr = new double[n];
        double[] mapk = new double[mapAt > 0 ? n : 0];
        double[] prad = new double[radius >= 0 ? n : 0];
        double[][] recall = new double[ks.length][n];
        double[][] ndcg = new double[ks.length][n];
        int[] capacity = new int[n];
        for (int i = 0; i < n; i++) {
            int r = others[i];
            capacity[i] = r == 0 ? 0 : Math.min(n - 1, Math.max(r, maxK));
        }
        Heap[] all = Heap.allocate(capacity, source.floatTiles());
        Selection sel = new Selection(all, true);
        sel.fill();
        int blocks = (n + rows - 1) / rows;
        forEachChunk(blocks, blk -> {
            int q0 = blk * rows;
            int qn = Math.min(rows, n - q0);
            Heap[] heaps = java.util.Arrays.copyOfRange(all, q0, q0 + qn);
            int[][] order = new int[qn][];
            int[] first = new int[qn];
            boolean needCount = false;
            for (int a = 0; a < qn; a++) {
                if (heaps[a] == null) {
                    continue;
                }
                order[a] = heaps[a].sorted();
                all[q0 + a] = null;
                first[a] = -1;
                for (int t = 0; t < order[a].length; t++) {
                    if (labels[order[a][t]] == labels[q0 + a]) {
                        first[a] = t + 1;
                        break;
                    }
                }
                needCount |= first[a] < 0;
            }
            if (needCount) {
                // first relevant neighbour below rank K: find it (the best-ranked other row of the query's class),
                // then count the rows that outrank it; two passes over this query block's tiles
                TileSource.Worker w = sel.workers.get();
                w.queries(q0, qn);
                double[] bestScore = new double[qn];
                int[] best = new int[qn];
                java.util.Arrays.fill(best, -1);
                int[] ahead = new int[qn];
                for (int pass = 0; pass < 2; pass++) {
                    for (int r0 = 0; r0 < n; r0 += rows) {
                        int rn = Math.min(rows, n - r0);
                        int stride = w.scores(r0, rn);
                        double[] tile = w.tile();
                        for (int a = 0; a < qn; a++) {
                            if (heaps[a] == null || first[a] > 0) {
                                continue;
                            }
                            int qi = q0 + a;
                            for (int b = 0; b < rn; b++) {
                                int i = r0 + b;
                                double s = tile[a * stride + b];
                                if (i == qi) {
                                    continue;
                                }
                                if (pass == 0) {
                                    if (labels[i] == labels[qi] && (best[a] < 0 || before(s, i, bestScore[a], best[a]))) {
                                        best[a] = i;
                                        bestScore[a] = s;
                                    }
                                } else if (before(s, i, bestScore[a], best[a])) {
                                    ahead[a]++;
                                }
                            }
                        }
                    }
                }
                for (int a = 0; a < qn; a++) {
                    if (heaps[a] != null && first[a] < 0) {
                        first[a] = ahead[a] + 1;
                    }
                }
            }
            for (int a = 0; a < qn; a++) {
                if (heaps[a] != null) {
                    int qi = q0 + a;
                    score(qi, order[a], first[a], p1, rp, ap, rr, recall, ndcg);
                    if (mapAt > 0) {
                        mapk[qi] = averagePrecisionAt(qi, order[a], Math.min(mapAt, n - 1));
                    }
                    if (radius >= 0) {
                        prad[qi] = sel.within[qi] == 0 ? 0 : (double) sel.relWithin[qi] / sel.within[qi];
                    }
                }
            }
        });
        double sp1 = 0;
        double srp = 0;
        double smap = 0;
        double smrr = 0;
        double smapk = 0;
        double sprad = 0;
        double[] srec = new double[ks.length];
        double[] sndcg = new double[ks.length];
        int counted = 0;
        for (int i = 0; i < n; i++) {
            if (others[i] == 0) {
                continue;
            }
            counted++;
            srp += rp[i];
            smap += ap[i];
            smrr += rr[i];
            sp1 += p1[i];
            if (mapAt > 0) {
                smapk += mapk[i];
            }
            if (radius >= 0) {
                sprad += prad[i];
            }
            for (int t = 0; t < ks.length; t++) {
                srec[t] += recall[t][i];
                sndcg[t] += ndcg[t][i];
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double c = Math.max(counted, 1);
        out.put("precision_at_1", counted == 0 ? Double.NaN : sp1 / c);
        out.put("r_precision", counted == 0 ? Double.NaN : srp / c);
        out.put("map_at_r", counted == 0 ? Double.NaN : smap / c);
        out.put("mrr", counted == 0 ? Double.NaN : smrr / c);
        for (int t = 0; t < ks.length; t++) {
            out.put(String.format(Locale.ROOT, "recall_at_%d", ks[t]), counted == 0 ? Double.NaN : srec[t] / c);
        }
        for (int t = 0; t < ks.length; t++) {
            out.put(String.format(Locale.ROOT, "ndcg_at_%d", ks[t]), counted == 0 ? Double.NaN : sndcg[t] / c);
        }
        if (mapAt > 0) {
            out.put(String.format(Locale.ROOT, "map_at_%d", mapAt), counted == 0 ? Double.NaN : smapk / c);
        }
        if (radius >= 0) {
            out.put(String.format(Locale.ROOT, "precision_at_radius_%d", radius),
                    counted == 0 ? Double.NaN : sprad / c);
        }
        out.put("queries", (double) counted);
        return out;
    }

    /**
     * The hashing papers' AP@k: over the k nearest, (1/h) Σ<sub>i≤k, rel(i)</sub> (hits among the first i) / i with
     * h the relevant ones among the k; 0 when h = 0.
     */
    private double averagePrecisionAt(int qi, int[] order, int k) {
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (labels[order[i]] == labels[qi]) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return hits == 0 ? 0 : sum / hits;
    }

    /** The per-query metrics from its top-K order, exactly as the plain definition computes them. */
    private void score(int qi, int[] order, int first, double[] p1, double[] rp, double[] ap, double[] rr,
            double[][] recall, double[][] ndcg) {
        int r = others[qi];
        int hits = 0;
        double sumAp = 0;
        for (int rank = 1; rank <= r; rank++) {
            if (labels[order[rank - 1]] == labels[qi]) {
                hits++;
                sumAp += (double) hits / rank;
            }
        }
        rp[qi] = (double) hits / r;
        ap[qi] = sumAp / r;
        rr[qi] = 1.0 / first;
        p1[qi] = labels[order[0]] == labels[qi] ? 1 : 0;
        for (int t = 0; t < ks.length; t++) {
            int k = Math.min(ks[t], n - 1);
            boolean any = false;
            double dcg = 0;
            for (int i = 0; i < k; i++) {
                if (labels[order[i]] == labels[qi]) {
                    any = true;
                    dcg += discount[i];
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(r, k); i++) {
                ideal += discount[i];
            }
            recall[t][qi] = any ? 1 : 0;
            ndcg[t][qi] = dcg / ideal;
        }
    }

    /**
     * The K best (score, index) pairs seen, under the order of {@link #before}: candidates that beat the current
     * threshold are appended to a buffer of 2K; when it fills, a selection keeps the K best and the K-th becomes
     * the threshold (amortised O(1) an offer, the scheme of faiss' reservoir collectors). Which K are kept does not
     * depend on the order of offers, as the order is strict and total.
     *
     * <p>Scores are stored as unsigned 64-bit keys whose unsigned order is the scores' numeric order ({@link #key};
     * −0.0 is first made +0.0, which compares equal to it), so the selection is a radix select over the keys'
     * bytes: counting passes without data-dependent branches, in place of a comparison quickselect.
     */
    static final class Heap {
        /** Per-thread counts of one radix pass (256 buckets), and at [256] the rank left after a select. */
        private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[257]);
        /** Entries a slab holds at most (2²⁴: 128 MB of keys and 64 MB of indices). */
        private static final int SLAB = 1 << 24;
        private final int k;
        /**
         * Whether every score is a float and each entry one packed key ({@link #pack}: score and index, unique), so
         * that the selection needs no index array and no tie pass, and the final order is a sort of longs.
         */
        private final boolean packed;
        /** The slab of keys this reservoir shares with others: its entries lie at [lo, lo + 2K). */
        private final long[] key;
        private final int[] index;
        private final int lo;
        /** One past the last entry. */
        private int end;
        private double worstScore = Double.NEGATIVE_INFINITY;
        private int worstIndex = Integer.MAX_VALUE;
        /** Whether the threshold started at a seed rather than at −∞ ({@link Selection#seed}). */
        private boolean seeded;

        private Heap(int capacity, long[] key, int[] index, int lo) {
            this.packed = index == null;
            this.k = capacity;
            this.key = key;
            this.index = index;
            this.lo = lo;
            this.end = lo;
        }

        /**
         * Reservoirs of the given capacities (0: none, null), laid out side by side in a few large slabs rather than
         * as two small arrays each: they live for the whole run, and a few large arrays are allocated outside the
         * young generation (or moved once), where many small ones would be copied by every young collection.
         */
        static Heap[] allocate(int[] capacities, boolean floats) {
            Heap[] out = new Heap[capacities.length];
            int i = 0;
            while (i < capacities.length) {
                long total = 0;
                int j = i;
                while (j < capacities.length && (j == i || total + 2L * capacities[j] <= SLAB)) {
                    total += 2L * capacities[j++];
                }
                long[] key = new long[Math.toIntExact(total)];
                int[] index = floats ? null : new int[key.length];
                int at = 0;
                for (int t = i; t < j; t++) {
                    if (capacities[t] > 0) {
                        out[t] = new Heap(capacities[t], key, index, at);
                        at += 2 * capacities[t];
                    }
                }
                i = j;
            }
            return out;
        }

        /**
         * The packed key of a float score s and row i, unique, whose unsigned order is the ranking's reverse: the
         * higher score first, at equal scores (+0 = −0) the lower index. High word: the float's bits mapped to an
         * unsigned order; low word: 2³² − 1 − i.
         */
        static long pack(float s, int i) {
            int bits = Float.floatToRawIntBits(s + 0f); // -0 + 0 is +0
            int u = bits ^ ((bits >> 31) | Integer.MIN_VALUE);
            return (long) u << 32 | (0xFFFF_FFFFL - i);
        }

        /** The score of a packed key. */
        static float packedScore(long key) {
            int u = (int) (key >>> 32);
            return Float.intBitsToFloat(u < 0 ? u ^ Integer.MIN_VALUE : ~u);
        }

        /** The row of a packed key. */
        static int packedIndex(long key) {
            return (int) (0xFFFF_FFFFL - (key & 0xFFFF_FFFFL));
        }

        /** A key whose unsigned order is the numeric order of the (non-NaN) scores; equal keys for equal scores. */
        static long key(double s) {
            long bits = Double.doubleToRawLongBits(s + 0.0); // -0.0 + 0.0 is +0.0
            return bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }

        /** The score of a key (inverse of {@link #key}). */
        static double score(long key) {
            return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
        }

        /** Whether entry a ranks before entry b: the larger key first, ties by the lower index. */
        private boolean ahead(int a, int b) {
            return key[a] != key[b] ? Long.compareUnsigned(key[a], key[b]) > 0 : index[a] < index[b];
        }

        /** Starts the threshold at tau: only scores ≥ tau are kept until K better ones are known. */
        void seed(float tau) {
            worstScore = tau;
            worstIndex = Integer.MAX_VALUE; // at equal scores every index enters
            seeded = true;
        }

        /** Forgets every entry and the seed: the threshold is −∞ again. */
        void reset() {
            end = lo;
            worstScore = Double.NEGATIVE_INFINITY;
            worstIndex = Integer.MAX_VALUE;
            seeded = false;
        }

        /** The entries held. */
        int size() {
            return end - lo;
        }

        /** The score a candidate must beat to be kept (−∞ until K are known). */
        double worstScore() {
            return worstScore;
        }

        /** The index paired with {@link #worstScore()}: at equal scores a lower index still enters. */
        int worstIndex() {
            return worstIndex;
        }

        void offer(double s, int i) {
            if (!before(s, i, worstScore, worstIndex)) {
                return;
            }
            if (end == lo + 2 * k) {
                compact();
                if (!before(s, i, worstScore, worstIndex)) {
                    return;
                }
            }
            if (packed) {
                key[end++] = pack((float) s, i);
            } else {
                key[end] = key(s);
                index[end++] = i;
            }
        }

        /**
         * Keeps the K best of the buffer; the K-th best becomes the threshold. A radix select finds the K-th largest
         * key v, a byte at a time from the top (only the entries that share the bytes found so far are counted);
         * the entries above v are kept, and of those equal to v the lowest indices, as many as are needed.
         */
        private void compact() {
            int[] counts = COUNTS.get();
            long v = kthLargest(key, lo, end, k, counts);
            if (packed) { // keys are unique: the k at or above v
                int w = lo;
                for (int t = lo; t < end; t++) {
                    long u = key[t];
                    key[w] = u;
                    w += Long.compareUnsigned(u, v) >= 0 ? 1 : 0;
                }
                end = w;
                worstScore = packedScore(v);
                worstIndex = packedIndex(v);
                return;
            }
            int cut = tieCut(key, index, lo, end, v, counts[256]);
            int w = lo;
            for (int t = lo; t < end; t++) {
                long u = key[t];
                if (u == v ? index[t] <= cut : Long.compareUnsigned(u, v) > 0) {
                    key[w] = u;
                    index[w++] = index[t];
                }
            }
            end = w;
            worstScore = score(v);
            worstIndex = cut;
        }

        /**
         * The rank-th largest unsigned key of {@code key[from .. to)} (rank ≤ to − from): a radix select a byte at a time
         * from the top, counting only the entries that share the bytes found so far. Leaves in {@code counts[256]}
         * how many entries equal to the result are among the rank largest.
         */
        private static long kthLargest(long[] key, int from, int to, int rank, int[] counts) {
            long prefix = 0;
            long mask = 0;
            for (int shift = 56; shift >= 0; shift -= 8) {
                java.util.Arrays.fill(counts, 0);
                for (int t = from; t < to; t++) {
                    long u = key[t];
                    if ((u & mask) == prefix) {
                        counts[(int) (u >>> shift) & 255]++;
                    }
                }
                int b = 255;
                while (counts[b] < rank) {
                    rank -= counts[b--];
                }
                prefix |= (long) b << shift;
                mask |= 255L << shift;
                if (counts[b] == 1) { // one entry has this prefix: its key is the answer
                    counts[256] = 1;
                    for (int t = from; t < to; t++) {
                        if ((key[t] & mask) == prefix) {
                            return key[t];
                        }
                    }
                }
            }
            counts[256] = rank;
            return prefix;
        }

        /**
         * Of the entries of {@code key[from .. to)} equal to v, the index of the {@code keep}-th by lower index (the
         * last one kept among the best).
         */
        private static int tieCut(long[] key, int[] index, int from, int to, long v, int keep) {
            int equal = 0;
            int lastIndex = -1;
            for (int t = from; t < to; t++) {
                if (key[t] == v) {
                    equal++;
                    lastIndex = Math.max(lastIndex, index[t]);
                }
            }
            if (equal <= keep) {
                return lastIndex;
            }
            int[] ties = new int[equal];
            int e = 0;
            for (int t = from; t < to; t++) {
                if (key[t] == v) {
                    ties[e++] = index[t];
                }
            }
            java.util.Arrays.sort(ties);
            return ties[keep - 1];
        }

        /** Lomuto partition around the median of three; returns the pivot's final place. */
        private int partition(int lo, int hi) {
            int mid = (lo + hi) >>> 1;
            if (ahead(mid, lo)) {
                swap(mid, lo);
            }
            if (ahead(hi, lo)) {
                swap(hi, lo);
            }
            if (ahead(mid, hi)) {
                swap(mid, hi);
            }
            int store = lo;
            for (int j = lo; j < hi; j++) {
                if (ahead(j, hi)) {
                    swap(j, store++);
                }
            }
            swap(store, hi);
            return store;
        }

        private void swap(int a, int b) {
            long s = key[a];
            key[a] = key[b];
            key[b] = s;
            int t = index[a];
            index[a] = index[b];
            index[b] = t;
        }

        private void sort(int lo, int hi) {
            while (hi > lo) {
                if (hi - lo < 16) {
                    for (int i = lo + 1; i <= hi; i++) {
                        for (int j = i; j > lo && ahead(j, j - 1); j--) {
                            swap(j, j - 1);
                        }
                    }
                    return;
                }
                int p = partition(lo, hi);
                if (p - lo < hi - p) {
                    sort(lo, p - 1);
                    lo = p + 1;
                } else {
                    sort(p + 1, hi);
                    hi = p - 1;
                }
            }
        }

        /** The kept indices, best first. */
        int[] sorted() {
            if (end - lo > k) {
                compact();
            }
            if (packed) { // unsigned order as signed: flip the top bit; then ascending, read from the end
                int m = end - lo;
                for (int t = lo; t < end; t++) {
                    key[t] ^= Long.MIN_VALUE;
                }
                java.util.Arrays.sort(key, lo, end);
                int[] out = new int[m];
                for (int t = 0; t < m; t++) {
                    key[end - 1 - t] ^= Long.MIN_VALUE;
                    out[t] = packedIndex(key[end - 1 - t]);
                }
                return out;
            }
            sort(lo, end - 1);
            return java.util.Arrays.copyOfRange(index, lo, end);
        }
    }
}
