package io.jaccard4j.retrieval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The retrieval metrics of pytorch-metric-learning's {@code AccuracyCalculator} (2.9.0), with its exact conventions,
 * for a query set against a reference set — or the query set against itself ({@code reference == null}: PML's
 * {@code ref_includes_query}, where each query's own row is removed from its neighbours).
 *
 * <p>Neighbours: the k nearest references by squared Euclidean distance (computed in double on the float values,
 * ties by reference index), as PML's k-NN does; with the query as reference, the k + 1 nearest with the query itself
 * removed (or the last one when it is not among them). k is the number of references (minus 1 for the self case) by
 * default, or the largest number of references sharing a query label ({@code maxBinCount}, minus 1 likewise).
 * R<sub>q</sub> is the number of references with q's label (minus 1 for the self case); queries with R<sub>q</sub> =
 * 0 are left out; relevance counts only within the first min(R<sub>q</sub>, k) ranks:
 * <ul>
 *   <li>precision_at_1: [label of the nearest = y<sub>q</sub>];</li>
 *   <li>r_precision: #relevant among the first min(R<sub>q</sub>, k) / min(R<sub>q</sub>, k);</li>
 *   <li>mean_average_precision_at_r: Σ<sub>i ≤ min(R, k), rel(i)</sub> P@i / R<sub>q</sub>;</li>
 *   <li>mean_reciprocal_rank: 1 / rank of the first relevant among the k (0 if none), in float32 as PML.</li>
 * </ul>
 * Each metric is the mean over the counted queries, or with {@code avgOfAvgs} the mean over labels of the per-label
 * means. NaN when no query is counted.
 */
public final class AccuracyCalculator {
    private AccuracyCalculator() {
    }

    /**
     * The four metrics, in PML's names.
     *
     * @param query nq × d, row-major
     * @param reference nr × d, or null to use the queries themselves
     * @param maxBinCount PML's {@code k="max_bin_count"}; false is PML's {@code k=None}
     */
    public static Map<String, Double> compute(float[] query, int[] queryLabels, float[] reference,
            int[] referenceLabels, int d, boolean maxBinCount, boolean avgOfAvgs) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(queryLabels, "queryLabels");
        boolean self = reference == null;
        float[] ref = self ? query : reference;
        int[] refLabels = self ? queryLabels : Objects.requireNonNull(referenceLabels, "referenceLabels");
        if (d < 1 || query.length % d != 0 || ref.length % d != 0) {
            throw new IllegalArgumentException("embeddings must be n x d with d = " + d + "; got " + query.length
                    + " query and " + ref.length + " reference values");
        }
        int nq = query.length / d;
        int nr = ref.length / d;
        if (queryLabels.length != nq || refLabels.length != nr) {
            throw new IllegalArgumentException("embeddings and labels must have the same length; got " + nq
                    + " queries with " + queryLabels.length + " labels and " + nr + " references with "
                    + refLabels.length + " labels");
        }
        for (float[] a : new float[][] {query, ref}) {
            for (int i = 0; i < a.length; i++) {
                if (!Float.isFinite(a[i])) {
                    throw new IllegalArgumentException("embedding value " + i + " is " + a[i]
                            + "; expected a finite number");
                }
            }
        }
        int selfCount = self ? 1 : 0;
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int y : queryLabels) {
            counts.put(y, 0);
        }
        for (int y : refLabels) {
            counts.computeIfPresent(y, (k, v) -> v + 1);
        }
        int maxBin = 0;
        for (int c : counts.values()) {
            maxBin = Math.max(maxBin, c);
        }
        int k = Math.max(0, (maxBinCount ? maxBin : nr) - selfCount);
        k = Math.min(k, nr - selfCount);
        double[] p1 = new double[nq];
        double[] rp = new double[nq];
        double[] map = new double[nq];
        float[] mrr = new float[nq];
        boolean[] counted = new boolean[nq];
        Integer[] order = new Integer[nr];
        double[] dist = new double[nr];
        for (int q = 0; q < nq; q++) {
            int r = counts.get(queryLabels[q]) - selfCount;
            if (r <= 0) {
                continue;
            }
            counted[q] = true;
            for (int j = 0; j < nr; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double x = (double) query[q * d + t] - (double) ref[j * d + t];
                    s += x * x;
                }
                dist[j] = s;
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
            int[] knn = neighbours(order, q, k, self);
            int relevantCols = Math.min(r, k);
            int hits = 0;
            double sumPrecision = 0;
            int firstRank = 0;
            for (int i = 0; i < k; i++) {
                boolean same = refLabels[knn[i]] == queryLabels[q];
                if (same && firstRank == 0) {
                    firstRank = i + 1;
                }
                if (same && i < relevantCols) {
                    hits++;
                    sumPrecision += (double) hits / (i + 1);
                }
            }
            p1[q] = k > 0 && refLabels[knn[0]] == queryLabels[q] ? 1 : 0;
            rp[q] = (double) hits / relevantCols;
            map[q] = sumPrecision / r;
            mrr[q] = firstRank == 0 ? 0f : 1.0f / (float) firstRank;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("precision_at_1", average(p1, counted, queryLabels, avgOfAvgs));
        out.put("r_precision", average(rp, counted, queryLabels, avgOfAvgs));
        out.put("mean_average_precision_at_r", average(map, counted, queryLabels, avgOfAvgs));
        out.put("mean_reciprocal_rank", (double) averageFloat(mrr, counted, queryLabels, avgOfAvgs));
        return out;
    }

    /** The k neighbours of query q: the first k, or the first k + 1 without q itself (PML's return_results). */
    private static int[] neighbours(Integer[] order, int q, int k, boolean self) {
        int[] knn = new int[k];
        if (!self) {
            for (int i = 0; i < k; i++) {
                knn[i] = order[i];
            }
            return knn;
        }
        int take = Math.min(k + 1, order.length);
        boolean hasSelf = false;
        for (int i = 0; i < take; i++) {
            hasSelf |= order[i] == q;
        }
        int m = 0;
        for (int i = 0; i < take && m < k; i++) {
            if (hasSelf && order[i] == q) {
                continue;
            }
            knn[m++] = order[i];
        }
        return knn;
    }

    private static double average(double[] v, boolean[] counted, int[] labels, boolean avgOfAvgs) {
        if (!avgOfAvgs) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < v.length; i++) {
                if (counted[i]) {
                    s += v[i];
                    c++;
                }
            }
            return c == 0 ? Double.NaN : s / c;
        }
        TreeMap<Integer, double[]> per = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            if (counted[i]) {
                double[] acc = per.computeIfAbsent(labels[i], x -> new double[2]);
                acc[0] += v[i];
                acc[1]++;
            }
        }
        if (per.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double[] acc : per.values()) {
            s += acc[0] / acc[1];
        }
        return s / per.size();
    }

    private static float averageFloat(float[] v, boolean[] counted, int[] labels, boolean avgOfAvgs) {
        if (!avgOfAvgs) {
            float s = 0;
            int c = 0;
            for (int i = 0; i < v.length; i++) {
                if (counted[i]) {
                    s += v[i];
                    c++;
                }
            }
            return c == 0 ? Float.NaN : s / c;
        }
        TreeMap<Integer, float[]> per = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            if (counted[i]) {
                float[] acc = per.computeIfAbsent(labels[i], x -> new float[2]);
                acc[0] += v[i];
                acc[1]++;
            }
        }
        if (per.isEmpty()) {
            return Float.NaN;
        }
        float s = 0;
        for (float[] acc : per.values()) {
            s += acc[0] / acc[1];
        }
        return s / per.size();
    }
}
