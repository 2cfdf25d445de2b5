package io.jaccard4j.spark.ml;

import io.jaccard4j.engine.MaskAccumulator;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.spark.SparkScorer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Spark ML {@link org.apache.spark.ml.evaluation.Evaluator} of semantic-segmentation masks, one image a row,
 * scored by jaccard4j-core's engine ({@link MaskAccumulator}, as {@code jaccard4j score} scores mask
 * directories): the two columns hold either flattened masks (arrays of
 * class indices ≥ 0, the same length in both columns of a row) or paths of mask files (PNG or NPY) that the
 * executors read. The class count is the largest index seen + 1; pixels whose truth equals {@code ignoreIndex}
 * count nowhere.
 * <ul>
 *   <li>{@code perImage=false} (default): dataset scores over one pixel confusion matrix, with {@code metricName}
 *       and {@code average} (macro: mean over classes 0 .. C−1 of tp / (tp + fp + fn)), as
 *       {@code jaccard4j score} scores mask directories;</li>
 *   <li>{@code perImage=true}: the per-image mean IoU (torchmetrics' {@code MeanIoU}): IoU of every (image,
 *       class) pair whose class is present in that image's truth or prediction, averaged over those pairs.</li>
 * </ul>
 */
public final class SegmentationEvaluator extends OverlapEvaluator {
    private static final long serialVersionUID = 1L;

    private final BooleanParam perImage;

    /** A new evaluator with a random uid: dataset macro IoU of the "label" and "prediction" mask columns. */
    public SegmentationEvaluator() {
        this(Identifiable.randomUID("segmentationEval"));
    }

    /** A new evaluator with the given uid (the constructor that {@link #load(String)} calls). */
    public SegmentationEvaluator(String uid) {
        super(uid);
        perImage = new BooleanParam(this, "perImage", "per-image mean IoU instead of dataset scores");
        setDefault(perImage, false);
    }

    /** @return whether the per-image mean IoU is computed */
    public BooleanParam perImage() {
        return perImage;
    }

    /** Sets {@code perImage}. */
    public SegmentationEvaluator setPerImage(boolean value) {
        set(perImage, value);
        return this;
    }

    @Override
    protected double evaluateRows(Dataset<Row> dataset) {
        return outcome(dataset).score();
    }

    /** The engine's outcome (dataset scores, or the per-image state) whose score {@link #evaluate} returns. */
    public ScoreOutcome outcome(Dataset<Row> dataset) {
        if (weightColumn() != null) {
            throw new IllegalArgumentException("weightCol does not apply to segmentation masks; clear it");
        }
        ScoreRequest request = ScoreRequest.builder().options(options(true)).ignoreIndex(ignoredLabel())
                .perImage((Boolean) $(perImage)).build();
        return SparkScorer.scoreMasks(dataset, null, $(labelCol()), $(predictionCol()), request);
    }

    /** The reader of a saved evaluator. */
    public static MLReader<SegmentationEvaluator> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads an evaluator saved with {@code write().save(path)}. */
    public static SegmentationEvaluator load(String path) {
        return read().load(path);
    }
}
