package io.jaccard4j.djl.boxsupervision;

/**
 * NDArray index strings for the pixel pairs of the box-supervised pairwise losses: the pixels p in rows
 * [y0, y1) × columns [x0, x1) whose neighbour q = p + (oy, ox) lies inside the h × w image, and those neighbours.
 */
final class NeighbourSlices {
    private NeighbourSlices() {
    }

    /** {@code {p's slice "ya:yb,xa:xb", q's slice}}, or null when no such p exists. */
    static String[] of(int oy, int ox, int y0, int y1, int x0, int x1, int h, int w) {
        int ya = Math.max(y0, -oy);
        int yb = Math.min(y1, h - oy);
        int xa = Math.max(x0, -ox);
        int xb = Math.min(x1, w - ox);
        if (ya >= yb || xa >= xb) {
            return null;
        }
        return new String[] {ya + ":" + yb + "," + xa + ":" + xb,
            (ya + oy) + ":" + (yb + oy) + "," + (xa + ox) + ":" + (xb + ox)};
    }
}
