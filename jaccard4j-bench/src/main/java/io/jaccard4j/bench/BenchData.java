package io.jaccard4j.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic inputs of the benchmarks and of {@link Compare}: the same seed gives the same arrays on every
 * machine and JVM ({@link SplittableRandom}, {@link StrictMath} for logarithms and cosines).
 *
 * <ul>
 *   <li>{@link #uniformPair}: truth and prediction independent and uniform over 0..C−1 (the worst case for a
 *       confusion kernel: every cell is hit, no locality);</li>
 *   <li>{@link #maskPair}: segmentation-like masks — rows of {@value #ROW} pixels made of runs of equal labels
 *       (mean run {@value #MEAN_RUN} pixels, 40% background class 0), each row repeating the previous one with
 *       probability 0.9; the prediction equals the truth except for short runs (mean {@value #MEAN_ERROR_RUN}
 *       pixels) of a wrong class, placed so that about {@code accuracy} of the pixels are right.</li>
 * </ul>
 */
public final class BenchData {
    /** Row length of the mask-like data. */
    public static final int ROW = 512;
    /** Mean length of a run of equal truth labels. */
    public static final int MEAN_RUN = 48;
    /** Mean length of a run of wrong predictions. */
    public static final int MEAN_ERROR_RUN = 6;

    /** The two kinds of label data. */
    public enum Kind {
        UNIFORM, MASK;

        public static Kind parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private BenchData() {
    }

    /**
     * Makes the confusion benchmarks of this fork use the Vector API run kernels ({@code simd}) or the scalar ones:
     * the property is read once, when the counting kernels are first used, and each JMH parameter set runs in its
     * own fork. Fails if the kernels in use are not the ones asked for (e.g. the fork lacks the module).
     */
    public static void selectCountingKernels(boolean simd) {
        System.setProperty("jaccard4j.simd", Boolean.toString(simd));
        String kernels = io.jaccard4j.metrics.MulticlassConfusion.countingKernels();
        if (kernels.startsWith("vector") != simd) {
            throw new IllegalStateException("asked for simd=" + simd + " but the kernels are " + kernels);
        }
    }

    /** {truth, prediction} of the given kind, unsigned bytes 0..classes−1 (2 ≤ classes ≤ 256). */
    public static byte[][] labels(Kind kind, long seed, int n, int classes) {
        return kind == Kind.UNIFORM ? uniformPair(seed, n, classes) : maskPair(seed, n, classes, 0.95);
    }

    /** Independent uniform truth and prediction over 0..classes−1. */
    public static byte[][] uniformPair(long seed, int n, int classes) {
        checkClasses(classes);
        SplittableRandom r = new SplittableRandom(seed);
        return new byte[][] {uniform(r, n, classes), uniform(r, n, classes)};
    }

    private static byte[] uniform(SplittableRandom r, int n, int classes) {
        byte[] a = new byte[n];
        int i = 0;
        while (i < n) {
            long bits = r.nextLong();
            // four 16-bit draws a long, each mapped to 0..classes-1 by multiply-shift
            for (int k = 0; k < 4 && i < n; k++, i++) {
                a[i] = (byte) (((bits >>> (16 * k)) & 0xFFFF) * classes >>> 16);
            }
        }
        return a;
    }

    /** Segmentation-like truth and a prediction with about {@code accuracy} of its pixels right. */
    public static byte[][] maskPair(long seed, int n, int classes, double accuracy) {
        checkClasses(classes);
        if (!(accuracy > 0 && accuracy < 1)) {
            throw new IllegalArgumentException("accuracy is " + accuracy + "; expected a value in (0, 1)");
        }
        SplittableRandom r = new SplittableRandom(seed);
        byte[] t = new byte[n];
        for (int row = 0; row < n; row += ROW) {
            int end = Math.min(n, row + ROW);
            if (row > 0 && r.nextInt(10) != 0) {
                System.arraycopy(t, row - ROW, t, row, end - row);
                continue;
            }
            int i = row;
            while (i < end) {
                int len = 1 + geometric(r, MEAN_RUN - 1);
                byte label = r.nextInt(10) < 4 ? 0 : (byte) (1 + r.nextInt(classes - 1));
                int stop = Math.min(end, i + len);
                Arrays.fill(t, i, stop, label);
                i = stop;
            }
        }
        byte[] p = t.clone();
        double meanGap = MEAN_ERROR_RUN * accuracy / (1 - accuracy);
        int i = geometric(r, meanGap);
        while (i < n) {
            int len = 1 + geometric(r, MEAN_ERROR_RUN - 1);
            int shift = 1 + r.nextInt(classes - 1);
            int stop = Math.min(n, i + len);
            for (int j = i; j < stop; j++) {
                p[j] = (byte) (((t[j] & 0xFF) + shift) % classes);
            }
            i = stop + geometric(r, meanGap);
        }
        return new byte[][] {t, p};
    }

    /** A geometric-like draw with the given mean (≥ 0), from one uniform. */
    private static int geometric(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double q = mean / (1 + mean); // P(X >= k) = q^k
        double u = 1 - r.nextDouble(); // (0, 1]
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.floor(StrictMath.log(u) / StrictMath.log(q)));
    }

    private static void checkClasses(int classes) {
        if (classes < 2 || classes > 256) {
            throw new IllegalArgumentException("classes is " + classes + "; expected 2..256 for byte labels");
        }
    }

    /** Unsigned bytes widened to ints. */
    public static int[] toInts(byte[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] & 0xFF;
        }
        return out;
    }

    /** Fraction of equal entries. */
    public static double agreement(byte[] t, byte[] p) {
        long same = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == p[i]) {
                same++;
            }
        }
        return t.length == 0 ? 1.0 : (double) same / t.length;
    }

    /** Logits of shape N×C×H×W: standard normal × 2, float32. */
    public static float[] logits(long seed, int[] nchw) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] z = new float[size(nchw)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (2.0 * gaussian(r));
        }
        return z;
    }

    /** Mask-like hard labels of shape N×H×W over C classes (each image a block of {@link #maskPair} rows). */
    public static int[] hardLabels(long seed, int[] nchw) {
        int n = nchw[0];
        int c = nchw[1];
        int pixels = nchw[2] * nchw[3];
        byte[] t = maskPair(seed, n * pixels, c, 0.5)[0];
        return toInts(t);
    }

    /**
     * Soft labels of shape N×C×H×W in the layout of the predictions: 0.8 · one-hot(hard) + 0.2 · a random
     * distribution per pixel (as from label smoothing mixed with a teacher); every pixel sums to 1.
     */
    public static float[] softLabels(long seed, int[] hard, int[] nchw) {
        int n = nchw[0];
        int c = nchw[1];
        int pixels = nchw[2] * nchw[3];
        SplittableRandom r = new SplittableRandom(seed);
        float[] y = new float[size(nchw)];
        double[] v = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < pixels; i++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    v[k] = r.nextDouble();
                    s += v[k];
                }
                int label = hard[b * pixels + i];
                for (int k = 0; k < c; k++) {
                    double value = 0.2 * v[k] / s + (k == label ? 0.8 : 0.0);
                    y[(b * c + k) * pixels + i] = (float) Math.min(1.0, value);
                }
            }
        }
        return y;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller with one of the pair (deterministic, no cached state)
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }

    /** Product of the dimensions, as an int. */
    public static int size(int[] shape) {
        long s = 1;
        for (int d : shape) {
            s *= d;
        }
        if (s > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for one array");
        }
        return (int) s;
    }

    /** Parses "8x21x256x256". */
    public static int[] parseShape(String s) {
        String[] parts = s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            d[i] = Integer.parseInt(parts[i].trim());
        }
        return d;
    }
}
