package io.jaccard4j.segmentation.boundary;

import io.jaccard4j.segmentation.distance.BoundingBox;
import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.DistanceTransform;
import io.jaccard4j.segmentation.distance.Grid;

import java.util.Arrays;

/**
 * The distances between the {@linkplain Boundaries#surface surfaces} ∂P of a predicted mask and ∂G of a truth
 * mask: d(p, ∂G) = min_{g ∈ ∂G} dist(p, g) for every p ∈ ∂P and d(g, ∂P) for every g ∈ ∂G, with a
 * {@link DistanceMetric} and the grid's voxel spacing, computed by two {@link DistanceTransform}s. Every surface
 * metric is a function of these two lists:
 * <ul>
 *   <li>Hausdorff distance: max(max_p d(p, ∂G), max_g d(g, ∂P)); directed: max_p d(p, ∂G);</li>
 *   <li>percentile Hausdorff distance (HD95 for q = 95), as MONAI computes it: max(perc_q{d(p, ∂G)},
 *       perc_q{d(g, ∂P)}), perc_q with numpy's default linear interpolation; directed: perc_q{d(p, ∂G)};</li>
 *   <li>average symmetric surface distance: (Σ_p d(p, ∂G) + Σ_g d(g, ∂P)) / (|∂P| + |∂G|); directed: the mean of
 *       d(p, ∂G);</li>
 *   <li>normalised surface distance (surface Dice) at tolerance τ: (|{p: d(p, ∂G) ≤ τ}| + |{g: d(g, ∂P) ≤ τ}|) /
 *       (|∂P| + |∂G|), surface points counted as voxels;</li>
 *   <li>boundary F-score at tolerance τ: precision = |{p: d(p, ∂G) ≤ τ}| / |∂P|, recall =
 *       |{g: d(g, ∂P) ≤ τ}| / |∂G|, F = 2PR / (P + R) (0 when P + R = 0).</li>
 * </ul>
 * When a surface is empty the distances to it are +∞ and the values follow from the formulas; the
 * {@link EmptyMaskRule} of {@link SurfaceScores} decides what a caller gets instead.
 */
public final class SurfaceDistances {
    private final double[] predToTruth;
    private final double[] truthToPred;

    private SurfaceDistances(double[] predToTruth, double[] truthToPred) {
        this.predToTruth = predToTruth;
        this.truthToPred = truthToPred;
    }

    /**
     * The surface distances of a pair of binary masks.
     *
     * @throws IllegalArgumentException if a mask has another length than the grid
     */
    public static SurfaceDistances of(boolean[] truth, boolean[] pred, Grid grid, DistanceMetric metric, int threads) {
        grid.checkLength(truth.length, "truth mask");
        grid.checkLength(pred.length, "predicted mask");
        // both masks are empty outside their bounding box, so their surfaces and the distances are the same there
        BoundingBox box = BoundingBox.of(grid, truth, pred);
        if (box != null && !box.covers(grid)) {
            truth = box.cut(truth, grid);
            pred = box.cut(pred, grid);
            grid = box.grid();
        }
        boolean[] st = Boundaries.surface(truth, grid);
        boolean[] sp = Boundaries.surface(pred, grid);
        return new SurfaceDistances(DistanceTransform.atPoints(st, sp, grid, metric, threads),
                DistanceTransform.atPoints(sp, st, grid, metric, threads));
    }

    /** d(p, ∂G) for the points p of ∂P in flat-index order (a copy). */
    public double[] predToTruth() {
        return predToTruth.clone();
    }

    /** d(g, ∂P) for the points g of ∂G in flat-index order (a copy). */
    public double[] truthToPred() {
        return truthToPred.clone();
    }

    /** Whether the predicted mask (equivalently its surface) is empty. */
    public boolean predEmpty() {
        return predToTruth.length == 0;
    }

    /** Whether the truth mask (equivalently its surface) is empty. */
    public boolean truthEmpty() {
        return truthToPred.length == 0;
    }

    /**
     * The q-th percentile Hausdorff distance, q in (0, 100] (100 = the maximum); NaN when a needed list is empty.
     */
    public double hausdorff(double percentile, boolean directed) {
        double fwd = percentile(predToTruth, percentile);
        return directed ? fwd : Math.max(fwd, percentile(truthToPred, percentile));
    }

    /** The average surface distance, symmetric (pooled) or directed (P → G); NaN when the lists are empty. */
    public double averageSurfaceDistance(boolean directed) {
        double sum = sum(predToTruth);
        long n = predToTruth.length;
        if (!directed) {
            sum += sum(truthToPred);
            n += truthToPred.length;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Normalised surface distance at tolerance τ; NaN when both surfaces are empty. */
    public double surfaceDice(double tolerance) {
        long n = predToTruth.length + (long) truthToPred.length;
        return n == 0 ? Double.NaN : (double) (within(predToTruth, tolerance) + within(truthToPred, tolerance)) / n;
    }

    /** Boundary precision at tolerance τ: |{p: d(p, ∂G) ≤ τ}| / |∂P|; 0 when ∂P is empty. */
    public double boundaryPrecision(double tolerance) {
        return predToTruth.length == 0 ? 0 : (double) within(predToTruth, tolerance) / predToTruth.length;
    }

    /** Boundary recall at tolerance τ: |{g: d(g, ∂P) ≤ τ}| / |∂G|; 0 when ∂G is empty. */
    public double boundaryRecall(double tolerance) {
        return truthToPred.length == 0 ? 0 : (double) within(truthToPred, tolerance) / truthToPred.length;
    }

    /** Boundary F-score at tolerance τ; NaN when both surfaces are empty, 0 when one is. */
    public double boundaryF1(double tolerance) {
        if (predToTruth.length == 0 && truthToPred.length == 0) {
            return Double.NaN;
        }
        double p = boundaryPrecision(tolerance);
        double r = boundaryRecall(tolerance);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static long within(double[] d, double tolerance) {
        long n = 0;
        for (double v : d) {
            if (v <= tolerance) {
                n++;
            }
        }
        return n;
    }

    private static double sum(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s;
    }

    /** numpy's {@code percentile(a, q)} with linear interpolation; NaN for an empty list. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (q >= 100) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }
        double[] a = values.clone();
        Arrays.sort(a);
        double pos = q / 100.0 * (a.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(a.length - 1, lo + 1);
        double frac = pos - lo;
        if (frac == 0 || a[lo] == a[hi]) {
            return a[lo];
        }
        return a[lo] + (a[hi] - a[lo]) * frac;
    }
}
