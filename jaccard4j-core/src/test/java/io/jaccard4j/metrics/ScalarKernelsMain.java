package io.jaccard4j.metrics;

import java.util.Random;

/**
 * Run in a child JVM by {@link RunKernelsTest} (with {@code -Djaccard4j.simd=false} or without the Vector API
 * module): prints the run kernels' name and whether every update form counts mask-like labels right.
 */
public final class ScalarKernelsMain {
    private ScalarKernelsMain() {
    }

    public static void main(String[] args) {
        int[][] tp = ConfusionKernelProperties.maskLike(new Random(5), 3 << 20, 21, 0.05, 120);
        long[] want = ConfusionKernelProperties.expected(tp[0], tp[1], 0, tp[0].length, 21,
                MulticlassConfusion.NO_IGNORE);
        boolean ok = java.util.Arrays.equals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(21)
                .update(ConfusionKernelProperties.bytes(tp[0]), ConfusionKernelProperties.bytes(tp[1]), 2)))
                && java.util.Arrays.equals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(21)
                .update(ConfusionKernelProperties.shorts(tp[0]), ConfusionKernelProperties.shorts(tp[1]), true, 2)))
                && java.util.Arrays.equals(want, ConfusionKernelProperties.counts(MulticlassConfusion.of(21)
                .update(tp[0], tp[1], 2)));
        System.out.println(ConfusionKernels.runKernels().name() + " " + (ok ? "counts-ok" : "counts-wrong"));
    }
}
