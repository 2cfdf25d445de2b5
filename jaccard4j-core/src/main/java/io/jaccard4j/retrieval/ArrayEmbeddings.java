package io.jaccard4j.retrieval;

/** The in-memory {@link EmbeddingBlocks}: an n × d row-major array of floats or of doubles, served as it is. */
final class ArrayEmbeddings implements EmbeddingBlocks {
    private final float[] floats;
    private final double[] doubles;
    private final int n;
    private final int d;

    /** Exactly one of {@code floats} and {@code doubles} is given. */
    ArrayEmbeddings(float[] floats, double[] doubles, int n, int d) {
        int length = floats != null ? floats.length : doubles.length;
        if (n < 1 || d < 1 || (long) n * d != length) {
            throw new IllegalArgumentException("embeddings have " + length + " values, expected n x d (n = " + n
                    + ", d = " + d + ")");
        }
        this.floats = floats;
        this.doubles = doubles;
        this.n = n;
        this.d = d;
    }

    @Override
    public int rows() {
        return n;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public boolean widenedFloats() {
        return floats != null;
    }

    @Override
    public void read(int start, int count, float[] into) {
        if (floats != null) {
            System.arraycopy(floats, start * d, into, 0, count * d);
            return;
        }
        for (int i = 0; i < count * d; i++) {
            into[i] = (float) doubles[start * d + i];
        }
    }

    @Override
    public void readDoubles(int start, int count, double[] into) {
        if (doubles != null) {
            System.arraycopy(doubles, start * d, into, 0, count * d);
            return;
        }
        for (int i = 0; i < count * d; i++) {
            into[i] = floats[start * d + i];
        }
    }
}
