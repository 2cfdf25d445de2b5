package io.jaccard4j.recipes;

/**
 * Boundary label smoothing (the JML paper's soft-label recipe for segmentation): a pixel within Chebyshev distance
 * k of a class boundary (some pixel of its (2k+1)×(2k+1) window has another label) gets the soft label
 * (1 − ε)·onehot(y) + ε/C of {@link LabelSmoothing}; every other pixel keeps its one-hot label. Pixels labelled with the ignore index stay
 * all-zero (they carry no label) and do not make boundaries. Defaults ε = 0.5, k = 3.
 */
public final class BoundaryLabelSmoothing {
    private final LabelSmoothing smoothing;
    private final int radius;

    private BoundaryLabelSmoothing(double epsilon, int radius) {
        this.smoothing = LabelSmoothing.of(epsilon);
        if (radius < 0) {
            throw new IllegalArgumentException("radius is " + radius + "; expected >= 0");
        }
        this.radius = radius;
    }

    /** ε = 0.5, k = 3. */
    public static BoundaryLabelSmoothing defaults() {
        return new BoundaryLabelSmoothing(0.5, 3);
    }

    public static BoundaryLabelSmoothing of(double epsilon, int radius) {
        return new BoundaryLabelSmoothing(epsilon, radius);
    }

    /** Which pixels of an H × W mask lie within the radius of a boundary. */
    public boolean[] boundary(int[] mask, int height, int width, int ignoreIndex) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + height + " x " + width);
        }
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = mask[y * width + x];
                if (v == ignoreIndex) {
                    continue;
                }
                search:
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= height) {
                        continue;
                    }
                    for (int dx = -radius; dx <= radius; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= width) {
                            continue;
                        }
                        int u = mask[yy * width + xx];
                        if (u != v && u != ignoreIndex) {
                            out[y * width + x] = true;
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Soft labels C × H × W (C order) of one H × W mask.
     *
     * @throws IllegalArgumentException for a label outside 0..C−1 that is not the ignore index
     */
    public float[] apply(int[] mask, int height, int width, int classes, int ignoreIndex) {
        boolean[] near = boundary(mask, height, width, ignoreIndex);
        int p = height * width;
        float[] soft = new float[classes * p];
        float off = smoothing.other(classes);
        float on = smoothing.own(classes);
        for (int i = 0; i < p; i++) {
            int v = mask[i];
            if (v == ignoreIndex) {
                continue;
            }
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException("label " + v + " at pixel " + i + " is outside 0.." + (classes - 1));
            }
            if (near[i]) {
                for (int k = 0; k < classes; k++) {
                    soft[k * p + i] = off;
                }
                soft[v * p + i] = on;
            } else {
                soft[v * p + i] = 1f;
            }
        }
        return soft;
    }
}
