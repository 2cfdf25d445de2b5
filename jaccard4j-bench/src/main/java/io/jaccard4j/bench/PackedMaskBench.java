package io.jaccard4j.bench;

import io.jaccard4j.segmentation.PackedMask;
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
 * Bit-packed binary masks: {@code PackedMask.pack(byte[])} (8 bytes a step, branch-free) and
 * {@code truth.confusion(prediction)} (tp / fp / fn by popcount over pixels/64 words). The masks are the
 * foreground (label ≠ 0) of {@link BenchData#maskPair} with C = 2. pixels/s = pixels / (ms/op · 1e-3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PackedMaskBench {
    @Param({"67108864"})
    public int pixels;

    byte[] truthBytes;
    PackedMask truth;
    PackedMask prediction;

    @Setup(Level.Trial)
    public void setUp() {
        byte[][] d = BenchData.maskPair(7, pixels, 2, 0.95);
        truthBytes = d[0];
        truth = PackedMask.pack(d[0]);
        prediction = PackedMask.pack(d[1]);
    }

    @Benchmark
    public PackedMask pack() {
        return PackedMask.pack(truthBytes);
    }

    @Benchmark
    public long[] confusion() {
        return truth.confusion(prediction);
    }
}
