package io.jaccard4j.cli;

import io.jaccard4j.examples.segmentation.SegmentationDemo;
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
 * {@code jaccard4j demo}: trains and compares CE, SJL, JML and CE+JML, then the soft-label recipes (uniform and
 * boundary label smoothing, distillation, pseudo-labels), over K seeds with 95 % t-intervals and paired differences.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, subcommands = SoftLabelsCommand.class,
        description = {"Train a small U-Net on built-in synthetic scenes with cross-entropy, the soft Jaccard loss,",
            "the Jaccard metric loss and CE+JML; then with soft labels (boundary label smoothing, distillation,",
            "semi-supervised pseudo-labels) compare CE, SJL and JML. Prints the test table and writes",
            "results.json and report.html. Every row is repeated over --seeds K seeds: mean ± 95%% interval per row",
            "and paired differences JML - SJL and JML - CE per recipe. 'demo soft-labels' shows the soft-label",
            "property exactly, without a network."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "a sub-minute smoke run (32x32 images, 16 training images, 2 epochs, 1 seed)")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs a run (default 15; 2 with --quick)")
    Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-out",
            description = "where results.json and report.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "real data in a VOC layout (JPEGImages/, SegmentationClass/ palette PNGs, 255 = ignore)")
    Path data;

    @Option(names = "--size", paramLabel = "S",
            description = "image side after resizing (multiple of 4; 48, 32 with --quick or --task ambiguous)")
    Integer size;

    @Option(names = "--seeds", paramLabel = "K",
            description = "repeat every row over K seeds (S, S+1000, ...) and report mean ± 95%% intervals and paired "
                    + "differences (default 3; 1 with --quick)")
    Integer seeds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "PyTorch intra-op threads; results depend on it (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--label-smoothing", paramLabel = "EPS", defaultValue = "0.1",
            description = "epsilon of the plain label smoothing rows LS + CE/SJL/JML: (1 - EPS) * onehot + EPS / C "
                    + "(default: ${DEFAULT-VALUE})")
    double labelSmoothing;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = SegmentationDemo.TASK_SCENES,
            description = "the generated scenes: 'scenes' (labels a function of the pixels) or 'ambiguous' (object "
                    + "classes drawn from a soft posterior given the hue, for training and test labels; adds the "
                    + "posterior-labels recipe; 32x32 images, 160 training and 64 test images, batch 16) (default: ${DEFAULT-VALUE})")
    String task;

    @Override
    public Integer call() throws IOException {
        boolean ambiguous = SegmentationDemo.TASK_AMBIGUOUS.equals(task);
        SegmentationDemo.Options o = quick ? SegmentationDemo.Options.quick()
                : ambiguous ? SegmentationDemo.Options.ambiguous() : new SegmentationDemo.Options();
        if (epochs != null) {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be >= 1; got " + epochs);
            }
            o.epochs = epochs;
        }
        if (seeds != null) {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be >= 1; got " + seeds);
            }
            o.seeds = seeds;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1; got " + threads);
        }
        o.threads = threads;
        o.labelSmoothing = labelSmoothing;
        o.out = out;
        o.seed = seed;
        o.data = data;
        o.task = task;
        if (size != null) {
            if (size < 4 || size % 4 != 0) {
                throw new IllegalArgumentException("--size must be a positive multiple of 4; got " + size);
            }
            o.size = size;
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outp = spec.commandLine().getOut();
        err.println("jaccard4j demo: " + (quick ? "quick run" : "full run") + ", writing to " + out);
        List<SegmentationDemo.Run> runs = new SegmentationDemo(o, err).run();
        outp.print(SegmentationDemo.table(runs));
        outp.println();
        outp.println("wrote " + out.resolve("results.json") + " and " + out.resolve("report.html"));
        return 0;
    }
}
