package io.jaccard4j.retrieval;

/**
 * One tile of float32 scores between a block of queries and a block of references, under the rule of
 * {@link Float32Scores} (one float32 fused multiply-add chain a pair, over j in order): entry (a, b) is
 * Σ<sub>j</sub> q<sub>aj</sub>·r<sub>bj</sub> (dot; cosine on rows normalised beforehand) or
 * −Σ<sub>j</sub> (q<sub>aj</sub> − r<sub>bj</sub>)² (Euclidean). Both implementations, the Vector API one
 * (different references in the lanes, never different j) and the scalar loop, give the same bits.
 *
 * <p>Layout: queries row-major {@code q[a·d + j]}; references in panels of P = {@link #step()} columns,
 * {@code p[(b / P)·P·d + j·P + b % P]} ({@link #pack}); {@code stride ≥ rn} is a multiple of P (padding columns are
 * zero); the output is {@code out[a·stride + b]}.
 */
abstract class Float32Tiles {
    private static final Float32Tiles BEST = SimilarityTiles.vectorOr("io.jaccard4j.retrieval.VectorFloat32Tiles",
            new Scalar());

    /** The implementation in use: the Vector API one where present and {@code -Djaccard4j.simd} is not false. */
    static Float32Tiles best() {
        return BEST;
    }

    /** The scalar implementation (the fallback, and the reference of the vector one in tests). */
    static Float32Tiles scalar() {
        return new Scalar();
    }

    /** The column multiple the kernel works in. */
    abstract int step();

    /** A name for reports: "scalar" or "vector (N floats)". */
    abstract String describe();

    /** rn rounded up to the kernel's step. */
    final int stride(int rn) {
        int step = step();
        return (rn + step - 1) / step * step;
    }

    /** Packs rows {@code r[b·d + j]}, b &lt; rn, into {@code panels} (the layout of the class comment, zero padded). */
    final void pack(float[] r, int rn, int d, float[] panels) {
        int p = step();
        int stride = stride(rn);
        for (int b0 = 0; b0 < stride; b0 += p) {
            int base = b0 * d;
            for (int c = 0; c < p; c++) {
                int b = b0 + c;
                if (b < rn) {
                    for (int j = 0, o = base + c; j < d; j++, o += p) {
                        panels[o] = r[b * d + j];
                    }
                } else {
                    for (int j = 0, o = base + c; j < d; j++, o += p) {
                        panels[o] = 0;
                    }
                }
            }
        }
    }

    /**
     * Fills {@code out[a·stride + b]} for a &lt; qn, b &lt; stride from references in the panel layout.
     *
     * @param euclidean negated squared Euclidean distance, else the dot product
     */
    abstract void tile(float[] q, int qn, int d, float[] panels, int stride, boolean euclidean, float[] out);

    /**
     * The first b in [from, to) with {@code t[row + b] ≥ threshold}, or {@code to} (a NaN threshold admits nothing):
     * the filter of a query's offers along its row.
     */
    int nextAtLeastRow(float[] t, int row, int from, int to, float threshold) {
        for (int b = from; b < to; b++) {
            if (t[row + b] >= threshold) {
                return b;
            }
        }
        return to;
    }

    /**
     * The first b in [from, to) with {@code t[row + b] ≥ threshold[b]}, or {@code to} (a NaN threshold admits
     * nothing): the filter of the offers down a tile's columns, one threshold a column.
     */
    int nextAtLeastColumns(float[] t, int row, int from, int to, float[] threshold) {
        for (int b = from; b < to; b++) {
            if (t[row + b] >= threshold[b]) {
                return b;
            }
        }
        return to;
    }

    /** The plain loops of {@link Float32Scores}, one entry at a time (panels of one column: rows as they are). */
    static final class Scalar extends Float32Tiles {
        @Override
        int step() {
            return 1;
        }

        @Override
        String describe() {
            return "scalar";
        }

        @Override
        void tile(float[] q, int qn, int d, float[] panels, int stride, boolean euclidean, float[] out) {
            for (int a = 0; a < qn; a++) {
                for (int b = 0; b < stride; b++) {
                    out[a * stride + b] = euclidean ? Float32Scores.negSquaredDistance(q, a * d, panels, b * d, d)
                            : Float32Scores.dot(q, a * d, panels, b * d, d);
                }
            }
        }
    }
}
