package io.jaccard4j.cli;

import io.jaccard4j.engine.MaskAccumulator;
import io.jaccard4j.engine.ProgressListener;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.engine.ScoringEngine;
import io.jaccard4j.engine.SegmentationRequest;
import io.jaccard4j.examples.report.HtmlReport;
import io.jaccard4j.examples.report.TeachingFigures;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.metrics.ThresholdCurve;
import io.jaccard4j.metrics.ThresholdSweep;
import io.jaccard4j.metrics.ZeroDivision;
import java.io.IOException;
import java.nio.file.Files;
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

/**
 * {@code jaccard4j report}: an HTML report for any predictions — scores table, confusion heatmap with counts,
 * per-class IoU bars, per-label views for multilabel data, the tutorial's figures at the data's counts (binary and
 * multilabel), the Jaccard/F1 threshold curve against the threshold value for one or two score files, and mask
 * overlays (PNG, at most 256 px a side) for mask directories, and with {@code --probs} the reliability diagram
 * (per-bin accuracy, the gap to the mean confidence, and the ECE from core's calibration state, through the engine's
 * {@code ece}). Scores come from core's engine and metrics.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write report.html for predictions: per-class Jaccard/F1/precision/recall, a confusion",
            "heatmap with counts, per-class IoU bars, per-label views (multilabel), the set-membership strip,",
            "accuracy vs Jaccard as TN grows, Jaccard over FP x FN, the F1 <-> Jaccard curve (binary and multilabel),",
            "the Jaccard/F1 threshold curve against the threshold (with --scores, and --scores2 for a second model;",
            "binary), TP/FP/FN overlays of the first masks (for directories of masks) and, with --probs, the",
            "reliability diagram (accuracy, gap and ECE per confidence bin)."})
final class ReportCommand implements Callable<Integer> {
    private static final int OVERLAYS = 4;
    private static final int LABEL_VIEWS = 12;
    private static final int STRIP_ROWS = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-true", required = true, paramLabel = "T", description = "true labels or masks")
    Path yTrue;

    @Option(names = "--y-pred", required = true, paramLabel = "P", description = "predicted labels or masks")
    Path yPred;

    @Option(names = "--scores", paramLabel = "S", description = "scores of the positive class (binary)")
    Path scores;

    @Option(names = "--scores2", paramLabel = "S2", description = "a second model's scores (binary), drawn next to --scores")
    Path scores2;

    @Option(names = "--probs", paramLabel = "P.npy", description = "class probabilities (N, C) for labels (N,), or "
            + "(N, C, spatial...) for masks (N, spatial...): adds the reliability diagram and the ECE")
    Path probs;

    @Option(names = "--bins", paramLabel = "B", description = "equal-width confidence bins of --probs (default 15)")
    Integer bins;

    @Option(names = "--ignore-index", paramLabel = "N", description = "true label to skip (masks)")
    Integer ignoreIndex;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (scores2 != null && scores == null) {
            throw new IllegalArgumentException("--scores2 needs --scores (the first model's scores)");
        }
        HtmlReport r = new HtmlReport("jaccard4j report");
        r.paragraph("truth: " + yTrue + " — prediction: " + yPred);
        ScoreRequest request = ScoreRequest.builder().ignoreIndex(ignoreIndex == null ? null : (long) ignoreIndex)
                .build();
        if (Files.isDirectory(yTrue) || Files.isDirectory(yPred)) {
            masks(r, request);
        } else {
            ScoringEngine.Prepared x = ScoringEngine.prepare(InputArray.read(yTrue, "--y-true"),
                    InputArray.read(yPred, "--y-pred"), null, request);
            if (x.isIndicator()) {
                multilabel(r, (IndicatorMatrix) x.truth(), (IndicatorMatrix) x.prediction());
            } else {
                labels(r, (LabelVector) x.truth(), (LabelVector) x.prediction());
            }
        }
        if (scores != null) {
            thresholdCurves(r);
        }
        if (probs != null) {
            reliability(r, request);
        } else if (bins != null) {
            throw new IllegalArgumentException("--bins applies to --probs");
        }
        Files.createDirectories(out);
        r.write(out.resolve("report.html"));
        spec.commandLine().getOut().println("wrote " + out.resolve("report.html"));
        return 0;
    }

    private void masks(HtmlReport r, ScoreRequest request) throws IOException {
        if (!(Files.isDirectory(yTrue) && Files.isDirectory(yPred))) {
            throw new IllegalArgumentException("--y-true and --y-pred must both be directories of masks, or both "
                    + "files");
        }
        List<int[][]> overlays = new ArrayList<>();
        List<int[]> overlayShapes = new ArrayList<>();
        List<String> overlayNames = new ArrayList<>();
        MaskAccumulator acc = MaskAccumulator.forRequest(request);
        for (MaskPair pair : MaskDirectoryPairs.of(yTrue, yPred)) {
            NpyArray t = pair.truth();
            NpyArray p = pair.prediction();
            acc.add(pair.name(), t, p);
            if (overlays.size() < OVERLAYS && t.ndim() == 2) {
                overlays.add(new int[][] {t.toIntArray(), p.toIntArray()});
                overlayShapes.add(t.shape());
                overlayNames.add(pair.name());
            }
        }
        if (acc.pairs() == 0) {
            throw new IllegalArgumentException("no masks found in " + yTrue);
        }
        MulticlassConfusion state = acc.confusion();
        multiclass(r, state, LabelEncoder.range(state.numClasses()));
        if (!overlays.isEmpty()) {
            r.heading("Mask overlays");
            for (int k = 0; k < overlays.size(); k++) {
                int[] sh = overlayShapes.get(k);
                double[] gray = new double[sh[0] * sh[1]];
                Arrays.fill(gray, 0.85);
                r.overlay(overlayNames.get(k), gray, overlays.get(k)[0], overlays.get(k)[1], sh[0], sh[1],
                        ignoreIndex == null ? Integer.MIN_VALUE : ignoreIndex);
            }
        }
    }

    private void labels(HtmlReport r, LabelVector t, LabelVector p) {
        LabelEncoder classes = LabelEncoder.fit(t, p);
        MulticlassConfusion state = MulticlassConfusion.of(Math.max(1, classes.size()))
                .update(classes.encode(t), classes.encode(p));
        multiclass(r, state, classes);
        boolean binary = classes.size() <= 2 && classes.classes().stream().allMatch(c -> Long.valueOf(0).equals(c)
                || Long.valueOf(1).equals(c));
        if (binary) {
            boolean[] a = new boolean[t.size()];
            boolean[] b = new boolean[t.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Long.valueOf(1).equals(t.get(i));
                b[i] = Long.valueOf(1).equals(p.get(i));
            }
            r.heading("Sets: A = samples truly positive, B = samples predicted positive");
            r.membershipStrip("set membership of each sample (label 1 = in the set)", a, b);
            double[] c = counts(a, b);
            r.heading("Jaccard in context (label 1 against 0)");
            TeachingFigures.add(r, "label 1", c[0], c[1], c[2], c[3]);
        } else {
            r.paragraph("The set-membership strip and the figures of Jaccard in context are drawn for binary (0/1) and "
                    + "multilabel data; these labels are multiclass.");
        }
    }

    /** tp, fp, fn, tn of A (truth) and B (prediction). */
    private static double[] counts(boolean[] a, boolean[] b) {
        double[] c = new double[4];
        for (int i = 0; i < a.length; i++) {
            c[a[i] ? (b[i] ? 0 : 2) : (b[i] ? 1 : 3)]++;
        }
        return c;
    }

    private void multiclass(HtmlReport r, MulticlassConfusion state, LabelEncoder classes) {
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
                    .labels(classes.classes()).zeroDivision(ZeroDivision.ZERO).task(TargetType.MULTICLASS).build());
            perMetric[k] = none.perLabel();
        }
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), perMetric[0][i], perMetric[1][i], perMetric[2][i], perMetric[3][i],
                    ScoreOutcome.formatCount(none.support()[i])));
        }
        double macro = Scorer.score(state, classes, ScoreOptions.builder().average(Average.MACRO)
                .zeroDivision(ZeroDivision.ZERO).task(TargetType.MULTICLASS).build()).score();
        r.heading("Scores").paragraph("macro Jaccard over present labels: " + macro)
                .table(List.of("label", "Jaccard", "F1", "precision", "recall", "support"), rows);
        r.heading("Confusion").heatmap("confusion matrix", names, state.toMatrix());
        r.heading("Per-class IoU").barChart("IoU per class", names, List.of("IoU"), List.of(perMetric[0]));
        if (state.numClasses() == 2 && Files.isDirectory(yTrue)) {
            double[][] m = state.toMatrix();
            r.heading("Jaccard in context (class 1 against class 0, all pixels)");
            TeachingFigures.add(r, "class 1", m[1][1], m[0][1], m[1][0], m[0][0]);
        }
    }

    private void multilabel(HtmlReport r, IndicatorMatrix t, IndicatorMatrix p) {
        int n = t.size();
        int labels = t.columns();
        double[][] c = new double[labels][4];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < labels; l++) {
                boolean a = t.get(i, l) != 0;
                boolean b = p.get(i, l) != 0;
                c[l][a ? (b ? 0 : 2) : (b ? 1 : 3)]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] iou = new double[labels];
        double[] micro = new double[4];
        for (int l = 0; l < labels; l++) {
            double tp = c[l][0];
            double fp = c[l][1];
            double fn = c[l][2];
            iou[l] = tp + fp + fn == 0 ? 0 : tp / (tp + fp + fn);
            rows.add(List.of("label " + l, iou[l], 2 * tp + fp + fn == 0 ? 0.0 : 2 * tp / (2 * tp + fp + fn),
                    tp + fp == 0 ? 0.0 : tp / (tp + fp), tp + fn == 0 ? 0.0 : tp / (tp + fn),
                    ScoreOutcome.formatCount(tp + fn)));
            names.add("label " + l);
            for (int k = 0; k < 4; k++) {
                micro[k] += c[l][k];
            }
        }
        r.heading("Scores per label (multilabel, " + n + " samples × " + labels + " labels)")
                .paragraph("Each label is its own binary problem: TP, FP, FN over the samples; a zero denominator "
                        + "gives 0.")
                .table(List.of("label", "Jaccard", "F1", "precision", "recall", "support"), rows);
        r.heading("Per-label IoU").barChart("IoU per label", names, List.of("IoU"), List.of(iou));
        r.heading("Per-label confusion");
        for (int l = 0; l < Math.min(LABEL_VIEWS, labels); l++) {
            r.heatmap("label " + l, List.of("absent", "present"), new double[][] {{c[l][3], c[l][1]},
                {c[l][2], c[l][0]}});
        }
        if (labels > LABEL_VIEWS) {
            r.paragraph("(first " + LABEL_VIEWS + " of " + labels + " labels shown)");
        }
        r.heading("Sets: per sample, A = its true labels, B = its predicted labels");
        for (int i = 0; i < Math.min(STRIP_ROWS, n); i++) {
            boolean[] a = new boolean[labels];
            boolean[] b = new boolean[labels];
            for (int l = 0; l < labels; l++) {
                a[l] = t.get(i, l) != 0;
                b[l] = p.get(i, l) != 0;
            }
            r.membershipStrip("sample " + i + " (one cell a label)", a, b);
        }
        r.heading("Jaccard in context (all labels pooled: micro counts)");
        TeachingFigures.add(r, "micro over labels", micro[0], micro[1], micro[2], micro[3]);
    }

    /**
     * The reliability diagram of --probs against --y-true: core's engine scores {@code ece} exactly as
     * {@code score --metric ece --probs} does (same checks and messages) and returns the per-bin accuracy,
     * confidence and count of core's calibration state.
     */
    private void reliability(HtmlReport r, ScoreRequest request) throws IOException {
        if (Files.isDirectory(yTrue)) {
            throw new IllegalArgumentException("--probs needs --y-true as one array (labels (N,) or masks "
                    + "(N, spatial...)), not a directory; got " + yTrue);
        }
        ScoreRequest ece = ScoreRequest.builder().ignoreIndex(request.ignoreIndex())
                .segmentation(SegmentationRequest.builder().metric("ece").probs(probs).bins(bins).build()).build();
        ScoreOutcome o = ScoringEngine.score(yTrue, null, null, ece, ProgressListener.NONE);
        double[] acc = (double[]) o.field("reliability_accuracy");
        double[] conf = (double[]) o.field("reliability_confidence");
        double[] count = (double[]) o.field("reliability_count");
        r.heading("Calibration").paragraph(String.format(Locale.ROOT, "Top-1 confidence of %s against %s over %d "
                + "samples: ECE %.4f, class-wise ECE %.4f. Bars: accuracy per confidence bin; red: the gap to the "
                + "bin's mean confidence (above the bar: over-confident).", probs, yTrue,
                ((Number) o.field("samples")).longValue(), o.score(), ((Number) o.field("classwise_ece")).doubleValue()))
                .reliabilityDiagram("reliability diagram of --probs", acc, conf, count, o.score());
    }

    private void thresholdCurves(HtmlReport r) throws IOException {
        LabelVector t = InputArray.read(yTrue, "--y-true").labels();
        boolean[] truth = new boolean[t.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = Long.valueOf(1L).equals(t.get(i));
        }
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<Double> marks = new ArrayList<>();
        StringBuilder best = new StringBuilder();
        Path[] files = scores2 == null ? new Path[] {scores} : new Path[] {scores, scores2};
        String[] options = {"--scores", "--scores2"};
        for (int k = 0; k < files.length; k++) {
            InputArray sf = InputArray.read(files[k], options[k]);
            sf.requireFinite();
            double[] s = sf.array() == null ? null : sf.array().toDoubleArray();
            if (s == null || s.length != t.size()) {
                throw new IllegalArgumentException(options[k] + " " + files[k] + " must hold one number a sample ("
                        + t.size() + "); got " + (s == null ? "text" : s.length + " values"));
            }
            ThresholdCurve c = ThresholdSweep.sweep(truth, s);
            String model = files.length == 1 ? "" : (k == 0 ? "A " : "B ");
            names.add(model + "Jaccard");
            names.add(model + "F1");
            xs.add(c.thresholds());
            xs.add(c.thresholds());
            ys.add(c.jaccard());
            ys.add(c.f1());
            marks.add(c.bestThreshold(Metric.JACCARD));
            marks.add(Double.NaN);
            best.append(String.format(Locale.ROOT, "%s%s: best Jaccard %.4f at threshold %s (predicted positive "
                    + "when score >= threshold). ", model.isEmpty() ? "" : "model " + model.trim() + " (" + files[k]
                    + ")", model.isEmpty() ? "scores" : "", c.bestScore(Metric.JACCARD), c.bestThreshold(Metric.JACCARD)));
        }
        double[] m = marks.stream().mapToDouble(Double::doubleValue).toArray();
        r.heading("Threshold curve").paragraph(best.toString().trim()).xyChart("Jaccard and F1 against the "
                + "threshold value; the dashed line marks each model's best Jaccard threshold", "threshold",
                "score", names, xs, ys, m);
    }
}
