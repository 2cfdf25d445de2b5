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
        for (int k = r.nextInt(4); k > 0; k--) {
            int at = r.nextInt(n);
            int v = switch (r.nextInt(3)) {
                case 0 -> 300;
                case 1 -> -1;
                default -> 256;
            };
            if (r.nextBoolean()) {
                t[at] = v;
            } else {
                p[at] = v;
            }
        }
        int off = r.nextInt(n);
        int len = r.nextInt(n - off + 1);
        short[] ts = ConfusionKernelProperties.shorts(t);
        short[] ps = ConfusionKernelProperties.shorts(p);
        int mask = unsigned ? 0xFFFF : -1;

        int[] plain = new int[ConfusionKernels.CELLS];
        List<int[]> plainWide = new ArrayList<>();
        int plainOthers = ConfusionKernels.countShortsPlain(ts, off, ps, off, len, mask, plain,
                (i, a, b) -> plainWide.add(new int[] {i, a, b}));
        int[] best = new int[ConfusionKernels.CELLS];
        List<int[]> bestWide = new ArrayList<>();
        int bestOthers = ConfusionKernels.runKernels().shorts(ts, off, ps, off, len, unsigned, best,
                (i, a, b) -> bestWide.add(new int[] {i, a, b}));
        assertArrayEquals(plain, best, "16-bit cells");
        assertEquals(plainOthers, bestOthers);
        assertWideEqual(plainWide, bestWide);
        assertEquals(len, sum(best) + bestOthers);

        int[] plainI = new int[ConfusionKernels.CELLS];
        List<int[]> plainIWide = new ArrayList<>();
        int plainIOthers = ConfusionKernels.countIntsPlain(t, off, p, off, len, plainI,
                (i, a, b) -> plainIWide.add(new int[] {i, a, b}));
        int[] bestI = new int[ConfusionKernels.CELLS];
        List<int[]> bestIWide = new ArrayList<>();
        int bestIOthers = ConfusionKernels.runKernels().ints(t, off, p, off, len, bestI,
                (i, a, b) -> bestIWide.add(new int[] {i, a, b}));
        assertArrayEquals(plainI, bestI, "int cells");
        assertEquals(plainIOthers, bestIOthers);
        assertWideEqual(plainIWide, bestIWide);
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
