package io.jaccard4j.cli;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.io.Json;

import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ThresholdCurve;
import io.jaccard4j.metrics.ThresholdSweep;
import io.jaccard4j.metrics.ZeroDivision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaccard4j sweep}: the Jaccard (or F1) curve over every distinct score threshold, and the best one. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score binary predictions 'score >= t' at every distinct threshold t from one sort of the",
            "scores, and report the best threshold. A 2-D 0/1 --y-true with a score matrix of the same shape",
            "sweeps each label of a multilabel problem."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--y-true", required = true, paramLabel = "T", description = "true labels (CSV/TXT or NPY)")
    Path yTrue;

    @Option(names = "--scores", required = true, paramLabel = "S", description = "scores (CSV/TXT or NPY)")
    Path scores;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "jaccard",
            description = "jaccard or f1 (default: ${DEFAULT-VALUE})")
    String metric;

    @Option(names = "--pos-label", paramLabel = "X", defaultValue = "1",
            description = "the positive label of a binary --y-true (default: ${DEFAULT-VALUE})")
    String posLabel;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    String format;

    @Override
    public Integer call() throws IOException {
        Metric m = Metric.parse(metric);
        if (m != Metric.JACCARD && m != Metric.F1) {
            throw new IllegalArgumentException("sweep --metric must be jaccard or f1; got '" + metric + "'");
        }
        boolean json = (OutputFormat.parse(format) == OutputFormat.JSON);
        InputArray t = InputArray.read(yTrue, "--y-true");
        InputArray s = InputArray.read(scores, "--scores");
        if (s.isStrings()) {
            throw new IllegalArgumentException("--scores " + scores + " must hold numbers");
        }
        s.requireFinite();
        PrintWriter out = spec.commandLine().getOut();
        if (t.ndim() == 2 && !t.isStrings() && t.shape()[1] > 1) {
            if (!Arrays.equals(t.shape(), s.shape())) {
                throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape()
                        + " but --scores is " + s.describeShape());
            }
            int[] sh = t.shape();
            double[] v = t.array().toDoubleArray();
            byte[] d = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] != 0 && v[i] != 1) {
                    throw new IllegalArgumentException("--y-true entry (" + (i / sh[1] + 1) + ", " + (i % sh[1] + 1)
                            + ") is " + v[i] + "; a multilabel indicator holds only 0 and 1");
                }
                d[i] = (byte) v[i];
            }
            ThresholdCurve[] curves = ThresholdSweep.sweepPerLabel(IndicatorMatrix.of(d, sh[0], sh[1]),
                    s.array().toDoubleArray(), ZeroDivision.ZERO);
            if (json) {
                List<Object> labels = new ArrayList<>();
                for (int j = 0; j < curves.length; j++) {
                    labels.add(curveJson(curves[j], m).put("label", j));
                }
                out.println(new Json().put("metric", m.id()).put("labels", labels));
            } else {
                for (int j = 0; j < curves.length; j++) {
                    out.println(String.format(Locale.ROOT, "label %d: best %s = %.6f at threshold %s", j, m.id(),
                            curves[j].bestScore(m), curves[j].bestThreshold(m)));
                }
            }
            return 0;
        }
        LabelVector labels = t.labels();
        if (labels.size() != s.size() || s.ndim() != 1) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape() + " but --scores is "
                    + s.describeShape());
        }
        Object pos = ScoreRequest.parseLabel(posLabel);
        List<Object> present = labels.uniqueLabels();
        if (present.size() > 2) {
            throw new IllegalArgumentException("sweep needs a binary --y-true (at most two labels); found "
                    + present.size() + " labels");
        }
        if (present.size() == 2 && !present.contains(pos)) {
            throw new IllegalArgumentException("pos_label=" + pos + " is not a valid label. It should be one of "
                    + present);
        }
        boolean[] truth = new boolean[labels.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = labels.get(i).equals(pos);
        }
        ThresholdCurve c = ThresholdSweep.sweep(truth, s.array().toDoubleArray(), null, ZeroDivision.ZERO);
        if (json) {
            out.println(curveJson(c, m));
        } else {
            printCurve(out, c, m);
        }
        return 0;
    }

    private static Json curveJson(ThresholdCurve c, Metric m) {
        return new Json().put("metric", m.id()).put("best_threshold", ThresholdCurve.jsonThreshold(c.bestThreshold(m)))
                .put("best_score", c.bestScore(m)).put("thresholds", c.jsonThresholds()).put("scores", c.values(m));
    }

    private static void printCurve(PrintWriter out, ThresholdCurve c, Metric m) {
        double[] t = c.thresholds();
        double[] v = c.values(m);
        double[] p = c.precision();
        double[] r = c.recall();
        out.println(String.format(Locale.ROOT, "%12s %12s %12s %12s", "threshold", m.id(), "precision", "recall"));
        int step = Math.max(1, t.length / 25);
        int best = c.bestIndex(m);
        for (int i = 0; i < t.length; i++) {
            if (i % step != 0 && i != best && i != t.length - 1) {
                continue;
            }
            out.println(String.format(Locale.ROOT, "%12.6g %12.6f %12.6f %12.6f%s", t[i], v[i], p[i], r[i],
                    i == best ? "  <- best" : ""));
        }
        if (step > 1) {
            out.println(String.format(Locale.ROOT, "(%d thresholds; every %d-th shown; --format json lists all)",
                    t.length, step));
        }
        out.println();
        out.println(String.format(Locale.ROOT, "best %s = %s at threshold %s", m.id(), Double.toString(v[best]),
                Double.toString(t[best])));
    }
}
