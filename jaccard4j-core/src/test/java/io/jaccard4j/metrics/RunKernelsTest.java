package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The run kernels in use (the Vector API ones: the tests run with {@code jdk.incubator.vector}) against the scalar
 * ones and the one-increment-per-pair loops, called directly, so every block goes through the kernel whatever the
 * run sampling would choose: mask-like and uniform data, offsets, tails shorter than a vector, and pairs outside
 * 0..255 reported in order with their indices.
 */
class RunKernelsTest {
    @Test
    void theTestJvmUsesTheVectorKernels() {
        assertTrue(ConfusionKernels.runKernels().name().startsWith("vector"), ConfusionKernels.runKernels().name());
    }

    @Test
    void withoutTheVectorApiTheScalarKernelsCount() throws Exception {
        assertEquals("scalar counts-ok", child("-Djaccard4j.simd=false", "--add-modules", "jdk.incubator.vector"));
        assertEquals("scalar counts-ok", child("-Djaccard4j.simd=true"));
    }

    /** Runs {@link ScalarKernelsMain} in a child JVM with the given options and returns its output. */
    private static String child(String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ScalarKernelsMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().filter(l -> !l.startsWith("WARNING")).reduce((a, b) -> b).orElse("").trim();
    }

    private static int[][] data(Random r, int n, int classes, int kind) {
        return kind == 0 ? ConfusionKernelProperties.maskLike(r, n, classes, 0.05, 80)
                : kind == 1 ? ConfusionKernelProperties.maskLike(r, n, classes, 0.3, 9)
                : ConfusionKernelProperties.maskLike(r, n, classes, 1.0, 1);
    }

    @Property(tries = 60)
    void byteKernelsAgree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 256) int classes,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(5000);
        int[][] tp = data(r, n, classes, kind);
        byte[] t = ConfusionKernelProperties.bytes(tp[0]);
        byte[] p = ConfusionKernelProperties.bytes(tp[1]);
        int off = r.nextInt(n);
        int len = r.nextInt(n - off + 1);
        int[] plain = new int[ConfusionKernels.CELLS];
        int[] scalar = new int[ConfusionKernels.CELLS];
        int[] best = new int[ConfusionKernels.CELLS];
        ConfusionKernels.countBytesPlain(t, off, p, off, len, plain);
        ConfusionKernels.SCALAR.bytes(t, off, p, off, len, scalar);
        ConfusionKernels.runKernels().bytes(t, off, p, off, len, best);
        assertArrayEquals(plain, scalar, "scalar runs");
        assertArrayEquals(plain, best, "vector runs");
        assertEquals(len, sum(best));
    }

    /**
     * The boundary flags themselves, not only the counts (a spurious flag would cost time but not change a count):
     * both forms equal the definition, bit k set iff pair ti + k differs from pair ti + k − 1.
     */
    @Property(tries = 60)
    void boundaryFlagsMatchTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int kind) {
        Random r = new Random(seed);
        int n = 66 + r.nextInt(300);
        int[][] tp = data(r, n, 1 + r.nextInt(256), kind);
        byte[] t = ConfusionKernelProperties.bytes(tp[0]);
        byte[] p = ConfusionKernelProperties.bytes(tp[1]);
        if (r.nextBoolean()) { // differences in one array only, and in the high bit
            p = t.clone();
            p[r.nextInt(n)] ^= (byte) 0x80;
        }
        for (int ti = 1; ti + 64 <= n; ti += 1 + r.nextInt(9)) {
            long want = 0;
            for (int k = 0; k < 64; k++) {
                if (t[ti + k] != t[ti + k - 1] || p[ti + k] != p[ti + k - 1]) {
                    want |= 1L << k;
                }
            }
            assertEquals(want, ConfusionKernels.SWAR_BOUNDARIES.bits(t, ti, p, ti), "words at " + ti);
            assertEquals(want, VectorConfusionKernels.boundaryBits().bits(t, ti, p, ti), "vectors at " + ti);
        }
    }

    @Property(tries = 60)
    void shortAndIntKernelsAgreeAndReportWidePairsInOrder(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 256) int classes, @ForAll @IntRange(min = 0, max = 2) int kind,
            @ForAll boolean unsigned) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(5000);
        int[][] tp = data(r, n, classes, kind);
        int[] t = tp[0];
        int[] p = tp[1];
        // a few values outside the table: 300, -1 (65535 unsigned), 256
        sprinkle(r, t, p, r.nextInt(4), () -> switch (r.nextInt(3)) {
            case 0 -> 300;
            case 1 -> -1;
            default -> 256;
        });
        int off = r.nextInt(n);
        int len = r.nextInt(n - off + 1);
        short[] ts = ConfusionKernelProperties.shorts(t);
        short[] ps = ConfusionKernelProperties.shorts(p);
        int mask = unsigned ? 0xFFFF : -1;

        int counted = assertSameCounts("16-bit",
                (c, w) -> ConfusionKernels.countShortsPlain(ts, off, ps, off, len, mask, c, w),
                (c, w) -> ConfusionKernels.runKernels().shorts(ts, off, ps, off, len, unsigned, c, w));
        assertEquals(len, counted);
        assertSameCounts("int", (c, w) -> ConfusionKernels.countIntsPlain(t, off, p, off, len, c, w),
                (c, w) -> ConfusionKernels.runKernels().ints(t, off, p, off, len, c, w));
    }

    @Property(tries = 60)
    void binaryKernelsAgreeWithTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int kind,
            @ForAll @IntRange(min = 0, max = 20) int others) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(5000);
        int[][] tp = data(r, n, 2, kind);
        int[] t = tp[0];
        int[] p = tp[1];
        // labels other than 0 and 1: in the table (2..255) and, for 16-bit and int labels, outside it
        sprinkle(r, t, p, others, () -> r.nextInt(4) == 0 ? 256 + r.nextInt(1000) : 2 + r.nextInt(254));
        int off = r.nextInt(n);
        int len = r.nextInt(n - off + 1);
        byte[] tb = ConfusionKernelProperties.bytes(t);
        byte[] pb = ConfusionKernelProperties.bytes(p);
        int[] plainB = new int[ConfusionKernels.CELLS];
        int[] binB = new int[ConfusionKernels.CELLS];
        ConfusionKernels.countBytesPlain(tb, off, pb, off, len, plainB);
        ConfusionKernels.countBytesBinary(tb, off, pb, off, len, binB);
        assertArrayEquals(plainB, binB, "byte labels");
        int[] vecB = new int[ConfusionKernels.CELLS];
        ConfusionKernels.runKernels().bytesBinary(tb, off, pb, off, len, vecB);
        assertArrayEquals(plainB, vecB, "byte labels, vector");

        short[] ts = ConfusionKernelProperties.shorts(t);
        short[] ps = ConfusionKernelProperties.shorts(p);
        assertSameCounts("16-bit", (c, w) -> ConfusionKernels.countShortsPlain(ts, off, ps, off, len, 0xFFFF, c, w),
                (c, w) -> ConfusionKernels.runKernels().shortsBinary(ts, off, ps, off, len, true, c, w));
        assertSameCounts("int", (c, w) -> ConfusionKernels.countIntsPlain(t, off, p, off, len, c, w),
                (c, w) -> ConfusionKernels.runKernels().intsBinary(t, off, p, off, len, c, w));
    }

    @Test
    void binaryLabelsThroughTheStateMatchTheDefinition() {
        // uniform 0/1 labels (the binary kernels) with a stretch of other classes in the middle block
        Random r = new Random(11);
        int n = 5 << 16;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(2);
            p[i] = r.nextInt(2);
        }
        for (int i = (2 << 16) + 500; i < (2 << 16) + 900; i++) {
            t[i] = 2;
            p[i] = r.nextInt(3);
        }
        long[] want = ConfusionKernelProperties.expected(t, p, 0, n, 3, MulticlassConfusion.NO_IGNORE);
        assertArrayEquals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(3)
                .update(ConfusionKernelProperties.bytes(t), ConfusionKernelProperties.bytes(p), 2)));
        assertArrayEquals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(3)
                .update(ConfusionKernelProperties.shorts(t), ConfusionKernelProperties.shorts(p), true, 2)));
        assertArrayEquals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(3).update(t, p, 2)));
    }

    @Test
    void blockDispatchReportsWideIndicesRelativeToTheCall() {
        // long runs (the run kernels are chosen) with one out-of-range truth in the third 64 Ki block
        int n = 3 << 16;
        int[] t = new int[n];
        int[] p = new int[n];
        java.util.Arrays.fill(t, 5);
        java.util.Arrays.fill(p, 5);
        int at = (2 << 16) + 1234;
        t[at] = 999;
        List<int[]> wide = new ArrayList<>();
        int[] cells = new int[ConfusionKernels.CELLS];
        int others = ConfusionKernels.countInts(t, 0, p, 0, n, cells, (i, a, b) -> wide.add(new int[] {i, a, b}));
        assertEquals(1, others);
        assertArrayEquals(new int[] {at, 999, 5}, wide.get(0));
        assertEquals(n - 1, cells[(5 << 8) | 5]);
        List<int[]> wideShort = new ArrayList<>();
        int[] cellsShort = new int[ConfusionKernels.CELLS];
        ConfusionKernels.countShorts(ConfusionKernelProperties.shorts(t), 0, ConfusionKernelProperties.shorts(p), 0,
                n, true, cellsShort, (i, a, b) -> wideShort.add(new int[] {i, a, b}));
        assertArrayEquals(new int[] {at, 999, 5}, wideShort.get(0));
        assertArrayEquals(cells, cellsShort);
    }

    /** Writes {@code count} values from {@code value} at random places of the truth or the prediction. */
    private static void sprinkle(Random r, int[] t, int[] p, int count, java.util.function.IntSupplier value) {
        for (int k = 0; k < count; k++) {
            int at = r.nextInt(t.length);
            (r.nextBoolean() ? t : p)[at] = value.getAsInt();
        }
    }

    /** A counting call into the given table, wide pairs to the given receiver; returns their number. */
    private interface Counting {
        int count(int[] cells, ConfusionKernels.WidePairs wide);
    }

    /**
     * Asserts that two counting calls fill the same cells and report the same wide pairs in the same order;
     * returns the number of pairs counted (cells plus wide ones).
     */
    private static int assertSameCounts(String what, Counting want, Counting got) {
        int[] wantCells = new int[ConfusionKernels.CELLS];
        List<int[]> wantWide = new ArrayList<>();
        int wantOthers = want.count(wantCells, (i, a, b) -> wantWide.add(new int[] {i, a, b}));
        int[] gotCells = new int[ConfusionKernels.CELLS];
        List<int[]> gotWide = new ArrayList<>();
        int gotOthers = got.count(gotCells, (i, a, b) -> gotWide.add(new int[] {i, a, b}));
        assertArrayEquals(wantCells, gotCells, what + " cells");
        assertEquals(wantOthers, gotOthers, what + " wide pairs");
        assertWideEqual(wantWide, gotWide);
        return (int) sum(gotCells) + gotOthers;
    }

    private static void assertWideEqual(List<int[]> want, List<int[]> got) {
        assertEquals(want.size(), got.size(), "number of wide pairs");
        for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k), got.get(k), "wide pair " + k);
        }
    }

    private static long sum(int[] cells) {
        long s = 0;
        for (int c : cells) {
            s += c;
        }
        return s;
    }
}
