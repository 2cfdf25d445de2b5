package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;

/**
 * The float32 scoring rule of retrieval over float32 embeddings, the one definition that {@link Float32Tiles} (both
 * kernels), {@link EmbeddingScores} and {@link RetrievalMetrics#computeBySorting} follow bit for bit. Float64
 * embeddings are never scored this way: they are ranked in float64 ({@link SimilarityTiles}).
 *
 * <ul>
 *   <li><b>Accumulation.</b> A sum over the d coordinates is one float32 chain in coordinate order:
 *       s<sub>0</sub> = +0, s<sub>j+1</sub> = fma(a<sub>j</sub>, b<sub>j</sub>, s<sub>j</sub>) rounded once to
 *       float32 (round to nearest even), j = 0 … d − 1. The dot product takes a = x, b = y; the Euclidean form
 *       takes a = b = t<sub>j</sub> = fl32(x<sub>j</sub> − y<sub>j</sub>) and scores −s<sub>d</sub>. The order is a
 *       property of the pair alone: vector kernels put different references in their lanes (never different j), so
 *       the bits do not depend on the vector width, the tiling, the block size or the thread count. fma(a, b, s)
 *       equals fma(b, a, s) and (x − y)² equals (y − x)², so a score is symmetric bit for bit.</li>
 *   <li><b>Cosine.</b> Each row is first normalised in float32: x̂<sub>j</sub> = fl32(x<sub>j</sub> · u) with
 *       u = fl32(1 / ‖x‖), ‖x‖ = √(Σ x<sub>j</sub>²) in float64 summed in coordinate order
 *       ({@link Distance#rowNorm}); a zero row stays zero (its cosine with every row is 0). Where 1 / ‖x‖ exceeds
 *       float32's range (‖x‖ &lt; 2<sup>−128</sup>), x̂<sub>j</sub> = fl32(x<sub>j</sub> / ‖x‖) in float64 instead.
 *       The score is the dot product of the normalised rows under the accumulation rule.</li>
 *   <li><b>Dot product.</b> The dot product of the rows as they are.</li>
 *   <li><b>Ranking.</b> Higher score first, equal scores (as float32 values, +0 = −0) by lower row index: a strict
 *       total order, so the kept neighbours, ties included, are those of a full sort.</li>
 * </ul>
 */
final class Float32Scores {
    /** The three forms the float32 kernel computes. */
    enum Form {
        /** Dot product of the normalised rows. */
        COSINE,
        /** Dot product of the rows. */
        DOT,
        /** Negated squared Euclidean distance. */
        EUCLIDEAN
    }

    private Float32Scores() {
    }

    /** The kernel form of a distance, or null when it has none (it is then scored by {@link Distance#closeness}). */
    static Form form(Distance distance) {
        if (distance.isSimilarity()) {
            return distance.normalizesEmbeddings() ? Form.COSINE : Form.DOT;
        }
        return distance.p() == 2 && !distance.normalizesEmbeddings() ? Form.EUCLIDEAN : null;
    }

    /** The float32 dot product of rows x and y under the accumulation rule. */
    static float dot(float[] x, int xOffset, float[] y, int yOffset, int d) {
        float s = 0;
        for (int j = 0; j < d; j++) {
            s = Math.fma(x[xOffset + j], y[yOffset + j], s);
        }
        return s;
    }

    /** −Σ fl32(x<sub>j</sub> − y<sub>j</sub>)² under the accumulation rule. */
    static float negSquaredDistance(float[] x, int xOffset, float[] y, int yOffset, int d) {
        float s = 0;
        for (int j = 0; j < d; j++) {
            float t = x[xOffset + j] - y[yOffset + j];
            s = Math.fma(t, t, s);
        }
        return -s;
    }

    /** Normalises {@code count} rows of {@code x} in place, row i by {@code norms[first + i]} (see the class comment). */
    static void normalise(float[] x, int count, int d, double[] norms, int first) {
        for (int i = 0; i < count; i++) {
            double norm = norms[first + i];
            int o = i * d;
            float u = (float) (1 / norm);
            if (norm == 0) {
                java.util.Arrays.fill(x, o, o + d, 0f);
            } else if (Float.isFinite(u)) {
                for (int j = 0; j < d; j++) {
                    x[o + j] *= u;
                }
            } else {
                for (int j = 0; j < d; j++) {
                    x[o + j] = (float) (x[o + j] / norm);
                }
            }
        }
    }
}
