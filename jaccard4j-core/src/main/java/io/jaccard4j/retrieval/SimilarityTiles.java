package io.jaccard4j.retrieval;

/**
 * One tile of the float64 similarity matrix between a block of queries and a block of references, the arithmetic
 * of retrieval over float64 embeddings (float32 embeddings are scored by {@link Float32Tiles}). Entry (a, b) is
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
 * <p>Layout: queries row-major {@code q[a·d + j]}; references in panels of P = {@link #step()} columns,
 * {@code p[(b / P)·P·d + j·P + b % P]} ({@link #pack}), so that the kernel reads each panel front to back (a
 * transposed block read column by column would stride through memory at a power of two, where every load maps
 * to the same cache set); {@code stride ≥ rn} is a multiple of P (padding columns are zero); the output is
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
        return vectorOr("io.jaccard4j.retrieval.VectorSimilarityTiles", new Scalar());
    }

    /**
     * An instance of the Vector API class {@code className} (no-argument constructor) where
     * {@code jdk.incubator.vector} is present and {@code -Djaccard4j.simd} is not false, else {@code fallback}.
     */
    @SuppressWarnings("unchecked")
    static <T> T vectorOr(String className, T fallback) {
        if (!Boolean.parseBoolean(System.getProperty("jaccard4j.simd", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return fallback;
        }
        try {
            return (T) fallback.getClass().getSuperclass().cast(Class.forName(className).getDeclaredConstructor()
                    .newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return fallback;
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

    /** The panel offset of reference b, dimension j: {@code (b / P)·P·d + j·P + b % P} with P = {@link #step()}. */
    final int panelOffset(int b, int j, int d) {
        int p = step();
        return (b / p) * p * d + j * p + b % p;
    }

    /** Packs a transposed block {@code rt[j·stride + b]} into the panel layout (see the class comment). */
    final double[] pack(double[] rt, int d, int stride) {
        double[] panels = new double[d * stride];
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < stride; b++) {
                panels[panelOffset(b, j, d)] = rt[j * stride + b];
            }
        }
        return panels;
    }

    /**
     * Fills {@code out[a·stride + b]} for a &lt; qn, b &lt; stride, from references given transposed
     * ({@code rt[j·stride + b]}): packs them ({@link #pack}) and runs {@link #tilePacked}.
     */
    final void tile(double[] q, int qn, int d, double[] rt, int stride, boolean cosine, boolean widenedFloats,
            double[] qNorm, double[] rNorm, double[] out) {
        tilePacked(q, qn, d, pack(rt, d, stride), stride, cosine, widenedFloats, qNorm, rNorm, out);
    }

    /**
     * Fills {@code out[a·stride + b]} for a &lt; qn, b &lt; stride, from references in the panel layout.
     *
     * @param cosine cosine similarity, else negated squared Euclidean distance
     * @param widenedFloats whether every input is a float32 value (products exact in float64)
     * @param qNorm ‖q<sub>a</sub>‖ at qNorm[a] (cosine only)
     * @param rNorm ‖r<sub>b</sub>‖ at rNorm[b], length ≥ stride (cosine only)
     */
    abstract void tilePacked(double[] q, int qn, int d, double[] panels, int stride, boolean cosine,
            boolean widenedFloats, double[] qNorm, double[] rNorm, double[] out);

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
        void tilePacked(double[] q, int qn, int d, double[] rt, int stride, boolean cosine, boolean widenedFloats,
                double[] qNorm, double[] rNorm, double[] out) {
            // one column a panel: reference b's values lie at rt[b·d + j]
            for (int a = 0; a < qn; a++) {
                for (int b = 0; b < stride; b++) {
                    double s = 0;
                    if (cosine) {
                        for (int j = 0; j < d; j++) {
                            s += q[a * d + j] * rt[b * d + j];
                        }
                        out[a * stride + b] = s / Math.max(qNorm[a] * rNorm[b], Double.MIN_NORMAL);
                    } else {
                        for (int j = 0; j < d; j++) {
                            double t = q[a * d + j] - rt[b * d + j];
                            s += t * t;
                        }
                        out[a * stride + b] = -s;
                    }
                }
            }
        }
    }
}
