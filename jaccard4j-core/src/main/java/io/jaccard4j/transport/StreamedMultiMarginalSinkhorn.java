package io.jaccard4j.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The matrix-free multi-marginal Sinkhorn of {@link MultiMarginalMatchingGap} ({@code Solver.STREAMED}): every pass
 * enumerates the n<sup>k</sup> index tuples depth-first and rebuilds each log-kernel entry
 * (Σ<sub>v</sub> f<sub>v</sub>(i<sub>v</sub>) − Σ<sub>v&lt;w</sub> D<sub>vw</sub>(i<sub>v</sub>, i<sub>w</sub>))/ε from
 * the k(k − 1)/2 pairwise n × n matrices, so nothing of size n<sup>k</sup> is stored.
 *
 * <p>Along a path i<sub>o(0)</sub>, …, i<sub>o(t)</sub> of the enumeration order o, a vector per later view w holds
 * f<sub>w</sub>/ε − Σ<sub>s≤t</sub> D<sub>o(s) w</sub>(i<sub>o(s)</sub>, ·)/ε; choosing i<sub>o(t+1)</sub> adds one row
 * of a pairwise matrix to each of them (O(k n) per inner node), so the n entries of a leaf row cost O(n) and a pass
 * costs O(n<sup>k</sup>) exponentials plus O(k n<sup>k−1</sup>) additions. Passes run in parallel over the index of
 * the first view of the order, in a fixed number of chunks merged in order, so results do not depend on the number
 * of threads.
 */
final class StreamedMultiMarginalSinkhorn {
    /** Chunks of the first view's index in an accumulating pass (fixed, for run-to-run identical sums). */
    private static final int CHUNKS = 16;

    private final int k;
    private final int n;
    /** g[v][w][a * n + b] = −D_vw(a, b)/ε for v ≠ w (both orientations, rows contiguous). */
    private final double[][][] g;

    StreamedMultiMarginalSinkhorn(double[][][] dist, int k, int n, double epsilon) {
        this.k = k;
        this.n = n;
        this.g = new double[k][k][];
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                double[] m = new double[n * n];
                double[] t = new double[n * n];
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        double x = -dist[v][w][a * n + b] / epsilon;
                        m[a * n + b] = x;
                        t[b * n + a] = x;
                    }
                }
                g[v][w] = m;
                g[w][v] = t;
            }
        }
    }

    /**
     * log Σ<sub>i: i_v = a</sub> exp((Σ<sub>w≠v</sub> f<sub>w</sub>(i<sub>w</sub>) − C(i))/ε) for every a, with
     * {@code scaled[w] = f_w/ε}.
     */
    double[] logSumExpExcept(int v, double[][] scaled) {
        int[] order = new int[k];
        order[0] = v;
        for (int w = 0, t = 1; w < k; w++) {
            if (w != v) {
                order[t++] = w;
            }
        }
        double[] out = new double[n];
        IntStream.range(0, n).parallel().forEach(a -> {
            Walk walk = new Walk(order, scaled, false, null, null, 0);
            walk.start(a, 0);
            out[a] = walk.max + Math.log(walk.sum);
        });
        return out;
    }

    /**
     * One-dimensional marginals of P = exp(k log μ + (Σ f − C)/ε) into {@code marg} (overwritten) and, when
     * {@code pair} is not null, its pairwise marginals into pair[v][w] (v &lt; w, [i_v · n + i_w], overwritten).
     */
    void marginals(double[][] scaled, double logMuK, double[][] marg, double[][][] pair) {
        int[] order = new int[k];
        for (int v = 0; v < k; v++) {
            order[v] = v;
        }
        int chunks = Math.min(CHUNKS, n);
        Walk[] walks = new Walk[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Walk walk = new Walk(order, scaled, true, new double[k][n], pair == null ? null : newPairs(), logMuK);
            for (int a = c * n / chunks; a < (c + 1) * n / chunks; a++) {
                walk.start(a, scaled[0][a]);
            }
            walks[c] = walk;
        });
        for (double[] m : marg) {
            Arrays.fill(m, 0);
        }
        if (pair != null) {
            for (int v = 0; v < k; v++) {
                for (int w = v + 1; w < k; w++) {
                    Arrays.fill(pair[v][w], 0);
                }
            }
        }
        for (Walk walk : walks) {
            for (int v = 0; v < k; v++) {
                for (int a = 0; a < n; a++) {
                    marg[v][a] += walk.marg[v][a];
                }
                if (pair != null) {
                    for (int w = v + 1; w < k; w++) {
                        double[] to = pair[v][w];
                        double[] from = walk.pair[v][w];
                        for (int i = 0; i < to.length; i++) {
                            to[i] += from[i];
                        }
                    }
                }
            }
        }
    }

    private double[][][] newPairs() {
        double[][][] p = new double[k][k][];
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                p[v][w] = new double[n * n];
            }
        }
        return p;
    }

    /** One depth-first enumeration state (one thread's). */
    private final class Walk {
        private final int[] order;
        private final double[][] scaled;
        private final boolean accumulate;
        private final double[][] marg;
        private final double[][][] pair;
        private final double logMuK;
        /** acc[t][q]: the vector of position q &gt; t after choosing positions 0..t. */
        private final double[][][] acc;
        private final int[] idx;
        private final double[] leaf;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;

        Walk(int[] order, double[][] scaled, boolean accumulate, double[][] marg, double[][][] pair, double logMuK) {
            this.order = order;
            this.scaled = scaled;
            this.accumulate = accumulate;
            this.marg = marg;
            this.pair = pair;
            this.logMuK = logMuK;
            this.acc = new double[k][k][];
            for (int t = 0; t < k - 1; t++) {
                for (int q = t + 1; q < k; q++) {
                    acc[t][q] = new double[n];
                }
            }
            this.idx = new int[k];
            this.leaf = new double[n];
        }

        /** Fixes position 0 at index a with log-weight base and walks the rest. */
        void start(int a, double base) {
            idx[0] = a;
            int v = order[0];
            for (int q = 1; q < k; q++) {
                int w = order[q];
                double[] to = acc[0][q];
                double[] f = scaled[w];
                double[] row = g[v][w];
                int off = a * n;
                for (int b = 0; b < n; b++) {
                    to[b] = f[b] + row[off + b];
                }
            }
            walk(1, base);
        }

        private void walk(int t, double base) {
            double[][] prev = acc[t - 1];
            if (t == k - 1) {
                leaf(base, prev[t]);
                return;
            }
            double[] own = prev[t];
            double[][] next = acc[t];
            int v = order[t];
            for (int i = 0; i < n; i++) {
                idx[t] = i;
                int off = i * n;
                for (int q = t + 1; q < k; q++) {
                    double[] to = next[q];
                    double[] from = prev[q];
                    double[] row = g[v][order[q]];
                    for (int b = 0; b < n; b++) {
                        to[b] = from[b] + row[off + b];
                    }
                }
                walk(t + 1, base + own[i]);
            }
        }

        private void leaf(double base, double[] last) {
            if (!accumulate) {
                // running log-sum-exp (max, sum of exp(z - max)); the shift moves only when a larger z comes
                double m = max;
                double s = sum;
                for (int b = 0; b < n; b++) {
                    double z = base + last[b];
                    if (z > m) {
                        s = s * Math.exp(m - z);
                        m = z;
                    }
                    s += Math.exp(z - m);
                }
                max = m;
                sum = s;
                return;
            }
            double s = 0;
            double shift = base + logMuK;
            for (int b = 0; b < n; b++) {
                double p = Math.exp(shift + last[b]);
                leaf[b] = p;
                s += p;
            }
            int lastView = order[k - 1];
            double[] ml = marg[lastView];
            for (int b = 0; b < n; b++) {
                ml[b] += leaf[b];
            }
            for (int t = 0; t < k - 1; t++) {
                marg[order[t]][idx[t]] += s;
            }
            if (pair != null) {
                for (int t = 0; t < k - 1; t++) {
                    double[] row = pair[order[t]][lastView];
                    int off = idx[t] * n;
                    for (int b = 0; b < n; b++) {
                        row[off + b] += leaf[b];
                    }
                    for (int u = t + 1; u < k - 1; u++) {
                        pair[order[t]][order[u]][idx[t] * n + idx[u]] += s;
                    }
                }
            }
        }
    }
}
