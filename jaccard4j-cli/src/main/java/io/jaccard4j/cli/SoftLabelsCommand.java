package io.jaccard4j.cli;

import io.jaccard4j.examples.softlabels.SoftLabelDemo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j demo soft-labels}: optimises free logits towards fixed soft targets under JML, the Dice
 * semimetric loss, SJL, soft Dice, CE and KL ({@link SoftLabelDemo}) and prints the final distances
 * (1/P)·Σ|softmax(x) − y|.
 */
@Command(name = "soft-labels", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the soft-label property exactly: optimise free logits (no network) towards fixed soft",
            "targets (smoothed one-hots, teacher-like distributions, a boundary-smoothed mask) with JML, the Dice",
            "semimetric loss, CE, KL, the soft Jaccard loss and the soft Dice loss. Prints the final distance",
            "d = mean per-pixel L1 distance between softmax(x) and the target; writes results.json and report.html.",
            "Deterministic, a few seconds, no network."})
final class SoftLabelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1500",
            description = "Adam steps per loss and target (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--lr", paramLabel = "R", defaultValue = "0.1",
            description = "initial Adam learning rate, decayed linearly to 0 (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "seed of the targets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-soft-labels",
            description = "where results.json and report.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        SoftLabelDemo demo = new SoftLabelDemo(iterations, learningRate, seed);
        List<SoftLabelDemo.Trace> traces = demo.runAndWrite(out);
        PrintWriter o = spec.commandLine().getOut();
        o.print(SoftLabelDemo.table(traces));
        o.println();
        o.println("wrote " + out.resolve("results.json") + " and " + out.resolve("report.html"));
        return 0;
    }
}
