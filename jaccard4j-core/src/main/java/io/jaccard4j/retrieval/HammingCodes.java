package io.jaccard4j.retrieval;

import java.io.IOException;
import java.util.Objects;

/**
 * n binary codes of {@code bits} bits each (deep hashing), packed into 64-bit words for Hamming distances
 * d<sub>H</sub>(x, y) = popcount(x XOR y), summed word by word with {@link Long#bitCount}.
 *
 * <p>Packed input is numpy's {@code packbits} layout, as faiss' binary indexes take it: row i is
 * {@code bits / 8} bytes, bit j of the code in byte j / 8 (most significant bit first). The bit order does not
 * change a distance as long as every row uses the same one. {@link #binarize} takes the sign of float
 * embeddings: bit j is 1 where x<sub>j</sub> &gt; 0 and 0 otherwise (0 and negative values alike).
 */
public final class HammingCodes {
    private final long[] words;
    private final int n;
    private final int bits;
    private final int stride;

    private HammingCodes(long[] words, int n, int bits) {
        this.words = words;
        this.n = n;
        this.bits = bits;
        this.stride = (bits + 63) / 64;
    }

    /** Refuses a code width that is not a positive multiple of 8 bits, naming {@code what}. */
    static void checkBits(long bits, String what) {
        if (bits < 8 || bits % 8 != 0) {
            throw new IllegalArgumentException(what + " gives codes of " + bits + " bits; binary codes must be a "
                    + "positive multiple of 8 bits (whole bytes)");
        }
    }

    /**
     * Packed codes: {@code bytes[i · width + t]} is byte t of code i.
     *
     * @param width bytes a code (bits / 8)
     * @throws IllegalArgumentException if the array is not n × width or n &lt; 2
     */
    public static HammingCodes packed(byte[] bytes, int n, int width) {
        Objects.requireNonNull(bytes, "bytes");
        if (n < 2 || width < 1 || (long) n * width != bytes.length) {
            throw new IllegalArgumentException("codes have " + bytes.length + " bytes, expected n x width with n >= 2 "
                    + "and width >= 1 (n = " + n + ", width = " + width + ")");
        }
        HammingCodes c = new HammingCodes(new long[n * ((width * 8 + 63) / 64)], n, width * 8);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < width; t++) {
                c.words[i * c.stride + t / 8] |= (bytes[i * width + t] & 0xFFL) << (8 * (t % 8));
            }
        }
        return c;
    }

    /**
     * The sign codes of float embeddings (bit j = x<sub>j</sub> &gt; 0), read block by block.
     *
     * @throws IllegalArgumentException if d is not a multiple of 8, or a value is NaN (naming its row)
     */
    public static HammingCodes binarize(EmbeddingBlocks source) throws IOException {
        Objects.requireNonNull(source, "source");
        int n = source.rows();
        int d = source.dim();
        checkBits(d, "--binarize of " + d + "-dimensional embeddings");
        if (n < 2) {
            throw new IllegalArgumentException("need n >= 2 codes; got " + n);
        }
        HammingCodes c = new HammingCodes(new long[n * ((d + 63) / 64)], n, d);
        int rows = Math.max(1, Math.min(n, (1 << 20) / d));
        double[] buf = new double[rows * d];
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            source.readDoubles(start, count, buf);
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < d; j++) {
                    double v = buf[i * d + j];
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException("embeddings row " + (start + i) + " holds NaN at column " + j
                                + "; a NaN has no sign to binarize");
                    }
                    if (v > 0) {
                        // bit j: byte j / 8, most significant bit first (numpy packbits), bytes little-endian in a word
                        int t = j / 8;
                        c.words[(start + i) * c.stride + t / 8] |= 1L << (8 * (t % 8) + 7 - j % 8);
                    }
                }
            }
        }
        return c;
    }

    /** n. */
    public int rows() {
        return n;
    }

    /** Bits a code. */
    public int bits() {
        return bits;
    }

    /** d<sub>H</sub>(code i, code j). */
    public int distance(int i, int j) {
        int s = 0;
        for (int w = 0; w < stride; w++) {
            s += Long.bitCount(words[i * stride + w] ^ words[j * stride + w]);
        }
        return s;
    }

    /** Code i as packed bytes (numpy packbits layout). */
    public byte[] bytes(int i) {
        byte[] out = new byte[bits / 8];
        for (int t = 0; t < out.length; t++) {
            out[t] = (byte) (words[i * stride + t / 8] >>> (8 * (t % 8)));
        }
        return out;
    }

    /** The {@link TileSource} of these codes: score = −d<sub>H</sub> (nearer = higher). */
    TileSource scores() {
        return new TileSource() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public boolean floatTiles() {
                return true;
            }

            @Override
            public Worker worker(int block) {
                int rows = Math.min(block, n);
                // scores −d_H are small integers, exact as floats: the offers filter the float tile
                return new FloatWorker(rows * rows, Float32Tiles.best()) {
                    private int q0;
                    private int qn;

                    @Override
                    public void queries(int start, int count) {
                        q0 = start;
                        qn = count;
                    }

                    @Override
                    public int scores(int r0, int rn) {
                        if (stride == 1) {
                            for (int a = 0; a < qn; a++) {
                                long x = words[q0 + a];
                                int o = a * rn;
                                for (int b = 0; b < rn; b++) {
                                    floats[o + b] = -Long.bitCount(x ^ words[r0 + b]);
                                }
                            }
                        } else {
                            for (int a = 0; a < qn; a++) {
                                for (int b = 0; b < rn; b++) {
                                    floats[a * rn + b] = -distance(q0 + a, r0 + b);
                                }
                            }
                        }
                        filled(qn, rn);
                        return rn;
                    }

                    @Override
                    public int scoresOf(int[] refs, int from, int count) {
                        for (int a = 0; a < qn; a++) {
                            for (int c = 0; c < count; c++) {
                                floats[a * count + c] = -distance(q0 + a, refs[from + c]);
                            }
                        }
                        filled(qn, count);
                        return count;
                    }
                };
            }
        };
    }
}
