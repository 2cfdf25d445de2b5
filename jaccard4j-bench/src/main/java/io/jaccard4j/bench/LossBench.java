package io.jaccard4j.bench;

import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.CrossEntropyLoss;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TverskyLoss;
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
 * Core's losses, forward + backward in one call ({@code compute} returns value and gradient w.r.t. the
 * logits): the Jaccard metric loss ({@code TverskyLoss.jaccard().build()}, defaults: dataset reduction,
 * s = 1e-3, present classes for hard labels, all for soft) on hard and soft labels, and softmax cross-entropy
 * ({@code CrossEntropyLoss.create()}) on hard and soft labels, for softmax logits N×C×H×W.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class LossBench {
    @Param({"8x21x256x256"})
    public String shape;

    /** Threads of the float32 loss kernels ({@code TverskyLoss.Builder.threads}, {@code CrossEntropyLoss.threads}). */
    @Param({"1", "2"})
    public int threads;

    Predictions predictions;
    Targets hard;
    Targets soft;
    TverskyLoss jml;
    CrossEntropyLoss ce;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = BenchData.parseShape(shape);
        float[] z = BenchData.logits(1, s);
        int[] labels = BenchData.hardLabels(2, s);
        predictions = Predictions.logits(z, s, Activation.SOFTMAX);
        hard = Targets.hard(labels, new int[] {s[0], s[2], s[3]});
        soft = Targets.soft(BenchData.softLabels(3, labels, s), s);
        jml = TverskyLoss.jaccard().threads(threads).build();
        ce = CrossEntropyLoss.create().threads(threads);
    }

    @Benchmark
    public LossResult jmlHard() {
        return jml.compute(predictions, hard);
    }

    @Benchmark
    public LossResult jmlSoft() {
        return jml.compute(predictions, soft);
    }

    @Benchmark
    public LossResult crossEntropyHard() {
        return ce.compute(predictions, hard);
    }

    @Benchmark
    public LossResult crossEntropySoft() {
        return ce.compute(predictions, soft);
    }
}
