package io.jaccard4j.loss;

/**
 * The inner loops of the fused overlap-loss kernel ({@link FusedOverlapKernel}) over one tile of pixels of one
 * image, in float32: softmax over the class axis (stride {@code p} between classes), per-class cardinalities and
 * the backward pass. Two implementations give the same results up to float rounding: {@link Scalar}, plain Java,
 * and {@code VectorOverlapTiles}, written with the Vector API ({@code jdk.incubator.vector}) and used only when
 * that module is present at run time (see {@link #best()}).
 *
 * <p>Arguments shared by the methods: {@code base} is the flat index of (image, class 0, first pixel of the tile),
 * {@code p} the number of pixels per image, {@code c} the number of classes, {@code len} the tile's length, and
 * {@code keep[j]} is 1 for a pixel that counts, 0 for one that is masked out or ignored.
 */
abstract class OverlapTiles {
    private static final OverlapTiles BEST = select();

    /** The implementation in use: the Vector API one where available and not disabled, else {@link Scalar}. */
    static OverlapTiles best() {
        return BEST;
    }

    /** Whether the Vector API implementation is in use. */
    static boolean vectorized() {
        return !(BEST instanceof Scalar);
    }

    private static OverlapTiles select() {
        if (!Boolean.parseBoolean(System.getProperty("jaccard4j.simd", "true"))) {
            return new Scalar();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Scalar();
        }
        try {
            return (OverlapTiles) Class.forName("io.jaccard4j.loss.VectorOverlapTiles").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Scalar();
        }
    }

    // exp(x) in float, Cephes' expf scheme: x = k ln 2 + r with |r| <= ln 2 / 2 (ln 2 split in two for an exact
    // reduction), exp(r) by a degree-7 polynomial, 2^k put into the exponent bits. Only basic IEEE operations and
    // fused multiply-adds, so the scalar and vector forms give the same bits compiled or interpreted; within 2 ulp
    // of exp for x in [-87.3, 0], and 0 below (softmax needs x <= 0 only).
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float ROUND = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    static final float EXP_MIN = -87.33654f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    /** e<sup>x</sup> for x &le; 0 in float32, as the vector implementation computes it. */
    static float expNonPositive(float x) {
        if (!(x >= EXP_MIN)) {
            return x != x ? x : 0f;
        }
        float k = (x * LOG2E + ROUND) - ROUND;
        float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P0, r, P1), r, P2), r, P3), r, P4), r, P5);
        float e = Math.fma(q, r * r, r) + 1f;
        return e * Float.intBitsToFloat(((int) k + 127) << 23);
    }

    /** A short name for logs and benchmarks. */
    abstract String name();

    /**
     * Writes softmax(z) of the tile's pixels into {@code out} (same layout as {@code z}); where {@code maxOut} is not
     * null, also each pixel's largest logit m and Σ e<sup>z − m</sup> into {@code maxOut[j]} and {@code sumOut[j]}.
     *
     * @return false if a logit of the tile is not finite (then {@code out} is unspecified)
     */
    abstract boolean softmax(float[] z, float[] out, int base, int p, int c, int len, float[] maxOut, float[] sumOut);

    /**
     * Adds, for each class k, Σ keep·x to {@code sx[k]} over the tile (hard labels: the rest comes from the labels).
     */
    abstract void sumX(float[] x, int base, int p, int c, int len, float[] keep, double[] sx);

    /**
     * Adds, for each class k, Σ keep·x, Σ keep·y and Σ keep·|x − y| (or Σ keep·x·y when {@code product}) over the
     * tile to {@code sx[k]}, {@code sy[k]}, {@code sz[k]}, and raises {@code maxY[k]} to the largest kept y.
     */
    abstract void sumSoft(float[] x, float[] y, int base, int p, int c, int len, float[] keep, boolean product,
            double[] sx, double[] sy, double[] sz, double[] maxY);

    /**
     * Replaces the probabilities x of the tile in {@code xg} by the gradient with respect to the logits:
     * with g<sub>k</sub> = ax<sub>k</sub> + az<sub>k</sub>·sign(x<sub>k</sub> − y<sub>k</sub>) (or
     * ax<sub>k</sub> + az<sub>k</sub>·y<sub>k</sub> when {@code product}) the gradient with respect to x, the result
     * is keep·x<sub>k</sub>(g<sub>k</sub> − Σ<sub>m</sub> x<sub>m</sub>g<sub>m</sub>). Targets are hard labels
     * ({@code labels[lbase + j]}, y<sub>k</sub> = [label = k]) when {@code soft} is null, else soft labels in
     * {@code soft} (same layout as x).
     */
    abstract void backward(float[] xg, int base, int p, int c, int len, float[] keep, int[] labels, int lbase,
            float[] soft, float[] ax, float[] az, boolean product);

    /**
     * The plain-Java implementation. Its static methods work on the pixels j in [from, len) of a tile, so that the
     * vector implementation can leave its tail to them.
     */
    static final class Scalar extends OverlapTiles {
        @Override
        String name() {
            return "scalar";
        }

        @Override
        boolean softmax(float[] z, float[] out, int base, int p, int c, int len, float[] maxOut, float[] sumOut) {
            return softmaxFrom(z, out, base, p, c, 0, len, maxOut, sumOut);
        }

        @Override
        void sumX(float[] x, int base, int p, int c, int len, float[] keep, double[] sx) {
            for (int k = 0; k < c; k++) {
                sx[k] += sumXFrom(x, base + k * p, 0, len, keep);
            }
        }

        @Override
        void sumSoft(float[] x, float[] y, int base, int p, int c, int len, float[] keep, boolean product,
                double[] sx, double[] sy, double[] sz, double[] maxY) {
            sumSoftFrom(x, y, base, p, c, 0, len, keep, product, sx, sy, sz, maxY);
        }

        @Override
        void backward(float[] xg, int base, int p, int c, int len, float[] keep, int[] labels, int lbase,
                float[] soft, float[] ax, float[] az, boolean product) {
            backwardFrom(xg, base, p, c, 0, len, keep, labels, lbase, soft, ax, az, product);
        }

        static boolean softmaxFrom(float[] z, float[] out, int base, int p, int c, int from, int len, float[] maxOut,
                float[] sumOut) {
            for (int j = from; j < len; j++) {
                int at = base + j;
                float max = z[at];
                float min = max;
                for (int k = 1; k < c; k++) {
                    float v = z[at + k * p];
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
                if (!(max <= Float.MAX_VALUE && min >= -Float.MAX_VALUE)) {
                    return false;
                }
                float sum = 0;
                for (int k = 0; k < c; k++) {
                    float e = expNonPositive(z[at + k * p] - max);
                    out[at + k * p] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int k = 0; k < c; k++) {
                    out[at + k * p] *= inv;
                }
                if (maxOut != null) {
                    maxOut[j] = max;
                    sumOut[j] = sum;
                }
            }
            return true;
        }

        /** Σ keep·x over the pixels [from, len) of one class row starting at {@code at}. */
        static float sumXFrom(float[] x, int at, int from, int len, float[] keep) {
            float s = 0;
            for (int j = from; j < len; j++) {
                s += keep[j] * x[at + j];
            }
            return s;
        }

        static void sumSoftFrom(float[] x, float[] y, int base, int p, int c, int from, int len, float[] keep,
                boolean product, double[] sx, double[] sy, double[] sz, double[] maxY) {
            for (int k = 0; k < c; k++) {
                int at = base + k * p;
                float a = 0;
                float b = 0;
                float d = 0;
                float m = 0;
                for (int j = from; j < len; j++) {
                    float w = keep[j];
                    float xv = x[at + j];
                    float yv = y[at + j];
                    a += w * xv;
                    b += w * yv;
                    d += w * (product ? xv * yv : Math.abs(xv - yv));
                    m = Math.max(m, w * yv);
                }
                sx[k] += a;
                sy[k] += b;
                sz[k] += d;
                maxY[k] = Math.max(maxY[k], m);
            }
        }

        static void backwardFrom(float[] xg, int base, int p, int c, int from, int len, float[] keep, int[] labels,
                int lbase, float[] soft, float[] ax, float[] az, boolean product) {
            float[] g = new float[c];
            for (int j = from; j < len; j++) {
                int at = base + j;
                int label = soft == null ? labels[lbase + j] : -1;
                float dot = 0;
                for (int k = 0; k < c; k++) {
                    float x = xg[at + k * p];
                    float y = soft == null ? (label == k ? 1f : 0f) : soft[at + k * p];
                    float gk = product ? ax[k] + az[k] * y : ax[k] + az[k] * Math.signum(x - y);
                    g[k] = gk;
                    dot += x * gk;
                }
                float w = keep[j];
                for (int k = 0; k < c; k++) {
                    xg[at + k * p] = w * xg[at + k * p] * (g[k] - dot);
                }
            }
        }
    }
}
