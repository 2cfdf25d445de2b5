package io.jaccard4j.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import io.jaccard4j.concurrent.ChunkedWork;
import java.util.List;

/**
 * The counting loops behind {@link MulticlassConfusion}'s unweighted updates of labels below 256: every (truth,
 * prediction) pair increments one int cell of a 256 × 256 table indexed {@code (t << 8) | p}; the caller folds the
 * table into its C × C long counters (dropping the ignore-index row, checking the range) once per call.
 *
 * <p>Segmentation masks consist of runs: long stretches of one (truth, prediction) pair. Byte labels are counted by
 * segments ({@link #countBytesSegments}): the boundaries where the pair changes are found 64 labels at a time
 * (from eight-byte words, or with the Vector API from 256-bit vectors), and each segment adds its length to its
 * cell in one store, so a stretch costs a few operations per boundary and does not serialise on one counter. Data
 * without such runs (e.g. uniform random labels) would pay per boundary more than one increment costs, so each block
 * of 64 Ki labels first samples its first 256 labels and takes the plain one-increment-per-label loop unless fewer
 * than a quarter of them start a segment. The loops give identical counts; only their speed differs.
 *
 * <p>Blocks whose sampled labels are all 0 or 1 (binary tasks: masks, classifier outputs) take a kernel without
 * stores: for bytes, eight pairs at a time by three popcounts (scalar) or a vector at a time by three mask
 * popcounts (Vector API); for 16-bit and int labels, with the Vector API, lane-wise sums (scalar: the plain loop,
 * which a pair-by-pair register version did not beat). Any other value in such a block is counted by the table as
 * usual.
 *
 * <p>Where the Vector API is present (and {@code -Djaccard4j.simd=false} is not set) the kernels of
 * {@code VectorConfusionKernels} are used instead: vector boundary flags for bytes; for 16-bit and int labels, in
 * blocks where runs of one correct label dominate, a vector of labels counted in rounds of one (truth, prediction)
 * pair each, a few stores for a whole vector (scalar: the plain loop). {@link #runKernels()} names the implementation
 * in use.
 *
 * <p>Parallel counting splits the input into contiguous chunks, one per worker, each with its own table; the tables
 * are added in chunk order (integer sums: the result does not depend on the number of threads).
 */
final class ConfusionKernels {
    static final int CELLS = 256 * 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /** Multiplied by a word of 0x80/0x00 bytes, gathers their high bits into the top byte (byte k to bit 56 + k). */
    private static final long GATHER_HIGH_BITS = 0x0002040810204081L;
    private static final int BLOCK = 1 << 16;
    private static final int SAMPLE_WORDS = 32;
    /** Chunks smaller than this are not worth a thread. */
    static final int MIN_PARALLEL_CHUNK = 1 << 20;

    private ConfusionKernels() {
    }

    /**
     * Counting for blocks of runs (bytes: few segment boundaries; 16-bit and int labels: runs of one correct label
     * dominate) and for blocks of 0/1 labels; the scalar form or the Vector API one (same counts).
     */
    interface RunKernels {
        String name();

        void bytes(byte[] t, int to, byte[] p, int po, int length, int[] cells);

        int shorts(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells, WidePairs wide);

        int ints(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide);

        /** Blocks of (mostly) 0/1 labels, counted like {@link #countBytesPlain} / the plain 16-bit and int loops. */
        void bytesBinary(byte[] t, int to, byte[] p, int po, int length, int[] cells);

        int shortsBinary(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
                WidePairs wide);

        int intsBinary(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide);
    }

    /** The run kernels in use. */
    static RunKernels runKernels() {
        return RUNS;
    }

    /** The scalar run kernels: byte segments from eight-byte words; 16-bit and int labels one by one. */
    static final RunKernels SCALAR = new RunKernels() {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public void bytes(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
            countBytesSegments(t, to, p, po, length, cells, SWAR_BOUNDARIES);
        }

        @Override
        public int shorts(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
                WidePairs wide) {
            return countShortsPlain(t, to, p, po, length, unsigned ? 0xFFFF : -1, cells, wide);
        }

        @Override
        public int ints(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide) {
            return countIntsPlain(t, to, p, po, length, cells, wide);
        }

        @Override
        public void bytesBinary(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
            countBytesBinary(t, to, p, po, length, cells);
        }

        @Override
        public int shortsBinary(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
                WidePairs wide) {
            return countShortsPlain(t, to, p, po, length, unsigned ? 0xFFFF : -1, cells, wide);
        }

        @Override
        public int intsBinary(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide) {
            return countIntsPlain(t, to, p, po, length, cells, wide);
        }
    };

    // after SCALAR: static fields are initialised in order
    private static final RunKernels RUNS = selectRunKernels();

    private static RunKernels selectRunKernels() {
        if (!Boolean.parseBoolean(System.getProperty("jaccard4j.simd", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return SCALAR;
        }
        try {
            return (RunKernels) Class.forName("io.jaccard4j.metrics.VectorConfusionKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return SCALAR;
        }
    }

    /** Adds the pairs (truth[to + i], prediction[po + i]), i &lt; length, as unsigned bytes into {@code cells}. */
    static void countBytes(byte[] truth, int to, byte[] prediction, int po, int length, int[] cells) {
        int i = 0;
        while (i < length) {
            int end = (int) Math.min((long) i + BLOCK, length);
            if (end - i <= 8 * SAMPLE_WORDS) {
                countBytesPlain(truth, to + i, prediction, po + i, end - i, cells);
            } else if (binarySample(truth, to + i, prediction, po + i)) {
                RUNS.bytesBinary(truth, to + i, prediction, po + i, end - i, cells);
            } else if (fewBoundaries(truth, to + i, prediction, po + i)) {
                RUNS.bytes(truth, to + i, prediction, po + i, end - i, cells);
            } else {
                countBytesPlain(truth, to + i, prediction, po + i, end - i, cells);
            }
            i = end;
        }
    }

    /** Whether the first sampled labels of both arrays are all 0 or 1. */
    private static boolean binarySample(byte[] t, int to, byte[] p, int po) {
        long any = 0;
        for (int w = 0; w < SAMPLE_WORDS; w++) {
            any |= (long) LONGS.get(t, to + 8 * w) | (long) LONGS.get(p, po + 8 * w);
        }
        return (any & ~ONES) == 0;
    }

    /**
     * Counting for labels that are (mostly) 0 or 1: a word of eight byte pairs all in {0, 1} is counted with three
     * popcounts (each label is bit 0 of its byte: |t = 1|, |p = 1|, |t = 1 and p = 1|) into registers, so such
     * data costs no stores whatever its pattern; a word holding another value is counted pair by pair.
     */
    static void countBytesBinary(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
        long both = 0;
        long truthOnes = 0;
        long predictionOnes = 0;
        long binary = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long a = (long) LONGS.get(t, to + i);
            long b = (long) LONGS.get(p, po + i);
            if (((a | b) & ~ONES) != 0) {
                countBytesPlain(t, to + i, p, po + i, 8, cells);
                continue;
            }
            both += Long.bitCount(a & b);
            truthOnes += Long.bitCount(a);
            predictionOnes += Long.bitCount(b);
            binary += 8;
        }
        addBinary(cells, binary, truthOnes, predictionOnes, both);
        countBytesPlain(t, to + i, p, po + i, length - i, cells);
    }

    /** Adds the four cells of {@code n} binary pairs with the given numbers of ones into the table. */
    static void addBinary(int[] cells, long n, long truthOnes, long predictionOnes, long both) {
        cells[(1 << 8) | 1] += (int) both;
        cells[1 << 8] += (int) (truthOnes - both);
        cells[1] += (int) (predictionOnes - both);
        cells[0] += (int) (n - truthOnes - predictionOnes + both);
    }

    /**
     * Whether fewer than one in four of the first sampled byte pairs starts a new segment (differs from the pair
     * before it): the segment kernel then beats one increment per label.
     */
    private static boolean fewBoundaries(byte[] t, int to, byte[] p, int po) {
        int boundaries = 0;
        for (int w = 0; w < SAMPLE_WORDS; w++) {
            boundaries += Long.bitCount(wordBoundaries(t, to + 1 + 8 * w, p, po + 1 + 8 * w));
        }
        return boundaries * 4 < 8 * SAMPLE_WORDS;
    }

    static void countBytesPlain(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
        for (int i = 0; i < length; i++) {
            cells[((t[to + i] & 0xFF) << 8) | (p[po + i] & 0xFF)]++;
        }
    }

    /**
     * The boundary flags of 64 byte pairs: bit k is set when pair {@code ti + k} differs from pair {@code ti + k - 1}
     * in its truth or its prediction ({@code ti ≥ 1}, {@code pi ≥ 1}; reads ti − 1 … ti + 63).
     */
    interface BoundaryBits {
        long bits(byte[] t, int ti, byte[] p, int pi);
    }

    /**
     * {@link BoundaryBits} from eight-byte words: a byte is nonzero where the word and its one-byte shift differ.
     * Written out word by word: a loop over the eight words ran at half this speed.
     */
    static final BoundaryBits SWAR_BOUNDARIES = (t, ti, p, pi) -> wordBoundaries(t, ti, p, pi)
            | wordBoundaries(t, ti + 8, p, pi + 8) << 8 | wordBoundaries(t, ti + 16, p, pi + 16) << 16
            | wordBoundaries(t, ti + 24, p, pi + 24) << 24 | wordBoundaries(t, ti + 32, p, pi + 32) << 32
            | wordBoundaries(t, ti + 40, p, pi + 40) << 40 | wordBoundaries(t, ti + 48, p, pi + 48) << 48
            | wordBoundaries(t, ti + 56, p, pi + 56) << 56;

    /** The boundary flags of the byte pairs ti … ti + 7 (bit k: pair ti + k differs from pair ti + k − 1). */
    private static long wordBoundaries(byte[] t, int ti, byte[] p, int pi) {
        long x = ((long) LONGS.get(t, ti) ^ (long) LONGS.get(t, ti - 1))
                | ((long) LONGS.get(p, pi) ^ (long) LONGS.get(p, pi - 1));
        return (((((x & LOW7) + LOW7) | x) & ~LOW7) * GATHER_HIGH_BITS) >>> 56;
    }

    /**
     * Counting by segments: the labels are cut where the (truth, prediction) pair changes, and each segment adds its
     * length to its pair's cell in one store, so a block costs a few operations per boundary rather than one
     * increment per label. {@code bits} finds the boundaries of 64 labels at a time; each group then makes four
     * cuts whatever its data (a loop of constant trip count, no data-dependent branch: a cut at the group's end,
     * where no boundary is left, adds to the current segment and changes nothing) and loops over the boundaries
     * beyond the fourth only. Zero, one and two such fixed cuts per 32 labels ran at 1.1, 1.6 and 2.0 G labels/s
     * here: the data-dependent loop's mispredictions dominate otherwise. A cut may fall anywhere a segment
     * continues: it only splits that segment.
     */
    static void countBytesSegments(byte[] t, int to, byte[] p, int po, int length, int[] cells, BoundaryBits bits) {
        if (length <= 64) {
            countBytesPlain(t, to, p, po, length, cells);
            return;
        }
        int cur = ((t[to] & 0xFF) << 8) | (p[po] & 0xFF);
        int start = 0;
        int j = 1;
        int pos;
        for (; j + 64 < length; j += 64) {
            long m = bits.bits(t, to + j, p, po + j);
            // four cuts; with no boundary left, numberOfTrailingZeros(0) = 64 cuts at j + 64 (< length)
            for (int k = 0; k < 4; k++) {
                pos = j + Long.numberOfTrailingZeros(m);
                cells[cur] += pos - start;
                start = pos;
                cur = ((t[to + pos] & 0xFF) << 8) | (p[po + pos] & 0xFF);
                m &= m - 1;
            }
            while (m != 0) {
                pos = j + Long.numberOfTrailingZeros(m);
                cells[cur] += pos - start;
                start = pos;
                cur = ((t[to + pos] & 0xFF) << 8) | (p[po + pos] & 0xFF);
                m &= m - 1;
            }
        }
        cells[cur] += j - start;
        countBytesPlain(t, to + j, p, po + j, length - j, cells);
    }

    /**
     * Adds pairs of 16-bit labels ({@code unsigned}: read as 0..65535, else as signed) whose values are both in
     * 0..255 into {@code cells}; every other pair is passed to {@code wide}, in order. Returns the number of such
     * pairs. Blocks where runs dominate go to the run kernels.
     */
    static int countShorts(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
            WidePairs wide) {
        int others = 0;
        int i = 0;
        while (i < length) {
            int end = (int) Math.min((long) i + BLOCK, length);
            final int base = i;
            WidePairs shifted = (j, a, b) -> wide.accept(base + j, a, b);
            boolean sampled = end - i >= 8 * SAMPLE_WORDS;
            if (sampled && binarySample(t, to + i, p, po + i)) {
                others += RUNS.shortsBinary(t, to + i, p, po + i, end - i, unsigned, cells, shifted);
            } else if (sampled && runsDominate(t, to + i, p, po + i)) {
                others += RUNS.shorts(t, to + i, p, po + i, end - i, unsigned, cells, shifted);
            } else {
                others += countShortsPlain(t, to + i, p, po + i, end - i, unsigned ? 0xFFFF : -1, cells, shifted);
            }
            i = end;
        }
        return others;
    }

    /** As {@link #countShorts} for int labels. */
    static int countInts(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide) {
        int others = 0;
        int i = 0;
        while (i < length) {
            int end = (int) Math.min((long) i + BLOCK, length);
            final int base = i;
            WidePairs shifted = (j, a, b) -> wide.accept(base + j, a, b);
            boolean sampled = end - i >= 8 * SAMPLE_WORDS;
            if (sampled && binarySample(t, to + i, p, po + i)) {
                others += RUNS.intsBinary(t, to + i, p, po + i, end - i, cells, shifted);
            } else if (sampled && runsDominate(t, to + i, p, po + i)) {
                others += RUNS.ints(t, to + i, p, po + i, end - i, cells, shifted);
            } else {
                others += countIntsPlain(t, to + i, p, po + i, end - i, cells, shifted);
            }
            i = end;
        }
        return others;
    }

    /** Whether at least a quarter of the first groups of eight 16-bit pairs are runs of one correct label. */
    private static boolean runsDominate(short[] t, int to, short[] p, int po) {
        int runs = 0;
        for (int w = 0; w < SAMPLE_WORDS; w++) {
            int at = 8 * w;
            short v = t[to + at];
            boolean run = true;
            for (int k = 0; k < 8; k++) {
                run &= t[to + at + k] == v & p[po + at + k] == v;
            }
            runs += run ? 1 : 0;
        }
        return runs * 4 >= SAMPLE_WORDS;
    }

    /** As {@link #runsDominate(short[], int, short[], int)} for int labels. */
    private static boolean runsDominate(int[] t, int to, int[] p, int po) {
        int runs = 0;
        for (int w = 0; w < SAMPLE_WORDS; w++) {
            int at = 8 * w;
            int v = t[to + at];
            boolean run = true;
            for (int k = 0; k < 8; k++) {
                run &= t[to + at + k] == v & p[po + at + k] == v;
            }
            runs += run ? 1 : 0;
        }
        return runs * 4 >= SAMPLE_WORDS;
    }

    /** Whether the first sampled 16-bit labels of both arrays are all 0 or 1. */
    private static boolean binarySample(short[] t, int to, short[] p, int po) {
        int any = 0;
        for (int k = 0; k < 8 * SAMPLE_WORDS; k++) {
            any |= t[to + k] | p[po + k];
        }
        return (any & ~1) == 0;
    }

    /** Whether the first sampled int labels of both arrays are all 0 or 1. */
    private static boolean binarySample(int[] t, int to, int[] p, int po) {
        int any = 0;
        for (int k = 0; k < 8 * SAMPLE_WORDS; k++) {
            any |= t[to + k] | p[po + k];
        }
        return (any & ~1) == 0;
    }

    /** One increment per 16-bit pair ({@code mask} 0xFFFF: unsigned, −1: signed); wide pairs to {@code wide}. */
    static int countShortsPlain(short[] t, int to, short[] p, int po, int length, int mask, int[] cells,
            WidePairs wide) {
        int others = 0;
        for (int i = 0; i < length; i++) {
            int a = t[to + i] & mask;
            int b = p[po + i] & mask;
            if (((a | b) & ~0xFF) == 0) {
                cells[(a << 8) | b]++;
            } else {
                wide.accept(i, a, b);
                others++;
            }
        }
        return others;
    }

    /** One increment per int pair; wide pairs to {@code wide}. */
    static int countIntsPlain(int[] t, int to, int[] p, int po, int length, int[] cells, WidePairs wide) {
        int others = 0;
        for (int i = 0; i < length; i++) {
            int a = t[to + i];
            int b = p[po + i];
            if (((a | b) & ~0xFF) == 0) {
                cells[(a << 8) | b]++;
            } else {
                wide.accept(i, a, b);
                others++;
            }
        }
        return others;
    }

    /** Receives a pair with a label outside 0..255 (index relative to the start of the call). */
    interface WidePairs {
        void accept(int index, int truth, int prediction);
    }

    /** Counts one chunk [from, from + length) into a fresh table. */
    interface ChunkCounter {
        int[] count(int from, int length);
    }

    /**
     * Runs {@code counter} over [0, length) in at most {@code threads} contiguous chunks (each at least
     * {@link #MIN_PARALLEL_CHUNK} long) and returns the tables in chunk order.
     */
    static List<int[]> countInChunks(int length, int threads, ChunkCounter counter) {
        int[][] tables = new int[ChunkedWork.rangeChunks(length, threads, MIN_PARALLEL_CHUNK)][];
        ChunkedWork.forEachRange(length, threads, MIN_PARALLEL_CHUNK,
                (k, from, to) -> tables[k] = counter.count(from, to - from));
        return List.of(tables);
    }
}
