package io.jaccard4j.segmentation;

import io.jaccard4j.concurrent.ChunkedWork;
import java.util.Objects;

/**
 * A binary mask bit-packed 64 pixels to a {@code long} (pixel i is bit i % 64 of word i / 64; bits past the last
 * pixel are 0). Overlap counts of two masks of the same size are word-wise AND / OR / XOR with popcount, so
 * binary IoU costs one pass over n/64 words: |A ∩ B| = Σ bitCount(a & b), |A ∪ B| = Σ bitCount(a | b).
 */
public final class PackedMask {
    private final long[] words;
    private final int pixels;

    private PackedMask(long[] words, int pixels) {
        this.words = words;
        this.pixels = pixels;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    /** Moves bit 7 of byte j to bit 56 + j (the partial products never collide below bit 56 or carry into it). */
    private static final long GATHER_HIGH_BITS = 0x0002040810204081L;

    /**
     * Packs pixels that are non-zero bytes (0/1 masks, or any byte mask read as "non-zero = foreground"): eight
     * bytes are read as one long, each non-zero byte flagged in its high bit, and the eight flags gathered into
     * one byte by a multiplication — no per-pixel branch.
     */
    public static PackedMask pack(byte[] mask) {
        return pack(mask, 1);
    }

    /**
     * As {@link #pack(byte[])}, by up to {@code threads} threads, each packing a contiguous range of at least
     * {@value #MIN_PARALLEL_WORDS} words (the same bits for every thread count).
     */
    public static PackedMask pack(byte[] mask, int threads) {
        Objects.requireNonNull(mask, "mask");
        long[] w = new long[(mask.length + 63) >>> 6];
        int full = mask.length >>> 6;
        ChunkedWork.forEachRange(full, threads, MIN_PARALLEL_WORDS, (k, from, to) -> packWords(mask, w, from, to));
        for (int i = full << 6; i < mask.length; i++) {
            if (mask[i] != 0) {
                w[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new PackedMask(w, mask.length);
    }

    /** Ranges smaller than this many words (64 pixels each) are not worth a thread. */
    static final int MIN_PARALLEL_WORDS = 1 << 14;

    private static void packWords(byte[] mask, long[] w, int from, int to) {
        for (int k = from; k < to; k++) {
            long word = 0;
            int base = k << 6;
            for (int b = 0; b < 8; b++) {
                long x = (long) LONGS.get(mask, base + (b << 3));
                long flags = (((x & LOW7) + LOW7) | x) & HIGH;
                word |= ((flags * GATHER_HIGH_BITS) >>> 56) << (b << 3);
            }
            w[k] = word;
        }
    }

    /** Packs a boolean mask. */
    public static PackedMask pack(boolean[] mask) {
        Objects.requireNonNull(mask, "mask");
        long[] w = new long[(mask.length + 63) >>> 6];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                w[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new PackedMask(w, mask.length);
    }

    /** The number of pixels. */
    public int pixels() {
        return pixels;
    }

    /** Whether pixel i is set. */
    public boolean get(int i) {
        Objects.checkIndex(i, pixels);
        return (words[i >>> 6] >>> (i & 63) & 1L) != 0;
    }

    /** The number of set pixels. */
    public long count() {
        long n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    private void requireSameSize(PackedMask o) {
        if (o.pixels != pixels) {
            throw new IllegalArgumentException("masks of " + pixels + " and " + o.pixels + " pixels");
        }
    }

    /** {tp, fp, fn} of this truth against a prediction: |T ∩ P|, |P \ T|, |T \ P|. */
    public long[] confusion(PackedMask prediction) {
        requireSameSize(prediction);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long[] p = prediction.words;
        for (int k = 0; k < words.length; k++) {
            long t = words[k];
            long q = p[k];
            tp += Long.bitCount(t & q);
            fp += Long.bitCount(q & ~t);
            fn += Long.bitCount(t & ~q);
        }
        return new long[] {tp, fp, fn};
    }

    /** |T ∩ P| / |T ∪ P|; {@code emptyValue} when both are empty. */
    public double iou(PackedMask prediction, double emptyValue) {
        long[] c = confusion(prediction);
        long union = c[0] + c[1] + c[2];
        return union == 0 ? emptyValue : (double) c[0] / union;
    }
}
