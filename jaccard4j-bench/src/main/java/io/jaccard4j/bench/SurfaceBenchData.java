package io.jaccard4j.bench;

import java.util.SplittableRandom;

/**
 * Seeded masks for the surface-distance rows of {@link Compare}: label maps made of painted ellipses (2-D) or
 * ellipsoids (3-D), and a prediction that paints the same shapes with jittered centres and radii, so that both
 * masks have smooth boundaries a few pixels apart, as a segmentation model's output has.
 * <ul>
 *   <li>{@link #images}: N label images H×W with classes 1..C−1 each painted as one or two ellipses (semi-axes
 *       12..60 px) over background 0, in class order; every class is present in both the truth and the prediction
 *       of every image (an image where overpainting removed one is drawn again), so no (image, class) pair is
 *       undefined and torchmetrics, which raises on an absent class, runs on every pair;</li>
 *   <li>{@link #volume}: a binary D×H×W volume, the union of three ellipsoids (semi-axes 30..80 voxels).</li>
 * </ul>
 * Prediction: centre + N(0, 3²) per axis, each semi-axis × (1 + N(0, 0.08²)).
 */
final class SurfaceBenchData {
    private SurfaceBenchData() {
    }

    /** {truth, prediction}, each N·H·W labels in 0..classes−1, row-major (N, H, W). */
    static byte[][] images(long seed, int n, int h, int w, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] t = new byte[n * h * w];
        byte[] p = new byte[n * h * w];
        byte[] ti = new byte[h * w];
        byte[] pi = new byte[h * w];
        for (int i = 0; i < n; i++) {
            do {
                java.util.Arrays.fill(ti, (byte) 0);
                java.util.Arrays.fill(pi, (byte) 0);
                for (int c = 1; c < classes; c++) {
                    int shapes = 1 + r.nextInt(2);
                    for (int s = 0; s < shapes; s++) {
                        double[] centre = {r.nextDouble() * h, r.nextDouble() * w};
                        double[] axes = {12 + 48 * r.nextDouble(), 12 + 48 * r.nextDouble()};
                        paint(ti, new int[] {h, w}, centre, axes, (byte) c);
                        paint(pi, new int[] {h, w}, jitter(r, centre, 3), scale(r, axes, 0.08), (byte) c);
                    }
                }
            } while (!allPresent(ti, classes) || !allPresent(pi, classes));
            System.arraycopy(ti, 0, t, i * h * w, h * w);
            System.arraycopy(pi, 0, p, i * h * w, h * w);
        }
        return new byte[][] {t, p};
    }

    /** {truth, prediction}, each a D·H·W volume of 0/1, row-major. */
    static byte[][] volume(long seed, int d, int h, int w) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = {d, h, w};
        byte[] t = new byte[d * h * w];
        byte[] p = new byte[d * h * w];
        for (int s = 0; s < 3; s++) {
            double[] centre = {d * (0.3 + 0.4 * r.nextDouble()), h * (0.3 + 0.4 * r.nextDouble()),
                w * (0.3 + 0.4 * r.nextDouble())};
            double[] axes = {30 + 50 * r.nextDouble(), 30 + 50 * r.nextDouble(), 30 + 50 * r.nextDouble()};
            paint(t, shape, centre, axes, (byte) 1);
            paint(p, shape, jitter(r, centre, 3), scale(r, axes, 0.08), (byte) 1);
        }
        return new byte[][] {t, p};
    }

    private static double[] jitter(SplittableRandom r, double[] c, double sd) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] + sd * gaussian(r);
        }
        return out;
    }

    private static double[] scale(SplittableRandom r, double[] a, double sd) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.max(2, a[i] * (1 + sd * gaussian(r)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Sets the points x with Σ ((x_i − centre_i) / axes_i)² ≤ 1 to {@code label} (2 or 3 axes). */
    private static void paint(byte[] a, int[] shape, double[] centre, double[] axes, byte label) {
        int dims = shape.length;
        int[] lo = new int[dims];
        int[] hi = new int[dims];
        for (int i = 0; i < dims; i++) {
            lo[i] = Math.max(0, (int) Math.floor(centre[i] - axes[i]));
            hi[i] = Math.min(shape[i] - 1, (int) Math.ceil(centre[i] + axes[i]));
        }
        if (dims == 2) {
            for (int y = lo[0]; y <= hi[0]; y++) {
                double dy = (y - centre[0]) / axes[0];
                for (int x = lo[1]; x <= hi[1]; x++) {
                    double dx = (x - centre[1]) / axes[1];
                    if (dy * dy + dx * dx <= 1) {
                        a[y * shape[1] + x] = label;
                    }
                }
            }
            return;
        }
        for (int z = lo[0]; z <= hi[0]; z++) {
            double dz = (z - centre[0]) / axes[0];
            for (int y = lo[1]; y <= hi[1]; y++) {
                double dy = (y - centre[1]) / axes[1];
                int row = (z * shape[1] + y) * shape[2];
                for (int x = lo[2]; x <= hi[2]; x++) {
                    double dx = (x - centre[2]) / axes[2];
                    if (dz * dz + dy * dy + dx * dx <= 1) {
                        a[row + x] = label;
                    }
                }
            }
        }
    }

    private static boolean allPresent(byte[] a, int classes) {
        boolean[] seen = new boolean[classes];
        for (byte b : a) {
            seen[b] = true;
        }
        for (boolean s : seen) {
            if (!s) {
                return false;
            }
        }
        return true;
    }
}
