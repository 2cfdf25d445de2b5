package io.jaccard4j.retrieval;

import io.jaccard4j.metriclearning.Distance;
import java.io.IOException;

/**
 * The {@link TileSource} of float embeddings, higher = nearer. Float32 sources ({@link EmbeddingBlocks#widenedFloats})
 * with cosine, dot or Euclidean are scored in float32 by {@link Float32Tiles} under the rule of {@link Float32Scores}
 * (cosine rows normalised once a read); float64 sources by {@link SimilarityTiles} in float64, in the order of
 * {@link Distance#closeness}; any other distance by {@code closeness} itself. Construction makes one pass over the
 * rows for the norms and refuses non-finite values, naming the row. Blocks are read from the
 * {@link EmbeddingBlocks} under its lock, so one source serves every thread.
 */
final class EmbeddingScores implements TileSource {
    private final EmbeddingBlocks source;
    private final Distance distance;
    /** The kernel's form: cosine (also dot, with unit norms), Euclidean, or null for {@link Distance#closeness}. */
    private final Boolean cosine;
    private final boolean dot;
    private final boolean widened;
    private final SimilarityTiles kernel;
    /** The float32 form (float32 input scored by {@link Float32Scores}), or null for the float64 path. */
    private final Float32Scores.Form form32;
    private final Float32Tiles kernel32;
    private final int n;
    private final int d;
    private final double[] norms;

    EmbeddingScores(EmbeddingBlocks source, Distance distance, int block, SimilarityTiles kernel) throws IOException {
        this(source, distance, block, kernel, Float32Tiles.best());
    }

    /**
     * @param kernel the float64 kernel (float64 input)
     * @param kernel32 the float32 kernel (float32 input with a kernel form, see {@link Float32Scores})
     */
    EmbeddingScores(EmbeddingBlocks source, Distance distance, int block, SimilarityTiles kernel,
            Float32Tiles kernel32) throws IOException {
        this.source = source;
        this.distance = distance;
        boolean similarity = distance.isSimilarity();
        this.dot = similarity && !distance.normalizesEmbeddings();
        this.cosine = similarity ? Boolean.TRUE
                : distance.p() == 2 && !distance.normalizesEmbeddings() ? Boolean.FALSE : null;
        this.widened = source.widenedFloats();
        this.kernel = kernel;
        this.form32 = widened ? Float32Scores.form(distance) : null;
        this.kernel32 = kernel32;
        this.n = source.rows();
        this.d = source.dim();
        this.norms = new double[n];
        int rows = Math.min(block, n);
        double[] buf = new double[(widened ? 1 : rows) * d];
        float[] floats = widened ? new float[rows * d] : null;
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            if (widened) { // float32 rows in bulk, each widened exactly (the values readDoubles would give)
                source.read(start, count, floats);
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < d; j++) {
                        buf[j] = floats[i * d + j];
                    }
                    norms[start + i] = checkedNorm(buf, 0, start + i);
                }
            } else {
                source.readDoubles(start, count, buf);
                for (int i = 0; i < count; i++) {
                    norms[start + i] = checkedNorm(buf, i * d, start + i);
                }
            }
        }
    }

    /** The {@link Distance#rowNorm} of a row, refusing a non-finite value or a row whose squared norm overflows. */
    private double checkedNorm(double[] buf, int offset, int row) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double v = buf[offset + j];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("embeddings row " + row + " holds a non-finite value (" + v
                        + " at column " + j + "); every embedding value must be finite");
            }
            s += v * v;
        }
        if (!Double.isFinite(4 * s)) {
            // squared distances reach (|a| + |b|)^2 <= 4 max |x|^2: past float64's range they would tie at infinity
            throw new IllegalArgumentException("embedding row " + row + " is too large: its squared "
                    + "norm overflows float64, so distances could not be ranked");
        }
        return distance.rowNorm(buf, offset, d);
    }

    private static double[] filled(int length) {
        double[] a = new double[length];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    @Override
    public int rows() {
        return n;
    }

    @Override
    public boolean floatTiles() {
        return form32 != null;
    }

    @Override
    public Worker worker(int block) {
        return form32 != null ? worker32(block) : worker64(block);
    }

    /** The float32 path: rows read as floats, normalised once a read (cosine), scored by {@link Float32Tiles}. */
    private Worker worker32(int block) {
        int rows = Math.min(block, n);
        int maxStride = kernel32.stride(rows);
        boolean cos = form32 == Float32Scores.Form.COSINE;
        boolean euclidean = form32 == Float32Scores.Form.EUCLIDEAN;
        return new FloatWorker(rows * maxStride, kernel32) {
            private final float[] q = new float[rows * d];
            private final float[] ref = new float[rows * d];
            private final float[] panels = new float[maxStride * d];
            private int qn;
            /** The rows of the last listed-rows array {@link #scoresOf} was given, read (and normalised) once. */
            private int[] listed;
            private float[] listedRows;

            /** Rows start .. start + count − 1 into {@code into}, normalised for cosine. */
            private void load(int start, int count, float[] into) throws IOException {
                synchronized (source) {
                    source.read(start, count, into);
                }
                if (cos) {
                    Float32Scores.normalise(into, count, d, norms, start);
                }
            }

            @Override
            public void queries(int q0, int count) throws IOException {
                load(q0, count, q);
                qn = count;
            }

            @Override
            public int scores(int r0, int rn) throws IOException {
                load(r0, rn, ref);
                return score(rn);
            }

            private int score(int rn) {
                kernel32.pack(ref, rn, d, panels);
                int stride = kernel32.stride(rn);
                kernel32.tile(q, qn, d, panels, stride, euclidean, floats);
                filled(qn, stride);
                return stride;
            }

            @Override
            public int scoresOf(int[] refs, int from, int count) throws IOException {
                if (refs != listed) {
                    float[] rows = new float[refs.length * d];
                    float[] row = new float[d];
                    for (int c = 0; c < refs.length; c++) {
                        load(refs[c], 1, row);
                        System.arraycopy(row, 0, rows, c * d, d);
                    }
                    listed = refs;
                    listedRows = rows;
                }
                System.arraycopy(listedRows, from * d, ref, 0, count * d);
                return score(count);
            }
        };
    }

    private Worker worker64(int block) {
        int rows = Math.min(block, n);
        int maxStride = kernel.stride(rows);
        return new Worker() {
            private final double[] q = new double[rows * d];
            private final double[] qNorm = new double[rows];
            private final double[] ref = new double[rows * d];
            private final double[] rt = new double[maxStride * d];
            private final double[] rNorm = new double[maxStride];
            private final double[] tile = new double[rows * maxStride];
            private final double[] ones = filled(rows);
            private int qn;

            @Override
            public void queries(int q0, int count) throws IOException {
                synchronized (source) {
                    source.readDoubles(q0, count, q);
                }
                System.arraycopy(norms, q0, qNorm, 0, count);
                qn = count;
            }

            @Override
            public int scores(int r0, int rn) throws IOException {
                synchronized (source) {
                    source.readDoubles(r0, rn, ref);
                }
                int stride = kernel.stride(rn);
                int step = kernel.step();
                for (int b0 = 0; b0 < stride; b0 += step) { // panels of step columns (SimilarityTiles' layout)
                    int base = b0 * d;
                    for (int c = 0; c < step; c++) {
                        int b = b0 + c;
                        if (b < rn) {
                            for (int j = 0; j < d; j++) {
                                rt[base + j * step + c] = ref[b * d + j];
                            }
                        } else {
                            for (int j = 0; j < d; j++) {
                                rt[base + j * step + c] = 0;
                            }
                        }
                    }
                }
                if (cosine == null) {
                    for (int a = 0; a < qn; a++) {
                        for (int b = 0; b < rn; b++) {
                            tile[a * stride + b] = distance.closeness(q, a * d, ref, b * d, d, qNorm[a], norms[r0 + b]);
                        }
                    }
                    return stride;
                }
                java.util.Arrays.fill(rNorm, 0);
                System.arraycopy(norms, r0, rNorm, 0, rn);
                if (dot) { // dot / max(1 * 1, MIN_NORMAL) is the dot product itself
                    java.util.Arrays.fill(rNorm, 0, rn, 1.0);
                }
                kernel.tilePacked(q, qn, d, rt, stride, cosine, widened, dot ? ones : qNorm, rNorm, tile);
                return stride;
            }

            @Override
            public double[] tile() {
                return tile;
            }
        };
    }
}
