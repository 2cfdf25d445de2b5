package io.jaccard4j.segmentation.distance;

import java.util.Arrays;

/**
 * A dense N-D grid in row-major (C) order: its shape (n_0, …, n_{D−1}), the voxel spacing s_i along each axis
 * (the physical distance between neighbours along axis i) and the strides of the flat index
 * idx = Σ_i x_i·stride_i with stride_{D−1} = 1.
 */
public final class Grid {
    private final int[] shape;
    private final double[] spacing;
    private final int[] strides;
    private final int size;

    private Grid(int[] shape, double[] spacing) {
        this.shape = shape;
        this.spacing = spacing;
        this.strides = new int[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = (int) s;
            s *= shape[i];
        }
        this.size = (int) s;
    }

    /** A grid of unit spacing. */
    public static Grid of(int... shape) {
        double[] ones = new double[shape.length];
        Arrays.fill(ones, 1.0);
        return of(shape, ones);
    }

    /**
     * A grid with the given spacing.
     *
     * @throws IllegalArgumentException if the shape is empty, has a non-positive extent or more than 2^31 − 1
     *     points, or the spacing has another length than the shape or a value that is not finite and positive
     */
    public static Grid of(int[] shape, double[] spacing) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one axis; got " + Arrays.toString(shape));
        }
        long n = 1;
        for (int e : shape) {
            if (e <= 0) {
                throw new IllegalArgumentException("shape must have positive extents; got " + Arrays.toString(shape));
            }
            n *= e;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 points");
            }
        }
        checkSpacing(spacing, shape.length);
        return new Grid(shape.clone(), spacing.clone());
    }

    /**
     * Checks a spacing for a grid of {@code axes} axes.
     *
     * @throws IllegalArgumentException if its length is not {@code axes} or a value is not finite and positive
     */
    public static double[] checkSpacing(double[] spacing, int axes) {
        if (spacing == null || spacing.length != axes) {
            throw new IllegalArgumentException("spacing must have " + axes + " values, one per spatial axis; got "
                    + (spacing == null ? "none" : Arrays.toString(spacing)));
        }
        for (double v : spacing) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("spacing values must be finite and > 0; got " + Arrays.toString(spacing));
            }
        }
        return spacing;
    }

    /** The same shape with another spacing. */
    public Grid withSpacing(double[] newSpacing) {
        return of(shape, newSpacing);
    }

    public int axes() {
        return shape.length;
    }

    public int extent(int axis) {
        return shape[axis];
    }

    public double spacing(int axis) {
        return spacing[axis];
    }

    public int stride(int axis) {
        return strides[axis];
    }

    /** The number of points, Π n_i. */
    public int size() {
        return size;
    }

    public int[] shape() {
        return shape.clone();
    }

    public double[] spacing() {
        return spacing.clone();
    }

    /** Writes the coordinates of flat index {@code idx} into {@code out}. */
    public void coordinates(int idx, int[] out) {
        for (int i = 0; i < shape.length; i++) {
            out[i] = idx / strides[i];
            idx -= out[i] * strides[i];
        }
    }

    /**
     * Checks that an array holds one value per grid point.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public void checkLength(int length, String what) {
        if (length != size) {
            throw new IllegalArgumentException(what + " has " + length + " values but the grid " + Arrays.toString(shape)
                    + " has " + size + " points");
        }
    }

    @Override
    public String toString() {
        return "Grid" + Arrays.toString(shape) + " spacing " + Arrays.toString(spacing);
    }
}
