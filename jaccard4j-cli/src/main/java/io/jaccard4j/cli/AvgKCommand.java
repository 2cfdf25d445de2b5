package io.jaccard4j.cli;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.io.Json;

import io.jaccard4j.avgk.AverageK;
import io.jaccard4j.io.NpyArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaccard4j avgk}: average-K set-valued classification — calibrate λ, then score the sets. */
@Command(name = "avgk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Average-K classification: the threshold lambda that makes the sets {j : p_ij >= lambda} hold",
            "K classes on average (calibrated on --calibrate-on, else on --probs itself), and the average-K",
            "accuracy, mean set size, set Jaccard and top-K accuracy of --probs."})
final class AvgKCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--probs", required = true, paramLabel = "P.npy", description = "n x C class probabilities")
    Path probs;

    @Option(names = "--labels", required = true, paramLabel = "Y.npy", description = "n true class indices")
    Path labels;

    @Option(names = "--k", required = true, paramLabel = "K", description = "average set size (0 < K < C)")
    double k;

    @Option(names = "--calibrate-on", paramLabel = "V.npy", description = "probabilities of a calibration split")
    Path calibrateOn;

    @Option(names = "--calibrate-labels", paramLabel = "VY.npy", description = "labels of the calibration split")
    Path calibrateLabels;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    String format;

    @Override
    public Integer call() throws IOException {
        boolean json = (OutputFormat.parse(format) == OutputFormat.JSON);
        if ((calibrateOn == null) != (calibrateLabels == null)) {
            throw new IllegalArgumentException("--calibrate-on and --calibrate-labels go together");
        }
        double[][] p = matrix(probs, "--probs");
        int n = (int) p[1][0];
        int c = (int) p[1][1];
        AverageK.requireProbabilities(p[0], n, c, "--probs");
        int[] y = labels(labels, "--labels");
        AverageK.requireLabels(y, n, c, "--labels");
        double lambda;
        if (calibrateOn != null) {
            double[][] v = matrix(calibrateOn, "--calibrate-on");
            if ((int) v[1][1] != c) {
                throw new IllegalArgumentException("--calibrate-on has " + (int) v[1][1] + " classes but --probs has " + c);
            }
            AverageK.requireProbabilities(v[0], (int) v[1][0], c, "--calibrate-on");
            AverageK.requireLabels(labels(calibrateLabels, "--calibrate-labels"), (int) v[1][0], c,
                    "--calibrate-labels");
            lambda = AverageK.threshold(v[0], (int) v[1][0], c, k);
        } else {
            lambda = AverageK.threshold(p[0], n, c, k);
        }
        AverageK.Evaluation ev = AverageK.evaluate(p[0], y, n, c, lambda);
        boolean integral = k == Math.rint(k);
        double topK = integral ? AverageK.topK(p[0], y, n, c, (int) k) : Double.NaN;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json j = new Json().put("k", k).put("lambda", ev.lambda).put("accuracy", ev.accuracy)
                    .put("mean_set_size", ev.meanSetSize).put("set_jaccard", ev.setJaccard)
                    .put("per_class_accuracy", ev.perClassAccuracy);
            if (integral) {
                j.put("top_k_accuracy", topK);
            }
            out.println(j);
        } else {
            out.println(String.format(Locale.ROOT, "K = %s, lambda = %.6g (calibrated on %s)", k, lambda,
                    calibrateOn == null ? probs : calibrateOn));
            out.println(String.format(Locale.ROOT, "average-K accuracy %.4f, mean set size %.3f, set Jaccard %.4f%s",
                    ev.accuracy, ev.meanSetSize, ev.setJaccard,
                    integral ? String.format(Locale.ROOT, ", top-%d accuracy %.4f", (int) k, topK) : ""));
        }
        return 0;
    }

    /** {values, {n, C}} of an n × C NPY matrix. */
    private static double[][] matrix(Path path, String role) throws IOException {
        InputArray f = InputArray.read(path, role);
        if (f.isStrings() || f.ndim() != 2) {
            throw new IllegalArgumentException(role + " must be an n x C matrix of probabilities; got shape "
                    + f.describeShape());
        }
        f.requireFinite();
        return new double[][] {f.array().toDoubleArray(), {f.shape()[0], f.shape()[1]}};
    }

    private static int[] labels(Path path, String role) throws IOException {
        InputArray f = InputArray.read(path, role);
        if (f.isStrings() || f.ndim() != 1 || !f.isIntegral()) {
            throw new IllegalArgumentException(role + " must hold one integer class index a sample");
        }
        NpyArray a = f.array();
        return a.toIntArray();
    }
}
