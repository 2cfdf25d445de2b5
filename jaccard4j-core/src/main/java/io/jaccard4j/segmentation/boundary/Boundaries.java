package io.jaccard4j.segmentation.boundary;

import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.DistanceTransform;
import io.jaccard4j.segmentation.distance.Grid;

/**
 * The two boundaries of a binary mask that the boundary metrics use; points outside the grid count as background.
 * <ul>
 *   <li>{@link #surface}: the mask minus its erosion by the face-connected cross (3×3 cross in 2-D, 6-neighbour in
 *       3-D), i.e. the mask points with a face neighbour outside the mask. This is the surface of torchmetrics'
 *       {@code mask_edges} / {@code binary_erosion} and scipy's {@code binary_erosion(structure=cross,
 *       border_value=0)}; Hausdorff distance, ASSD, NSD and the boundary F-score measure between surfaces.</li>
 *   <li>{@link #innerBand}: the mask minus its erosion by the (2d+1)^D cube, i.e. the mask points within
 *       chessboard distance d of a point outside the mask; with d = {@link #dilationPixels} this is the
 *       boundary of Boundary IoU (Cheng et al., CVPR 2021: {@code mask_to_boundary}'s d iterations of a 3×3 erosion
 *       after a one-pixel zero padding).</li>
 * </ul>
 */
public final class Boundaries {
    private Boundaries() {
    }

    /** The mask points with a face neighbour (±1 along one axis) outside the mask or outside the grid. */
    public static boolean[] surface(boolean[] mask, Grid grid) {
        grid.checkLength(mask.length, "mask");
        int axes = grid.axes();
        int n = grid.extent(axes - 1);
        int lines = mask.length / n;
        int[] x = new int[axes]; // coordinates of the line's start along axes 0..D-2
        boolean[] out = new boolean[mask.length];
        for (int line = 0, base = 0; line < lines; line++, base += n) {
            for (int j = 0; j < n; j++) {
                int i = base + j;
                if (!mask[i]) {
                    continue;
                }
                boolean edge = j == 0 || j == n - 1 || !mask[i - 1] || !mask[i + 1];
                for (int a = 0; a < axes - 1 && !edge; a++) {
                    int s = grid.stride(a);
                    edge = x[a] == 0 || x[a] == grid.extent(a) - 1 || !mask[i - s] || !mask[i + s];
                }
                out[i] = edge;
            }
            for (int a = axes - 2; a >= 0; a--) {
                if (++x[a] < grid.extent(a)) {
                    break;
                }
                x[a] = 0;
            }
        }
        return out;
    }

    /**
     * The mask points within chessboard distance {@code width} (in points, spacing ignored) of a point outside
     * the mask, where the points outside the grid count as outside the mask.
     *
     * @throws IllegalArgumentException if {@code width} &lt; 1
     */
    public static boolean[] innerBand(boolean[] mask, Grid grid, int width, int threads) {
        grid.checkLength(mask.length, "mask");
        if (width < 1) {
            throw new IllegalArgumentException("boundary width must be >= 1 pixel; got " + width);
        }
        boolean[] outside = new boolean[mask.length];
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            outside[i] = !mask[i];
            any |= mask[i];
        }
        boolean[] band = new boolean[mask.length];
        if (!any) {
            return band;
        }
        Grid unit = Grid.of(grid.shape());
        double[] d = DistanceTransform.toNearest(outside, unit, DistanceMetric.CHESSBOARD, threads);
        int axes = grid.axes();
        int[] x = new int[axes];
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                continue;
            }
            if (d[i] <= width) {
                band[i] = true;
                continue;
            }
            grid.coordinates(i, x);
            for (int a = 0; a < axes; a++) {
                if (Math.min(x[a] + 1, grid.extent(a) - x[a]) <= width) {
                    band[i] = true;
                    break;
                }
            }
        }
        return band;
    }

    /**
     * Boundary IoU's boundary width d = max(1, round(ratio · diagonal)), diagonal = √(Σ n_i²) of the grid's
     * extents in points, rounded half to even as Python's {@code round}.
     *
     * @throws IllegalArgumentException if the ratio is not finite and positive
     */
    public static int dilationPixels(double ratio, Grid grid) {
        if (!(ratio > 0) || !Double.isFinite(ratio)) {
            throw new IllegalArgumentException("dilation ratio must be finite and > 0; got " + ratio);
        }
        double sq = 0;
        for (int a = 0; a < grid.axes(); a++) {
            sq += (double) grid.extent(a) * grid.extent(a);
        }
        double r = Math.rint(ratio * Math.sqrt(sq));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, r));
    }
}
