package io.jaccard4j.command;

import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.engine.ScoreRequest;
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
            description = "jaccard, f1, dice, precision or recall (default: ${DEFAULT-VALUE})")
    protected String metric;

    @Option(names = "--average", paramLabel = "A", defaultValue = "binary",
            description = "binary, micro, macro, weighted, samples or none (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    protected String format;

    /** The request the flags describe, validated by core. */
    protected ScoreRequest request() {
        return ScoreRequest.builder().metric(metric).average(average).zeroDivision(zeroDivision).task(task)
                .posLabel(posLabel).labelTexts(labels).ignoreIndex(ignoreIndex).threshold(threshold)
                .perImage(perImage).build();
    }

    /** The output format asked for. */
    protected OutputFormat outputFormat() {
        return OutputFormat.parse(format);
    }
}
