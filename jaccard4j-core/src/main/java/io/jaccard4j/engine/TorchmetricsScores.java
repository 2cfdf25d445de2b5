package io.jaccard4j.engine;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.segmentation.SegmentationIoU;
import io.jaccard4j.torchmetrics.DiceScore;
import io.jaccard4j.torchmetrics.SegmentationInput;
import io.jaccard4j.torchmetrics.TorchmetricsClassification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's torchmetrics branch ({@code --semantics torchmetrics}): reads the inputs as torchmetrics' tensors
 * and dispatches to core —
 * <ul>
 *   <li>{@code --metric jaccard|f1} → {@link TorchmetricsClassification} ({@code Binary/Multiclass/Multilabel}
 *       {@code JaccardIndex} / {@code F1Score});</li>
 *   <li>{@code --per-image} → {@link SegmentationIoU#meanIoU} ({@code MeanIoU});</li>
 *   <li>{@code --metric dice} → {@link DiceScore} ({@code DiceScore}).</li>
 * </ul>
 * The result is printed as {@code {"metric", "score" (a number, or a list per class), "semantics": "torchmetrics",
 * "torchmetrics": class name, ...options}}.
 */
final class TorchmetricsScores {
    private TorchmetricsScores() {
    }

    /** Scores two files, or two directories of masks (MeanIoU, DiceScore). */
    static ScoreOutcome score(Path yTrue, Path yPred, Path sampleWeight, ScoreRequest r, ProgressListener progress)
            throws IOException {
        if (sampleWeight != null) {
            throw new IllegalArgumentException("--sample-weight does not apply with --semantics torchmetrics "
                    + "(torchmetrics' metrics take no sample weights)");
        }
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("--y-true and --y-pred are required");
        }
        MaskDirectoryPairs pairs = ScoringEngine.maskPairs(yTrue, yPred, null);
        if (pairs != null) {
            return masks(pairs, pairs.size(), r, progress);
        }
        return score(InputArray.read(yTrue, "--y-true"), InputArray.read(yPred, "--y-pred"), r);
    }

    /** Scores arrays already read. */
    static ScoreOutcome score(InputArray t, InputArray p, ScoreRequest r) {
        t.requireFinite();
        p.requireFinite();
        if (t.isStrings() || p.isStrings()) {
            throw new IllegalArgumentException((t.isStrings() ? t : p).where() + " holds strings; torchmetrics' "
                    + "metrics take integer labels and numeric predictions");
        }
        TorchmetricsOptions tm = r.torchmetrics();
        if (r.perImage() || tm.dice()) {
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape()
                        + " but --y-pred is " + p.describeShape());
            }
            SegmentationInput.Format f = tm.inputFormat();
            boolean meanIoU = r.perImage();
            SegmentationInput ti = SegmentationInput.read(t.toDoubleArray(), t.shape(), t.isFloating(), f, meanIoU,
                    r.ignoreIndex(), t.where());
            SegmentationInput pi = SegmentationInput.read(p.toDoubleArray(), p.shape(), p.isFloating(), f, meanIoU,
                    null, p.where());
            Segmentation s = new Segmentation(r, ti.channels());
            int[][] ts = ti.images();
            int[][] ps = pi.images();
            for (int i = 0; i < ts.length; i++) {
                s.add("image " + i, ts[i], ps[i]);
            }
            return s.outcome();
        }
        return classification(t, p, r);
    }

    /** MeanIoU of a mask accumulator built with {@code --per-image} (e.g. merged Spark partitions). */
    static ScoreOutcome outcome(MaskAccumulator acc, ScoreRequest r) {
        if (!r.perImage()) {
            throw new IllegalArgumentException("a mask accumulator holds MeanIoU's counts only with --per-image; "
                    + "score --metric dice and the classification metrics of --semantics torchmetrics with "
                    + "ScoringEngine.score");
        }
        if (acc.pairs() == 0) {
            throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
        }
        return meanIoU(acc.perImageState(), r, 0);
    }

    /** MeanIoU or DiceScore of a stream of mask pairs (each pair one image of class indices). */
    static ScoreOutcome masks(Iterable<MaskPair> pairs, long total, ScoreRequest r, ProgressListener progress)
            throws IOException {
        if (!r.perImage() && !r.torchmetrics().dice()) {
            throw new IllegalArgumentException("directories of masks are scored with --per-image (MeanIoU) or "
                    + "--metric dice (DiceScore) under --semantics torchmetrics");
        }
        if (r.torchmetrics().inputFormat() != SegmentationInput.Format.INDEX) {
            throw new IllegalArgumentException("--input-format one-hot needs NPY arrays (N, C, ...), not directories "
                    + "of masks");
        }
        Segmentation s = new Segmentation(r, 0);
        progress.begin("scoring masks", total);
        try {
            for (MaskPair pair : pairs) {
                NpyArray t = pair.truth();
                NpyArray p = pair.prediction();
                if (!Arrays.equals(t.shape(), p.shape())) {
                    throw new IllegalArgumentException("mask " + pair.name() + ": truth is "
                            + Arrays.toString(t.shape()) + " but prediction is "
                            + Arrays.toString(p.shape()));
                }
                if (t.dtype().isFloating() || p.dtype().isFloating()) {
                    throw new IllegalArgumentException("mask " + pair.name() + " holds floating-point values; masks "
                            + "hold class indices");
                }
                s.add(pair.name(), t.toIntArray(), p.toIntArray());
                progress.step();
            }
        } finally {
            progress.end();
        }
        return s.outcome();
    }

    /** One image at a time into MeanIoU's or DiceScore's state. */
    private static final class Segmentation {
        private final ScoreRequest r;
        private final int channels;
        private final MaskAccumulator iou;
        private final List<LabelCounts> dice = new ArrayList<>();
        private final int ignore;

        Segmentation(ScoreRequest r, int channels) {
            this.r = r;
            this.channels = channels;
            this.iou = r.perImage() ? MaskAccumulator.forRequest(r) : null;
            this.ignore = r.maskIgnoreIndex();
        }

        void add(String name, int[] t, int[] p) {
            if (iou != null) {
                iou.add(name, t, p);
                return;
            }
            int max = 0;
            for (int i = 0; i < t.length; i++) {
                if (t[i] < 0 && t[i] != ignore || p[i] < 0) {
                    throw new IllegalArgumentException("mask " + name + " holds negative class index "
                            + Math.min(t[i], p[i]));
                }
                max = Math.max(max, Math.max(t[i] == ignore ? 0 : t[i], p[i]));
            }
            if (max >= MaskAccumulator.MAX_CLASSES) {
                throw new IllegalArgumentException("mask " + name + " holds class index " + max + "; masks may hold at "
                        + "most " + MaskAccumulator.MAX_CLASSES + " classes");
            }
            dice.add(MulticlassConfusion.withIgnoreIndex(max + 1, ignore).update(t, p).labelCounts());
        }

        ScoreOutcome outcome() {
            if (iou != null) {
                if (iou.pairs() == 0) {
                    throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
                }
                return meanIoU(iou.perImageState(), r, channels);
            }
            if (dice.isEmpty()) {
                throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
            }
            int seen = 0;
            for (LabelCounts c : dice) {
                seen = Math.max(seen, c.size());
            }
            int classes = classes(r, channels, seen);
            TorchmetricsOptions tm = r.torchmetrics();
            DiceScore d = DiceScore.of(classes, tm.includeBackground());
            for (LabelCounts c : dice) {
                d.addImage(c);
            }
            Average a = segmentationAverage(r);
            double[] v = d.compute(a, tm.aggregationLevel());
            ScoreOutcome o = a == Average.NONE ? ScoreOutcome.values("dice", v) : ScoreOutcome.value("dice", v[0]);
            return o.with("average", a.id()).with("semantics", "torchmetrics").with("torchmetrics", "DiceScore")
                    .with("num_classes", (long) classes).with("include_background", tm.includeBackground())
                    .with("aggregation_level", tm.aggregationLevel().id()).with("images", (long) d.images());
        }
    }

    private static ScoreOutcome meanIoU(SegmentationIoU s, ScoreRequest r, int channels) {
        if (s == null) {
            throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
        }
        int classes = classes(r, channels, s.numClasses());
        if (classes > s.numClasses()) {
            s = s.resized(classes);
        }
        TorchmetricsOptions tm = r.torchmetrics();
        boolean bg = tm.includeBackground();
        ScoreOutcome o = tm.perClass() ? ScoreOutcome.values("jaccard", s.meanIoUPerClass(bg))
                : ScoreOutcome.value("jaccard", s.meanIoU(bg));
        return o.with("average", tm.perClass() ? "none" : "per-image").with("semantics", "torchmetrics")
                .with("torchmetrics", "MeanIoU").with("num_classes", (long) classes).with("include_background", bg)
                .with("per_class", tm.perClass()).with("images", s.images());
    }

    /** C: the one-hot channels, else --num-classes, else one more than the largest index seen (at least 1). */
    private static int classes(ScoreRequest r, int channels, int seen) {
        Integer given = r.torchmetrics().numClasses();
        if (channels > 0) {
            if (given != null && given != channels) {
                throw new IllegalArgumentException("--num-classes " + given + " differs from the " + channels
                        + " channels of the one-hot masks");
            }
            return channels;
        }
        if (given == null) {
            return Math.max(1, seen);
        }
        if (seen > given) {
            throw new IllegalArgumentException("the masks hold class index " + (seen - 1) + " but --num-classes is "
                    + given + " (classes 0.." + (given - 1) + ")");
        }
        return given;
    }

    private static Average segmentationAverage(ScoreRequest r) {
        Average a = r.torchmetrics().averageGiven() ? r.options().average() : Average.MACRO;
        if (a != Average.MICRO && a != Average.MACRO && a != Average.WEIGHTED && a != Average.NONE) {
            throw new IllegalArgumentException("--average must be micro, macro, weighted or none for DiceScore; got "
                    + a.id());
        }
        return a;
    }

    // ------------------------------------------------------------------ classification

    private static ScoreOutcome classification(InputArray t, InputArray p, ScoreRequest r) {
        TargetType task = r.options().task();
        if (task == null) {
            throw new IllegalArgumentException("--semantics torchmetrics needs --task binary, multiclass or multilabel "
                    + "(torchmetrics' task)");
        }
        ZeroDivision z = r.options().zeroDivision();
        if (z == ZeroDivision.NAN) {
            throw new IllegalArgumentException("--zero-division must be 0 or 1 with --semantics torchmetrics "
                    + "(torchmetrics' zero_division); got nan");
        }
        TorchmetricsOptions tm = r.torchmetrics();
        TorchmetricsClassification.Builder b = TorchmetricsClassification.Options.builder()
                .metric(r.options().metric()).task(task).ignoreIndex(r.ignoreIndex()).zeroDivision(z.value())
                .numClasses(tm.numClasses());
        if (tm.averageGiven() && task != TargetType.BINARY) {
            b.average(r.options().average());
        }
        if (r.threshold() != null) {
            b.threshold(r.threshold());
        }
        TorchmetricsClassification.Options o = b.build();
        long[] target = t.labels().numericValues();
        TorchmetricsClassification.Result res = TorchmetricsClassification.score(p.toDoubleArray(), p.shape(),
                p.isFloating(), target, t.shape(), o);
        String metric = o.metric() == Metric.JACCARD ? "jaccard" : "f1";
        ScoreOutcome out = res.isPerClass() ? ScoreOutcome.values(metric, res.perClass())
                : ScoreOutcome.value(metric, res.score());
        out.with("average", o.average().id()).with("semantics", "torchmetrics")
                .with("torchmetrics", o.torchmetricsName()).with("task", task == TargetType.MULTILABEL_INDICATOR
                        ? "multilabel" : task.id());
        if (task != TargetType.BINARY) {
            out.with(task == TargetType.MULTILABEL_INDICATOR ? "num_labels" : "num_classes",
                    (long) res.support().length).with("support", res.support());
        }
        return out;
    }
}
