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
 * blocks from a {@link TileSource}, a heap of the K best neighbours a query, one extra pass only for queries whose
 * first relevant neighbour lies below rank K. Neighbours rank by score, higher first, ties by lower index (a strict
 * total order, so the K kept are the same whatever order they are offered in). Query blocks run on up to
 * {@code threads} threads ({@link ChunkedWork}); each query's contributions land in its own slot and are added in
 * query order, so the result is the same bits for every thread count and block size, and equal to
 * {@link RetrievalMetrics#computeBySorting} bit for bit.
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
        Map<Integer, Integer> classSize = new HashMap<>();
        for (int l : labels) {
            classSize.merge(l, 1, Integer::sum);
        }
        this.others = new int[n];
        for (int i = 0; i < n; i++) {
            others[i] = classSize.get(labels[i]) - 1;
        }
    }

    /** Whether (sa, ia) ranks before (sb, ib): higher score first, ties by index (the sort's comparator). */
    private static boolean before(double sa, int ia, double sb, int ib) {
        return sa != sb ? sa > sb : ia < ib;
    }

    /** Every query's k nearest other rows, nearest first (ties by index): row i at [i][0..k). */
    int[][] neighbours(int k) throws IOException {
        int rows = Math.min(block, n);
        int blocks = (n + rows - 1) / rows;
        int[][] out = new int[n][];
        forEachBlock(blocks, b -> {
            int q0 = b * rows;
            int qn = Math.min(rows, n - q0);
            TileSource.Worker w = source.worker(rows);
            w.queries(q0, qn);
            Heap[] heaps = new Heap[qn];
            for (int a = 0; a < qn; a++) {
                heaps[a] = new Heap(k);
            }
            for (int r0 = 0; r0 < n; r0 += rows) {
                int rn = Math.min(rows, n - r0);
                int stride = w.scores(r0, rn);
                double[] tile = w.tile();
                for (int a = 0; a < qn; a++) {
                    Heap h = heaps[a];
                    int qi = q0 + a;
                    for (int bb = 0; bb < rn; bb++) {
                        if (r0 + bb != qi) {
                            h.offer(tile[a * stride + bb], r0 + bb);
                        }
                    }
                }
            }
            for (int a = 0; a < qn; a++) {
                out[q0 + a] = heaps[a].sorted();
            }
        });
        return out;
    }

    /** A block body that may throw IOException. */
    private interface BlockBody {
        void run(int block) throws IOException;
    }

    private void forEachBlock(int blocks, BlockBody body) throws IOException {
        try {
            ChunkedWork.forEach(blocks, threads, b -> {
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
        int blocks = (n + rows - 1) / rows;
        forEachBlock(blocks, blk -> {
            int q0 = blk * rows;
            int qn = Math.min(rows, n - q0);
            TileSource.Worker w = source.worker(rows);
            w.queries(q0, qn);
            Heap[] heaps = new Heap[qn];
            double[] bestRelScore = new double[qn];
            int[] bestRel = new int[qn];
            int[] within = new int[radius >= 0 ? qn : 0];
            int[] relWithin = new int[radius >= 0 ? qn : 0];
            double cut = -radius;
            for (int a = 0; a < qn; a++) {
                int r = others[q0 + a];
                heaps[a] = r == 0 ? null : new Heap(Math.min(n - 1, Math.max(r, maxK)));
                bestRel[a] = -1;
            }
            for (int r0 = 0; r0 < n; r0 += rows) {
                int rn = Math.min(rows, n - r0);
                int stride = w.scores(r0, rn);
                double[] tile = w.tile();
                for (int a = 0; a < qn; a++) {
                    Heap h = heaps[a];
                    if (h == null) {
                        continue;
                    }
                    int qi = q0 + a;
                    int lq = labels[qi];
                    int row = a * stride;
                    for (int b = 0; b < rn; b++) {
                        int i = r0 + b;
                        if (i == qi) {
                            continue;
                        }
                        double s = tile[row + b];
                        h.offer(s, i);
                        if (labels[i] == lq) {
                            if (bestRel[a] < 0 || before(s, i, bestRelScore[a], bestRel[a])) {
                                bestRel[a] = i;
                                bestRelScore[a] = s;
                            }
                            if (radius >= 0 && s >= cut) {
                                relWithin[a]++;
                            }
                        }
                        if (radius >= 0 && s >= cut) {
                            within[a]++;
                        }
                    }
                }
            }
            int[][] order = new int[qn][];
            int[] first = new int[qn];
            boolean needCount = false;
            for (int a = 0; a < qn; a++) {
                if (heaps[a] == null) {
                    continue;
                }
                order[a] = heaps[a].sorted();
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
                // first relevant neighbour below rank K: count the neighbours that outrank it
                int[] ahead = new int[qn];
                for (int r0 = 0; r0 < n; r0 += rows) {
                    int rn = Math.min(rows, n - r0);
                    int stride = w.scores(r0, rn);
                    double[] tile = w.tile();
                    for (int a = 0; a < qn; a++) {
                        if (heaps[a] == null || first[a] > 0) {
                            continue;
                        }
                        for (int b = 0; b < rn; b++) {
                            int i = r0 + b;
                            if (i != q0 + a && before(tile[a * stride + b], i, bestRelScore[a], bestRel[a])) {
                                ahead[a]++;
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
                        prad[qi] = within[a] == 0 ? 0 : (double) relWithin[a] / within[a];
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
                    dcg += 1 / RetrievalMetrics.log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(r, k); i++) {
                ideal += 1 / RetrievalMetrics.log2(i + 2);
            }
            recall[t][qi] = any ? 1 : 0;
            ndcg[t][qi] = dcg / ideal;
        }
    }

    /** A bounded heap of the K best (score, index) pairs; the worst kept one on top. */
    private static final class Heap {
        private final double[] score;
        private final int[] index;
        private int size;

        Heap(int capacity) {
            score = new double[capacity];
            index = new int[capacity];
        }

        /** Whether slot a is worse than slot b (ranks after it). */
        private boolean worse(int a, int b) {
            return before(score[b], index[b], score[a], index[a]);
        }

        void offer(double s, int i) {
            if (size < score.length) {
                score[size] = s;
                index[size] = i;
                up(size++);
            } else if (before(s, i, score[0], index[0])) {
                score[0] = s;
                index[0] = i;
                down(0);
            }
        }

        private void swap(int a, int b) {
            double s = score[a];
            score[a] = score[b];
            score[b] = s;
            int t = index[a];
            index[a] = index[b];
            index[b] = t;
        }

        private void up(int c) {
            while (c > 0) {
                int p = (c - 1) / 2;
                if (!worse(c, p)) {
                    return;
                }
                swap(c, p);
                c = p;
            }
        }

        private void down(int p) {
            while (true) {
                int l = 2 * p + 1;
                if (l >= size) {
                    return;
                }
                int w = l + 1 < size && worse(l + 1, l) ? l + 1 : l;
                if (!worse(w, p)) {
                    return;
                }
                swap(w, p);
                p = w;
            }
        }

        /** The kept indices, best first (pops the heap). */
        int[] sorted() {
            int[] out = new int[size];
            for (int t = size - 1; t >= 0; t--) {
                out[t] = index[0];
                size--;
                if (size > 0) {
                    score[0] = score[size];
                    index[0] = index[size];
                    down(0);
                }
            }
            return out;
        }
    }
}
