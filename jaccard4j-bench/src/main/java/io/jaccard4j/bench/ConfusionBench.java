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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Multiclass confusion accumulation, {@code MulticlassConfusion.of(C).update(truth, prediction)}, one call a
 * fresh state over {@code labels} pairs, for uint8 masks ({@code byte[]}), 16-bit ({@code short[]}) and dense
 * {@code int[]} indices, with the Vector API run kernels ({@code simd=true}) or the scalar ones. Time is per
 * call: labels/s = labels / (ms/op · 1e-3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class ConfusionBench {
    /** uniform: independent uniform labels; mask: runs of equal labels, ~95% right predictions. */
    @Param({"mask", "uniform"})
    public String kind;

    @Param({"21", "2", "256"})
    public int classes;

    @Param({"16777216"})
    public int labels;

    /** true: the Vector API run kernels (the fork adds the module); false: the scalar ones. */
    @Param({"true", "false"})
    public boolean simd;

    byte[] truth;
    byte[] prediction;
    int[] truthInts;
    int[] predictionInts;
    short[] truthShorts;
    short[] predictionShorts;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.selectCountingKernels(simd);
        byte[][] d = BenchData.labels(BenchData.Kind.parse(kind), 42, labels, classes);
        truth = d[0];
        prediction = d[1];
        truthInts = BenchData.toInts(truth);
        predictionInts = BenchData.toInts(prediction);
        truthShorts = new short[labels];
        predictionShorts = new short[labels];
        for (int i = 0; i < labels; i++) {
            truthShorts[i] = (short) truthInts[i];
            predictionShorts[i] = (short) predictionInts[i];
        }
    }

    @Benchmark
    public MulticlassConfusion bytes() {
        return MulticlassConfusion.of(classes).update(truth, prediction);
    }

    /** uint16 labels (numpy {@code uint16} masks). */
    @Benchmark
    public MulticlassConfusion shorts() {
        return MulticlassConfusion.of(classes).update(truthShorts, predictionShorts, true, 1);
    }

    @Benchmark
    public MulticlassConfusion ints() {
        return MulticlassConfusion.of(classes).update(truthInts, predictionInts);
    }
}
