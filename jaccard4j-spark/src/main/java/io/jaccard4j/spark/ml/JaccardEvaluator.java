package io.jaccard4j.spark.ml;

import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.spark.SparkColumns;
import io.jaccard4j.spark.SparkScorer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Spark ML {@link org.apache.spark.ml.evaluation.Evaluator} of single-label predictions: scikit-learn's
 * {@code jaccard_score} (J = tp / (tp + fp + fn) per label), {@code f1_score}, {@code precision_score} or
 * {@code recall_score} with the chosen {@code average}, computed by jaccard4j-core from one confusion state a
 * partition ({@link SparkScorer#scoreLabels}). The label and prediction columns hold integers, whole-number
 * doubles (Spark ML's 0.0, 1.0, ...) or strings; the labels scored are those present in either column (plus
 * {@code labels} when set). Usable in a {@code CrossValidator} or {@code TrainValidationSplit}; persistable
 * with {@link #write()} and {@link #load(String)}. See {@link OverlapEvaluator} for the params.
 */
public final class JaccardEvaluator extends OverlapEvaluator {
    private static final long serialVersionUID = 1L;

    /** A new evaluator with a random uid and the default params (macro Jaccard of "label" vs "prediction"). */
    public JaccardEvaluator() {
        this(Identifiable.randomUID("jaccardEval"));
    }

    /** A new evaluator with the given uid (the constructor that {@link #load(String)} calls). */
    public JaccardEvaluator(String uid) {
        super(uid);
    }

    @Override
    protected double evaluateRows(Dataset<Row> dataset) {
        return result(dataset).score();
    }

    /** The full result (per-label scores and support included) whose score {@link #evaluate} returns. */
    public ScoreResult result(Dataset<Row> dataset) {
        String label = $(labelCol());
        String prediction = $(predictionCol());
        boolean numeric = SparkColumns.numericLabels(dataset, label);
        return SparkScorer.scoreLabels(dataset, label, prediction, weightColumn(), ignoredLabel(), options(numeric));
    }

    /** The reader of a saved evaluator. */
    public static MLReader<JaccardEvaluator> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads an evaluator saved with {@code write().save(path)}. */
    public static JaccardEvaluator load(String path) {
        return read().load(path);
    }
}
