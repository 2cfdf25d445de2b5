package io.jaccard4j.retrieval;

/**
 * One tile of the similarity matrix between a block of queries and a block of references, the arithmetic every
 * retrieval ranking uses. Entry (a, b) is
 * <ul>
 *   <li>cosine: s = (Σ<sub>j</sub> q<sub>aj</sub>·r<sub>bj</sub>) / max(‖q<sub>a</sub>‖·‖r<sub>b</sub>‖,
 *       {@link Double#MIN_NORMAL}),</li>
 *   <li>Euclidean: s = −Σ<sub>j</sub> (q<sub>aj</sub> − r<sub>bj</sub>)²,</li>
 * </ul>
 * in float64, each sum accumulated over j = 0, 1, …, d − 1 in that order, one rounding per addition (and per
 * product and difference). The order never depends on how the matrix is tiled or on the thread that computes
 * the tile, so every tile, block size and thread count gives the same bits as the plain loop of
 * {@link RetrievalMetrics#computeBySorting}. The Vector API form keeps that order by putting different
 * references (never different j) in the lanes of a vector; where the inputs are float32 values widened to
 * double, a product of two is exact in float64, so a fused multiply-add rounds exactly as the separate multiply
 * and add do and is used.
 *
 * <p>Layout: queries row-major {@code q[a·d + j]}; references transposed {@code rt[j·stride + b]} with
 * {@code stride ≥ rn} a multiple of {@link #stride(int)}'s step (padding columns are zero); the output is
 * {@code out[a·stride + b]}.
 */
abstract class SimilarityTiles {
    private static final SimilarityTiles BEST = select();

    /** The implementation in use: the Vector API one where present and {@code -Djaccard4j.simd} is not false. */
    static SimilarityTiles best() {
        return BEST;
    }

    /** The scalar implementation (the fallback, and the reference of the vector one in tests). */
    static SimilarityTiles scalar() {
        return new Scalar();
    }

    private static SimilarityTiles select() {
        if (!Boolean.parseBoolean(System.getProperty("jaccard4j.simd", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Scalar();
        }
        try {
            return (SimilarityTiles) Class.forName("io.jaccard4j.retrieval.VectorSimilarityTiles")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Scalar();
        }
    }

    /** The reference columns a transposed block needs for rn references: rn rounded up to the kernel's step. */
    int stride(int rn) {
        int step = step();
        return (rn + step - 1) / step * step;
    }

    /** The column multiple the kernel works in. */
    abstract int step();

    /** A name for reports: "scalar" or "vector (N doubles)". */
    abstract String describe();

    /**
     * Fills {@code out[a·stride + b]} for a &lt; qn, b &lt; stride.
     *
     * @param cosine cosine similarity, else negated squared Euclidean distance
     * @param widenedFloats whether every input is a float32 value (products exact in float64)
     * @param qNorm ‖q<sub>a</sub>‖ at qNorm[a] (cosine only)
     * @param rNorm ‖r<sub>b</sub>‖ at rNorm[b], length ≥ stride (cosine only)
     */
    abstract void tile(double[] q, int qn, int d, double[] rt, int stride, boolean cosine, boolean widenedFloats,
            double[] qNorm, double[] rNorm, double[] out);

    /** The plain loops, one entry at a time. */
    static final class Scalar extends SimilarityTiles {
        @Override
        int step() {
            return 1;
        }

        @Override
        String describe() {
            return "scalar";
        }

        @Override
        void tile(double[] q, int qn, int d, double[] rt, int stride, boolean cosine, boolean widenedFloats,
                double[] qNorm, double[] rNorm, double[] out) {
            for (int a = 0; a < qn; a++) {
                for (int b = 0; b < stride; b++) {
                    double s = 0;
                    if (cosine) {
                        for (int j = 0; j < d; j++) {
                            s += q[a * d + j] * rt[j * stride + b];
                        }
                        out[a * stride + b] = s / Math.max(qNorm[a] * rNorm[b], Double.MIN_NORMAL);
                    } else {
                        for (int j = 0; j < d; j++) {
                            double t = q[a * d + j] - rt[j * stride + b];
                            s += t * t;
                        }
                        out[a * stride + b] = -s;
                    }
                }
            }
        }
    }
}
