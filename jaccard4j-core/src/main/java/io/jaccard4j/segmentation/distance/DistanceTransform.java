package io.jaccard4j.segmentation.distance;

import io.jaccard4j.concurrent.ChunkedWork;

import java.util.Arrays;

/**
 * The exact distance transform of a set of sites on an N-D grid with voxel spacing:
 * D(x) = min_{y ∈ sites} dist(x, y) for every grid point x, with dist one of the {@link DistanceMetric}s, and
 * D(x) = +∞ when there is no site. scipy's {@code distance_transform_edt(input, sampling)} is
 * {@code toNearest(input == 0, …, EUCLIDEAN)}.
 *
 * <p>All three metrics are separable, so the transform is computed axis by axis over the grid lines, each pass
 * exact in one dimension:
 * <ul>
 *   <li>Euclidean: squared distances, the lower envelope of parabolas f(p) + s²(q − p)² (Felzenszwalb and
 *       Huttenlocher, "Distance Transforms of Sampled Functions", 2012), linear in the line length; a square root
 *       at the end;</li>
 *   <li>taxicab: min_p f(p) + s|q − p| by one forward and one backward sweep;</li>
 *   <li>chessboard: min_p max(f(p), s|q − p|), by a binary search on the radius over a sparse table of range
 *       minima (n log n per line).</li>
 * </ul>
 * For the Euclidean metric the first pass, along axis 0, is two sweeps over the sites themselves (the distance to
 * the nearest site of the same axis-0 line, counted in steps), run plane by plane so that memory is read in order;
 * the envelope passes follow along axes 1 … D−1, the last one along the contiguous axis.
 * Lines of one pass are independent and are spread over threads; the result does not depend on the thread count.
 *
 * <p>{@link #atPoints} gives the transform at some query points only: it runs on the {@link BoundingBox} of the
 * sites and the queries (distances between points in the box do not change), skips the lines of the last pass
 * without a query, and takes square roots at the queries only.
 */
public final class DistanceTransform {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final int MIN_POINTS_PER_CHUNK = 1 << 14;

    private DistanceTransform() {
    }

    /**
     * The distance from every grid point to the nearest site, on the calling thread.
     *
     * @param sites one flag per grid point (row-major)
     * @throws IllegalArgumentException if {@code sites} has another length than the grid
     */
    public static double[] toNearest(boolean[] sites, Grid grid, DistanceMetric metric) {
        return toNearest(sites, grid, metric, 1);
    }

    /**
     * The distance from every grid point to the nearest site, with the lines of each pass spread over up to
     * {@code threads} threads.
     *
     * @throws IllegalArgumentException if {@code sites} has another length than the grid or {@code threads} &lt; 1
     */
    public static double[] toNearest(boolean[] sites, Grid grid, DistanceMetric metric, int threads) {
        grid.checkLength(sites.length, "sites");
        ChunkedWork.checkThreads(threads);
        double[] d = new double[grid.size()];
        if (metric == DistanceMetric.EUCLIDEAN) {
            squaredEuclidean(sites, null, grid, d, threads);
            ChunkedWork.forEachRange(d.length, threads, MIN_POINTS_PER_CHUNK, (k, from, to) -> {
                for (int i = from; i < to; i++) {
                    d[i] = Math.sqrt(d[i]);
                }
            });
            return d;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = sites[i] ? 0.0 : INF;
        }
        for (int axis = grid.axes() - 1; axis >= 0; axis--) {
            pass(d, grid, axis, metric, threads, null);
        }
        return d;
    }

    /**
     * The distance from each query point to the nearest site, in flat-index order of the query points (+∞ for
     * every query when there is no site), on up to {@code threads} threads; the same values as
     * {@link #toNearest} at those points.
     *
     * @throws IllegalArgumentException if {@code sites} or {@code queries} has another length than the grid or
     *     {@code threads} &lt; 1
     */
    public static double[] atPoints(boolean[] sites, boolean[] queries, Grid grid, DistanceMetric metric, int threads) {
        grid.checkLength(sites.length, "sites");
        grid.checkLength(queries.length, "queries");
        ChunkedWork.checkThreads(threads);
        int count = 0;
        boolean anySite = false;
        for (int i = 0; i < queries.length; i++) {
            if (queries[i]) {
                count++;
            }
            anySite |= sites[i];
        }
        double[] out = new double[count];
        if (count == 0) {
            return out;
        }
        if (!anySite) {
            Arrays.fill(out, INF);
            return out;
        }
        BoundingBox box = BoundingBox.of(grid, sites, queries);
        Grid g = grid;
        if (!box.covers(grid)) {
            sites = box.cut(sites, grid);
            queries = box.cut(queries, grid);
            g = box.grid();
        }
        double[] d;
        if (metric == DistanceMetric.EUCLIDEAN) {
            d = new double[g.size()];
            squaredEuclidean(sites, queries, g, d, threads);
        } else {
            d = toNearest(sites, g, metric, threads);
        }
        boolean root = metric == DistanceMetric.EUCLIDEAN;
        for (int i = 0, k = 0; i < queries.length; i++) {
            if (queries[i]) {
                out[k++] = root ? Math.sqrt(d[i]) : d[i];
            }
        }
        return out;
    }

    /**
     * Writes min over sites of Σ_i (s_i·(x_i − y_i))² into {@code d}: axis 0 by sweeps over the sites, the other
     * axes by the lower envelope of parabolas; with {@code queries}, the lines of the last pass without a query
     * are left unfinished.
     */
    private static void squaredEuclidean(boolean[] sites, boolean[] queries, Grid grid, double[] d, int threads) {
        int n0 = grid.extent(0);
        int plane = grid.size() / n0;
        double w0 = grid.spacing(0) * grid.spacing(0);
        boolean last = grid.axes() == 1;
        ChunkedWork.forEachRange(plane, threads, Math.max(1, MIN_POINTS_PER_CHUNK / n0), (k, from, to) -> {
            // steps to the nearest site of the same axis-0 line: forward, then backward
            for (int c = from; c < to; c++) {
                d[c] = sites[c] ? 0.0 : INF;
            }
            for (int r = 1, base = plane; r < n0; r++, base += plane) {
                for (int c = base + from, e = base + to; c < e; c++) {
                    d[c] = sites[c] ? 0.0 : d[c - plane] + 1;
                }
            }
            for (int r = n0 - 2, base = (n0 - 2) * plane; r >= 0; r--, base -= plane) {
                for (int c = base + from, e = base + to; c < e; c++) {
                    d[c] = Math.min(d[c], d[c + plane] + 1);
                }
            }
            for (int r = 0, base = 0; r < n0; r++, base += plane) {
                for (int c = base + from, e = base + to; c < e; c++) {
                    double steps = d[c];
                    d[c] = w0 * steps * steps;
                }
            }
        });
        if (last) {
            return;
        }
        for (int axis = 1; axis < grid.axes(); axis++) {
            pass(d, grid, axis, DistanceMetric.EUCLIDEAN, threads, axis == grid.axes() - 1 ? queries : null);
        }
    }

    /** One pass along {@code axis}; with {@code needed}, a line holding no needed point is skipped. */
    private static void pass(double[] d, Grid grid, int axis, DistanceMetric metric, int threads, boolean[] needed) {
        int n = grid.extent(axis);
        if (n == 1 && metric != DistanceMetric.EUCLIDEAN) {
            return;
        }
        int stride = grid.stride(axis);
        int lines = grid.size() / n;
        double s = grid.spacing(axis);
        int minLines = Math.max(1, MIN_POINTS_PER_CHUNK / n);
        ChunkedWork.forEachRange(lines, threads, minLines, (k, from, to) -> {
            LineScratch scratch = new LineScratch(n, metric);
            for (int line = from; line < to; line++) {
                int outer = line / stride;
                int base = outer * stride * n + (line - outer * stride);
                if (needed != null && !anyOnLine(needed, base, stride, n)) {
                    continue;
                }
                double[] f = scratch.f;
                for (int q = 0, idx = base; q < n; q++, idx += stride) {
                    f[q] = d[idx];
                }
                switch (metric) {
                    case EUCLIDEAN: scratch.squaredEuclidean(n, s * s); break;
                    case TAXICAB: scratch.taxicab(n, s); break;
                    default: scratch.chessboard(n, s); break;
                }
                double[] out = scratch.out;
                for (int q = 0, idx = base; q < n; q++, idx += stride) {
                    d[idx] = out[q];
                }
            }
        });
    }

    private static boolean anyOnLine(boolean[] flags, int base, int stride, int n) {
        for (int q = 0, idx = base; q < n; q++, idx += stride) {
            if (flags[idx]) {
                return true;
            }
        }
        return false;
    }

    /** Working arrays of one chunk of lines. */
    private static final class LineScratch {
        final double[] f;
        final double[] out;
        final int[] v;
        final double[] z;
        final double[][] table;

        LineScratch(int n, DistanceMetric metric) {
            f = new double[n];
            out = new double[n];
            v = metric == DistanceMetric.EUCLIDEAN ? new int[n] : null;
            z = metric == DistanceMetric.EUCLIDEAN ? new double[n + 1] : null;
            table = metric == DistanceMetric.CHESSBOARD ? new double[32 - Integer.numberOfLeadingZeros(n)][] : null;
            if (table != null) {
                table[0] = f;
                for (int l = 1; l < table.length; l++) {
                    table[l] = new double[n - (1 << l) + 1];
                }
            }
        }

        /** out[q] = min_p f[p] + w (q − p)², f = +∞ meaning no site. */
        void squaredEuclidean(int n, double w) {
            int k = -1;
            for (int q = 0; q < n; q++) {
                double fq = f[q];
                if (fq == INF) {
                    continue;
                }
                double sq = 0;
                while (k >= 0) {
                    int p = v[k];
                    sq = ((fq + w * q * (double) q) - (f[p] + w * p * (double) p)) / (2 * w * (q - p));
                    if (sq <= z[k]) {
                        k--;
                    } else {
                        break;
                    }
                }
                k++;
                v[k] = q;
                z[k] = k == 0 ? -INF : sq;
                z[k + 1] = INF;
            }
            if (k < 0) {
                Arrays.fill(out, 0, n, INF);
                return;
            }
            int j = 0;
            for (int q = 0; q < n; q++) {
                while (z[j + 1] < q) {
                    j++;
                }
                int p = v[j];
                double dq = q - p;
                out[q] = w * dq * dq + f[p];
            }
        }

        /** out[q] = min_p f[p] + s |q − p|. */
        void taxicab(int n, double s) {
            double run = INF;
            for (int q = 0; q < n; q++) {
                run = Math.min(run + s, f[q]);
                out[q] = run;
            }
            run = INF;
            for (int q = n - 1; q >= 0; q--) {
                run = Math.min(run + s, out[q]);
                out[q] = run;
            }
        }

        /** out[q] = min_p max(f[p], s |q − p|). */
        void chessboard(int n, double s) {
            for (int l = 1; l < table.length; l++) {
                double[] prev = table[l - 1];
                double[] cur = table[l];
                int half = 1 << (l - 1);
                for (int i = 0; i < cur.length; i++) {
                    cur[i] = Math.min(prev[i], prev[i + half]);
                }
            }
            for (int q = 0; q < n; q++) {
                int rmax = Math.max(q, n - 1 - q);
                double whole = rangeMin(q - rmax, q + rmax, n);
                if (whole == INF) {
                    out[q] = INF;
                    continue;
                }
                // smallest r with s·r >= m(r), m(r) = min f over [q − r, q + r]; s·r − m(r) is nondecreasing in r
                int lo = 0;
                int hi = rmax;
                if (s * rmax < whole) {
                    out[q] = whole;
                    continue;
                }
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (s * mid >= rangeMin(q - mid, q + mid, n)) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                double best = s * lo;
                if (lo > 0) {
                    best = Math.min(best, rangeMin(q - lo + 1, q + lo - 1, n));
                }
                out[q] = best;
            }
        }

        private double rangeMin(int from, int to, int n) {
            from = Math.max(0, from);
            to = Math.min(n - 1, to);
            int len = to - from + 1;
            int l = 31 - Integer.numberOfLeadingZeros(len);
            double[] row = table[l];
            return Math.min(row[from], row[to - (1 << l) + 1]);
        }
    }
}
