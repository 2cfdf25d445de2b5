package io.jaccard4j.retrieval;

import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.io.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * n × d embeddings read block by block (rows {@code start .. start + count − 1}), so that retrieval over a large
 * set never holds more than a few blocks: {@link #of} wraps an array, {@link #npy} reads row ranges of a 2-D,
 * C-order float32 / float64 NPY file straight from disk (positioned reads; the file is never loaded whole).
 * A source whose {@link #widenedFloats()} is true (float32 arrays and files) is read as floats ({@link #read}) and
 * ranked in float32 by {@link RetrievalMetrics}' float32 rule; any other is read as doubles ({@link #readDoubles})
 * and ranked in float64.
 */
public interface EmbeddingBlocks extends AutoCloseable {
    /** n. */
    int rows();

    /** d. */
    int dim();

    /**
     * Copies rows {@code start .. start + count − 1} into {@code into[0 .. count·d)} (as float, the precision the
     * metrics use).
     */
    void read(int start, int count, float[] into) throws IOException;

    /**
     * Copies rows {@code start .. start + count − 1} into {@code into[0 .. count·d)} in full precision: float64
     * sources give their doubles, float32 sources their floats widened exactly. The default widens
     * {@link #read(int, int, float[])}.
     */
    default void readDoubles(int start, int count, double[] into) throws IOException {
        float[] f = new float[count * dim()];
        read(start, count, f);
        for (int i = 0; i < f.length; i++) {
            into[i] = f[i];
        }
    }

    /**
     * Whether the source holds float32 values ({@link #readDoubles} gives them widened exactly): retrieval then
     * scores them in float32 (see {@link RetrievalMetrics}). False unless a source knows it.
     */
    default boolean widenedFloats() {
        return false;
    }

    @Override
    default void close() throws IOException {
    }

    /** An in-memory n × d row-major array. */
    static EmbeddingBlocks of(float[] embeddings, int n, int d) {
        return new ArrayEmbeddings(Objects.requireNonNull(embeddings, "embeddings"), null, n, d);
    }

    /** An in-memory n × d row-major array of doubles, ranked in double precision. */
    static EmbeddingBlocks of(double[] embeddings, int n, int d) {
        return new ArrayEmbeddings(null, Objects.requireNonNull(embeddings, "embeddings"), n, d);
    }

    /**
     * A 2-D float32 or float64 NPY file in C order, read in row ranges; close it when done.
     *
     * @throws IllegalArgumentException naming the file when it is not such an array
     */
    static EmbeddingBlocks npy(Path path) throws IOException {
        NpyHeader h = Npy.readHeader(path);
        int[] shape = h.shape();
        NpyDtype t = h.dtype();
        if (shape.length != 2 || h.fortranOrder() || !(t == NpyDtype.FLOAT32 || t == NpyDtype.FLOAT64)) {
            throw new IllegalArgumentException(path + ": block reading needs a 2-D C-order float32/float64 array; got "
                    + h);
        }
        int n = shape[0];
        int d = shape[1];
        int item = t.itemSize();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        if (ch.size() < h.dataOffset() + (long) n * d * item) {
            ch.close();
            throw new IllegalArgumentException(path + ": file is shorter than its header's " + n + " x " + d + " "
                    + t + " array");
        }
        return new EmbeddingBlocks() {
            private ByteBuffer buf = ByteBuffer.allocate(0);

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
                return t == NpyDtype.FLOAT32;
            }

            /** Rows start .. start + count - 1 as raw bytes in the buffer, in the file's byte order. */
            private ByteBuffer rowBytes(int start, int count) throws IOException {
                if (start < 0 || count < 0 || start + count > n) {
                    throw new IndexOutOfBoundsException("rows " + start + " + " + count + " of " + n);
                }
                int bytes = Math.multiplyExact(count * d, item);
                if (buf.capacity() < bytes) {
                    buf = ByteBuffer.allocate(bytes);
                }
                buf.clear().limit(bytes);
                long pos = h.dataOffset() + (long) start * d * item;
                while (buf.hasRemaining()) {
                    int got = ch.read(buf, pos + buf.position());
                    if (got < 0) {
                        throw new IOException(path + ": unexpected end of file");
                    }
                }
                return buf.flip().order(h.byteOrder());
            }

            @Override
            public void readDoubles(int start, int count, double[] into) throws IOException {
                ByteBuffer b = rowBytes(start, count);
                if (t == NpyDtype.FLOAT64) {
                    b.asDoubleBuffer().get(into, 0, count * d);
                } else {
                    java.nio.FloatBuffer fb = b.asFloatBuffer();
                    for (int i = 0; i < count * d; i++) {
                        into[i] = fb.get(i);
                    }
                }
            }

            @Override
            public void read(int start, int count, float[] into) throws IOException {
                ByteBuffer b = rowBytes(start, count);
                if (t == NpyDtype.FLOAT32) {
                    b.asFloatBuffer().get(into, 0, count * d);
                } else {
                    java.nio.DoubleBuffer db = b.asDoubleBuffer();
                    for (int i = 0; i < count * d; i++) {
                        into[i] = (float) db.get(i);
                    }
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
