package io.jaccard4j.segmentation.distance;

import java.util.Arrays;

/**
 * The smallest axis-aligned box of grid points lo_i ≤ x_i ≤ hi_i that holds every set point of some masks, and the
 * masks cut to it. Cutting keeps row-major order: the set points of a cut mask, in flat-index order, are those of
 * the whole mask in the same order. Distances between points do not change under the cut, so a distance transform
 * of sites evaluated at query points can run on the box that holds both, and a boundary taken with "outside the
 * grid is background" is the same on the box as on the whole grid when the masks are empty outside it.
 */
public final class BoundingBox {
    private final Grid grid;
    private final int[] lo;
    private final int[] hi;

    private BoundingBox(Grid grid, int[] lo, int[] hi) {
        this.grid = grid;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * The box holding the set points of all {@code masks}; null when none has a set point.
     *
     * @throws IllegalArgumentException if a mask has another length than the grid
     */
    public static BoundingBox of(Grid grid, boolean[]... masks) {
        int axes = grid.axes();
        int n = grid.extent(axes - 1);
        int[] lo = new int[axes];
        int[] hi = new int[axes];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, -1);
        for (boolean[] m : masks) {
            grid.checkLength(m.length, "mask");
        }
        int[] x = new int[axes];
        int lines = grid.size() / n;
        for (int line = 0, base = 0; line < lines; line++, base += n) {
            int first = n;
            int last = -1;
            for (boolean[] m : masks) {
                for (int j = 0; j < first; j++) {
                    if (m[base + j]) {
                        first = j;
                        break;
                    }
                }
                for (int j = n - 1; j > last; j--) {
                    if (m[base + j]) {
                        last = j;
                        break;
                    }
                }
            }
            if (last >= 0) {
                lo[axes - 1] = Math.min(lo[axes - 1], first);
                hi[axes - 1] = Math.max(hi[axes - 1], last);
                for (int a = 0; a < axes - 1; a++) {
                    lo[a] = Math.min(lo[a], x[a]);
                    hi[a] = Math.max(hi[a], x[a]);
                }
            }
            for (int a = axes - 2; a >= 0; a--) {
                if (++x[a] < grid.extent(a)) {
                    break;
                }
                x[a] = 0;
            }
        }
        if (hi[0] < 0) {
            return null;
        }
        return box(grid, lo, hi);
    }

    /**
     * For each label l in 0..numLabels−1, the box holding the points where {@code labels} equals l; null for a
     * label that does not occur. Labels outside 0..numLabels−1 are ignored.
     *
     * @throws IllegalArgumentException if {@code labels} has another length than the grid
     */
    public static BoundingBox[] perLabel(Grid grid, int[] labels, int numLabels) {
        grid.checkLength(labels.length, "labels");
        int axes = grid.axes();
        int n = grid.extent(axes - 1);
        int[][] lo = new int[numLabels][axes];
        int[][] hi = new int[numLabels][axes];
        for (int l = 0; l < numLabels; l++) {
            Arrays.fill(lo[l], Integer.MAX_VALUE);
            Arrays.fill(hi[l], -1);
        }
        int[] x = new int[axes];
        int lines = grid.size() / n;
        for (int line = 0, base = 0; line < lines; line++, base += n) {
            int j = 0;
            while (j < n) {
                int l = labels[base + j];
                int run = j + 1;
                while (run < n && labels[base + run] == l) {
                    run++;
                }
                if (l >= 0 && l < numLabels) {
                    int[] a = lo[l];
                    int[] b = hi[l];
                    a[axes - 1] = Math.min(a[axes - 1], j);
                    b[axes - 1] = Math.max(b[axes - 1], run - 1);
                    for (int k = 0; k < axes - 1; k++) {
                        a[k] = Math.min(a[k], x[k]);
                        b[k] = Math.max(b[k], x[k]);
                    }
                }
                j = run;
            }
            for (int a = axes - 2; a >= 0; a--) {
                if (++x[a] < grid.extent(a)) {
                    break;
                }
                x[a] = 0;
            }
        }
        BoundingBox[] out = new BoundingBox[numLabels];
        for (int l = 0; l < numLabels; l++) {
            if (hi[l][0] >= 0) {
                out[l] = box(grid, lo[l], hi[l]);
            }
        }
        return out;
    }

    private static BoundingBox box(Grid whole, int[] lo, int[] hi) {
        int[] shape = new int[lo.length];
        for (int a = 0; a < lo.length; a++) {
            shape[a] = hi[a] - lo[a] + 1;
        }
        return new BoundingBox(Grid.of(shape, whole.spacing()), lo, hi);
    }

    /** The smallest box holding boxes {@code a} and {@code b} of grid {@code whole} (either may be null; null when both are). */
    public static BoundingBox union(BoundingBox a, BoundingBox b, Grid whole) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int[] lo = new int[a.lo.length];
        int[] hi = new int[a.lo.length];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = Math.min(a.lo[i], b.lo[i]);
            hi[i] = Math.max(a.hi[i], b.hi[i]);
        }
        return box(whole, lo, hi);
    }

    /** The box as a grid of its own, with the spacing of the whole grid. */
    public Grid grid() {
        return grid;
    }

    /** The first corner (inclusive), in points of the whole grid. */
    public int[] lo() {
        return lo.clone();
    }

    /** The last corner (inclusive), in points of the whole grid. */
    public int[] hi() {
        return hi.clone();
    }

    /** Whether the box is the whole grid {@code whole}. */
    public boolean covers(Grid whole) {
        return grid.size() == whole.size();
    }

    /**
     * The part of {@code mask} (a mask over {@code whole}) inside the box, row-major over the box.
     *
     * @throws IllegalArgumentException if the mask has another length than {@code whole}
     */
    public boolean[] cut(boolean[] mask, Grid whole) {
        whole.checkLength(mask.length, "mask");
        boolean[] out = new boolean[grid.size()];
        forEachLine(whole, (src, dst, n) -> System.arraycopy(mask, src, out, dst, n));
        return out;
    }

    /**
     * The points inside the box where {@code labels} (over {@code whole}) equals {@code label}, row-major over the
     * box.
     *
     * @throws IllegalArgumentException if {@code labels} has another length than {@code whole}
     */
    public boolean[] cutLabel(int[] labels, int label, Grid whole) {
        whole.checkLength(labels.length, "labels");
        boolean[] out = new boolean[grid.size()];
        forEachLine(whole, (src, dst, n) -> {
            for (int j = 0; j < n; j++) {
                out[dst + j] = labels[src + j] == label;
            }
        });
        return out;
    }

    /** Receives one line of the box along the last axis: its start in the whole grid and in the box, its length. */
    @FunctionalInterface
    private interface LineBody {
        void accept(int src, int dst, int n);
    }

    private void forEachLine(Grid whole, LineBody body) {
        int axes = grid.axes();
        int n = grid.extent(axes - 1);
        int[] x = new int[axes];
        int lines = grid.size() / n;
        for (int line = 0, dst = 0; line < lines; line++, dst += n) {
            int src = lo[axes - 1];
            for (int a = 0; a < axes - 1; a++) {
                src += (lo[a] + x[a]) * whole.stride(a);
            }
            body.accept(src, dst, n);
            for (int a = axes - 2; a >= 0; a--) {
                if (++x[a] < grid.extent(a)) {
                    break;
                }
                x[a] = 0;
            }
        }
    }

    @Override
    public String toString() {
        return "BoundingBox" + Arrays.toString(lo) + ".." + Arrays.toString(hi);
    }
}
