package io.jaccard4j.cli;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.metrics.ZeroDivision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code jaccard4j score}, shared by every command that scores predictions (the local command and
 * the Spark job), with their translation into {@link ScoreOptions}.
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

    /** The scoring options the flags describe (validated: unknown values fail with the accepted ones). */
    protected ScoreOptions scoreOptions() {
        TargetType taskType = "auto".equalsIgnoreCase(task.trim()) ? null : TargetType.parse(task);
        ScoreOptions.Builder ob = ScoreOptions.builder().metric(Metric.parse(metric)).average(Average.parse(average))
                .zeroDivision(ZeroDivision.parse(zeroDivision)).task(taskType).posLabel(ScoreCommand.parseLabel(posLabel));
        if (labels != null) {
            List<Object> ls = new ArrayList<>();
            for (String s : labels) {
                ls.add(ScoreCommand.parseLabel(s));
            }
            ob.labels(ls);
        }
        return ob.build();
    }

    /** Fails unless both --y-true and --y-pred were given. */
    protected void requireInputs() {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("--y-true and --y-pred are required");
        }
    }

    /** Whether {@code --format json} was asked for. */
    protected boolean jsonFormat() {
        return ScoreCommand.parseFormat(format);
    }
}
