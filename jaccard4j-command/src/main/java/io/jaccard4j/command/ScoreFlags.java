package io.jaccard4j.command;

import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.engine.SegmentationRequest;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code jaccard4j score}, declared once for every command that scores predictions (the local
 * command and the Spark job). They only carry text: {@link #request()} hands every value to core's
 * {@link ScoreRequest}, which validates it, so both commands accept and reject exactly the same values with the
 * same messages.
 */
public abstract class ScoreFlags {
    @Option(names = "--y-true", paramLabel = "T", description = "true labels or masks")
    protected Path yTrue;

    @Option(names = "--y-pred", paramLabel = "P",
            description = "predicted labels, scores or masks")
    protected Path yPred;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "auto",
            description = "auto, binary, multiclass or multilabel (default: ${DEFAULT-VALUE}, as type_of_target)")
    protected String task;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "jaccard",
            description = {"jaccard, f1, dice, precision, recall, accuracy, balanced-accuracy, hamming-loss,",
                "zero-one-loss, mcc, cohen-kappa or top-k-accuracy (default: ${DEFAULT-VALUE}); for masks also",
                "boundary-iou, boundary-f1, hausdorff, assd, nsd, generalized-dice, pixel-accuracy,",
                "class-accuracy; with --probs ece, brier, nll"})
    protected String metric;

    @Option(names = "--average", paramLabel = "A",
            description = "binary, micro, macro, weighted, samples or none (default: binary; macro with --semantics "
                    + "torchmetrics)")
    protected String average;

    @Option(names = "--labels", paramLabel = "a,b,...", split = ",",
            description = "labels to score, in output order (column indices for multilabel)")
    protected List<String> labels;

    @Option(names = "--pos-label", paramLabel = "X", defaultValue = "1",
            description = "positive label for --average binary (default: ${DEFAULT-VALUE})")
    protected String posLabel;

    @Option(names = "--zero-division", paramLabel = "Z", defaultValue = "warn",
            description = "warn, 0, 1 or nan: the value of an ill-defined ratio (default: ${DEFAULT-VALUE})")
    protected String zeroDivision;

    @Option(names = "--sample-weight", paramLabel = "W", description = "one weight a sample (CSV/TXT or NPY)")
    protected Path sampleWeight;

    @Option(names = "--ignore-index", paramLabel = "N",
            description = "skip samples/pixels whose true label is N (255 for PASCAL VOC)")
    protected Long ignoreIndex;

    @Option(names = "--threshold", paramLabel = "t",
            description = "binarize score predictions at score >= t (default 0.5 for non-integer predictions)")
    protected Double threshold;

    @Option(names = "--per-image", description = "per-image mean IoU of masks (torchmetrics MeanIoU)")
    protected boolean perImage;

    @Option(names = "--adjusted", description = "balanced-accuracy: rescale so that chance scores 0")
    protected boolean adjusted;

    @Option(names = "--kappa-weights", paramLabel = "W", description = "cohen-kappa: none, linear or quadratic")
    protected String kappaWeights;

    @Option(names = "--k", paramLabel = "K",
            description = "top-k-accuracy: how many of the highest scores count (default 2); --y-pred is N x C scores")
    protected Integer k;

    @Option(names = "--normalize", paramLabel = "true|false",
            description = "accuracy, zero-one-loss, top-k-accuracy: false gives counts (summed weights)")
    protected String normalize;

    @Option(names = "--report", description = "scikit-learn's classification_report (text, or JSON with --format json)")
    protected boolean report;

    @Option(names = "--digits", paramLabel = "D", description = "--report: decimals of the text table (default 2)")
    protected Integer digits;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    protected String format;

    @Option(names = "--semantics", paramLabel = "S", defaultValue = "sklearn", description = "sklearn (default) or "
            + "torchmetrics: JaccardIndex/F1Score (--task), MeanIoU (--per-image), DiceScore (--metric dice)")
    protected String semantics;

    @Option(names = "--num-classes", paramLabel = "C", description = "torchmetrics: num_classes / num_labels "
            + "(default: from the data)")
    protected Integer numClasses;

    @Option(names = "--include-background", paramLabel = "B", description = "true or false: score class 0 "
            + "(torchmetrics MeanIoU, DiceScore: default true; segmentation metrics: default false for hausdorff, "
            + "assd, nsd, true otherwise)")
    protected String includeBackground;

    @Option(names = "--per-class", description = "torchmetrics MeanIoU: one IoU a class (-1: present in no image)")
    protected boolean perClass;

    @Option(names = "--aggregation-level", paramLabel = "L", description = "torchmetrics DiceScore: samplewise "
            + "(default) or global")
    protected String aggregationLevel;

    @Option(names = "--input-format", paramLabel = "F", description = "torchmetrics MeanIoU, DiceScore: index "
            + "(default) or one-hot (N, C, ...)")
    protected String inputFormat;

    @Option(names = "--dilation-ratio", paramLabel = "r", description = "boundary-iou: boundary width / image "
            + "diagonal (default 0.02)")
    protected Double dilationRatio;

    @Option(names = "--tolerance", paramLabel = "t", description = "nsd (required), boundary-f1 (default 1): "
            + "tolerance in the units of --spacing")
    protected Double tolerance;

    @Option(names = "--percentile", paramLabel = "q", description = "hausdorff: percentile of the surface "
            + "distances, e.g. 95 (default 100 = maximum)")
    protected Double percentile;

    @Option(names = "--directed", description = "hausdorff, assd: from the prediction to the truth only")
    protected boolean directed;

    @Option(names = "--distance", paramLabel = "D", description = "euclidean (default), chessboard or taxicab")
    protected String distance;

    @Option(names = "--spacing", paramLabel = "a,b[,c]", split = ",", description = "voxel spacing of the masks "
            + "(default: the NIfTI header, else 1)")
    protected List<String> spacing;

    @Option(names = "--empty-masks", paramLabel = "R", description = "hausdorff, assd: nan (default: leave out a "
            + "class empty on one side) or torchmetrics (+infinity; an error when empty on both sides)")
    protected String emptyMasks;

    @Option(names = "--weight-type", paramLabel = "W", description = "generalized-dice: square (default), simple "
            + "or linear")
    protected String weightType;

    @Option(names = "--probs", paramLabel = "P.npy", description = "ece, brier, nll: probabilities (N, C, spatial...) "
            + "or (N, C)")
    protected Path probs;

    @Option(names = "--bins", paramLabel = "B", description = "ece: number of bins (default 15)")
    protected Integer bins;

    @Option(names = "--binning", paramLabel = "K", description = "ece: width (default) or mass")
    protected String binning;

    @Option(names = "--fine-grained", description = "masks: the JML authors' fine-grained IoU (dataset, per image, "
            + "per class, worst 5 %%, average over q)")
    protected boolean fineGrained;

    @Option(names = "--ci", paramLabel = "level", description = "percentile bootstrap interval at this level, "
            + "e.g. 0.95: over images for masks (segmentation metrics, --fine-grained, jaccard/f1/precision/recall/dice),"
            + " over samples (Poisson weights) for label vectors and the classification metrics")
    protected Double ci;

    @Option(names = "--bootstrap", paramLabel = "R", description = "bootstrap resamples for --ci (default 1000)")
    protected Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", description = "random seed of the bootstrap (default 0)")
    protected Long seed;

    /** The request the flags describe, validated by core. */
    protected ScoreRequest request() {
        boolean segmentationMetric = SegmentationRequest.isSegmentationMetric(metric);
        SegmentationRequest.Builder seg = SegmentationRequest.builder();
        if (segmentationMetric) {
            seg.metric(metric);
        }
        SegmentationRequest s = seg.dilationRatio(dilationRatio).tolerance(tolerance).percentile(percentile)
                .directed(directed).distance(distance).spacing(spacing)
                .includeBackground(segmentationMetric ? includeBackground : null).emptyMasks(emptyMasks)
                .weightType(weightType).probs(probs).bins(bins).binning(binning).fineGrained(fineGrained).ci(ci)
                .bootstrap(bootstrap).seed(seed).buildIfUsed();
        if (s != null && !segmentationMetricsSupported()) {
            throw new IllegalArgumentException("the segmentation metrics and their flags (--metric " + metric
                    + ", --spacing, --probs, --fine-grained, --ci, ...) are scored by the local jaccard4j score, "
                    + "not by this command");
        }
        ScoreRequest.Builder b = ScoreRequest.builder();
        if (!segmentationMetric) {
            b.metric(metric);
        }
        b.average(average).zeroDivision(zeroDivision).task(task).posLabel(posLabel).labelTexts(labels)
                .ignoreIndex(ignoreIndex).threshold(threshold).perImage(perImage).semantics(semantics)
                .adjusted(adjusted).kappaWeights(kappaWeights).k(k).normalize(normalize).report(report).digits(digits)
                .segmentation(s);
        b.torchmetrics().numClasses(numClasses).includeBackground(segmentationMetric ? null : includeBackground)
                .perClass(perClass).aggregationLevel(aggregationLevel).inputFormat(inputFormat);
        return b.build();
    }

    /**
     * Whether this command scores the segmentation metrics ({@link SegmentationRequest}); a command that does not
     * rejects their flags instead of scoring something else.
     */
    protected boolean segmentationMetricsSupported() {
        return false;
    }

    /** The output format asked for. */
    protected OutputFormat outputFormat() {
        return OutputFormat.parse(format);
    }
}
