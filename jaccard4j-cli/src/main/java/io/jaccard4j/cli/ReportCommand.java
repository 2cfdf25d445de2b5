package io.jaccard4j.cli;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoreRequest;

import io.jaccard4j.engine.MaskAccumulator;
import io.jaccard4j.engine.ScoringEngine;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.ThresholdCurve;
import io.jaccard4j.metrics.ThresholdSweep;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.examples.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j report}: an HTML report for any predictions — scores table, confusion heatmap, per-class IoU
 * bars, the threshold curve when scores are given, and mask overlays for masks.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write report.html for predictions: per-class Jaccard/F1/precision/recall, a confusion",
            "heatmap, per-class IoU bars, the Jaccard/F1 threshold curve (with --scores, binary) and TP/FP/FN",
            "overlays of the first masks (for directories of masks)."})
final class ReportCommand implements Callable<Integer> {
    private static final int OVERLAYS = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-true", required = true, paramLabel = "T", description = "true labels or masks")
    Path yTrue;

    @Option(names = "--y-pred", required = true, paramLabel = "P", description = "predicted labels or masks")
    Path yPred;

    @Option(names = "--scores", paramLabel = "S", description = "scores of the positive class (binary)")
    Path scores;

    @Option(names = "--ignore-index", paramLabel = "N", description = "true label to skip (masks)")
    Integer ignoreIndex;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        HtmlReport r = new HtmlReport("jaccard4j report");
        r.paragraph("truth: " + yTrue + " — prediction: " + yPred);
        MulticlassConfusion state;
        LabelEncoder classes;
        List<int[][]> overlays = new ArrayList<>();
        List<int[]> overlayShapes = new ArrayList<>();
        ScoreRequest request = ScoreRequest.builder().ignoreIndex(ignoreIndex == null ? null : (long) ignoreIndex)
                .build();
        if (Files.isDirectory(yTrue) || Files.isDirectory(yPred)) {
            if (!(Files.isDirectory(yTrue) && Files.isDirectory(yPred))) {
                throw new IllegalArgumentException("--y-true and --y-pred must both be directories of masks, or both "
                        + "files");
            }
            MaskAccumulator acc = MaskAccumulator.forRequest(request);
            for (MaskPair pair : MaskDirectoryPairs.of(yTrue, yPred)) {
                NpyArray t = pair.truth();
                NpyArray p = pair.prediction();
                acc.add(pair.name(), t, p);
                if (overlays.size() < OVERLAYS && t.ndim() == 2) {
                    overlays.add(new int[][] {t.toIntArray(), p.toIntArray()});
                    overlayShapes.add(t.shape());
                }
            }
            if (acc.pairs() == 0) {
                throw new IllegalArgumentException("no masks found in " + yTrue);
            }
            state = acc.confusion();
            classes = LabelEncoder.range(state.numClasses());
        } else {
            ScoringEngine.Prepared x = ScoringEngine.prepare(InputArray.read(yTrue, "--y-true"),
                    InputArray.read(yPred, "--y-pred"), null, request);
            if (x.isIndicator()) {
                throw new IllegalArgumentException("report draws a multiclass confusion matrix; --y-true is a "
                        + "multilabel indicator matrix (score it with 'jaccard4j score')");
            }
            LabelVector t = (LabelVector) x.truth();
            LabelVector p = (LabelVector) x.prediction();
            classes = LabelEncoder.fit(t, p);
            state = MulticlassConfusion.of(Math.max(1, classes.size())).update(classes.encode(t), classes.encode(p));
        }
        List<String> names = new ArrayList<>();
        for (Object l : classes.classes()) {
            names.add(String.valueOf(l));
        }
        List<List<Object>> rows = new ArrayList<>();
        double[][] perMetric = new double[4][];
        Metric[] metrics = {Metric.JACCARD, Metric.F1, Metric.PRECISION, Metric.RECALL};
        ScoreResult none = null;
        for (int k = 0; k < metrics.length; k++) {
            none = Scorer.score(state, classes, ScoreOptions.builder().metric(metrics[k]).average(Average.NONE)
                    .labels(classes.classes()).zeroDivision(ZeroDivision.ZERO).task(io.jaccard4j.metrics.TargetType.MULTICLASS)
                    .build());
            perMetric[k] = none.perLabel();
        }
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), perMetric[0][i], perMetric[1][i], perMetric[2][i], perMetric[3][i],
                    ScoreOutcome.formatCount(none.support()[i])));
        }
        double macro = Scorer.score(state, classes, ScoreOptions.builder().average(Average.MACRO)
                .zeroDivision(ZeroDivision.ZERO).task(io.jaccard4j.metrics.TargetType.MULTICLASS).build()).score();
        r.heading("Scores").paragraph("macro Jaccard over present labels: " + macro)
                .table(List.of("label", "Jaccard", "F1", "precision", "recall", "support"), rows);
        r.heading("Confusion").heatmap("confusion matrix", names, state.toMatrix());
        r.heading("Per-class IoU").barChart("IoU per class", names, List.of("IoU"), List.of(perMetric[0]));
        if (scores != null) {
            InputArray tf = InputArray.read(yTrue, "--y-true");
            InputArray sf = InputArray.read(scores, "--scores");
            sf.requireFinite();
            LabelVector t = tf.labels();
            double[] s = sf.array() == null ? null : sf.array().toDoubleArray();
            if (s == null || s.length != t.size()) {
                throw new IllegalArgumentException("--scores must hold one number a sample (" + t.size() + ")");
            }
            boolean[] truth = new boolean[t.size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = Long.valueOf(1L).equals(t.get(i));
            }
            ThresholdCurve c = ThresholdSweep.sweep(truth, s);
            r.heading("Threshold curve").paragraph("best Jaccard " + c.bestScore(Metric.JACCARD) + " at threshold "
                    + c.bestThreshold(Metric.JACCARD)).lineChart("Jaccard and F1 against the threshold index "
                    + "(thresholds ascending)", "score", List.of("Jaccard", "F1"), List.of(c.jaccard(), c.f1()));
        }
        if (!overlays.isEmpty()) {
            r.heading("Mask overlays");
            for (int k = 0; k < overlays.size(); k++) {
                int[] sh = overlayShapes.get(k);
                double[] gray = new double[sh[0] * sh[1]];
                Arrays.fill(gray, 0.85);
                r.overlay("mask " + (k + 1), gray, overlays.get(k)[0], overlays.get(k)[1], sh[0], sh[1],
                        ignoreIndex == null ? Integer.MIN_VALUE : ignoreIndex);
            }
        }
        Files.createDirectories(out);
        r.write(out.resolve("report.html"));
        spec.commandLine().getOut().println("wrote " + out.resolve("report.html"));
        return 0;
    }
}
