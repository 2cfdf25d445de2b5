package io.jaccard4j.cli;

import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.io.Json;

import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.LossConfig;
import io.jaccard4j.loss.LossRegistry;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TrainingLoss;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j loss}: the value (and gradient) of an overlap or pixel-wise loss on NPY inputs. The flags are
 * handed to core's {@link LossRegistry} by parameter name, which checks them and builds the loss.
 */
@Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute a training loss and its exact gradient on NPY inputs: logits (or probabilities)",
            "N x C x (spatial) and a target that is integer class indices N x (spatial) (hard labels) or",
            "floats N x C x (spatial) (soft labels)."})
final class LossCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--logits", required = true, paramLabel = "L.npy", description = "logits (or probabilities)")
    Path logits;

    @Option(names = "--target", paramLabel = "Y.npy",
            description = "hard labels (integers, N x spatial) or soft labels (floats, N x C x spatial)")
    Path target;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "jaccard",
            description = "jaccard, dice, tversky, sjl, generalized-dice, lovasz, ce, focal or kl (default: "
                    + "${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "multiclass",
            description = "multiclass (softmax), binary or multilabel (sigmoid) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--from-probs", description = "the input holds probabilities, not logits")
    boolean fromProbs;

    @Option(names = "--alpha", paramLabel = "a", description = "Tversky weight of false positives")
    String alpha;

    @Option(names = "--beta", paramLabel = "b", description = "Tversky weight of false negatives")
    String beta;

    @Option(names = "--gamma", paramLabel = "g", description = "focal exponent (>= 1 for overlap losses)")
    String gamma;

    @Option(names = "--smooth", paramLabel = "s", description = "smoothing term (default 1e-3)")
    String smooth;

    @Option(names = "--norm", paramLabel = "1|2", description = "cardinality norm: 1 (JML) or 2 (soft Jaccard)")
    String norm;

    @Option(names = "--log-loss", description = "-log T instead of 1 - T")
    boolean logLoss;

    @Option(names = "--reduction", paramLabel = "R", description = "dataset, image, class or mix:wD,wI,wC")
    String reduction;

    @Option(names = "--active", paramLabel = "A", description = "present or all: the classes that count")
    String active;

    @Option(names = "--threshold", paramLabel = "t", description = "label mass that makes a class present (0.01)")
    String threshold;

    @Option(names = "--ignore-index", paramLabel = "N", description = "hard label to ignore (e.g. 255)")
    Integer ignoreIndex;

    @Option(names = "--keep-mask", paramLabel = "M.npy", description = "pixels to keep (N x spatial, bool or 0/1)")
    Path keepMask;

    @Option(names = "--class-weights", paramLabel = "w1,w2,...", description = "one weight a class")
    String classWeights;

    @Option(names = "--weight-type", paramLabel = "W", description = "generalized-dice: square, simple or linear")
    String weightType;

    @Option(names = "--cardinality", paramLabel = "C", description = "generalized-dice: norm1 or product")
    String cardinality;

    @Option(names = "--per-image", paramLabel = "true|false",
            description = "generalized-dice, lovasz: one loss per image, averaged (default true)")
    String perImage;

    @Option(names = "--include-background", paramLabel = "true|false",
            description = "generalized-dice: score class 0 (default true)")
    String includeBackground;

    @Option(names = "--temperature", paramLabel = "T", description = "distillation temperature (kl)")
    String temperature;

    @Option(names = "--teacher-logits", paramLabel = "TL.npy", description = "teacher logits for kl (soft targets)")
    Path teacherLogits;

    @Option(names = "--grad-out", paramLabel = "G.npy", description = "write the gradient as float32 NPY")
    Path gradOut;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run forward+backward N times and report the median time")
    int repeat;

    @Option(names = "--threads", paramLabel = "T",
            description = "threads of the float32 loss kernels (jaccard, dice, tversky, sjl, ce; default: all processors)")
    String threads;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    String format;

    @Override
    public Integer call() throws IOException {
        boolean json = (OutputFormat.parse(format) == OutputFormat.JSON);
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1; got " + repeat);
        }
        String name = canonicalName();
        Activation activation = fromProbs ? Activation.IDENTITY : Activation.parseMode(mode);
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("alpha", alpha);
        opts.put("beta", beta);
        opts.put("gamma", gamma);
        opts.put("smooth", smooth);
        opts.put("norm", norm);
        opts.put("logLoss", logLoss ? "true" : null);
        opts.put("reduction", reduction);
        opts.put("active", active);
        opts.put("threshold", threshold);
        opts.put("classWeights", classWeights);
        opts.put("temperature", temperature);
        opts.put("weightType", weightType);
        opts.put("cardinality", cardinality);
        opts.put("perImage", perImage);
        opts.put("includeBackground", includeBackground);
        opts.put("threads", threads);
        LossConfig config = LossRegistry.configure(name, opts);
        TrainingLoss trainingLoss = config.build();

        NpyArray x = readNpy(logits, "--logits");
        int[] shape = x.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("--logits must be N x C or N x C x (spatial); got shape "
                    + Arrays.toString(shape));
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("--logits must hold floating-point values; got " + x.dtype());
        }
        float[] data = x.toFloatArray();
        Predictions predictions = fromProbs ? Predictions.probabilities(data, shape)
                : Predictions.logits(data, shape, activation);
        boolean[] keep = keepMask == null ? null
                : Targets.keepMask(readNpy(keepMask, "--keep-mask").toDoubleArray(), "--keep-mask " + keepMask);
        Targets targets = targets(config, shape, keep);

        double[] times = new double[repeat];
        LossResult result = null;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            result = trainingLoss.compute(predictions, targets);
            times[r] = (System.nanoTime() - t0) / 1e6;
        }
        if (gradOut != null) {
            Npy.write(gradOut, NpyArray.of(result.gradient(), shape));
        }
        PrintWriter out = spec.commandLine().getOut();
        Arrays.sort(times);
        double median = times.length % 2 == 1 ? times[times.length / 2]
                : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
        if (json) {
            Json j = new Json().put("loss", loss.trim().toLowerCase(Locale.ROOT)).put("value", result.value());
            if (repeat > 1) {
                j.put("median_ms", median).put("repeat", repeat).put("min_ms", times[0]);
            }
            if (gradOut != null) {
                j.put("grad_out", gradOut.toString());
            }
            out.println(j);
        } else {
            out.println(trainingLoss.describe());
            out.println("value = " + result.value());
            if (repeat > 1) {
                out.println(String.format(Locale.ROOT, "median forward+backward = %.3f ms over %d runs", median, repeat));
            }
            if (gradOut != null) {
                out.println("gradient written to " + gradOut);
            }
        }
        return 0;
    }

    private String canonicalName() {
        String l = loss.trim().toLowerCase(Locale.ROOT);
        if (l.equals("lovasz")) {
            boolean sigmoid = !fromProbs && Activation.parseMode(mode) == Activation.SIGMOID;
            return sigmoid ? "lovasz-hinge" : "lovasz-softmax";
        }
        return l;
    }

    private Targets targets(LossConfig config, int[] shape, boolean[] keep) throws IOException {
        String name = config.name();
        if (name.equals("kl") || teacherLogits != null) {
            if (!name.equals("kl")) {
                throw new IllegalArgumentException("--teacher-logits applies to --loss kl");
            }
            if (teacherLogits == null) {
                throw new IllegalArgumentException("--loss kl needs --teacher-logits");
            }
            NpyArray t = readNpy(teacherLogits, "--teacher-logits");
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("shape mismatch: --teacher-logits is " + Arrays.toString(t.shape())
                        + " but --logits is " + Arrays.toString(shape));
            }
            return Targets.teacherSoftmax(t.toFloatArray(), shape, config.number("temperature"), keep);
        }
        if (target == null) {
            throw new IllegalArgumentException("--target is required for --loss " + loss);
        }
        NpyArray y = readNpy(target, "--target");
        if (y.dtype().isFloating()) {
            if (ignoreIndex != null) {
                throw new IllegalArgumentException("--ignore-index applies to hard (integer) labels; soft labels use "
                        + "--keep-mask");
            }
            return Targets.soft(y.toFloatArray(), y.shape(), keep);
        }
        int[] labels = y.toIntArray();
        return Targets.hard(labels, y.shape(), ignoreIndex == null ? Targets.NO_IGNORE : ignoreIndex, keep);
    }

    private static NpyArray readNpy(Path p, String option) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p + " (" + option + ")");
        }
        return Npy.read(p);
    }
}
