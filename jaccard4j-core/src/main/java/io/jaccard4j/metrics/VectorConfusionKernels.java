package io.jaccard4j.metrics;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Run-aware confusion counting with the Vector API ({@code jdk.incubator.vector}); loaded by
 * {@link ConfusionKernels} only when that module is present. Not referenced by name anywhere else, so the rest
 * of the library runs without the module.
 *
 * <p>Byte labels are counted by segments ({@link ConfusionKernels#countBytesSegments}), with the boundary flags of
 * 32 pairs computed by one 256-bit vector each.
 *
 * <p>16-bit and int labels: a block of L labels (one vector of truth, one of prediction) is counted in rounds: each
 * round compares both vectors against one (truth, prediction) pair and adds the number of matching lanes to that
 * pair's cell in one store. A block of segmentation labels holds one to three distinct pairs, so L labels cost a
 * few compares and stores instead of L increments. The first two rounds take the pairs of the first and the last
 * lane, known before any compare, and run without a branch (the second counts only lanes the first did not take, so
 * it adds 0 when both ends hold the same pair); further rounds loop over the pair of the first lane not yet
 * counted, each pair new, so its lanes are all uncounted. Counts equal the scalar kernels' exactly; the caller
 * chooses this path only for blocks where runs dominate.
 *
 * <p>For 16-bit and int labels a block with a value outside 0..255 is handed to the scalar kernel, which reports
 * such pairs in order.
 *
 * <p>The binary kernels count vectors of 0/1 labels without stores: for bytes three mask popcounts a vector, for
 * 16-bit and int labels lane-wise sums of t, p and t AND p; a vector holding another value is counted pair by
 * pair.
 */
final class VectorConfusionKernels implements ConfusionKernels.RunKernels {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.length() >= 32
            ? ByteVector.SPECIES_256 : ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector (" + BYTES.vectorBitSize() + "-bit bytes, " + SHORTS.vectorBitSize() + "-bit shorts and ints)";
    }

    @Override
    public void bytes(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
        ConfusionKernels.countBytesSegments(t, to, p, po, length, cells, BOUNDARIES);
    }

    /** Boundary flags a 256-bit vector at a time where the hardware has such vectors, else from words. */
    private static final ConfusionKernels.BoundaryBits BOUNDARIES = BYTES.length() == 32
            ? (t, ti, p, pi) -> (boundaries32(t, ti, p, pi) & 0xFFFFFFFFL)
                    | (long) boundaries32(t, ti + 32, p, pi + 32) << 32
            : ConfusionKernels.SWAR_BOUNDARIES;

    /** The boundary flags in use (for tests). */
    static ConfusionKernels.BoundaryBits boundaryBits() {
        return BOUNDARIES;
    }

    /** Bit k: byte k of {1, 2, 4, …, 128} repeated (the flag's bit within its group of eight lanes). */
    private static final ByteVector LANE_BITS;

    static {
        byte[] bits = new byte[BYTES.length()];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = (byte) (1 << (k & 7));
        }
        LANE_BITS = ByteVector.fromArray(BYTES, bits, 0);
    }

    /**
     * The boundary flags of the 32 byte pairs at ti … ti + 31 (256-bit vectors only): a lane of (t XOR t shifted
     * by one) OR (p XOR p shifted by one) is nonzero at a boundary; its sign after OR with its negation, ANDed with
     * the lane's bit, is folded within each long by shifts, and the low bytes of the four longs are put together.
     * (Extracting the four lanes keeps the method small enough for C2 to intrinsify every operation when both
     * halves of a 64-label group are inlined into the counting loop; a byte rearrange plus an int reinterpretation
     * made JDK 17 fall back to boxed vectors there, three times slower.)
     */
    private static int boundaries32(byte[] t, int ti, byte[] p, int pi) {
        ByteVector dt = ByteVector.fromArray(BYTES, t, ti)
                .lanewise(VectorOperators.XOR, ByteVector.fromArray(BYTES, t, ti - 1));
        ByteVector dp = ByteVector.fromArray(BYTES, p, pi)
                .lanewise(VectorOperators.XOR, ByteVector.fromArray(BYTES, p, pi - 1));
        ByteVector x = dt.or(dp);
        LongVector f = x.or(x.neg()).lanewise(VectorOperators.ASHR, 7).and(LANE_BITS).reinterpretAsLongs();
        f = f.or(f.lanewise(VectorOperators.LSHR, 32));
        f = f.or(f.lanewise(VectorOperators.LSHR, 16));
        f = f.or(f.lanewise(VectorOperators.LSHR, 8));
        return (int) ((f.lane(0) & 0xFF) | (f.lane(1) & 0xFF) << 8 | (f.lane(2) & 0xFF) << 16 | (f.lane(3) & 0xFF) << 24);
    }

    @Override
    public int shorts(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
            ConfusionKernels.WidePairs wide) {
        final int lanes = SHORTS.length();
        final int m16 = unsigned ? 0xFFFF : -1;
        int others = 0;
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            ShortVector a = ShortVector.fromArray(SHORTS, t, to + i);
            ShortVector b = ShortVector.fromArray(SHORTS, p, po + i);
            if (a.or(b).and((short) 0xFF00).compare(jdk.incubator.vector.VectorOperators.NE, (short) 0).anyTrue()) {
                final int base = i;
                others += ConfusionKernels.countShortsPlain(t, to + i, p, po + i, lanes, m16, cells,
                        (j, x, y) -> wide.accept(base + j, x, y));
                continue;
            }
            short ta = t[to + i];
            short pb = p[po + i];
            short ta2 = t[to + i + lanes - 1];
            short pb2 = p[po + i + lanes - 1];
            VectorMask<Short> m = a.eq(ta).and(b.eq(pb));
            VectorMask<Short> m2 = a.eq(ta2).and(b.eq(pb2)).andNot(m);
            cells[(ta << 8) | pb] += m.trueCount();
            cells[(ta2 << 8) | pb2] += m2.trueCount();
            VectorMask<Short> rest = m.or(m2).not();
            while (rest.anyTrue()) {
                int k = rest.firstTrue();
                short ta3 = t[to + i + k];
                short pb3 = p[po + i + k];
                VectorMask<Short> m3 = a.eq(ta3).and(b.eq(pb3));
                cells[(ta3 << 8) | pb3] += m3.trueCount();
                rest = rest.andNot(m3);
            }
        }
        final int base = i;
        return others + ConfusionKernels.countShortsPlain(t, to + i, p, po + i, length - i, m16, cells,
                (j, x, y) -> wide.accept(base + j, x, y));
    }

    @Override
    public int ints(int[] t, int to, int[] p, int po, int length, int[] cells, ConfusionKernels.WidePairs wide) {
        final int lanes = INTS.length();
        int others = 0;
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            IntVector a = IntVector.fromArray(INTS, t, to + i);
            IntVector b = IntVector.fromArray(INTS, p, po + i);
            if (a.or(b).and(~0xFF).compare(jdk.incubator.vector.VectorOperators.NE, 0).anyTrue()) {
                final int base = i;
                others += ConfusionKernels.countIntsPlain(t, to + i, p, po + i, lanes, cells,
                        (j, x, y) -> wide.accept(base + j, x, y));
                continue;
            }
            int ta = t[to + i];
            int pb = p[po + i];
            int ta2 = t[to + i + lanes - 1];
            int pb2 = p[po + i + lanes - 1];
            VectorMask<Integer> m = a.eq(ta).and(b.eq(pb));
            VectorMask<Integer> m2 = a.eq(ta2).and(b.eq(pb2)).andNot(m);
            cells[(ta << 8) | pb] += m.trueCount();
            cells[(ta2 << 8) | pb2] += m2.trueCount();
            VectorMask<Integer> rest = m.or(m2).not();
            while (rest.anyTrue()) {
                int k = rest.firstTrue();
                int ta3 = t[to + i + k];
                int pb3 = p[po + i + k];
                VectorMask<Integer> m3 = a.eq(ta3).and(b.eq(pb3));
                cells[(ta3 << 8) | pb3] += m3.trueCount();
                rest = rest.andNot(m3);
            }
        }
        final int base = i;
        return others + ConfusionKernels.countIntsPlain(t, to + i, p, po + i, length - i, cells,
                (j, x, y) -> wide.accept(base + j, x, y));
    }

    @Override
    public void bytesBinary(byte[] t, int to, byte[] p, int po, int length, int[] cells) {
        final int lanes = BYTES.length();
        long both = 0;
        long truthOnes = 0;
        long predictionOnes = 0;
        long binary = 0;
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            ByteVector a = ByteVector.fromArray(BYTES, t, to + i);
            ByteVector b = ByteVector.fromArray(BYTES, p, po + i);
            if (a.or(b).and((byte) ~1).compare(VectorOperators.NE, (byte) 0).anyTrue()) {
                ConfusionKernels.countBytesPlain(t, to + i, p, po + i, lanes, cells);
                continue;
            }
            VectorMask<Byte> mt = a.compare(VectorOperators.NE, (byte) 0);
            VectorMask<Byte> mp = b.compare(VectorOperators.NE, (byte) 0);
            both += mt.and(mp).trueCount();
            truthOnes += mt.trueCount();
            predictionOnes += mp.trueCount();
            binary += lanes;
        }
        ConfusionKernels.addBinary(cells, binary, truthOnes, predictionOnes, both);
        ConfusionKernels.countBytesPlain(t, to + i, p, po + i, length - i, cells);
    }

    @Override
    public int shortsBinary(short[] t, int to, short[] p, int po, int length, boolean unsigned, int[] cells,
            ConfusionKernels.WidePairs wide) {
        final int lanes = SHORTS.length();
        final int m16 = unsigned ? 0xFFFF : -1;
        ShortVector accBoth = ShortVector.zero(SHORTS);
        ShortVector accTruth = ShortVector.zero(SHORTS);
        ShortVector accPrediction = ShortVector.zero(SHORTS);
        long both = 0;
        long truthOnes = 0;
        long predictionOnes = 0;
        long binary = 0;
        int others = 0;
        int pending = 0;
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            ShortVector a = ShortVector.fromArray(SHORTS, t, to + i);
            ShortVector b = ShortVector.fromArray(SHORTS, p, po + i);
            if (a.or(b).and((short) ~1).compare(VectorOperators.NE, (short) 0).anyTrue()) {
                final int base = i;
                others += ConfusionKernels.countShortsPlain(t, to + i, p, po + i, lanes, m16, cells,
                        (j, x, y) -> wide.accept(base + j, x, y));
                continue;
            }
            accBoth = accBoth.add(a.and(b));
            accTruth = accTruth.add(a);
            accPrediction = accPrediction.add(b);
            binary += lanes;
            if (++pending == Short.MAX_VALUE) { // lanes count to at most 32767 before they are added up
                both += sumLanes(accBoth);
                truthOnes += sumLanes(accTruth);
                predictionOnes += sumLanes(accPrediction);
                accBoth = ShortVector.zero(SHORTS);
                accTruth = ShortVector.zero(SHORTS);
                accPrediction = ShortVector.zero(SHORTS);
                pending = 0;
            }
        }
        both += sumLanes(accBoth);
        truthOnes += sumLanes(accTruth);
        predictionOnes += sumLanes(accPrediction);
        ConfusionKernels.addBinary(cells, binary, truthOnes, predictionOnes, both);
        final int base = i;
        return others + ConfusionKernels.countShortsPlain(t, to + i, p, po + i, length - i, m16, cells,
                (j, x, y) -> wide.accept(base + j, x, y));
    }

    /** The sum of a short vector's lanes, widened to int lanes first (two int vectors of the same bit size). */
    private static long sumLanes(ShortVector v) {
        return ((IntVector) v.convertShape(VectorOperators.S2I, INTS, 0)).reduceLanes(VectorOperators.ADD)
                + ((IntVector) v.convertShape(VectorOperators.S2I, INTS, 1)).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public int intsBinary(int[] t, int to, int[] p, int po, int length, int[] cells,
            ConfusionKernels.WidePairs wide) {
        final int lanes = INTS.length();
        IntVector accBoth = IntVector.zero(INTS);
        IntVector accTruth = IntVector.zero(INTS);
        IntVector accPrediction = IntVector.zero(INTS);
        long binary = 0;
        int others = 0;
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            IntVector a = IntVector.fromArray(INTS, t, to + i);
            IntVector b = IntVector.fromArray(INTS, p, po + i);
            if (a.or(b).and(~1).compare(VectorOperators.NE, 0).anyTrue()) {
                final int base = i;
                others += ConfusionKernels.countIntsPlain(t, to + i, p, po + i, lanes, cells,
                        (j, x, y) -> wide.accept(base + j, x, y));
                continue;
            }
            accBoth = accBoth.add(a.and(b));
            accTruth = accTruth.add(a);
            accPrediction = accPrediction.add(b);
            binary += lanes;
        }
        // a lane counts at most length / lanes ones: no int overflow
        ConfusionKernels.addBinary(cells, binary, accTruth.reduceLanesToLong(VectorOperators.ADD),
                accPrediction.reduceLanesToLong(VectorOperators.ADD), accBoth.reduceLanesToLong(VectorOperators.ADD));
        final int base = i;
        return others + ConfusionKernels.countIntsPlain(t, to + i, p, po + i, length - i, cells,
                (j, x, y) -> wide.accept(base + j, x, y));
    }
}
