package io.jaccard4j.segmentation.boundary;

import io.jaccard4j.segmentation.distance.Grid;

/**
 * Boundary IoU (Cheng, Girshick, Dollár, Berg, Kirillov, CVPR 2021) of a truth mask G and a predicted mask P:
 * |G_d ∩ P_d| / |G_d ∪ P_d|, where X_d = {@link Boundaries#innerBand}(X, d) is the part of X within chessboard
 * distance d of its outside and d = {@link Boundaries#dilationPixels}(ratio, grid) (default ratio 0.02 of the image
 * diagonal). 0/0 (both boundaries empty) is NaN.
 *
 * <p>An immutable result holding the intersection and union counts, so that results of many images or classes can
 * be summed (dataset Boundary IoU = Σ intersection / Σ union).
 */
public final class BoundaryIoU {
    /** The authors' default ratio of the boundary width to the image diagonal. */
    public static final double DEFAULT_DILATION_RATIO = 0.02;

    private final long intersection;
    private final long union;

    private BoundaryIoU(long intersection, long union) {
        this.intersection = intersection;
        this.union = union;
    }

    /** Boundary IoU of one pair of binary masks on {@code grid}. */
    public static BoundaryIoU of(boolean[] truth, boolean[] pred, Grid grid, double dilationRatio) {
        grid.checkLength(truth.length, "truth mask");
        grid.checkLength(pred.length, "predicted mask");
        int d = Boundaries.dilationPixels(dilationRatio, grid);
        boolean[] g = Boundaries.innerBand(truth, grid, d, 1);
        boolean[] p = Boundaries.innerBand(pred, grid, d, 1);
        long inter = 0;
        long uni = 0;
        for (int i = 0; i < g.length; i++) {
            if (g[i] & p[i]) {
                inter++;
            }
            if (g[i] | p[i]) {
                uni++;
            }
        }
        return new BoundaryIoU(inter, uni);
    }

    /** |G_d ∩ P_d|. */
    public long intersection() {
        return intersection;
    }

    /** |G_d ∪ P_d|. */
    public long union() {
        return union;
    }

    /** intersection / union; NaN when the union is empty. */
    public double value() {
        return union == 0 ? Double.NaN : (double) intersection / union;
    }
}
