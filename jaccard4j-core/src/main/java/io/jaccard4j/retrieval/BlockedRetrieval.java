package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The blocked, bounded-selection evaluation behind {@link RetrievalMetrics#compute}: query blocks × reference
 * blocks, a heap of the K best neighbours a query, one extra pass only for queries whose first relevant
 * neighbour lies below rank K. Scores are computed with exactly the arithmetic of
 * {@link RetrievalMetrics#computeBySorting} (same summation order), and per-query contributions are added in
 * query order, so the two agree bit for bit.
 */
final class BlockedRetrieval {
    private final EmbeddingBlocks source;
    private final int[] labels;
    private final Distance distance;
    private final int[] ks;
    private final int block;
    private final int n;
    private final int d;
    private final int maxK;
    private final double[] norms;
    private final int[] others;

    BlockedRetrieval(EmbeddingBlocks source, int[] labels, Distance distance, int[] ks, int block) {
        this.source = source;
        this.labels = labels;
        this.distance = distance;
        this.ks = ks;
        this.block = block;
        this.n = source.rows();
        this.d = source.dim();
        this.maxK = RetrievalMetrics.maxOf(ks);
        this.norms = new double[n];
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

    Map<String, Double> run() throws IOException {
        int rows = Math.min(block, n);
        double[] q = new double[rows * d];
        double[] ref = new double[rows * d];
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            source.readDoubles(start, count, ref);
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double v = ref[i * d + j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("embedding value " + ((long) (start + i) * d + j) + " (row "
                                + (start + i) + ") is not finite");
                    }
                    s += v * v;
                }
                if (!Double.isFinite(4 * s)) {
                    // squared distances reach (|a| + |b|)^2 <= 4 max |x|^2: past float64's range they would tie at infinity
                    throw new IllegalArgumentException("embedding row " + (start + i) + " is too large: its squared "
                            + "norm overflows float64, so distances could not be ranked");
                }
                norms[start + i] = distance.rowNorm(ref, i * d, d);
            }
        }
        double[] p1 = new double[n];
        double[] rp = new double[n];
        double[] ap = new double[n];
        double[] rr = new double[n];
        double[][] recall = new double[ks.length][n];
        double[][] ndcg = new double[ks.length][n];
        double[] tile = new double[rows * rows];
        for (int q0 = 0; q0 < n; q0 += rows) {
            int qn = Math.min(rows, n - q0);
            source.readDoubles(q0, qn, q);
            Heap[] heaps = new Heap[qn];
            double[] bestRelScore = new double[qn];
            int[] bestRel = new int[qn];
            for (int a = 0; a < qn; a++) {
                int r = others[q0 + a];
                heaps[a] = r == 0 ? null : new Heap(Math.min(n - 1, Math.max(r, maxK)));
                bestRel[a] = -1;
            }
            for (int r0 = 0; r0 < n; r0 += rows) {
                int rn = Math.min(rows, n - r0);
                source.readDoubles(r0, rn, ref);
                scores(q, q0, qn, ref, r0, rn, tile);
                for (int a = 0; a < qn; a++) {
                    Heap h = heaps[a];
                    if (h == null) {
                        continue;
                    }
                    int qi = q0 + a;
                    for (int b = 0; b < rn; b++) {
                        int i = r0 + b;
                        if (i == qi) {
                            continue;
                        }
                        double s = tile[a * rn + b];
                        h.offer(s, i);
                        if (labels[i] == labels[qi] && (bestRel[a] < 0 || before(s, i, bestRelScore[a], bestRel[a]))) {
                            bestRel[a] = i;
                            bestRelScore[a] = s;
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
                    source.readDoubles(r0, rn, ref);
                    scores(q, q0, qn, ref, r0, rn, tile);
                    for (int a = 0; a < qn; a++) {
                        if (heaps[a] == null || first[a] > 0) {
                            continue;
                        }
                        for (int b = 0; b < rn; b++) {
                            int i = r0 + b;
                            if (i != q0 + a && before(tile[a * rn + b], i, bestRelScore[a], bestRel[a])) {
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
                    score(q0 + a, order[a], first[a], p1, rp, ap, rr, recall, ndcg);
                }
            }
        }
        double sp1 = 0;
        double srp = 0;
        double smap = 0;
        double smrr = 0;
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
        out.put("queries", (double) counted);
        return out;
    }

    /** One tile of the similarity matrix: queries q0.. × references r0.., each entry summed over j in order. */
    private void scores(double[] q, int q0, int qn, double[] ref, int r0, int rn, double[] tile) {
        for (int a = 0; a < qn; a++) {
            for (int b = 0; b < rn; b++) {
                double v = distance.closeness(q, a * d, ref, b * d, d, norms[q0 + a], norms[r0 + b]);
                tile[a * rn + b] = v;
            }
        }
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
