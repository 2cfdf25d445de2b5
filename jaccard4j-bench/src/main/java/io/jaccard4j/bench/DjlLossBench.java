package io.jaccard4j.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DJL losses on the PyTorch engine (CPU), forward + backward through a GradientCollector on the same
 * N×C×H×W logits: {@code OverlapLoss.jaccard()} (JML) on hard and soft labels, and DJL's
 * {@code SoftmaxCrossEntropyLoss} (class axis 1, sparse labels) as the baseline. {@code torchThreads} is the
 * engine's intra-op thread count (JniUtils.setNumThreads, i.e. torch.set_num_threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g", "-Dai.djl.offline=true"})
public class DjlLossBench {
    @Param({"8x21x256x256"})
    public String shape;

    @Param({"1", "2"})
    public int torchThreads;

    DjlRunner runner;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = BenchData.parseShape(shape);
        int[] labels = BenchData.hardLabels(2, s);
        DjlRunner.initEngine();
        DjlRunner.setThreads(torchThreads);
        runner = new DjlRunner(BenchData.logits(1, s), labels, BenchData.softLabels(3, labels, s), s);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public float jmlHard() {
        return runner.step(DjlRunner.JML, false);
    }

    @Benchmark
    public float jmlSoft() {
        return runner.step(DjlRunner.JML, true);
    }

    @Benchmark
    public float softmaxCrossEntropy() {
        return runner.step(DjlRunner.CE_HARD, false);
    }
}
