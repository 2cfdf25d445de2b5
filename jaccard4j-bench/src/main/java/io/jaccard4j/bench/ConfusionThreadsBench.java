package io.jaccard4j.bench;

import io.jaccard4j.metrics.MulticlassConfusion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The uint8 confusion kernel under two concurrent callers (as when threads each score their share of a
 * dataset and merge): each of the 2 threads runs {@code update(byte[], byte[])} over the shared arrays into its
 * own state. Aggregate labels/s = 2 · labels / (ms/op · 1e-3); compare with {@link ConfusionBench#bytes} at
 * C = 21 for the scaling. Run at other thread counts with {@code -t N}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Threads(2)
public class ConfusionThreadsBench {
    @Param({"mask", "uniform"})
    public String kind;

    @Param({"21"})
    public int classes;

    @Param({"16777216"})
    public int labels;

    /** true: the Vector API run kernels (the fork adds the module); false: the scalar ones. */
    @Param({"true", "false"})
    public boolean simd;

    byte[] truth;
    byte[] prediction;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.selectCountingKernels(simd);
        byte[][] d = BenchData.labels(BenchData.Kind.parse(kind), 42, labels, classes);
        truth = d[0];
        prediction = d[1];
    }

    @Benchmark
    public MulticlassConfusion bytes() {
        return MulticlassConfusion.of(classes).update(truth, prediction);
    }

    /** One caller, the library's own split over 2 threads ({@code update(byte[], byte[], 2)}); run with {@code -t 1}. */
    @Benchmark
    @Threads(1)
    public MulticlassConfusion bytesSplitOverTwoThreads() {
        return MulticlassConfusion.of(classes).update(truth, prediction, 2);
    }
}
